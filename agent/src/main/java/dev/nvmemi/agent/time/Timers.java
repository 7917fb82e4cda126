package dev.nvmemi.agent.time;

import java.util.concurrent.Executor;

/**
 * Clock, timers and the agent's execution context in one seam. Every task given to
 * {@link #schedule} or {@link #execute} runs on the agent's single logical thread (the verticle's
 * event loop, or the test thread driving a {@link ManualTimers}); {@link #nanoTime()} and
 * {@link #epochNanos()} may be read from any thread (metric readers).
 */
public interface Timers extends Executor {

  /** Monotonic time in nanoseconds. */
  long nanoTime();

  /** Wall-clock time in nanoseconds since the epoch (event timestamps). */
  long epochNanos();

  /** Runs {@code task} after {@code delayNanos} (≤ 0: as soon as possible) on the agent context. */
  Cancellable schedule(long delayNanos, Runnable task);

  /** Runs {@code task} on the agent context, from any thread. */
  @Override
  void execute(Runnable task);

  /** A scheduled task that can be cancelled; cancelling twice or after it ran is harmless. */
  @FunctionalInterface
  interface Cancellable {
    Cancellable NONE = () -> { };

    void cancel();
  }
}
