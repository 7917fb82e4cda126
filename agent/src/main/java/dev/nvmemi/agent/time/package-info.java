/**
 * Time for everything timer-driven in the agent (scheduler, backoff, staleness, events): the
 * {@link dev.nvmemi.agent.time.Timers} seam with its Vert.x implementation. Tests and the bench
 * harness use the deterministic virtual clocks {@code ManualTimers} and {@code SimClockTimers} from
 * the agent's test-jar (never part of the production jar).
 */
package dev.nvmemi.agent.time;
