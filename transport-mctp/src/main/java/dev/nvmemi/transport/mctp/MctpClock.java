package dev.nvmemi.transport.mctp;

/**
 * Time as the requester sees it: a monotonic clock and a sleep. The seam that lets unit tests run
 * timeouts, More Processing Required waits and tag-exhaustion waits on a virtual clock, without
 * sleeping. Implementations are thread-safe.
 */
public interface MctpClock {

  /** The real clock ({@link System#nanoTime()}, {@link Thread#sleep(long)}). */
  MctpClock SYSTEM = new MctpClock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleep(long millis) throws InterruptedException {
      Thread.sleep(millis);
    }
  };

  /** Monotonic time in nanoseconds. */
  long nanoTime();

  /** Blocks the calling worker thread for {@code millis}. */
  void sleep(long millis) throws InterruptedException;
}
