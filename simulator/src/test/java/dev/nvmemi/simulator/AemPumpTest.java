package dev.nvmemi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.client.MiEndpoint;
import dev.nvmemi.mi.client.MiResult;
import dev.nvmemi.mi.event.AemSession;
import dev.nvmemi.mi.event.AeEnable;
import dev.nvmemi.mi.event.AeEnableList;
import dev.nvmemi.mi.event.AeOccurrence;
import dev.nvmemi.mi.event.AsyncEventId;
import dev.nvmemi.mi.event.AsyncEventSettings;
import dev.nvmemi.simulator.scenario.Fault;
import dev.nvmemi.simulator.scenario.Scenario;
import dev.nvmemi.simulator.scenario.StateChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * AEMs of in-process endpoints (spec sheet §8.1) on a virtual clock: the AEM delay, the retry
 * every AERD × 100 ms until acknowledged, ATF after the retry limit, and a scenario action for each
 * supported event.
 */
class AemPumpTest {
  private final VirtualClock clock = new VirtualClock();
  private SimulatedFleet fleet;
  private final List<long[]> received = new ArrayList<>(); // {network, eid, clock nanos}
  private final List<byte[]> messages = new ArrayList<>();

  @AfterEach
  void close() {
    if (fleet != null) {
      fleet.close();
    }
  }

  private MiEndpoint start(Scenario scenario) {
    fleet = SimulatedFleet.builder().clock(clock).seed(3).scenario(scenario).build();
    fleet.onUnsolicited((net, eid, msg) -> {
      received.add(new long[] {net, eid, clock.nanos()});
      messages.add(msg);
    });
    return new MiEndpoint(fleet.endpoint(1, 0x10));
  }

  private static <T> T ok(CompletionStage<MiResult<T>> stage) {
    return stage.toCompletableFuture().join().orElseThrow();
  }

  private static Set<Integer> allSupported() {
    return Set.of(0x00, 0x01, 0x02, 0x03, 0x05, 0x06, 0x07, 0x08, 0x09);
  }

  @Test
  void instantaneousFaultWithAemDelay0IsReportedAtTheSameClockReading() {
    MiEndpoint ep = start(Scenario.builder("fatal").at(Duration.ofMillis(10_037), 0,
        new StateChange.ControllerFatal(0, true)).build());
    ok(ep.enableAsyncEvents(Set.of(AsyncEventId.CONTROLLER_FATAL_STATUS), new AsyncEventSettings(true, false, false, 0, 10)));
    clock.advance(Duration.ofSeconds(20));
    assertThat(received).hasSize(1 + 7); // the AEM and its 7 retries: nobody acknowledged
    assertThat(received.get(0)[0]).isEqualTo(1);
    assertThat(received.get(0)[1]).isEqualTo(0x10);
    assertThat(received.get(0)[2]).isEqualTo(Duration.ofMillis(10_037).toNanos());
    assertThat(received.get(1)[2] - received.get(0)[2]).as("AERD 10 = 1 s").isEqualTo(1_000_000_000L);
  }

  @Test
  void aemDelayBatchesOccurrencesForAemdSeconds() {
    MiEndpoint ep = start(Scenario.builder("two").at(Duration.ofSeconds(5), 0, new StateChange.ControllerFatal(0, true))
        .at(Duration.ofMillis(5_500), 0, new StateChange.Temperature(95, Duration.ZERO)).build());
    ok(ep.enableAsyncEvents(Set.of(0x01, 0x06), new AsyncEventSettings(true, false, false, 2, 0)));
    clock.advance(Duration.ofSeconds(10));
    assertThat(received).hasSize(1);
    assertThat(received.get(0)[2]).isEqualTo(Duration.ofSeconds(7).toNanos());
    AemSession session = new AemSession();
    session.apply(AeEnableList.of(List.of(AeEnable.of(1, true), AeEnable.of(6, true))));
    assertThat(session.acceptMessage(messages.get(0)).occurrences()).extracting(AeOccurrence::aeoi)
        .containsExactlyInAnyOrder(0x01, 0x06);
  }

