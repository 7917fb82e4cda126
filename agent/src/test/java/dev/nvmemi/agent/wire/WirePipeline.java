package dev.nvmemi.agent.wire;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.discovery.MctpDiscoverySource;
import dev.nvmemi.agent.pipeline.AgentPipeline;
import dev.nvmemi.agent.poll.BusScheduler;
import dev.nvmemi.agent.telemetry.AgentTelemetry;
import dev.nvmemi.agent.time.VertxTimers;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.transport.mctp.MctpClock;
import dev.nvmemi.transport.mctp.MctpIo;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The production pipeline ({@link AgentPipeline}, AF_MCTP through {@code MctpClients} and
 * {@code MctpTransport}) over a {@link SimulatedSocketOps}, built on a Vert.x context of its own as
 * the AgentVerticle builds it, with its telemetry in an OpenTelemetry SDK read by an in-memory
 * reader. Unlike a deployed verticle, the test can run code on the agent context
 * ({@link #onContext}) to read the scheduler's counters and stop the fleet without closing the
 * telemetry. Built and read from the test thread; the pipeline runs on its context.
 */
final class WirePipeline implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final Context context = vertx.getOrCreateContext();
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build()).build();
  final MctpIo io;
  final AgentConfig config;
  final AgentPipeline pipeline;

  /** The pipeline over every drive of {@code fleet} (static discovery with their buses) plus {@code settings}. */
  WirePipeline(SimulatedSocketOps ops, SimulatedFleet fleet, Map<String, String> settings) throws Exception {
    Map<String, String> all = new HashMap<>(Map.of("discovery.mode", "static", "http.enabled", "false"));
    all.put("discovery.static", fleet.endpoints().stream().map(e -> e.network() + ":" + e.eid() + "@" + e.bus())
        .collect(Collectors.joining(",")));
    all.putAll(settings);
    this.config = ConfigLoader.build(all);
    this.io = new MctpIo(ops, MctpClock.SYSTEM, Duration.ofSeconds(1));
    this.pipeline = onContext(() -> {
      VertxTimers timers = new VertxTimers(vertx, context);
      AgentTelemetry[] telemetry = new AgentTelemetry[1];
      AgentPipeline p = AgentPipeline.builder(config).timers(timers).source(MctpDiscoverySource.forConfig(config))
          .mctpIo(io).build(f -> telemetry[0] = new AgentTelemetry(sdk, timers, config.poll(), config.ocp(),
              () -> f.get().sessions(), () -> f.get().lanes(), config.telemetry().commandDurationPerDrive()));
      p.start();
      return p;
    });
  }

  /** Runs {@code task} on the agent context and returns its result. */
  <T> T onContext(Supplier<T> task) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        f.complete(task.get());
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    return f.get(20, TimeUnit.SECONDS);
  }

  /** The scheduler's lane of {@code bus} (its counters are readable from any thread). */
  BusScheduler.Lane lane(String bus) {
    return pipeline.fleet().lanes().get(bus);
  }

  Collection<MetricData> collect() {
    return metrics.collectAllMetrics();
  }

  /** Sum of the {@code nvme_mi.command.duration} counts whose {@code error.type} is {@code errorType}. */
  static long failedExchanges(Collection<MetricData> all, String errorType) {
    long n = 0;
    for (MetricData m : all) {
      if (!m.getName().equals("nvme_mi.command.duration")) {
        continue;
      }
      for (PointData p : m.getData().getPoints()) {
        String t = p.getAttributes().asMap().entrySet().stream()
            .filter(e -> e.getKey().getKey().equals("error.type")).map(e -> String.valueOf(e.getValue()))
            .findFirst().orElse("");
        if (t.equals(errorType)) {
          n += ((HistogramPointData) p).getCount();
        }
      }
    }
    return n;
  }

  /** The {@code nvme_mi.bus.utilization} gauge of {@code bus}, or NaN when it has no point. */
  static double utilization(Collection<MetricData> all, String bus) {
    for (MetricData m : all) {
      if (!m.getName().equals("nvme_mi.bus.utilization")) {
        continue;
      }
      for (PointData p : m.getData().getPoints()) {
        boolean ours = p.getAttributes().asMap().entrySet().stream()
            .anyMatch(e -> e.getKey().getKey().equals("nvme.bus") && bus.equals(String.valueOf(e.getValue())));
        if (ours) {
          return ((io.opentelemetry.sdk.metrics.data.DoublePointData) p).getValue();
        }
      }
    }
    return Double.NaN;
  }

  @Override
  public void close() throws Exception {
    onContext(() -> {
      pipeline.close();
      return null;
    });
    io.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    sdk.close();
  }
}
