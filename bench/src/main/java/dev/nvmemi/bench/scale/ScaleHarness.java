package dev.nvmemi.bench.scale;

import dev.nvmemi.agent.AgentVerticle;
import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.discovery.EndpointSource;
import dev.nvmemi.agent.discovery.SimulatedEndpointSource;
import dev.nvmemi.agent.pipeline.AgentPipeline;
import dev.nvmemi.agent.poll.BusScheduler;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.Fleet;
import dev.nvmemi.agent.telemetry.AgentTelemetry;
import dev.nvmemi.agent.time.SimClockTimers;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.simulator.VirtualClock;
import dev.nvmemi.simulator.scenario.Scenario;
import dev.nvmemi.simulator.scenario.ScenarioReader;
import dev.nvmemi.simulator.timing.BusTiming;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The scale harness of issue #7. Modes (one JSON line each, or all with {@code all}):
 * <ul>
 *   <li>{@code throughput}: zero-latency drives on a virtual clock, health polls as fast as the
 *       pipeline goes: polls per second of CPU and CPU microseconds per poll;</li>
 *   <li>{@code bus}: a modelled 100 kHz bus, 32 drives, health every 1 s, SMART every 60 s: health
 *       staleness p99 and achieved utilization; then oversubscribed (health every 100 ms): achieved
 *       exchanges vs the bus-limited maximum;</li>
 *   <li>{@code latency}: a fault injected on every drive at a known time → the event handed to the
 *       exporter: latency p99 (virtual time);</li>
 *   <li>{@code scale}: N drives (default 10 000) at a 5 s health interval in real time for a
 *       duration (default 300 s): staleness p99, heap after GC, RSS;</li>
 *   <li>{@code startup}: JVM start → the first hw.temperature point of 100 simulated drives;</li>
 *   <li>{@code isolation}: the production AF_MCTP transport and its I/O threads through the syscall
 *       seam ({@code SimulatedSocketOps}, real time, no kernel): {@code buses} (default 16) buses of
 *       {@code drives} (default 8) drives, health every 1 s, once healthy and once with one
 *       never-answering drive on every bus: the healthy drives' staleness p99 and the thread counts
 *       (see {@link Isolation}).</li>
 * </ul>
 * Usage: {@code java -cp bench/target/benchmarks.jar dev.nvmemi.bench.scale.ScaleHarness MODE [key=value…]}
 * with keys {@code drives}, {@code seconds}, {@code buses}, {@code concurrency}.
 */