  @Test
  void anAcknowledgementStopsTheRetries() {
    MiEndpoint ep = start(Scenario.builder("fatal").at(Duration.ofSeconds(1), 0,
        new StateChange.ControllerFatal(0, true)).build());
    ok(ep.enableAsyncEvents(Set.of(0x01), new AsyncEventSettings(true, false, false, 0, 1)));
    clock.advance(Duration.ofSeconds(1));
    assertThat(received).hasSize(1);
    assertThat(ok(ep.acknowledgeAsyncEvents()).numaeo()).isZero();
    clock.advance(Duration.ofSeconds(5));
    assertThat(received).hasSize(1);
    assertThat(ok(ep.pollSubsystemHealth(false)).nss() & 0x80).as("no ATF").isZero();
  }

  @Test
  void lostAcknowledgementsLeadToTheRetryLimitAndAtf() {
    MiEndpoint ep = start(Scenario.builder("lost").at(Duration.ZERO, 0, new Fault.AemAckLost(Duration.ZERO))
        .at(Duration.ofSeconds(1), 0, new StateChange.ControllerFatal(0, true)).build());
    ok(ep.enableAsyncEvents(Set.of(0x01), new AsyncEventSettings(true, false, false, 0, 1)));
    clock.advance(Duration.ofSeconds(1));
    var ack = ep.acknowledgeAsyncEvents().toCompletableFuture();
    clock.advance(Duration.ofSeconds(6)); // past the exchange timeout (5 s)
    assertThat(ack).isDone();
    assertThat(ack.join()).as("the ack is lost: no answer").isInstanceOf(MiResult.Failure.class);
    assertThat(received).hasSize(8);
    assertThat(messages.get(7)[10] & 7).as("retry count").isEqualTo(7);
    assertThat(ok(ep.pollSubsystemHealth(false)).nss() & 0x80).as("NSS ATF").isEqualTo(0x80);
  }

  @Test
  void everySupportedEventHasAScenarioActionThatRaisesIt() {
    MiEndpoint ep = start(Scenario.builder("all").at(Duration.ofSeconds(1), 0, new StateChange.ControllerReady(0, false))
        .at(Duration.ofSeconds(2), 0, new StateChange.ControllerReady(0, true))
        .at(Duration.ofSeconds(3), 0, new StateChange.ControllerFatal(0, true))
        .at(Duration.ofSeconds(4), 0, new StateChange.Shutdown(0))
        .at(Duration.ofSeconds(5), 0, new StateChange.FirmwareActivate("2.0.0", 2))
        .at(Duration.ofSeconds(6), 0, new StateChange.Temperature(95, Duration.ZERO))
        .at(Duration.ofSeconds(7), 0, new StateChange.PercentageUsed(100, Duration.ZERO))
        .at(Duration.ofSeconds(8), 0, new StateChange.Spare(2, Duration.ZERO))
        .build());
    ok(ep.enableAsyncEvents(allSupported(), new AsyncEventSettings(true, false, false, 0, 0)));
    Set<Integer> seen = new java.util.TreeSet<>();
    for (int second = 1; second <= 10; second++) {
      clock.advance(Duration.ofSeconds(1));
      // what the AEM did not carry (one AEM is outstanding until acknowledged) the ack answer does
      for (AeOccurrence o : ok(ep.acknowledgeAsyncEvents()).occurrences()) {
        seen.add(o.aeoi());
      }
    }
    AemSession session = new AemSession();
    for (int id : allSupported()) {
      session.apply(AeEnableList.of(List.of(AeEnable.of(id, true))));
    }
    for (byte[] m : messages) {
      for (AeOccurrence o : session.acceptMessage(m).occurrences()) {
        seen.add(o.aeoi());
      }
    }
    assertThat(seen).containsAll(allSupported());
  }
}
