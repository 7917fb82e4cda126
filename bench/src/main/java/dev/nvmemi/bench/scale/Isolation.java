package dev.nvmemi.bench.scale;

import dev.nvmemi.agent.AgentVerticle;
import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.discovery.MctpDiscoverySource;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.wire.SimulatedSocketOps;
import dev.nvmemi.simulator.EndpointInfo;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.simulator.SystemClock;
import dev.nvmemi.simulator.scenario.ScenarioReader;
import dev.nvmemi.transport.mctp.MctpClock;
import dev.nvmemi.transport.mctp.MctpIo;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The {@code isolation} mode of the scale harness (issue #12): does a drive that never answers slow
 * down anything but its own bus? The production pipeline ({@code AgentVerticle} → bus scheduler →
 * {@code MctpClients} → {@code MctpTransport} on its per-bus I/O threads) runs in real time against
 * simulated drives behind the AF_MCTP syscall seam ({@link SimulatedSocketOps}, 100 kHz wire time),
 * twice: every drive healthy (baseline), then drive 0 of every bus unresponsive for the whole run.
 * Each run warms up (identification), then samples every healthy drive's health staleness (now −
 * last subsystem health answer) ten times a second.
 *
 * <p>Runs on the main thread; the agent on its Vert.x event loop, the transports on their I/O threads.
 */
final class Isolation {
  private static final long WIRE_NANOS_PER_BYTE = 90_000; // 9 bit times at 100 kHz
  private static final int WARM_UP_SECONDS = 30;

  private Isolation() {}

  static Map<String, Object> run(int buses, int drivesPerBus, int seconds, int concurrency) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    Result baseline = once(buses, drivesPerBus, seconds, concurrency, false);
    Result dead = once(buses, drivesPerBus, seconds, concurrency, true);
    r.put("isolation_buses", buses);
    r.put("isolation_drives_per_bus", drivesPerBus);
    r.put("isolation_bus_concurrency", concurrency);
    r.put("isolation_health_interval_s", 1.0);
    r.put("isolation_seconds", seconds);
    r.put("isolation_baseline_staleness_p99_s", ScaleHarness.round(baseline.p99));
    r.put("isolation_healthy_staleness_p99_s", ScaleHarness.round(dead.p99));
    r.put("isolation_healthy_vs_baseline", ScaleHarness.round(dead.p99 / baseline.p99));
    r.put("isolation_baseline_io_threads_max", baseline.ioThreadsMax);
    r.put("isolation_dead_io_threads_max", dead.ioThreadsMax);
    r.put("isolation_baseline_jvm_threads_max", baseline.jvmThreadsMax);
    r.put("isolation_dead_jvm_threads_max", dead.jvmThreadsMax);
    r.put("isolation_dead_drive_failures", dead.failures);
    r.put("isolation_baseline_staleness_max_s", ScaleHarness.round(baseline.max));
    r.put("isolation_healthy_staleness_max_s", ScaleHarness.round(dead.max));
    r.put("isolation_baseline_samples_over_2s", baseline.over2s);
    r.put("isolation_healthy_samples_over_2s", dead.over2s);
    r.put("isolation_samples", dead.samples);
    r.put("isolation_baseline_unanswered_after_warm_up", baseline.unansweredAfterWarmUp);
    r.put("isolation_healthy_unanswered_after_warm_up", dead.unansweredAfterWarmUp);
    return r;
  }

  /**
   * @param max the largest staleness sampled
   * @param over2s samples above 2 s (two health intervals)
   * @param unansweredAfterWarmUp healthy drives without a health answer when the window opened
   */
  private record Result(double p99, int ioThreadsMax, int jvmThreadsMax, long failures, double max, long over2s,
      int samples, int unansweredAfterWarmUp) {}

  private static Result once(int buses, int perBus, int seconds, int concurrency, boolean deadDrives)
      throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<String> events = new ArrayList<>();
    Set<Integer> dead = new HashSet<>();
    if (deadDrives) {
      for (int b = 0; b < buses; b++) {
        int drive = b * perBus; // drive 0 of bus b
        dead.add(drive);
        events.add("{\"at\": \"0s\", \"drive\": " + drive + ", \"action\": \"unresponsive\", \"duration\": \"24h\"}");
      }
    }
    try (SystemClock clock = new SystemClock();
        SimulatedFleet fleet = SimulatedFleet.builder().drives(buses * perBus).drivesPerBus(perBus).network(1)
            .seed(12).clock(clock)
            .scenario(ScenarioReader.parse("{\"name\": \"isolation\", \"events\": [" + String.join(",", events) + "]}"))
            .build()) {
      SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), WIRE_NANOS_PER_BYTE);
      Set<Integer> deadEids = new HashSet<>();
      for (EndpointInfo e : fleet.endpoints()) {
        if (dead.contains(e.index())) {
          deadEids.add(e.eid());
        }
      }
      AgentConfig config = ConfigLoader.build(Map.of("discovery.mode", "static", "http.enabled", "false",
          "discovery.static", fleet.endpoints().stream().map(e -> e.network() + ":" + e.eid() + "@" + e.bus())
              .collect(Collectors.joining(",")),
          "poll.subsystem_health_interval", "1s", "poll.controller_health_interval", "1s",
          "bus.concurrency", String.valueOf(concurrency)));
      Vertx vertx = Vertx.vertx();
      MctpIo io = new MctpIo(ops, MctpClock.SYSTEM, MctpIo.DEFAULT_IDLE);
      AgentVerticle agent = new AgentVerticle(config, OpenTelemetry.noop(), MctpDiscoverySource.forConfig(config), io);
      vertx.deployVerticle(agent).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      Thread.sleep(TimeUnit.SECONDS.toMillis(WARM_UP_SECONDS)); // identification of every drive
      List<Double> staleness = new ArrayList<>();
      int unanswered = (int) agent.fleet().sessions().stream()
          .filter(s -> !deadEids.contains(s.snapshot().key().eid()) && s.snapshot().lastHealthNanos() == 0).count();
      int ioMax = 0;
      int jvmMax = 0;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < end) {
        Thread.sleep(100);
        long now = System.nanoTime();
        for (EndpointSession s : agent.fleet().sessions()) {
          DriveSnapshot snap = s.snapshot();
          if (deadEids.contains(snap.key().eid())) {
            continue;
          }
          // a healthy drive that has not answered yet counts from the end of the warm-up
          long last = snap.lastHealthNanos();
          staleness.add(last == 0 ? Duration.ofSeconds(seconds).toNanos() / 1e9 : (now - last) / 1e9);
        }
        ioMax = Math.max(ioMax, io.ioThreads());
        jvmMax = Math.max(jvmMax, threads.getThreadCount());
      }
      long failures = agent.fleet().lanes().values().stream().mapToLong(l -> l.failures()).sum();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      double max = staleness.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
      long over2s = staleness.stream().filter(v -> v > 2.0).count();
      return new Result(ScaleHarness.percentile(staleness, 99), ioMax, jvmMax, failures, max, over2s,
          staleness.size(), unanswered);
    }
  }
}
