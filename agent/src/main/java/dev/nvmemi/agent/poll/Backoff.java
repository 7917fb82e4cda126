package dev.nvmemi.agent.poll;

import java.util.SplittableRandom;

/**
 * Exponential backoff with equal jitter (design §4): after {@code n} consecutive failures the base
 * delay is {@code initial × 2^(n−1)}, capped at {@code max}, and the delay is drawn from
 * {@code [base/2, base]}. Pure; thread-safe given a confined {@code random}.
 */
final class Backoff {
  private Backoff() {}

  static long delayNanos(int failures, long initialNanos, long maxNanos, SplittableRandom random) {
    long base = initialNanos;
    for (int i = 1; i < failures && base < maxNanos; i++) {
      base = base * 2;
    }
    base = Math.min(base, maxNanos);
    long half = base / 2;
    return half + (half > 0 ? random.nextLong(half + 1) : 0);
  }
}