public final class ScaleHarness {
  private ScaleHarness() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "all";
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      opts.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mode", mode);
    out.put("cpus", Runtime.getRuntime().availableProcessors());
    if (mode.equals("startup")) {
      out.putAll(startup(Integer.parseInt(opts.getOrDefault("drives", "100"))));
    }
    if (mode.equals("throughput") || mode.equals("all")) {
      out.putAll(throughput(Integer.parseInt(opts.getOrDefault("drives", "1000")),
          Integer.parseInt(opts.getOrDefault("seconds", "60"))));
    }
    if (mode.equals("bus") || mode.equals("all")) {
      out.putAll(bus());
    }
    if (mode.equals("latency") || mode.equals("all")) {
      out.putAll(latency());
    }
    if (mode.equals("isolation")) {
      out.putAll(Isolation.run(Integer.parseInt(opts.getOrDefault("buses", "16")),
          Integer.parseInt(opts.getOrDefault("drives", "8")), Integer.parseInt(opts.getOrDefault("seconds", "60")),
          Integer.parseInt(opts.getOrDefault("concurrency", "1"))));
    }
    if (mode.equals("scale")) {
      out.putAll(scale(Integer.parseInt(opts.getOrDefault("drives", "10000")),
          Integer.parseInt(opts.getOrDefault("seconds", "300"))));
    }
    System.out.println(json(out));
    System.exit(0);
  }

  // ---------------------------------------------------------------- virtual-clock pipeline

  /** The agent pipeline on one virtual clock (as the agent's pipeline tests build it). */
  static final class Pipeline implements AutoCloseable {
    final VirtualClock clock = new VirtualClock();
    final SimulatedFleet sim;
    final List<SimulatedFleet> fleets;
    final OpenTelemetrySdk sdk;
    final InMemoryMetricReader reader = InMemoryMetricReader.create();
    final InMemoryLogRecordExporter events = InMemoryLogRecordExporter.create();
    final Fleet fleet;
    final AgentPipeline pipeline;
    final AgentTelemetry telemetry;
    final SimClockTimers timers = new SimClockTimers(clock, 0);

    Pipeline(int drives, int perBus, BusTiming timing, Scenario scenario, Map<String, ?> settings) {
      AgentConfig config = ConfigLoader.build(settings);
      List<SimulatedFleet> fleets = new ArrayList<>();
      for (int first = 0, net = 1; first < drives; first += SimulatedEndpointSource.DRIVES_PER_NETWORK, net++) {
        fleets.add(SimulatedFleet.builder().drives(Math.min(SimulatedEndpointSource.DRIVES_PER_NETWORK, drives - first))
            .drivesPerBus(perBus).seed(net).busTiming(timing).scenario(scenario).clock(clock).network(net)
            .busPrefix("n" + net + "-mctpi2c").build());
      }
      sim = fleets.get(0);
      this.fleets = fleets;
      sdk = OpenTelemetrySdk.builder()
          .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader, type -> 200_000).build())
          .setLoggerProvider(SdkLoggerProvider.builder().addLogRecordProcessor(SimpleLogRecordProcessor.create(events)).build())
          .build();
      EndpointSource source = new SimulatedEndpointSource(fleets, config.poll());
      AgentTelemetry[] t = new AgentTelemetry[1];
      pipeline = AgentPipeline.builder(config).timers(timers).source(source).seed(1)
          .build(f -> t[0] = new AgentTelemetry(sdk, timers, config.poll(), () -> f.get().sessions(),
              () -> f.get().lanes()));
      telemetry = t[0];
      fleet = pipeline.fleet();
      telemetry.observeAem(fleet.aemStats());
      pipeline.start();
    }


    long exchanges() {
      return fleet.lanes().values().stream().mapToLong(BusScheduler.Lane::exchanges).sum();
    }

    @Override
    public void close() {
      pipeline.close();
      sdk.close();
      fleets.forEach(SimulatedFleet::close);
    }
  }

  static Map<String, Object> throughput(int drives, int virtualSeconds) {
    Map<String, Object> r = new LinkedHashMap<>();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (Pipeline p = new Pipeline(drives, 4, BusTiming.NONE, Scenario.NONE, Map.of(
        "poll.subsystem_health_interval", "100ms", "poll.controller_health_interval", "100ms",
        "bus.max_utilization", "1.0", "poll.jitter", "0"))) {
      p.clock.advance(Duration.ofSeconds(10)); // warm-up: identify everything, JIT
      p.reader.collectAllMetrics();
      long before = p.exchanges();
      long cpu0 = threads.getCurrentThreadCpuTime();
      long wall0 = System.nanoTime();
      for (int s = 0; s < virtualSeconds; s++) {
        p.clock.advance(Duration.ofSeconds(1));
        if (s % 10 == 9) {
          p.reader.collectAllMetrics(); // a metric export every 10 s, as a reader would
        }
      }
      long cpu = threads.getCurrentThreadCpuTime() - cpu0;
      long wall = System.nanoTime() - wall0;
      long polls = p.exchanges() - before;
      r.put("throughput_drives", drives);
      r.put("throughput_polls", polls);
      r.put("throughput_polls_per_cpu_second", Math.round(polls / (cpu / 1e9)));
      r.put("throughput_polls_per_wall_second", Math.round(polls / (wall / 1e9)));
      r.put("throughput_cpu_us_per_poll", round(cpu / 1e3 / polls));
    }
    return r;
  }

  static Map<String, Object> bus() {
    Map<String, Object> r = new LinkedHashMap<>();
    BusTiming smbus = BusTiming.smbus(100_000, Duration.ZERO);
    try (Pipeline p = new Pipeline(32, 32, smbus, Scenario.NONE, Map.of(
        "poll.subsystem_health_interval", "1s", "poll.controller_health_interval", "1s",
        "poll.smart_interval", "60s"))) {
      p.clock.advance(Duration.ofSeconds(60)); // identify 32 drives (4 KiB each) first
      List<Double> staleness = new ArrayList<>();
      BusScheduler.Lane lane = p.fleet.lanes().values().iterator().next();
      long busy0 = lane.busyNanos();
      long t0 = p.clock.nanos();
      for (int ms = 0; ms < 600_000; ms += 100) {
        p.clock.advance(Duration.ofMillis(100));
        long now = p.clock.nanos();
        for (EndpointSession s : p.fleet.sessions()) {
          staleness.add((now - s.snapshot().lastHealthNanos()) / 1e9);
        }
      }
      r.put("bus_100khz_32_drives_health_staleness_p99_s", round(percentile(staleness, 99)));
      r.put("bus_100khz_32_drives_utilization", round((double) (lane.busyNanos() - busy0) / (p.clock.nanos() - t0)));
      r.put("bus_max_utilization", 0.5);
    }
    try (Pipeline p = new Pipeline(32, 32, smbus, Scenario.NONE, Map.of(
        "poll.subsystem_health_interval", "100ms", "poll.controller_health_interval", "100ms",
        "poll.smart_interval", "60s", "poll.jitter", "0"))) {
      p.clock.advance(Duration.ofSeconds(60));
      BusScheduler.Lane lane = p.fleet.lanes().values().iterator().next();
      long busy0 = lane.busyNanos();
      long t0 = p.clock.nanos();
      p.clock.advance(Duration.ofSeconds(300));
      double achieved = (double) (lane.busyNanos() - busy0) / (p.clock.nanos() - t0);
      // bus-limited maximum: the agent may hold the bus max_utilization of the time
      r.put("bus_oversubscribed_utilization", round(achieved));
      r.put("bus_oversubscribed_share_of_limit", round(achieved / 0.5));
    }
    return r;
  }

  static Map<String, Object> latency() {
    Map<String, Object> r = new LinkedHashMap<>();
    List<Double> polled = faultToEvent(Map.of());
    r.put("latency_events", polled.size());
    r.put("latency_fault_to_event_p99_s", round(percentile(polled, 99)));
    r.put("latency_poll_interval_s", 5.0);
    // the same faults with Asynchronous Event Messages on, AEM delay 0 (issue #15)
    List<Double> aem = faultToEvent(Map.of("events.aem", "true", "events.aem_delay", "0s"));
    r.put("latency_aem_events", aem.size());
    r.put("latency_aem_fault_to_event_p99_s", round(percentile(aem, 99)));
    return r;
  }

  /**
   * 64 drives (4 per 400 kHz SMBus), default 5 s health interval; drive i gets a fatal controller
   * status at 30 s + i × 37 ms; the time from the fault to the health-change event handed to the
   * exporter, in virtual seconds.
   */
  static List<Double> faultToEvent(Map<String, ?> settings) {
    int drives = 64;
    StringBuilder events = new StringBuilder();
    for (int i = 0; i < drives; i++) {
      events.append(i == 0 ? "" : ",").append("{\"at\": \"").append(30_000 + i * 37).append("ms\", \"drive\": ")
          .append(i).append(", \"action\": \"controller_fatal\"}");
    }
    Scenario scenario = ScenarioReader.parse("{\"name\": \"faults\", \"events\": [" + events + "]}");
    List<Double> lat = new ArrayList<>();
    try (Pipeline p = new Pipeline(drives, 4, BusTiming.smbus(400_000, Duration.ofMillis(1)), scenario, settings)) {
      p.clock.advance(Duration.ofSeconds(60));
      p.events.getFinishedLogRecordItems().stream()
          .filter(e -> "nvme.drive.health.change".equals(e.getEventName()))
          .forEach(e -> {
            long eid = e.getAttributes().get(io.opentelemetry.api.common.AttributeKey.longKey("nvme.mctp.eid"));
            long injected = 30_000_000_000L + (eid - 16) * 37_000_000L;
            lat.add((e.getObservedTimestampEpochNanos() - injected) / 1e9); // observed = handed to the exporter
          });
    }
    return lat;
  }

  // ---------------------------------------------------------------- real time

  static Map<String, Object> scale(int drives, int seconds) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    AgentConfig config = ConfigLoader.build(Map.of("http.enabled", "false", "simulate.drives", String.valueOf(drives),
        "simulate.bus_timing", "false", "discovery.mode", "simulate"));
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader, type -> 200_000).build()).build();
    Vertx vertx = Vertx.vertx();
    SimulatedEndpointSource source = SimulatedEndpointSource.fromConfig(config, null);
    AgentVerticle agent = new AgentVerticle(config, sdk, source);
    vertx.deployVerticle(agent).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    Thread.sleep(10_000); // identify and first polls
    List<Double> staleness = new ArrayList<>();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    int collections = 0;
    while (System.nanoTime() < end) {
      Thread.sleep(1000);
      long now = System.nanoTime();
      for (EndpointSession s : agent.fleet().sessions()) {
        long last = s.snapshot().lastHealthNanos();
        if (last != 0) {
          staleness.add((now - last) / 1e9);
        }
      }
      if (++collections % 10 == 0) {
        reader.collectAllMetrics();
      }
    }
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    r.put("scale_drives", drives);
    r.put("scale_seconds", seconds);
    r.put("scale_health_interval_s", 5.0);
    r.put("scale_staleness_p99_s", round(percentile(staleness, 99)));
    r.put("scale_staleness_max_s", round(percentile(staleness, 100)));
    r.put("scale_heap_after_gc_mb", heap / (1024 * 1024));
    r.put("scale_rss_mb", rssMb());
    try {
      // 10 000 sessions stop and undeploy on the loaded event loop: the figures are taken already
      vertx.close().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      System.err.println("scale: Vert.x did not close within 120 s; the figures above were taken before");
    }
    return r;
  }

  static Map<String, Object> startup(int drives) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    AgentConfig config = ConfigLoader.build(Map.of("http.enabled", "false", "simulate.drives", String.valueOf(drives),
        "discovery.mode", "simulate"));
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader, type -> 200_000).build()).build();
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(new AgentVerticle(config, sdk, SimulatedEndpointSource.fromConfig(config, null)))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    while (reader.collectAllMetrics().stream().noneMatch(m -> m.getName().equals("hw.temperature"))) {
      Thread.sleep(5);
    }
    r.put("startup_drives", drives);
    r.put("startup_to_first_metric_s", round((System.currentTimeMillis() - jvmStart) / 1000.0));
    vertx.close();
    return r;
  }

  // ---------------------------------------------------------------- helpers

  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int i = (int) Math.ceil(p / 100.0 * v.length) - 1;
    return v[Math.max(0, Math.min(v.length - 1, i))];
  }

  static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  static long rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }

  static String json(Map<String, Object> m) {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append('"').append(e.getKey()).append("\":");
      Object v = e.getValue();
      sb.append(v instanceof String ? "\"" + v + "\"" : String.format(Locale.ROOT, "%s", v));
    }
    return sb.append('}').toString();
  }
}
