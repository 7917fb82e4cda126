package dev.nvmemi.simulator;

import static dev.nvmemi.simulator.Msg.admin;
import static dev.nvmemi.simulator.Msg.mi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.client.ExchangeOptions;
import dev.nvmemi.mi.client.MiTransport;
import dev.nvmemi.simulator.scenario.Scenario;
import dev.nvmemi.simulator.scenario.ScenarioReader;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Same seed and scenario on a virtual clock → the same bytes, every run. */
class DeterminismTest {

  private static byte[] run(long seed, Scenario scenario) {
    VirtualClock clock = new VirtualClock();
    SimulatedFleet fleet = SimulatedFleet.builder().clock(clock).drives(3).seed(seed).scenario(scenario).build();
    ExchangeOptions o = ExchangeOptions.defaults("script");
    ByteArrayOutputStream transcript = new ByteArrayOutputStream();
    byte[][] script = {
        mi(0, 0x01, 0, 0),
        mi(0, 0x02, 1 << 31 | 3 << 16, 1 << 31),
        admin(0x02, 0, -1, 0, 512, 0x007F0002),
        admin(0x06, 0, 0, 0, 4096, 0x01),
        admin(0x02, 0, -1, 0, 256, 63 << 16 | 0x01),
    };
    for (int second = 0; second < 120; second += 2) {
      for (EndpointInfo e : fleet.allEndpoints().stream().map(SimulatedEndpoint::info).toList()) {
        MiTransport t = fleet.endpoint(e.network(), e.eid());
        for (byte[] req : script) {
          CompletableFuture<byte[]> f = t.exchange(req, o).toCompletableFuture();
          clock.advance(Duration.ofMillis(50));
          if (!f.isDone()) {
            transcript.write(0xDD);
          } else if (f.isCompletedExceptionally()) {
            transcript.write(0xEE);
          } else {
            transcript.writeBytes(f.join());
          }
        }
      }
      clock.advance(Duration.ofMillis(2000 - 50L * script.length * 3));
    }
    return transcript.toByteArray();
  }

  private static Scenario flaky() {
    return ScenarioReader.read(Path.of("scenarios/flaky-link.json"));
  }

  @Test
  void sameSeedAndScenarioGiveTheSameBytes() {
    Scenario s = flaky();
    byte[] a = run(42, s);
    byte[] b = run(42, s);
    assertThat(a.length).isGreaterThan(100_000);
    assertThat(a).isEqualTo(b);
  }

  @Test
  void everyShippedScenarioIsDeterministic() {
    for (String name : new String[] {"overheat", "wear-out", "drive-replacement", "error-answers"}) {
      Scenario s = ScenarioReader.read(Path.of("scenarios/" + name + ".json"));
      assertThat(run(7, s)).as(name).isEqualTo(run(7, s));
    }
  }

  @Test
  void anotherSeedGivesOtherDrives() {
    Scenario s = flaky();
    assertThat(run(42, s)).isNotEqualTo(run(43, s));
  }
}
