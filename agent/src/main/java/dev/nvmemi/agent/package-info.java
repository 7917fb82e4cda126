/**
 * The nvme-mi-agent: {@link dev.nvmemi.agent.AgentVerticle} (the agent core as one Vert.x
 * verticle); the command line ({@code cli.AgentMain}) deploys it. Subpackages:
 * config, discovery, drive, poll (scheduler and sessions), telemetry, export, http, cli, time.
 */
package dev.nvmemi.agent;
