package dev.nvmemi.transport.discovery;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Subscribes to an event stream and lets a test wait for the next events with a timeout (no
 * sleeps). Records a violation if an event arrives off the expected Vert.x context or off an
 * event-loop thread. Test fixture; the queue is thread-safe.
 */
public final class EventRecorder implements AutoCloseable {
  private final LinkedBlockingQueue<EndpointEvent> queue = new LinkedBlockingQueue<>();
  private final AtomicReference<String> violation = new AtomicReference<>();
  private final AtomicReference<Throwable> error = new AtomicReference<>();
  private final Disposable subscription;

  public EventRecorder(Flowable<EndpointEvent> events, Context expected) {
    subscription = events.subscribe(e -> {
      if (Vertx.currentContext() != expected || !Context.isOnEventLoopThread()) {
        violation.compareAndSet(null, e + " delivered on " + Thread.currentThread().getName()
            + " (expected: the source's event-loop context)");
      }
      queue.add(e);
    }, error::set);
  }

  /** The next {@code n} events, failing after {@code timeout} with what did arrive. */
  public List<EndpointEvent> next(int n, Duration timeout) throws InterruptedException {
    List<EndpointEvent> out = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (out.size() < n) {
      long left = deadline - System.nanoTime();
      EndpointEvent e = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
      if (e == null) {
        throw new AssertionError("expected " + n + " events within " + timeout + ", got " + out.size() + ": " + out
            + (error.get() == null ? "" : " (stream failed: " + error.get() + ")"));
      }
      out.add(e);
    }
    checkThreads();
    return out;
  }

  /** Asserts that no event arrives within {@code quiet}: used after the sequence is complete. */
  public void expectNothing(Duration quiet) throws InterruptedException {
    EndpointEvent e = queue.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
    if (e != null) {
      throw new AssertionError("unexpected event " + e);
    }
    checkThreads();
  }

  private void checkThreads() {
    if (violation.get() != null) {
      throw new AssertionError(violation.get());
    }
  }

  @Override
  public void close() {
    subscription.dispose();
  }
}
