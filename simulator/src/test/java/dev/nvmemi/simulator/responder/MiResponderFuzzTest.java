package dev.nvmemi.simulator.responder;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nvmemi.mi.internal.Mic;
import dev.nvmemi.simulator.Fixtures;
import dev.nvmemi.simulator.FuzzInputs;
import dev.nvmemi.simulator.SimulatedEndpoint;
import dev.nvmemi.simulator.VirtualClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target (Jazzer) for the simulator's request handling: a fresh endpoint (the drive of the
 * shared vectors) gets a sequence of requests ({@link FuzzInputs#chunks} with 2-byte lengths), each
 * as it is and with its MIC recomputed, 100 ms apart; no request makes it throw, and every answer is
 * a well-formed response (type 84h, ROR=1, NMIMT and CSI echoed, at least 12 bytes, MIC right).
 * Corpus: {@code MiResponderFuzzTestInputs/requests/}.
 *
 * <p>Thread: the JUnit test thread (libFuzzer's when fuzzing).
 */
@Timeout(value = FuzzInputs.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MiResponderFuzzTest {

  @FuzzTest
  void requests(byte[] input) {
    VirtualClock clock = new VirtualClock();
    SimulatedEndpoint ep = Fixtures.vectorFleet(clock).build().allEndpoints().get(0);
    for (byte[] msg : FuzzInputs.chunks(input, 2)) {
      exchange(ep, msg);
      if (msg.length >= Mic.LENGTH) {
        byte[] sealed = msg.clone();
        Mic.seal(sealed);
        if (!Arrays.equals(sealed, msg)) {
          exchange(ep, sealed);
        }
      }
      clock.advance(Duration.ofMillis(100));
      byte[] aem = ep.dueAem();
      if (aem != null) {
        assertThat(Mic.verify(aem)).as("AEM MIC").isTrue();
      }
    }
  }

  private static void exchange(SimulatedEndpoint ep, byte[] request) {
    byte[] r = ep.process(request).response();
    if (r != null) {
      assertThat(r.length).as("response length").isGreaterThanOrEqualTo(12);
      assertThat(r[0] & 0xFF).as("message type").isEqualTo(0x84);
      assertThat(r[1] & 0x80).as("ROR").isEqualTo(0x80);
      assertThat(r[1] & 0x79).as("NMIMT and CSI echoed").isEqualTo(request[1] & 0x79);
      assertThat(Mic.verify(r)).as("response MIC").isTrue();
    }
    MiResponder.PendingReplay replay = ep.takeReplay();
    if (replay != null) {
      assertThat(Mic.verify(replay.message())).as("replayed response MIC").isTrue();
    }
  }
}
