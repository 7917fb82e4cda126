/**
 * Polling: the bus-aware scheduler (design §5: one lane per physical bus, priorities, bus-time
 * budget), the per-endpoint session state machine (design §4) and the fleet of sessions fed by
 * discovery. Everything here runs on the agent's single logical thread (the verticle's event loop
 * or a virtual clock's driver, see {@link dev.nvmemi.agent.time.Timers}); only the volatile
 * snapshots are read from metric reader threads.
 */
package dev.nvmemi.agent.poll;
