package dev.nvmemi.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.time.ManualTimers;
import dev.nvmemi.mi.client.MiResult;
import dev.nvmemi.transport.discovery.BusId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One endpoint's work queue on a virtual clock, with exchanges the test completes by hand. */
class WorkQueueTest {
  private final ManualTimers timers = new ManualTimers();
  private final AgentConfig config = ConfigLoader.build(Map.of());
  private final BusScheduler.Lane lane = new BusScheduler(timers, config.bus()).lane(BusId.of("mctpi2c0"));
  private final List<PollOutcome> outcomes = new ArrayList<>();
  private final WorkQueue work = new WorkQueue(timers, lane, config.bus().forBus("mctpi2c0"), "test", outcomes::add);
  private final List<CompletableFuture<MiResult<String>>> calls = new ArrayList<>();

  private CompletionStage<MiResult<String>> call() {
    CompletableFuture<MiResult<String>> f = new CompletableFuture<>();
    calls.add(f);
    return f;
  }

  @Test
  void anAemAcknowledgementWaitingToStartAbsorbsTheNextOnes() {
    work.submit(Command.SUBSYSTEM_HEALTH, this::call); // on the bus: the acks below wait
    work.submit(Command.AEM_ACK, this::call);
    for (int retransmission = 0; retransmission < 6; retransmission++) {
      work.submit(Command.AEM_ACK, this::call);
    }
    timers.runPending();
    calls.get(0).complete(new MiResult.Success<>("health"));
    timers.advance(1, TimeUnit.SECONDS); // past the budget's idle gap
    calls.get(1).complete(new MiResult.Success<>("ack"));
    timers.advance(1, TimeUnit.SECONDS);
    // one acknowledgement went out for the seven AEMs that asked for one while it waited
    assertThat(calls).hasSize(2);
    assertThat(outcomes).extracting(o -> ((PollOutcome.Exchange) o).command())
        .containsExactly(Command.SUBSYSTEM_HEALTH, Command.AEM_ACK);
  }

  @Test
  void anAemAcknowledgementAfterTheLastOneStartedGoesOutAgain() {
    work.submit(Command.AEM_ACK, this::call);
    timers.runPending(); // started: it may have reached the drive before the next AEM
    work.submit(Command.AEM_ACK, this::call);
    calls.get(0).complete(new MiResult.Success<>("ack"));
    timers.advance(1, TimeUnit.SECONDS); // past the budget's idle gap
    assertThat(calls).hasSize(2);
  }
}
