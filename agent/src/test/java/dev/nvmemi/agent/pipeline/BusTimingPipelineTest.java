package dev.nvmemi.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.poll.BusScheduler;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.EndpointState;
import dev.nvmemi.simulator.timing.BusTiming;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusTimingPipelineTest {
  @Test
  void modelledHundredKilohertzBusIdentifiesEveryDriveAndStaysWithinTheUtilizationBudget() {
    try (PipelineHarness h = new PipelineHarness(8, null, Map.of(), BusTiming.smbus(100_000, Duration.ofMillis(1)))) {
      h.advance(Duration.ofSeconds(30));
      for (EndpointSession s : h.fleet.sessions()) {
        assertThat(s.state()).as(s.key().toString()).isEqualTo(EndpointState.ACTIVE);
      }
      h.advance(Duration.ofSeconds(120));
      BusScheduler.Lane lane = h.fleet.lanes().values().iterator().next();
      assertThat(lane.utilization()).isLessThanOrEqualTo(0.5 + 0.02);
      assertThat(h.events()).hasSize(8);
    }
  }
}
