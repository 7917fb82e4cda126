package dev.nvmemi.agent.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.poll.BusScheduler;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.simulator.SystemClock;
import dev.nvmemi.simulator.scenario.Scenario;
import dev.nvmemi.testsupport.Await;
import dev.nvmemi.transport.mctp.jna.Errno;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand failing AF_MCTP exchanges through the whole production pipeline (sessions, the bus
 * scheduler, {@code MctpClients}, {@code MctpTransport} and its I/O threads over
 * {@link SimulatedSocketOps}) leave nothing behind: no I/O thread, no scheduler slot (in flight,
 * queued), no tag, no descriptor; and every failure is counted once with its {@code error.type}.
 * The transport alone has the same check over a fake clock (MctpTransportTest); this one adds the
 * scheduler and telemetry above it. It runs in real time (the I/O threads block in the seam's
 * {@code poll}), with 10 ms retry delays.
 */
class FailingExchangesLeakTest {
  private final SystemClock clock = new SystemClock();
  private SimulatedFleet fleet;
  private WirePipeline agent;

  @AfterEach
  void tearDown() throws Exception {
    if (agent != null) {
      agent.close();
    }
    fleet.close();
    clock.close();
  }

  private static long failures(WirePipeline p) {
    return p.pipeline.fleet().lanes().values().stream().mapToLong(BusScheduler.Lane::failures).sum();
  }

  @Test
  void tenThousandUnreachableExchangesReturnEverySlotTagAndThreadAndAreCountedAsTransportErrors() throws Exception {
    // 16 drives on 4 buses, every route gone: each exchange fails at sendto with EHOSTUNREACH
    fleet = SimulatedFleet.builder().drives(16).drivesPerBus(4).network(1).seed(3).clock(clock)
        .scenario(Scenario.NONE).build();
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    ops.unreachable(a -> true, Errno.EHOSTUNREACH);
    agent = new WirePipeline(ops, fleet, Map.of("poll.backoff_initial", "10ms", "poll.backoff_max", "10ms",
        "poll.jitter", "0", "bus.max_utilization", "1.0"));
    AtomicInteger maxIoThreads = new AtomicInteger();

    Await.until("10 000 failed exchanges", Duration.ofSeconds(180), () -> {
      maxIoThreads.accumulateAndGet(agent.io.ioThreads(), Math::max);
      return failures(agent) >= 10_000;
    });
    agent.onContext(() -> {
      agent.pipeline.fleet().stop();
      return null;
    });
    Await.until("the exchanges in flight ended", Duration.ofSeconds(30), () -> agent.io.activeExchanges() == 0
        && agent.pipeline.fleet().lanes().values().stream().allMatch(l -> l.inFlight() == 0));

    Map<String, BusScheduler.Lane> lanes = agent.pipeline.fleet().lanes();
    long failed = agent.onContext(() -> failures(agent));
    Collection<io.opentelemetry.sdk.metrics.data.MetricData> metrics = agent.collect();
    assertThat(lanes).hasSize(4);
    assertThat(failed).isGreaterThanOrEqualTo(10_000);
    assertThat(lanes.values()).allSatisfy(l -> {
      assertThat(l.inFlight()).as("in flight on %s", l.bus()).isZero();
      assertThat(l.exchanges()).as("every exchange on %s failed", l.bus()).isEqualTo(l.failures());
    });
    assertThat(WirePipeline.failedExchanges(metrics, "transport")).as("error.type=transport").isEqualTo(failed);
    assertThat(WirePipeline.failedExchanges(metrics, "timeout")).isZero();
    assertThat(ops.tagsInUse()).as("tags held").isZero();
    // one I/O thread per exchange in flight, at most one per bus (bus.concurrency 1), plus threads
    // that had just finished and were on their way back to their bus's pool when the next exchange
    // was handed over: a few per bus, where a leak would be one per failed exchange
    assertThat(maxIoThreads.get()).as("I/O threads at most").isLessThanOrEqualTo(4 * 4);
    Await.until("idle I/O threads to end (1 s idle)", Duration.ofSeconds(30), () -> agent.io.ioThreads() == 0);
    agent.close();
    agent = null;
    assertThat(ops.openSockets()).as("descriptors open after close").isZero();
  }
}
