package dev.nvmemi.simulator;

import java.time.Duration;

/**
 * The simulator's notion of time: a monotonic nanosecond counter that starts at 0 when the clock
 * is created, and a timer. Everything in the simulator that depends on time (drive state, scenario
 * steps, faults, bus occupancy, response delays) reads this clock, so a test can swap in a
 * {@link VirtualClock} and get the same bytes on every run.
 *
 * <p>Implementations are thread-safe. Scheduled tasks run on the clock's own thread
 * ({@link SystemClock}: the daemon thread {@code sim-clock}) or on the thread that advances a
 * {@link VirtualClock}.
 */
public interface SimClock {

  /** Nanoseconds since this clock started; never decreases. */
  long nanos();

  /**
   * Runs {@code task} once, {@code delayNanos} from now (0 or less: as soon as possible, but never
   * on the calling thread).
   */
  Cancellable schedule(long delayNanos, Runnable task);

  /** {@link #schedule(long, Runnable)} with a {@link Duration}. */
  default Cancellable schedule(Duration delay, Runnable task) {
    return schedule(delay.toNanos(), task);
  }

  /** A handle to a scheduled task. */
  @FunctionalInterface
  interface Cancellable {
    /** A handle that does nothing. */
    Cancellable NONE = () -> false;

    /** Cancels the task if it has not run yet; returns true when it was cancelled. */
    boolean cancel();
  }
}
