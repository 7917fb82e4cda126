package dev.nvmemi.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final long S = 1_000_000_000L;
  private final SplittableRandom random = new SplittableRandom(42);

  @Test
  void backoffDoublesFromOneSecondWithEqualJitter() {
    for (int n = 1; n <= 8; n++) {
      long base = S << (n - 1);
      for (int i = 0; i < 50; i++) {
        assertThat(Backoff.delayNanos(n, S, 300 * S, random)).isBetween(base / 2, base);
      }
    }
  }

  @Test
  void backoffIsCappedAtFiveMinutes() {
    for (int i = 0; i < 100; i++) {
      assertThat(Backoff.delayNanos(40, S, 300 * S, random)).isBetween(150 * S, 300 * S);
    }
  }
}
