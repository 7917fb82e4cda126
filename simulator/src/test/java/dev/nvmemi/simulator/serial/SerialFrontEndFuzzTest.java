package dev.nvmemi.simulator.serial;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nvmemi.mi.internal.Mic;
import dev.nvmemi.simulator.FuzzInputs;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.simulator.VirtualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets (Jazzer) for the MCTP-serial front end (DSP0253 framing, packet decoding,
 * reassembly, MCTP control and NVMe-MI dispatch) of a fresh one-drive server at EID 9: no input
 * makes {@link MctpSerialServer#feed} throw or count a failed answer, and whatever it sends back is
 * well-formed frames. Corpus: {@code SerialFrontEndFuzzTestInputs/<method>/}.
 *
 * <p>Thread: the JUnit test thread (libFuzzer's when fuzzing).
 */
@Timeout(value = FuzzInputs.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SerialFrontEndFuzzTest {

  /** The raw byte stream of the line: flags, escapes, revisions, lengths and FCS as they come. */
  @FuzzTest
  void byteStream(byte[] input) {
    serve(input);
  }

  /**
   * Well-framed packets: each chunk ({@link FuzzInputs#chunks}, 1-byte lengths) is one MCTP packet
   * (header and payload) framed with a right FCS; a one-packet NVMe-MI message (SOM and EOM, type
   * 04h) also gets its MIC recomputed, so fuzzing reaches the responder and not only the checks.
   */
  @FuzzTest
  void packets(byte[] input) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (byte[] packet : FuzzInputs.chunks(input, 1)) {
      line.writeBytes(SerialFraming.encode(packet));
      if (packet.length >= MctpPacket.HEADER_LENGTH + 8 && (packet[3] & 0xC0) == 0xC0
          && (packet[MctpPacket.HEADER_LENGTH] & 0x7F) == 0x04) {
        byte[] msg = Arrays.copyOfRange(packet, MctpPacket.HEADER_LENGTH, packet.length);
        Mic.seal(msg);
        byte[] sealed = packet.clone();
        System.arraycopy(msg, 0, sealed, MctpPacket.HEADER_LENGTH, msg.length);
        line.writeBytes(SerialFraming.encode(sealed));
      }
    }
    serve(line.toByteArray());
  }

  private static void serve(byte[] bytes) {
    VirtualClock clock = new VirtualClock();
    SimulatedFleet fleet = SimulatedFleet.builder().clock(clock).eids(9).seed(2).build();
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    MctpSerialServer server = new MctpSerialServer(new ByteArrayInputStream(new byte[0]), wire,
        fleet.allEndpoints(), clock, MctpFragmenter.SERIAL_MTU);
    server.feed(bytes, 0, bytes.length);
    clock.advance(Duration.ofSeconds(2));
    assertThat(server.failures()).as("messages whose handling failed").isZero();
    byte[] sent = wire.toByteArray();
    SerialFrameDecoder check = new SerialFrameDecoder(MctpFragmenter.SERIAL_MTU, p -> { });
    check.feed(sent, 0, sent.length);
    assertThat(check.fcsErrors() + check.framingErrors()).as("bad frames sent").isZero();
  }
}
