package dev.nvmemi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.simulator.scenario.ScenarioReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The truth log: every drive's raw ground truth, one JSON line per drive and period. */
class TruthLogTest {
  private final VirtualClock clock = new VirtualClock();

  @Test
  void writesEveryDriveOncePerPeriodWithItsRawRegisters() {
    SimulatedFleet fleet = SimulatedFleet.builder().drives(2).seed(3).clock(clock)
        .scenario(ScenarioReader.parse("""
            {"name": "t", "events": [
              {"at": "1s", "drive": 1, "action": "unresponsive", "duration": "10s"},
              {"at": "1s", "drive": 0, "action": "controller_fatal"}]}"""))
        .build();
    StringWriter out = new StringWriter();
    long[] epoch = {1_764_770_000_000L};
    try (TruthLog log = TruthLog.start(fleet, out, Duration.ofSeconds(1), () -> epoch[0])) {
      clock.runDue();
      epoch[0] += 1000;
      clock.advance(Duration.ofSeconds(1));
    }
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(4);
    String serial0 = fleet.allEndpoints().get(0).serial();
    assertThat(lines.get(0)).startsWith("{\"epochMillis\":1764770000000,\"simNanos\":0,\"eid\":" 
        + fleet.allEndpoints().get(0).currentEid() + ",\"serial\":\"" + serial0 + "\",\"answers\":true,\"present\":true,")
        .contains("\"csts\":[33]"); // RDY, and PP (bit 5) in this model
    assertThat(lines.get(2)).startsWith("{\"epochMillis\":1764770001000,\"simNanos\":1000000000,")
        .contains("\"csts\":[35]"); // now with CFS
    assertThat(lines.get(3)).contains("\"answers\":false,\"present\":true");
  }

  @Test
  void stopsWritingWhenClosed() {
    SimulatedFleet fleet = SimulatedFleet.builder().drives(1).seed(3).clock(clock).build();
    StringWriter out = new StringWriter();
    TruthLog log = TruthLog.start(fleet, out, Duration.ofSeconds(1), () -> 0L);
    clock.runDue();
    log.close();
    clock.advance(Duration.ofSeconds(5));
    assertThat(out.toString().lines()).hasSize(1);
  }
}
