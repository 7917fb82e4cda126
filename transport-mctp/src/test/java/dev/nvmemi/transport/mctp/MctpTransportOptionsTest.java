package dev.nvmemi.transport.mctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MctpTransportOptionsTest {

  @Test
  void defaultsToOneExchangePerBusAndAThirtySecondMprCap() {
    MctpTransportOptions o = MctpTransportOptions.defaults();

    assertThat(o.busConcurrency()).isEqualTo(1);
    assertThat(o.busOverrides()).isEmpty();
    assertThat(o.mprWaitCap()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.lanes()).isSameAs(MctpBusLanes.shared());
  }

  @Test
  void rejectsABusConcurrencyBelowOne() {
    assertThatThrownBy(() -> MctpTransportOptions.defaults().withBusConcurrency(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("bus.concurrency: 0 (expected: >= 1)");
  }

  @Test
  void rejectsAZeroMprWaitCap() {
    assertThatThrownBy(() -> MctpTransportOptions.defaults().withMprWaitCap(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("poll.mpr_wait_cap: PT0S (expected: > 0)");
  }

  @Test
  void rejectsAnOverrideKeyThatIsNotNetworkColonEid() {
    assertThatThrownBy(() -> MctpTransportOptions.defaults().withBusOverrides(Map.of("eid9", "mctpi2c1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bus.overrides key: \"eid9\" (expected: <network>:<eid>, e.g. 1:9)");
  }
}
