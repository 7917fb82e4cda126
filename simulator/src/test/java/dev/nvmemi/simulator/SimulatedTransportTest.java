package dev.nvmemi.simulator;

import static dev.nvmemi.simulator.Msg.mi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.client.ExchangeOptions;
import dev.nvmemi.mi.client.MiTransport;
import dev.nvmemi.simulator.scenario.Fault;
import dev.nvmemi.simulator.scenario.Scenario;
import dev.nvmemi.simulator.timing.BusTiming;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SimulatedTransportTest {
  private static final byte[] POLL = mi(0, 0x01, 0, 0);
  private static final ExchangeOptions OPTIONS = ExchangeOptions.defaults("poll");

  @Test
  void zeroLatencyExchangeIsCompleteWhenItReturns() {
    SimulatedFleet fleet = SimulatedFleet.builder().clock(new VirtualClock()).build();
    CompletableFuture<byte[]> f = fleet.endpoint(1, 0x10).exchange(POLL, OPTIONS).toCompletableFuture();
    assertThat(f).isDone();
    AtomicReference<Thread> ran = new AtomicReference<>();
    f.thenRun(() -> ran.set(Thread.currentThread()));
    assertThat(ran.get()).isSameAs(Thread.currentThread());
  }

  @Test
  void realTimeFleetCompletesDelayedAnswersOnTheSimClockThread() throws Exception {
    try (SimulatedFleet fleet = SimulatedFleet.builder()
        .busTiming(BusTiming.smbus(400_000, Duration.ofMillis(300))).build()) {
      CompletableFuture<Thread> where = fleet.endpoint(1, 0x10).exchange(POLL, OPTIONS).toCompletableFuture()
          .thenApply(r -> Thread.currentThread());
      assertThat(where.get(5, TimeUnit.SECONDS).getName()).isEqualTo("sim-clock");
    }
  }

  @Test
  void unknownAddressIsRejectedWithTheKnownOnes() {
    SimulatedFleet fleet = SimulatedFleet.builder().clock(new VirtualClock()).drives(2).build();
    assertThatThrownBy(() -> fleet.endpoint(1, 0x30)).hasMessageContaining("1:16, 1:17");
  }

  @Test
  void closeFailsPendingExchangesAndLaterOnes() {
    VirtualClock clock = new VirtualClock();
    SimulatedFleet fleet = SimulatedFleet.builder().clock(clock)
        .scenario(Scenario.builder("t").at(Duration.ZERO, 0, new Fault.Unresponsive(Duration.ofHours(1))).build())
        .build();
    MiTransport t = fleet.endpoint(1, 0x10);
    CompletableFuture<byte[]> pending = t.exchange(POLL, OPTIONS).toCompletableFuture();
    t.close();
    t.close();
    assertThat(reason(pending)).isEqualTo(MiTransportException.Reason.CLOSED);
    assertThat(reason(t.exchange(POLL, OPTIONS).toCompletableFuture())).isEqualTo(MiTransportException.Reason.CLOSED);
  }

  private static MiTransportException.Reason reason(CompletableFuture<byte[]> f) {
    return ((MiTransportException) f.handle((r, e) -> e.getCause() != null ? e.getCause() : e).join()).reason();
  }

  @Test
  void describesTheEndpoint() {
    SimulatedFleet fleet = SimulatedFleet.builder().clock(new VirtualClock()).build();
    assertThat(fleet.endpoint(1, 0x10).describe()).isEqualTo("sim: net 1 eid 16");
  }

  @Test
  void listsEndpointsWithTheirBuses() {
    SimulatedFleet fleet = SimulatedFleet.builder().clock(new VirtualClock()).drives(6).drivesPerBus(4).build();
    assertThat(fleet.endpoints()).extracting(EndpointInfo::bus)
        .containsExactly("mctpi2c0", "mctpi2c0", "mctpi2c0", "mctpi2c0", "mctpi2c1", "mctpi2c1");
    assertThat(fleet.endpoints()).extracting(EndpointInfo::eid).containsExactly(16, 17, 18, 19, 20, 21);
  }
}
