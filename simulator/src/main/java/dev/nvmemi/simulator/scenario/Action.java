package dev.nvmemi.simulator.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * One thing a scenario makes happen to a drive at a point in time: either a change of the drive's
 * state ({@link StateChange}: the drive itself reports it) or a fault of its management endpoint
 * ({@link Fault}: the drive is fine, the link or the endpoint misbehaves). Immutable records.
 */
public sealed interface Action permits StateChange, Fault {

  /** The name used for this action in scenario files ("temperature", "corrupt_mic", …). */
  String kind();

  /** Requires {@code d} to be present and not negative. */
  static Duration nonNegative(String what, Duration d) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new ScenarioException(what + ": " + d + " (expected: >= 0)");
    }
    return d;
  }

  /** Requires {@code v} within {@code [min, max]}. */
  static int range(String what, int v, int min, int max) {
    if (v < min || v > max) {
      throw new ScenarioException(what + ": " + v + " (expected: " + min + " ~ " + max + ")");
    }
    return v;
  }
}
