package dev.nvmemi.agent.telemetry;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Edge detection with flap suppression for one state of one drive: reports a change only when the
 * observed value differs from the last <em>emitted</em> one; when the value changes
 * {@code transitions} times within {@code window} it is flapping and nothing is reported until it
 * has been stable for a whole window, then the settled value is reported once if it differs from
 * the last emitted.
 *
 * <p>Confined to the agent context.
 *
 * @param <T> the state type
 */
final class EdgeGuard<T> {
  private final long windowNanos;
  private final int transitions;
  private final ArrayDeque<Long> changes = new ArrayDeque<>();
  private T observed;
  private T emitted;
  private boolean flapping;
  private long lastChange;

  EdgeGuard(long windowNanos, int transitions, T initial) {
    this.windowNanos = windowNanos;
    this.transitions = transitions;
    this.observed = initial;
    this.emitted = initial;
  }

  /** Outcome of one observation. */
  enum Verdict { NONE, EMIT, SUPPRESSED }

  T emitted() {
    return emitted;
  }

  /** Observes {@code value} at {@code now}; on EMIT the caller emits and the value becomes the emitted one. */
  Verdict offer(T value, long now) {
    if (!Objects.equals(value, observed)) {
      boolean firstReading = observed == null; // unknown → known is learning the value, not a flap
      observed = value;
      lastChange = now;
      if (windowNanos > 0 && !firstReading) {
        changes.addLast(now);
        while (!changes.isEmpty() && now - changes.peekFirst() > windowNanos) {
          changes.removeFirst();
        }
        if (changes.size() >= transitions) {
          flapping = true;
        }
      }
      if (flapping) {
        return Objects.equals(value, emitted) ? Verdict.NONE : Verdict.SUPPRESSED;
      }
      if (Objects.equals(value, emitted)) {
        return Verdict.NONE;
      }
      emitted = value;
      return Verdict.EMIT;
    }
    if (flapping && now - lastChange >= windowNanos) {
      flapping = false;
      changes.clear();
      if (!Objects.equals(observed, emitted)) {
        emitted = observed;
        return Verdict.EMIT;
      }
    }
    return Verdict.NONE;
  }

  /** Forgets everything (drive replaced). */
  void reset(T initial) {
    observed = initial;
    emitted = initial;
    flapping = false;
    changes.clear();
  }
}
