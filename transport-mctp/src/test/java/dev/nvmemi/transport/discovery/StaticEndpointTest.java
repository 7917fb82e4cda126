package dev.nvmemi.transport.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StaticEndpointTest {
  @Test
  void parsesNetworkAndEid() {
    assertThat(StaticEndpoint.parse("1:9")).isEqualTo(new StaticEndpoint(new EndpointKey(1, 9), null));
  }

  @Test
  void parsesAnOptionalBusName() {
    assertThat(StaticEndpoint.parse(" 1:9@mctpi2c3 ")).isEqualTo(new StaticEndpoint(new EndpointKey(1, 9), "mctpi2c3"));
  }

  @Test
  void parsesAListSeparatedByCommasOrSpaces() {
    assertThat(StaticEndpoint.parseList("1:9@mctpi2c3, 1:10 2:8")).extracting(StaticEndpoint::toString)
        .containsExactly("1:9@mctpi2c3", "1:10", "2:8");
    assertThat(StaticEndpoint.parseList("  ")).isEmpty();
    assertThat(StaticEndpoint.parseAll(List.of("1:9", "1:11@mctpserial0"))).hasSize(2);
  }

  @Test
  void rejectsAMissingEid() {
    assertThatThrownBy(() -> StaticEndpoint.parse("1"))
        .hasMessage("bad static endpoint \"1\" (expected: net:eid or net:eid@bus, e.g. 1:9 or 1:9@mctpi2c3)");
  }

  @Test
  void rejectsAReservedEid() {
    assertThatThrownBy(() -> StaticEndpoint.parse("1:7"))
        .hasMessage("bad static endpoint \"1:7\": EID out of range: 7 (expected: unicast 8 ~ 254)");
  }

  @Test
  void rejectsTheBroadcastEid() {
    assertThatThrownBy(() -> StaticEndpoint.parse("1:255")).hasMessageContaining("EID out of range: 255");
  }

  @Test
  void rejectsANetworkBeyondThirtyTwoBits() {
    assertThatThrownBy(() -> StaticEndpoint.parse("4294967296:9"))
        .hasMessageContaining("network id out of range: 4294967296 (expected: 0 ~ 4294967295)");
  }

  @Test
  void rejectsABusNameLongerThanAnInterfaceName() {
    assertThatThrownBy(() -> StaticEndpoint.parse("1:9@mctpi2c3456789abcdef")).hasMessageContaining("bad static endpoint");
  }

  @Test
  void rejectsTheSameEndpointTwice() {
    assertThatThrownBy(() -> StaticEndpoint.parseList("1:9,1:9@mctpi2c3"))
        .hasMessage("static endpoint 1:9 listed twice (expected: each net:eid once)");
  }
}
