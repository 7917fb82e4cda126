/**
 * Simulated NVMe-MI drives: {@link dev.nvmemi.simulator.SimulatedFleet} (the endpoint constructor
 * of the in-process transport), {@link dev.nvmemi.simulator.SimulatedEndpoint} (drive model,
 * responders and fault engine), the clocks ({@link dev.nvmemi.simulator.SystemClock}, {@link
 * dev.nvmemi.simulator.VirtualClock}) and the fleet generator. Thread rules are on each class.
 */
package dev.nvmemi.simulator;
