package dev.nvmemi.simulator.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * One timed step of a scenario.
 *
 * @param at time relative to the start of the simulation
 * @param drive index of the drive in the fleet (0-based), or {@link #ALL_DRIVES}
 * @param action what happens
 */
public record ScenarioEvent(Duration at, int drive, Action action) {
  /** {@link #drive} value that selects every drive. */
  public static final int ALL_DRIVES = -1;

  public ScenarioEvent {
    Action.nonNegative("at", at);
    Objects.requireNonNull(action, "action");
    if (drive < ALL_DRIVES) {
      throw new ScenarioException("drive: " + drive + " (expected: >= 0, or all drives)");
    }
  }

  /** True when this event applies to drive {@code index}. */
  public boolean appliesTo(int index) {
    return drive == ALL_DRIVES || drive == index;
  }
}
