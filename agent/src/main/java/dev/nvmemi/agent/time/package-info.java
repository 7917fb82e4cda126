/**
 * Time for everything timer-driven in the agent (scheduler, backoff, staleness, events): the
 * {@link dev.nvmemi.agent.time.Timers} seam with a Vert.x implementation for production and a
 * deterministic virtual clock ({@link dev.nvmemi.agent.time.ManualTimers}) for tests and the
 * scale harness.
 */
package dev.nvmemi.agent.time;
