package dev.nvmemi.simulator.responder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.internal.Mic;
import dev.nvmemi.simulator.Fixtures;
import dev.nvmemi.simulator.SimulatedEndpoint;
import dev.nvmemi.simulator.VirtualClock;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Arbitrary, MIC-sealed requests never break the endpoint: every one is answered well-formed or dropped. */
class RandomRequestsTest {

  @Test
  void randomRequestsGetAWellFormedAnswerOrNone() {
    VirtualClock clock = new VirtualClock();
    SimulatedEndpoint ep = Fixtures.vectorFleet(clock).build().allEndpoints().get(0);
    SplittableRandom r = new SplittableRandom(99);
    int answered = 0;
    for (int i = 0; i < 30_000; i++) {
      int len = 8 + r.nextInt(i % 10 == 0 ? 4200 : 90);
      byte[] m = new byte[len];
      r.nextBytes(m);
      m[0] = (byte) 0x84;
      // mostly request headers of the three families, sometimes anything
      if (r.nextInt(4) != 0) {
        m[1] = (byte) (new int[] {0x00, 0x08, 0x10, 0x20}[r.nextInt(4)] | r.nextInt(2));
        m[4] = (byte) (r.nextBoolean() ? r.nextInt(16) : m[4]);
      }
      Mic.seal(m);
      byte[] resp = ep.process(m).response();
      if (resp != null) {
        answered++;
        assertThat(Mic.verify(resp)).isTrue();
        assertThat(resp.length).isGreaterThanOrEqualTo(12);
        assertThat(resp[1] & 0x79).as("NMIMT and CSI echoed").isEqualTo(m[1] & 0x79);
      }
    }
    assertThat(answered).isGreaterThan(10_000);
  }
}
