package dev.nvmemi.transport.mctp.dbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MctpdDiscoveryOptionsTest {
  @Test
  void anExplicitAddressWins() {
    assertThat(MctpdDiscoveryOptions.resolveBusAddress("unix:path=/x",
        Map.of("NVME_MI_AGENT_DISCOVERY_DBUS_ADDRESS", "unix:path=/a", "DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/s")::get))
        .isEqualTo("unix:path=/x");
  }

  @Test
  void theAgentVariableComesBeforeTheSystemBusVariable() {
    assertThat(MctpdDiscoveryOptions.resolveBusAddress(" ",
        Map.of("NVME_MI_AGENT_DISCOVERY_DBUS_ADDRESS", "unix:path=/a", "DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/s")::get))
        .isEqualTo("unix:path=/a");
    assertThat(MctpdDiscoveryOptions.resolveBusAddress(null, Map.of("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/s")::get))
        .isEqualTo("unix:path=/s");
  }

  @Test
  void theDefaultIsTheRunDbusSystemSocket() {
    assertThat(MctpdDiscoveryOptions.resolveBusAddress(null, k -> null)).isEqualTo("unix:path=/run/dbus/system_bus_socket");
  }

  @Test
  void rejectsAnAddressWithoutTransport() {
    assertThatThrownBy(() -> MctpdDiscoveryOptions.defaults("/run/dbus/system_bus_socket"))
        .hasMessage("bad D-Bus address \"/run/dbus/system_bus_socket\" (expected: transport:key=value,"
            + " e.g. unix:path=/run/dbus/system_bus_socket)");
  }

  @Test
  void rejectsAReconnectCapBelowTheFirstDelay() {
    assertThatThrownBy(() -> MctpdDiscoveryOptions.defaults("unix:path=/x")
        .withReconnect(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("(expected: max >= initial)");
  }

  @Test
  void rejectsANegativeGrace() {
    assertThatThrownBy(() -> MctpdDiscoveryOptions.defaults("unix:path=/x").withGrace(Duration.ofSeconds(-1)))
        .hasMessageContaining("grace must be non-negative");
  }

  @Test
  void reconnectDelayDoublesFromTheInitialDelayUpToTheCap() {
    MctpdDiscoveryOptions o = MctpdDiscoveryOptions.defaults("unix:path=/x"); // 1 s doubling to 30 s, ±20 %
    assertThat(MctpdDiscovery.backoffMillis(0, o, 0.5)).isEqualTo(1000);
    assertThat(MctpdDiscovery.backoffMillis(1, o, 0.5)).isEqualTo(2000);
    assertThat(MctpdDiscovery.backoffMillis(4, o, 0.5)).isEqualTo(16000);
    assertThat(MctpdDiscovery.backoffMillis(5, o, 0.5)).isEqualTo(30000);
    assertThat(MctpdDiscovery.backoffMillis(500, o, 0.5)).isEqualTo(30000);
  }

  @Test
  void reconnectDelayIsSpreadByTheJitter() {
    MctpdDiscoveryOptions o = MctpdDiscoveryOptions.defaults("unix:path=/x");
    assertThat(MctpdDiscovery.backoffMillis(1, o, 0.0)).isEqualTo(1600);
    assertThat(MctpdDiscovery.backoffMillis(1, o, 0.999999)).isEqualTo(2400);
  }
}
