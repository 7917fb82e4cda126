package dev.nvmemi.transport.mctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.transport.mctp.MctpRouteTable.Link;
import dev.nvmemi.transport.mctp.MctpRouteTable.Route;
import dev.nvmemi.testsupport.Required;
import dev.nvmemi.transport.mctp.jna.NetlinkMessage;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MctpRouteTableTest {

  @BeforeAll
  static void littleEndianFixtures() {
    Required.component(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN,
        "a little-endian host (the rtnetlink fixtures are dumps in x86-64 host order)");
  }

  private static MctpRouteTable table() {
    byte[] links = Hex.fixture("rtnetlink/link-dump.hex");
    byte[] routes = Hex.fixture("rtnetlink/route-dump.hex");
    return MctpRouteTable.parse(NetlinkMessage.parseAll(links, links.length),
        NetlinkMessage.parseAll(routes, routes.length));
  }

  @Test
  void readsMctpLinksWithTheirNetworkAndSkipsOtherLinks() {
    assertThat(table().links()).containsOnlyKeys(2).containsEntry(2, new Link(2, "mctpserial0", 1));
  }

  @Test
  void readsUnicastRoutesWithEidRangesAndMtuAndSkipsLocalAndOtherFamilies() {
    assertThat(table().routes()).containsExactly(new Route(9, 9, 2, 0), new Route(0x10, 0x17, 2, 68));
  }

  @Test
  void mapsNetworkAndEidToTheInterface() {
    MctpRouteTable t = table();

    assertThat(t.lookup(1, 9)).map(Link::name).contains("mctpserial0");
    assertThat(t.lookup(0, 9)).as("network 0 is the default network 1").map(Link::name).contains("mctpserial0");
    assertThat(t.lookup(1, 0x17)).map(Link::name).contains("mctpserial0");
    assertThat(t.lookup(1, 0x18)).isEmpty();
    assertThat(t.lookup(1, 8)).as("a local EID is not a route").isEmpty();
    assertThat(t.lookup(2, 9)).as("another network").isEmpty();
  }

  @Test
  void rejectsAMessageWhoseLengthRunsPastTheDatagram() {
    byte[] routes = Hex.fixture("rtnetlink/route-dump.hex");
    routes[0] = (byte) 0xF0;

    assertThatThrownBy(() -> NetlinkMessage.parseAll(routes, routes.length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("netlink message length 240 at offset 0 (expected: 16..188)");
  }

  @Test
  void rejectsAnAttributeWhoseLengthRunsPastItsMessage() {
    byte[] links = Hex.fixture("rtnetlink/link-dump.hex");
    links[40 + 32] = (byte) 0x7F; // IFLA_IFNAME length of mctpserial0

    assertThatThrownBy(() -> MctpRouteTable.parse(NetlinkMessage.parseAll(links, links.length), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("netlink attribute length 127 at offset 16");
  }
}
