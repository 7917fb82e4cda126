package dev.nvmemi.simulator;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A clock that moves only when a test calls {@link #advance(Duration)}. Due tasks run in time
 * order (ties in scheduling order) on the thread that advances the clock, with {@link #nanos()}
 * set to each task's due time while it runs. Tasks may schedule further tasks; those run in the
 * same {@code advance} call if they fall due within it.
 *
 * <p>Thread-safe: any thread may schedule; advancing from two threads at once is serialised.
 */
public final class VirtualClock implements SimClock {
  private final Object lock = new Object();
  private final Object advanceLock = new Object();
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long now;
  private long sequence;

  /** A clock at time 0. */
  public VirtualClock() {
  }

  @Override
  public long nanos() {
    synchronized (lock) {
      return now;
    }
  }

  @Override
  public Cancellable schedule(long delayNanos, Runnable task) {
    synchronized (lock) {
      Task t = new Task(now + Math.max(0, delayNanos), sequence++, task);
      queue.add(t);
      return () -> {
        synchronized (lock) {
          return queue.remove(t);
        }
      };
    }
  }

  /** Moves time forward by {@code delta}, running every task that falls due on the way. */
  public void advance(Duration delta) {
    if (delta.isNegative()) {
      throw new IllegalArgumentException("delta: " + delta + " (expected: >= 0)");
    }
    synchronized (advanceLock) {
      long target;
      synchronized (lock) {
        target = now + delta.toNanos();
      }
      while (true) {
        Task next;
        synchronized (lock) {
          next = queue.peek();
          if (next == null || next.due > target) {
            now = target;
            return;
          }
          queue.poll();
          now = Math.max(now, next.due);
        }
        next.task.run();
      }
    }
  }

  /** Runs the tasks that are already due without moving time. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /** Number of tasks waiting. */
  public int pending() {
    synchronized (lock) {
      return queue.size();
    }
  }

  private record Task(long due, long seq, Runnable task) implements Comparable<Task> {
    @Override
    public int compareTo(Task o) {
      int c = Long.compare(due, o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
