package dev.nvmemi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.simulator.scenario.Scenario;
import dev.nvmemi.simulator.scenario.StateChange;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A control stream changes a running fleet: each line's events count from when it is read. */
class ScenarioControlTest {
  private final VirtualClock clock = new VirtualClock();
  private final SimulatedFleet fleet = SimulatedFleet.builder().drives(2).seed(7).clock(clock).build();

  private int spare(int drive) {
    return fleet.allEndpoints().get(drive).inspect(d -> d.availableSpare());
  }

  private ScenarioControl control(String text) throws InterruptedException {
    ScenarioControl c = ScenarioControl.start(fleet, "test", () -> new StringReader(text));
    assertThat(c.awaitEnd(10_000)).as("the control stream ended").isTrue();
    return c;
  }

  @Test
  void aLinesEventsCountFromTheMomentItIsRead() throws InterruptedException {
    clock.advance(Duration.ofSeconds(30));
    int before1 = spare(1);
    int before0 = spare(0);
    control("""
        {"name": "low", "events": [{"at": "2s", "drive": 1, "action": "spare", "percent": 3}]}
        """);
    clock.advance(Duration.ofSeconds(1));
    assertThat(spare(1)).as("1 s after the line: not yet").isEqualTo(before1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(spare(1)).as("2 s after the line (32 s after the start)").isEqualTo(3);
    assertThat(spare(0)).as("the other drive").isEqualTo(before0);
  }

  @Test
  void aBadLineIsCountedAndSkippedAndCommentsAreIgnored() throws InterruptedException {
    ScenarioControl c = control("""
        # step 1
        {"name": "x", "events": [{"at": "0s", "action": "melt"}]}

        {"name": "unplug", "events": [{"at": "0s", "drive": 0, "action": "unresponsive", "duration": "5s"}]}
        """);
    assertThat(c.rejected()).isEqualTo(1);
    assertThat(c.applied()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(fleet.allEndpoints().get(0).answers()).isFalse();
    clock.advance(Duration.ofSeconds(5));
    assertThat(fleet.allEndpoints().get(0).answers()).isTrue();
  }

  @Test
  void addedEventsKeepTheOrderOfTheFilesPendingOnes() {
    SimulatedFleet f = SimulatedFleet.builder().drives(1).seed(7).clock(clock)
        .scenario(Scenario.builder("file").at(Duration.ofSeconds(10), 0, new StateChange.Spare(50, Duration.ZERO))
            .build()).build();
    clock.advance(Duration.ofSeconds(2));
    // at 2 s: "spare 20 % in 3 s" (5 s), before the file's 10 s step
    f.schedule(Scenario.builder("ctl").at(Duration.ofSeconds(3), 0, new StateChange.Spare(20, Duration.ZERO)).build());
    clock.advance(Duration.ofSeconds(4));
    assertThat((int) f.allEndpoints().get(0).inspect(d -> d.availableSpare())).isEqualTo(20);
    clock.advance(Duration.ofSeconds(5));
    assertThat((int) f.allEndpoints().get(0).inspect(d -> d.availableSpare())).isEqualTo(50);
  }
}
