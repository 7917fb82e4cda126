package dev.nvmemi.agent.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.poll.BusScheduler;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.simulator.SystemClock;
import dev.nvmemi.simulator.scenario.ScenarioReader;
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

  /** Sum of the {@code nvme_mi.command.duration} counts of {@code bus} that carry an {@code error.type}. */
  private static Map<String, Long> failuresByType(Collection<io.opentelemetry.sdk.metrics.data.MetricData> all,
      String bus) {
    Map<String, Long> out = new java.util.TreeMap<>();
    for (io.opentelemetry.sdk.metrics.data.MetricData m : all) {
      if (!m.getName().equals("nvme_mi.command.duration")) {
        continue;
      }
      for (io.opentelemetry.sdk.metrics.data.PointData p : m.getData().getPoints()) {
        Map<String, String> a = new java.util.HashMap<>();
        p.getAttributes().forEach((k, v) -> a.put(k.getKey(), String.valueOf(v)));
        if (bus.equals(a.get("nvme.bus")) && a.containsKey("error.type")) {
          out.merge(a.get("error.type"), ((io.opentelemetry.sdk.metrics.data.HistogramPointData) p).getCount(), Long::sum);
        }
      }
    }
    return out;
  }

  @Test
  void tenThousandFailingExchangesReturnEverySlotTagAndThreadAndAreEachCountedWithTheirErrorType() throws Exception {
    // 16 drives on 4 buses, each bus failing its own way: mctpi2c0 no route (EHOSTUNREACH at
    // sendto), mctpi2c1 no network (ENETUNREACH), mctpi2c2 a broken link (EIO at poll), mctpi2c3
    // drives that never answer (a 200 ms timeout each)
    StringBuilder silent = new StringBuilder();
    for (int d = 12; d < 16; d++) {
      silent.append(d == 12 ? "" : ",").append("{\"at\": \"0s\", \"drive\": ").append(d)
          .append(", \"action\": \"unresponsive\", \"duration\": \"1h\"}");
    }
    fleet = SimulatedFleet.builder().drives(16).drivesPerBus(4).network(1).seed(3).clock(clock)
        .scenario(ScenarioReader.parse("{\"name\": \"t\", \"events\": [" + silent + "]}")).build();
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    ops.unreachable(a -> ops.busOf(1, a.eid()).orElse("").equals("mctpi2c0"), Errno.EHOSTUNREACH);
    ops.unreachable(a -> ops.busOf(1, a.eid()).orElse("").equals("mctpi2c1"), Errno.ENETUNREACH);
    ops.brokenBus("mctpi2c2"::equals);
    agent = new WirePipeline(ops, fleet, Map.of("poll.backoff_initial", "10ms", "poll.backoff_max", "10ms",
        "poll.health_timeout", "200ms", "poll.identify_timeout", "200ms", "poll.log_timeout", "200ms",
        "bus.max_utilization", "1.0"));
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
        && agent.pipeline.fleet().lanes().values().stream().allMatch(l -> l.inFlight() == 0 && l.probesInFlight() == 0));

    Map<String, BusScheduler.Lane> lanes = agent.pipeline.fleet().lanes();
    long failed = agent.onContext(() -> failures(agent));
    Collection<io.opentelemetry.sdk.metrics.data.MetricData> metrics = agent.collect();
    assertThat(lanes).hasSize(4);
    assertThat(failed).isGreaterThanOrEqualTo(10_000);
    assertThat(lanes.values()).allSatisfy(l -> {
      assertThat(l.inFlight()).as("in flight on %s", l.bus()).isZero();
      assertThat(l.probesInFlight()).as("probe slot of %s", l.bus()).isZero();
      assertThat(l.exchanges()).as("every exchange on %s failed", l.bus()).isEqualTo(l.failures());
      assertThat(l.failures()).as("failures on %s", l.bus()).isPositive();
    });
    for (String bus : List.of("mctpi2c0", "mctpi2c1")) {
      assertThat(failuresByType(metrics, bus)).as("error.type on %s", bus)
          .isEqualTo(Map.of("unreachable", lanes.get(bus).failures())); // a lost route: its own error.type
    }
    // a request sent on the broken link is unanswered, so it holds its tag for the key's lifetime
    // (quarantined, 6 s, as the kernel would): once all 8 tags of a peer are held, the next
    // exchange waits for a tag until its timeout
    Map<String, Long> broken = failuresByType(metrics, "mctpi2c2");
    assertThat(broken.keySet()).as("error.type on mctpi2c2").containsAnyOf("transport").isSubsetOf("transport", "timeout");
    assertThat(broken.values().stream().mapToLong(Long::longValue).sum()).as("counted on mctpi2c2")
        .isEqualTo(lanes.get("mctpi2c2").failures());
    assertThat(failuresByType(metrics, "mctpi2c3")).as("error.type on mctpi2c3")
        .isEqualTo(Map.of("timeout", lanes.get("mctpi2c3").failures()));
    // one I/O thread per exchange in flight, at most one per bus (bus.concurrency 1), plus threads
    // that had just finished and were on their way back to their bus's pool when the next exchange
    // was handed over: a few per bus, where a leak would be one per failed exchange
    assertThat(maxIoThreads.get()).as("I/O threads at most").isLessThanOrEqualTo(4 * 4);
    Await.until("idle I/O threads to end (1 s idle)", Duration.ofSeconds(30), () -> agent.io.ioThreads() == 0);
    agent.close();
    agent = null;
    assertThat(ops.tagsInUse()).as("tags held after close").isZero();
    assertThat(ops.openSockets()).as("descriptors open after close").isZero();
  }
}
