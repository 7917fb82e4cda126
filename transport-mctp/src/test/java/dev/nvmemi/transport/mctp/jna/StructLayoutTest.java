package dev.nvmemi.transport.mctp.jna;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Structure;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The JNA structures against the C layouts of include/uapi/linux/mctp.h (mctp.md §1.2): sizes, and
 * each field's offset, seen by writing distinct values and reading the native bytes back.
 */
class StructLayoutTest {

  private static String bytes(Structure s) {
    s.write();
    return HexFormat.of().formatHex(s.getPointer().getByteArray(0, s.size()));
  }

  @Test
  void sockaddrMctpIsTwelveBytesWithTheDocumentedOffsets() {
    SockaddrMctp s = SockaddrMctp.of(new MctpAddress(0x01020304, 0x09, 0x84, 0x18));

    assertThat(s.size()).isEqualTo(SockaddrMctp.SIZE).isEqualTo(12);
    // family 45 @0 (u16), pad0 @2, network @4 (u32), eid @8, type @9, tag @10, pad1 @11
    assertThat(bytes(s)).isEqualTo("2d00" + "0000" + "04030201" + "09" + "84" + "18" + "00");
  }

  @Test
  void sockaddrMctpReadsBackWhatTheKernelWrote() {
    SockaddrMctp s = new SockaddrMctp();
    s.getPointer().write(0, HexFormat.of().parseHex("2d000000010000000984" + "0000"), 0, 12);
    s.read();

    assertThat(s.toAddress()).isEqualTo(new MctpAddress(1, 9, 0x84, 0));
  }

  @Test
  void sockaddrMctpExtIsFiftyTwoBytes() {
    SockaddrMctpExt s = new SockaddrMctpExt();
    s.smctp_base.smctp_network = 1;
    s.smctp_ifindex = 0x0A0B0C0D;
    s.smctp_halen = 1;
    s.smctp_haddr[0] = 0x1D;

    assertThat(s.size()).isEqualTo(SockaddrMctpExt.SIZE).isEqualTo(52);
    String hex = bytes(s);
    assertThat(hex.substring(24, 32)).as("smctp_ifindex @12").isEqualTo("0d0c0b0a");
    assertThat(hex.substring(32, 34)).as("smctp_halen @16").isEqualTo("01");
    assertThat(hex.substring(40, 42)).as("smctp_haddr @20").isEqualTo("1d");
  }

  @Test
  void tagControlStructuresHaveTheKernelSizesAndOffsets() {
    MctpIocTagCtl v1 = new MctpIocTagCtl();
    v1.peer_addr = 9;
    v1.tag = 0x18;
    v1.flags = 0x0102;
    assertThat(v1.size()).isEqualTo(MctpIocTagCtl.SIZE).isEqualTo(4);
    assertThat(bytes(v1)).isEqualTo("09" + "18" + "0201");

    MctpIocTagCtl2 v2 = new MctpIocTagCtl2();
    v2.net = 1;
    v2.peer_addr = 9;
    v2.tag = 0x19;
    assertThat(v2.size()).isEqualTo(MctpIocTagCtl2.SIZE).isEqualTo(12);
    // net @0, peer_addr @4, local_addr @5 (0xff = any), flags @6, tag @8, 3 bytes tail padding
    assertThat(bytes(v2)).isEqualTo("01000000" + "09" + "ff" + "0000" + "19" + "000000");
  }

  @Test
  void pollFdIsEightBytes() {
    PollFd p = new PollFd();
    p.fd = 7;
    p.events = (short) MctpConstants.POLLIN;

    assertThat(p.size()).isEqualTo(8);
    assertThat(bytes(p)).isEqualTo("07000000" + "0100" + "0000");
  }
}
