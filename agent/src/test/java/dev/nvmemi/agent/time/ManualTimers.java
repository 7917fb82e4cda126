package dev.nvmemi.agent.time;

import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A virtual clock: time stands still until {@link #advance} moves it, running every task that falls
 * due in time order on the calling thread. {@link #execute} queues tasks from any thread; they run
 * at the current virtual time on the next {@link #runPending()} / {@link #advance}. Deterministic:
 * tests assert exact event sequences without sleeping.
 *
 * <p>Driven by one thread at a time (the test); {@link #nanoTime()} and {@link #execute} are
 * thread-safe.
 */
public final class ManualTimers implements Timers {
  private final PriorityQueue<Entry> timers = new PriorityQueue<>();
  private final ConcurrentLinkedQueue<Runnable> immediate = new ConcurrentLinkedQueue<>();
  private final long epochBaseNanos;
  private volatile long now;
  private long seq;

  /** Starts at virtual time 0 and the given wall-clock epoch (nanoseconds). */
  public ManualTimers(long epochBaseNanos) {
    this.epochBaseNanos = epochBaseNanos;
  }

  public ManualTimers() {
    this(1_700_000_000_000_000_000L);
  }

  private static final class Entry implements Comparable<Entry> {
    final long due;
    final long seq;
    final Runnable task;
    boolean cancelled;

    Entry(long due, long seq, Runnable task) {
      this.due = due;
      this.seq = seq;
      this.task = task;
    }

    @Override
    public int compareTo(Entry o) {
      int c = Long.compare(due, o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public long epochNanos() {
    return epochBaseNanos + now;
  }

  @Override
  public synchronized Cancellable schedule(long delayNanos, Runnable task) {
    Entry e = new Entry(now + Math.max(0, delayNanos), seq++, task);
    timers.add(e);
    return () -> e.cancelled = true;
  }

  @Override
  public void execute(Runnable task) {
    immediate.add(task);
  }

  /** Runs everything that is due now (immediate tasks and timers at the current time). */
  public void runPending() {
    advanceTo(now);
  }

  /** Moves virtual time forward by {@code amount}, running every task that falls due. */
  public void advance(long amount, TimeUnit unit) {
    advanceTo(now + unit.toNanos(amount));
  }

  /** Moves virtual time forward by {@code d}. */
  public void advance(java.time.Duration d) {
    advanceTo(now + d.toNanos());
  }

  /** Moves virtual time to {@code target}, running every task that falls due in order. */
  public void advanceTo(long target) {
    while (true) {
      Runnable r;
      while ((r = immediate.poll()) != null) {
        r.run();
      }
      Entry next;
      synchronized (this) {
        next = timers.peek();
        if (next == null || next.due > target) {
          break;
        }
        timers.poll();
      }
      if (next.cancelled) {
        continue;
      }
      if (next.due > now) {
        now = next.due;
      }
      next.task.run();
    }
    if (target > now) {
      now = target;
    }
  }

  /** Timers not yet run (cancelled ones included until they are reached). */
  public synchronized int scheduledCount() {
    return (int) timers.stream().filter(e -> !e.cancelled).count();
  }
}
