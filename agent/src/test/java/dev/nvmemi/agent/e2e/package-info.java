/**
 * End-to-end tests of the agent with real external services: the simulated fleet polled by the
 * real agent, its events exported by the {@code alertmanager} plugin into a real
 * {@code prometheus-alertmanager} process (issue #6). Test-thread driven; the agent runs on its own
 * Vert.x event loop, the exporter on its sender thread.
 */
package dev.nvmemi.agent.e2e;
