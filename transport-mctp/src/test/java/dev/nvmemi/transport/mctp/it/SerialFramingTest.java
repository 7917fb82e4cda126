package dev.nvmemi.transport.mctp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test peer's DSP0253 framing against frames seen on the wire of a real mctp-serial link (mctp-vm.md). */
class SerialFramingTest {
  private static final HexFormat HEX = HexFormat.of();
  // request EID 8 -> 9, tag owner, type 4, body 01 02 7E 7D 03 (7E and 7D escaped; FCS 61 DD)
  private static final String REQUEST_FRAME = "7e010a010908c80401027d5e7d5d0361dd7e";
  // answer EID 9 -> 8, type 4, body 00 AA 7E 55
  private static final String ANSWER_FRAME = "7e01090108" + "09c00400aa7d5e55f8fe7e";

  @Test
  void encodesThePacketTheKernelExpects() {
    byte[] packet = HEX.parseHex("010809c00400aa7e55");

    assertThat(HEX.formatHex(SerialFraming.encode(packet))).isEqualTo(ANSWER_FRAME);
  }

  @Test
  void decodesWhatTheKernelSends() {
    byte[] wire = HEX.parseHex(REQUEST_FRAME);
    List<byte[]> packets = new SerialFraming().feed(wire, wire.length);

    assertThat(packets).hasSize(1);
    assertThat(HEX.formatHex(packets.get(0))).isEqualTo("010908c80401027e7d03");
  }

  @Test
  void dropsAFrameWithABadFcsAndKeepsTheNextOne() {
    byte[] bad = HEX.parseHex(REQUEST_FRAME);
    bad[bad.length - 2] ^= 1;
    byte[] good = HEX.parseHex(REQUEST_FRAME);
    SerialFraming f = new SerialFraming();

    assertThat(f.feed(bad, bad.length)).isEmpty();
    assertThat(f.feed(good, good.length)).hasSize(1);
    assertThat(f.badFrames()).isEqualTo(1);
  }
}
