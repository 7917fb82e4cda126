/**
 * The agent's one composition root: {@link dev.nvmemi.agent.pipeline.AgentPipeline} wires a
 * discovery source, the fleet of endpoint sessions, the bus scheduler and the endpoint clients
 * (AF_MCTP transports built from the configuration in {@link dev.nvmemi.agent.pipeline.MctpClients},
 * or the simulator's in-process ones). {@code run}, {@code once}, the bench harness and the tests
 * all build the pipeline here, so a test exercises what production runs.
 */
package dev.nvmemi.agent.pipeline;
