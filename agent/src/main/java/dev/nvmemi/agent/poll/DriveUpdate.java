package dev.nvmemi.agent.poll;

import java.util.Objects;

/**
 * One step of an endpoint's outcome stream after the drive model: the outcome and the snapshot
 * before and after it. Events are the differences between {@code before} and {@code after}.
 * Immutable; thread-safe.
 */
public record DriveUpdate(DriveSnapshot before, PollOutcome outcome, DriveSnapshot after) {
  public DriveUpdate {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(after, "after");
  }

  /** Whether the lifecycle state changed. */
  public boolean transition() {
    return before.state() != after.state();
  }
}
