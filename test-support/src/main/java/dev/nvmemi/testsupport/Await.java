package dev.nvmemi.testsupport;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way a test waits for something that runs on its own clock: a real process (Prometheus,
 * dbus-daemon, Alertmanager, a launched JVM), another thread (the agent's event loop, an exporter's
 * sender). Every wait is bounded by a deadline and names what it waited for, so a failure reads
 * "timed out after PT30S waiting for four identified drives", not a bare {@code expected true}.
 *
 * <p>Prefer, in this order: a virtual clock where the code under test takes its time from one (no
 * waiting at all); a signal the code gives ({@link #done}: a future, a Vert.x future's completion
 * stage); and only for what gives no signal, a polled condition ({@link #until}) or a polled look
 * ({@link #value}). The polling pause
 * starts at 1 ms and doubles up to 50 ms, so a condition that holds soon is seen soon; a look that
 * costs what it looks at keeps a pace of its own ({@link #every}). Nothing here
 * waits for a fixed time, and no assertion is about time: the deadline only turns a hang into a
 * named failure.
 *
 * <p>What a condition may throw:
 * <ul>
 *   <li>an {@link Error} (an {@link AssertionError} from an assertion inside it) or an
 *       {@link IllegalStateException} (say, "the process exited") ends the wait at once: the
 *       condition will never hold;</li>
 *   <li>any other exception means "not yet" (a server still starting refuses connections); the last
 *       one is the cause of the timeout error.</li>
 * </ul>
 *
 * <p>Stateless (a {@link Paced} is immutable); runs on the calling (test) thread, which it blocks.
 */
public final class Await {
  /** The default pace: the pause starts at 1 ms and doubles up to 50 ms. */
  private static final Paced DEFAULT = new Paced(1, 50);

  private Await() {}

  /**
   * Waits that look no more often than every {@code pause}: for a look that costs the thing looked
   * at (a scrape of a thousand drives), so the wait does not change what it measures.
   */
  public static Paced every(Duration pause) {
    long millis = pause.toMillis();
    if (millis < 1) {
      throw new IllegalArgumentException("pause: " + pause + " (expected: at least 1 ms)");
    }
    return new Paced(millis, millis);
  }

  /** The waits {@link #until} and {@link #value} at a pace of their own; see {@link #every}. */
  public static final class Paced {
    private final long firstPauseMillis;
    private final long maxPauseMillis;

    private Paced(long firstPauseMillis, long maxPauseMillis) {
      this.firstPauseMillis = firstPauseMillis;
      this.maxPauseMillis = maxPauseMillis;
    }

    /** As {@link Await#until(String, Duration, Condition, Supplier)}, at this pace. */
    public void until(String what, Duration timeout, Condition condition, Supplier<String> context) {
      Objects.requireNonNull(condition, "condition");
      poll(what, timeout, () -> condition.holds() ? Boolean.TRUE : null, v -> v != null, context);
    }

    /** As {@link Await#value(String, Duration, Probe, Predicate, Supplier)}, at this pace. */
    public <T> T value(String what, Duration timeout, Probe<T> probe, Predicate<? super T> done,
        Supplier<String> context) {
      return poll(what, timeout, probe, done, context);
    }

    private <T> T poll(String what, Duration timeout, Probe<T> probe, Predicate<? super T> done,
        Supplier<String> context) {
      Objects.requireNonNull(what, "what");
      long deadline = System.nanoTime() + timeout.toNanos();
      long pause = firstPauseMillis;
      T seen = null;
      Exception last = null;
      while (true) {
        try {
          seen = probe.look();
          last = null;
          if (done.test(seen)) {
            return seen;
          }
        } catch (IllegalStateException e) {
          throw e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted waiting for " + what, e);
        } catch (Exception e) {
          last = e;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(timeoutMessage(what, timeout, seen, context.get()), last);
        }
        try {
          // the one polling pause of all the tests
          Thread.sleep(Math.max(1, Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left))));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted waiting for " + what, e);
        }
        pause = Math.min(pause * 2, maxPauseMillis);
      }
    }
  }

  /** A condition asked again until it holds; may throw while what it asks is not ready yet. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  /** A look at something (an HTTP answer, a snapshot); may throw while it is not ready yet. */
  @FunctionalInterface
  public interface Probe<T> {
    T look() throws Exception;
  }

  /**
   * Waits until {@code condition} holds.
   *
   * @param what what is awaited, as the failure message names it ("Prometheus scraped all three drives")
   * @throws AssertionError when {@code timeout} passes first, or the condition fails an assertion
   */
  public static void until(String what, Duration timeout, Condition condition) {
    until(what, timeout, condition, () -> "");
  }

  /**
   * Waits until {@code condition} holds; a timeout's message adds {@code context} (a process's log,
   * the last answer seen), computed only then.
   */
  public static void until(String what, Duration timeout, Condition condition, Supplier<String> context) {
    DEFAULT.until(what, timeout, condition, context);
  }

  /**
   * Looks with {@code probe} until what it sees satisfies {@code done}, and returns that. A
   * timeout's message shows the last thing seen.
   */
  public static <T> T value(String what, Duration timeout, Probe<T> probe, Predicate<? super T> done) {
    return value(what, timeout, probe, done, () -> "");
  }

  /** As {@link #value(String, Duration, Probe, Predicate)}; a timeout's message adds {@code context}. */
  public static <T> T value(String what, Duration timeout, Probe<T> probe, Predicate<? super T> done,
      Supplier<String> context) {
    return DEFAULT.value(what, timeout, probe, done, context);
  }

  /**
   * Waits for {@code signal} to complete and returns its value: the wait for something the code
   * signals itself (no polling).
   *
   * @throws AssertionError naming {@code what} when it does not complete in time, completes
   *     exceptionally (the failure is the cause) or is cancelled
   */
  public static <T> T done(String what, Duration timeout, CompletionStage<T> signal) {
    try {
      return signal.toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out after " + timeout + " waiting for " + what, e);
    } catch (ExecutionException e) {
      throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
    } catch (CancellationException e) {
      throw new AssertionError(what + " was cancelled", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + what, e);
    }
  }

  private static String timeoutMessage(String what, Duration timeout, Object seen, String context) {
    StringBuilder m = new StringBuilder("timed out after ").append(timeout).append(" waiting for ").append(what);
    if (seen != null) {
      m.append("; last seen: ").append(seen);
    }
    if (context != null && !context.isEmpty()) {
      m.append("; ").append(context);
    }
    return m.toString();
  }
}
