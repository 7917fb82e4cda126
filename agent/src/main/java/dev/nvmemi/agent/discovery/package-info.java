/**
 * Where the agent's endpoints come from: the {@link dev.nvmemi.agent.discovery.EndpointSource} seam
 * with a static list, the in-process simulated fleet and mctpd over D-Bus (through
 * {@code dev.nvmemi.transport.discovery}). Sources deliver to the fleet on the agent context.
 */
package dev.nvmemi.agent.discovery;
