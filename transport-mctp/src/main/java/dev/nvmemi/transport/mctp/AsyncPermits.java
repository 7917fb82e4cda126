package dev.nvmemi.transport.mctp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/**
 * A counting semaphore that never blocks: {@link #acquire()} returns a future completed when a
 * permit is granted, in FIFO order. Used for the per-bus lanes and the per-slot serialisation.
 * Thread-safe: called from callers' threads and from the worker threads that release.
 */
final class AsyncPermits {
  private final Object lock = new Object();
  private final Deque<CompletableFuture<Void>> waiters = new ArrayDeque<>();
  private final int capacity;
  private int available;

  AsyncPermits(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits: " + permits + " (expected: >= 1)");
    }
    this.capacity = permits;
    this.available = permits;
  }

  /** Completes (possibly at once, on this thread) when a permit is ours. */
  CompletableFuture<Void> acquire() {
    synchronized (lock) {
      if (available > 0) {
        available--;
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> f = new CompletableFuture<>();
      waiters.addLast(f);
      return f;
    }
  }

  /** Returns a permit; the oldest waiter (if any) gets it, completed on this thread. */
  void release() {
    CompletableFuture<Void> next;
    synchronized (lock) {
      next = waiters.pollFirst();
      if (next == null) {
        if (available == capacity) {
          throw new IllegalStateException("release without acquire");
        }
        available++;
        return;
      }
    }
    next.complete(null);
  }

  /** Permits not taken (for tests). */
  int available() {
    synchronized (lock) {
      return available;
    }
  }

  /** The number of permits. */
  int capacity() {
    return capacity;
  }
}
