/**
 * Scenarios: timed state changes and faults for a simulated fleet, from JSON files (read by a
 * small strict JSON reader, no library) or built in code. Immutable records; the reader is
 * stateless.
 */
package dev.nvmemi.simulator.scenario;
