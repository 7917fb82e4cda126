package dev.nvmemi.simulator;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Real time: {@link System#nanoTime()} relative to creation, and one daemon timer thread named
 * {@code sim-clock} that runs every scheduled task (keep tasks short: they complete futures and
 * write a few bytes). {@link #close()} stops the thread.
 *
 * <p>Thread-safe.
 */
public final class SystemClock implements SimClock, AutoCloseable {
  private final long origin = System.nanoTime();
  private final ScheduledThreadPoolExecutor timer;

  /** Starts the timer thread. */
  public SystemClock() {
    timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "sim-clock");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
  }

  @Override
  public long nanos() {
    return System.nanoTime() - origin;
  }

  @Override
  public Cancellable schedule(long delayNanos, Runnable task) {
    if (timer.isShutdown()) {
      return Cancellable.NONE;
    }
    var f = timer.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  /** Stops the timer thread; tasks not yet run are dropped. Idempotent. */
  @Override
  public void close() {
    timer.shutdownNow();
  }
}
