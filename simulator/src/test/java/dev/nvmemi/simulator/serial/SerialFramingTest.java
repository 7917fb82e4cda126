package dev.nvmemi.simulator.serial;

import static dev.nvmemi.simulator.Msg.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SerialFramingTest {

  // mctp-vm.md, seen on a real kernel's mctp-serial: EID 8 -> 9, SOM|EOM|TO tag 0, type 4,
  // body 01 02 7E 7D 03 (the 7E and 7D escaped on the wire).
  private static final String REQUEST_PACKET = "01 09 08 c8 04 01 02 7e 7d 03";
  private static final String REQUEST_FRAME = "7e 01 0a 01 09 08 c8 04 01 02 7d 5e 7d 5d 03 61 dd 7e";
  // ... and the framed answer from EID 9: SOM|EOM tag 0, type 4, body 00 AA 7E 55.
  private static final String ANSWER_PACKET = "01 08 09 c0 04 00 aa 7e 55";
  private static final String ANSWER_FRAME = "7e 01 09 01 08 09 c0 04 00 aa 7d 5e 55 f8 fe 7e";

  @Test
  void fcsIsCrc16Mcrf4xx() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(Fcs16.update(Fcs16.INIT, check, 0, check.length)).isEqualTo(0x6F91);
  }

  @Test
  void encodesTheKernelRequestExampleByteForByte() {
    assertThat(hex(SerialFraming.encode(hex(REQUEST_PACKET)))).isEqualTo(REQUEST_FRAME.replace(" ", ""));
  }

  @Test
  void encodesTheKernelAnswerExampleByteForByte() {
    assertThat(hex(SerialFraming.encode(hex(ANSWER_PACKET)))).isEqualTo(ANSWER_FRAME.replace(" ", ""));
  }

  @Test
  void decodesBothWireExamples() {
    List<byte[]> got = new ArrayList<>();
    SerialFrameDecoder d = new SerialFrameDecoder(255, got::add);
    byte[] wire = hex(REQUEST_FRAME + ANSWER_FRAME);
    d.feed(wire, 0, wire.length);
    assertThat(got).hasSize(2);
    assertThat(hex(got.get(0))).isEqualTo(REQUEST_PACKET.replace(" ", ""));
    assertThat(hex(got.get(1))).isEqualTo(ANSWER_PACKET.replace(" ", ""));
    MctpPacket p = MctpPacket.decode(got.get(0));
    assertThat(p.destination()).isEqualTo(9);
    assertThat(p.source()).isEqualTo(8);
    assertThat(p.som() && p.eom() && p.tagOwner()).isTrue();
    assertThat(p.tag()).isZero();
    assertThat(hex(p.payload())).isEqualTo("040102 7e7d03".replace(" ", ""));
  }

  @Test
  void encodesTheKunitGetEidSamples() {
    // mctp.md §2.7 test vectors
    assertThat(hex(SerialFraming.encode(hex("01 00 08 c8 00 80 02"))))
        .isEqualTo("7e010701 0008c800 80022bc1 7e".replace(" ", ""));
    assertThat(hex(SerialFraming.encode(hex("01 08 00 c0 00 00 02 00 00 00 00"))))
        .isEqualTo("7e010b0108 00c0000002 00000000 3c987e".replace(" ", ""));
  }

  @Test
  void escapesFlagAndEscapeBytesAndNothingElse() {
    byte[] frame = SerialFraming.encode(hex("01 00 08 c8 7e 7d 5e 5d"));
    // 7E -> 7D 5E, 7D -> 7D 5D; 5E and 5D themselves pass unchanged
    assertThat(hex(frame)).startsWith("7e010801 0008c8 7d5e 7d5d 5e5d".replace(" ", ""));
    List<byte[]> got = new ArrayList<>();
    SerialFrameDecoder d = new SerialFrameDecoder(255, got::add);
    d.feed(frame, 0, frame.length);
    assertThat(hex(got.get(0))).isEqualTo("010008c87e7d5e5d");
  }

  @Test
  void dropsAFrameWithABadFcsAndCountsIt() {
    byte[] wire = hex(REQUEST_FRAME);
    wire[wire.length - 2] ^= 0x01;
    List<byte[]> got = new ArrayList<>();
    SerialFrameDecoder d = new SerialFrameDecoder(255, got::add);
    d.feed(wire, 0, wire.length);
    assertThat(got).isEmpty();
    assertThat(d.fcsErrors()).isEqualTo(1);
  }

  @Test
  void dropsACorruptedPayloadByte() {
    byte[] wire = hex(ANSWER_FRAME);
    wire[8] ^= 0x40;
    List<byte[]> got = new ArrayList<>();
    SerialFrameDecoder d = new SerialFrameDecoder(255, got::add);
    d.feed(wire, 0, wire.length);
    assertThat(got).isEmpty();
    assertThat(d.fcsErrors()).isEqualTo(1);
  }

  @Test
  void resynchronisesAfterGarbageAndAWrongRevision() {
    byte[] wire = hex("00 11 7e 02 05 01 02 03 7e" + REQUEST_FRAME.replace(" ", ""));
    List<byte[]> got = new ArrayList<>();
    SerialFrameDecoder d = new SerialFrameDecoder(255, got::add);
    d.feed(wire, 0, wire.length);
    assertThat(got).hasSize(1);
    assertThat(d.framingErrors()).isEqualTo(1);
  }

  @Test
  void rejectsALengthAboveTheLimit() {
    List<byte[]> got = new ArrayList<>();
    SerialFrameDecoder d = new SerialFrameDecoder(68, got::add);
    byte[] big = new byte[69];
    big[0] = 1;
    byte[] wire = SerialFraming.encode(big);
    d.feed(wire, 0, wire.length);
    assertThat(got).isEmpty();
    assertThat(d.framingErrors()).isEqualTo(1);
  }

  @Test
  void acceptsASharedFlagBetweenFrames() {
    byte[] a = hex(REQUEST_FRAME);
    byte[] b = hex(ANSWER_FRAME);
    byte[] wire = new byte[a.length + b.length - 1];
    System.arraycopy(a, 0, wire, 0, a.length);
    System.arraycopy(b, 1, wire, a.length, b.length - 1);
    List<byte[]> got = new ArrayList<>();
    new SerialFrameDecoder(255, got::add).feed(wire, 0, wire.length);
    assertThat(got).hasSize(2);
  }

  @Test
  void fragmentationAndReassemblyRoundTripUpTo4224Bytes() {
    SplittableRandom r = new SplittableRandom(7);
    for (int size : new int[] {1, 63, 64, 65, 127, 128, 129, 1000, 4095, 4096, 4224}) {
      byte[] msg = new byte[size];
      for (int i = 0; i < size; i++) {
        msg[i] = (byte) (i % 3 == 0 ? 0x7E : i % 5 == 0 ? 0x7D : r.nextInt(256));
      }
      List<MctpPacket> packets = MctpFragmenter.fragment(msg, 9, 8, true, 5, MctpFragmenter.SERIAL_MTU, 0);
      assertThat(packets).hasSize((size + 63) / 64);
      assertThat(packets.get(0).som()).isTrue();
      assertThat(packets.get(packets.size() - 1).eom()).isTrue();
      List<byte[]> got = new ArrayList<>();
      SerialFrameDecoder d = new SerialFrameDecoder(MctpFragmenter.SERIAL_MTU, got::add);
      for (MctpPacket p : packets) {
        assertThat(p.encode().length).isLessThanOrEqualTo(MctpFragmenter.SERIAL_MTU);
        byte[] frame = SerialFraming.encode(p.encode());
        d.feed(frame, 0, frame.length);
      }
      MctpReassembler re = new MctpReassembler(64 * 1024);
      MctpReassembler.Message out = null;
      for (byte[] raw : got) {
        MctpReassembler.Message m = re.accept(MctpPacket.decode(raw));
        if (m != null) {
          out = m;
        }
      }
      assertThat(out).as("message of %d bytes", size).isNotNull();
      assertThat(out.body()).isEqualTo(msg);
      assertThat(out.tag()).isEqualTo(5);
      assertThat(out.source()).isEqualTo(8);
    }
  }

  @Test
  void sequenceNumbersWrapModuloFour() {
    List<MctpPacket> packets = MctpFragmenter.fragment(new byte[64 * 6], 9, 8, false, 0, 68, 0);
    assertThat(packets).extracting(MctpPacket::sequence).containsExactly(0, 1, 2, 3, 0, 1);
  }

  @Test
  void reassemblyDropsAMessageWithASequenceGap() {
    List<MctpPacket> packets = MctpFragmenter.fragment(new byte[200], 9, 8, true, 1, 68, 0);
    MctpReassembler re = new MctpReassembler(64 * 1024);
    assertThat(re.accept(packets.get(0))).isNull();
    assertThat(re.accept(packets.get(2))).isNull();
    assertThat(re.accept(packets.get(3))).isNull();
    assertThat(re.dropped()).isEqualTo(2);
  }

  @Test
  void reassemblyDropsBothMessagesOnADuplicateSom() {
    List<MctpPacket> packets = MctpFragmenter.fragment(new byte[100], 9, 8, true, 1, 68, 0);
    MctpReassembler re = new MctpReassembler(64 * 1024);
    re.accept(packets.get(0));
    assertThat(re.accept(packets.get(0))).isNull();
    assertThat(re.accept(packets.get(1))).isNull();
    assertThat(re.dropped()).isEqualTo(3);
  }
}
