package dev.nvmemi.agent.e2e;

import java.time.Duration;

/**
 * Bounded waits for conditions on things with their own clocks (an Alertmanager process, the
 * agent's event loop, the exporter's sender thread): the condition is polled every 50 ms until it
 * holds or the deadline passes. Nothing waits for a fixed time.
 *
 * <p>Runs on the calling (test) thread.
 */
final class Await {
  private static final long POLL_MILLIS = 50;

  private Await() {}

  /** A condition that may throw while the thing it asks is not ready yet. */
  @FunctionalInterface
  interface Condition {
    boolean holds() throws Exception;
  }

  /**
   * Polls {@code condition} until it returns true. An {@link IllegalStateException} (a process that
   * died) ends the wait at once; other exceptions count as "not yet" and the last one is attached
   * to the timeout error.
   *
   * @throws AssertionError when {@code timeout} passes first
   */
  static void until(Duration timeout, String what, Condition condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (true) {
      try {
        if (condition.holds()) {
          return;
        }
        last = null;
      } catch (IllegalStateException e) {
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
