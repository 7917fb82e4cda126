package dev.nvmemi.transport.mctp;

import java.util.concurrent.atomic.AtomicLong;

/** A virtual clock: time moves only when the code under test sleeps or a fake poll times out. */
final class FakeClock implements MctpClock {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public void sleep(long millis) {
    advance(millis);
  }

  void advance(long millis) {
    nanos.addAndGet(millis * 1_000_000L);
  }

  /** Moves the clock forward to {@code atNanos} if it is behind. */
  void advanceTo(long atNanos) {
    nanos.accumulateAndGet(atNanos, Math::max);
  }

  long millis() {
    return nanos.get() / 1_000_000L;
  }
}
