package dev.nvmemi.agent.telemetry;

import static dev.nvmemi.agent.telemetry.EdgeGuard.Verdict.EMIT;
import static dev.nvmemi.agent.telemetry.EdgeGuard.Verdict.NONE;
import static dev.nvmemi.agent.telemetry.EdgeGuard.Verdict.SUPPRESSED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EdgeGuardTest {
  private static final long S = 1_000_000_000L;

  @Test
  void reportsEachChangeOnceAndNothingWhileTheValueStays() {
    EdgeGuard<String> g = new EdgeGuard<>(300 * S, 4, "ok");
    assertThat(g.offer("ok", 0)).isEqualTo(NONE);
    assertThat(g.offer("degraded", 5 * S)).isEqualTo(EMIT);
    assertThat(g.offer("degraded", 10 * S)).isEqualTo(NONE);
    assertThat(g.offer("ok", 15 * S)).isEqualTo(EMIT);
    assertThat(g.emitted()).isEqualTo("ok");
  }

  @Test
  void aFlappingValueIsSuppressedUntilStableForAWindowThenReportedOnce() {
    EdgeGuard<String> g = new EdgeGuard<>(60 * S, 4, "ok");
    assertThat(g.offer("degraded", 1 * S)).isEqualTo(EMIT);
    assertThat(g.offer("ok", 2 * S)).isEqualTo(EMIT);
    assertThat(g.offer("degraded", 3 * S)).isEqualTo(EMIT);
    assertThat(g.offer("ok", 4 * S)).isEqualTo(SUPPRESSED);    // 4th transition in the window: flapping
    assertThat(g.offer("degraded", 5 * S)).isEqualTo(NONE);    // back to what was last emitted
    assertThat(g.offer("failed", 6 * S)).isEqualTo(SUPPRESSED);
    assertThat(g.offer("failed", 30 * S)).isEqualTo(NONE);     // not yet stable for a window
    assertThat(g.offer("failed", 66 * S)).isEqualTo(EMIT);     // stable for 60 s: the settled value, once
    assertThat(g.offer("failed", 70 * S)).isEqualTo(NONE);
    assertThat(g.emitted()).isEqualTo("failed");
  }

  @Test
  void flapSuppressionOffWithAZeroWindow() {
    EdgeGuard<Boolean> g = new EdgeGuard<>(0, 2, false);
    for (int i = 1; i <= 10; i++) {
      assertThat(g.offer(i % 2 == 1, i * S)).isEqualTo(EMIT);
    }
  }
}
