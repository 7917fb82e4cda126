package dev.nvmemi.agent.pipeline;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.discovery.EndpointSource;
import dev.nvmemi.agent.discovery.SimulatedEndpointSource;
import dev.nvmemi.agent.drive.MiDriveClient;
import dev.nvmemi.mi.client.MiTransport;
import dev.nvmemi.transport.discovery.BusEndpoint;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.Fleet;
import dev.nvmemi.agent.telemetry.AgentTelemetry;
import dev.nvmemi.agent.time.SimClockTimers;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.simulator.VirtualClock;
import dev.nvmemi.simulator.scenario.Scenario;
import dev.nvmemi.simulator.scenario.ScenarioReader;
import dev.nvmemi.simulator.timing.BusTiming;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The real agent pipeline on one virtual clock: a simulated fleet (in-process transport, the
 * scenario's faults and state changes), the simulated discovery source, the fleet of sessions and
 * the telemetry mapping into an OpenTelemetry SDK with in-memory readers. Test-thread confined.
 */
final class PipelineHarness implements AutoCloseable {
  final VirtualClock clock = new VirtualClock();
  final SimulatedFleet sim;
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
  final OpenTelemetrySdk sdk;
  final Fleet fleet;
  final AgentTelemetry telemetry;
  final EndpointSource source;
  final AgentConfig config;
  final AgentPipeline pipeline;
  final SimClockTimers timers;

  PipelineHarness(int drives, String scenarioJson, Map<String, ?> settings) {
    this(drives, scenarioJson, settings, BusTiming.NONE);
  }

  PipelineHarness(int drives, String scenarioJson, Map<String, ?> settings, BusTiming timing) {
    this(drives, scenarioJson, settings, timing, UnaryOperator.identity());
  }

  /** @param fleet adds to the simulated fleet's builder (fixed drives, OCP profiles) */
  PipelineHarness(int drives, String scenarioJson, Map<String, ?> settings, UnaryOperator<SimulatedFleet.Builder> fleet) {
    this(drives, scenarioJson, settings, BusTiming.NONE, UnaryOperator.identity(), fleet);
  }

  /** @param wrap wraps every endpoint's transport (a recorder of the requests sent) */
  PipelineHarness(int drives, String scenarioJson, Map<String, ?> settings, BusTiming timing,
      UnaryOperator<MiTransport> wrap) {
    this(drives, scenarioJson, settings, timing, wrap, UnaryOperator.identity());
  }

  PipelineHarness(int drives, String scenarioJson, Map<String, ?> settings, BusTiming timing,
      UnaryOperator<MiTransport> wrap, UnaryOperator<SimulatedFleet.Builder> fleetBuilder) {
    this(drives, scenarioJson, settings, timing, wrap, fleetBuilder, UnaryOperator.identity());
  }

  /** @param sourceWrap wraps the simulated discovery source (a source whose AEM receiver cannot bind) */
  PipelineHarness(int drives, String scenarioJson, Map<String, ?> settings, BusTiming timing,
      UnaryOperator<MiTransport> wrap, UnaryOperator<SimulatedFleet.Builder> fleetBuilder,
      UnaryOperator<EndpointSource> sourceWrap) {
    this.config = ConfigLoader.build(settings);
    Scenario scenario = scenarioJson == null ? Scenario.NONE : ScenarioReader.parse(scenarioJson);
    this.sim = fleetBuilder.apply(SimulatedFleet.builder().drives(drives).seed(7).scenario(scenario).clock(clock)
        .busTiming(timing).drivesPerBus(timing.isZero() ? 4 : Math.max(4, drives))).build();
    this.sdk = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
        .setLoggerProvider(SdkLoggerProvider.builder().addLogRecordProcessor(SimpleLogRecordProcessor.create(logs)).build())
        .build();
    this.timers = new SimClockTimers(clock, 1_700_000_000_000_000_000L);
    this.source = sourceWrap.apply(new SimulatedEndpointSource(sim, config.poll()));
    AgentTelemetry[] t = new AgentTelemetry[1];
    this.pipeline = AgentPipeline.builder(config).timers(timers).source(source).seed(1)
        .clients(key -> new MiDriveClient(wrap.apply(sim.endpoint((int) key.network(), key.eid())), config.poll()))
        .build(f -> t[0] = new AgentTelemetry(sdk, timers, config.poll(), config.ocp(), () -> f.get().sessions(), () -> f.get().lanes(),
            config.telemetry().commandDurationPerDrive()));
    this.telemetry = t[0];
    this.fleet = pipeline.fleet();
    telemetry.observeAem(fleet.aemStats());
    pipeline.start();
  }

  PipelineHarness(int drives, String scenarioJson) {
    this(drives, scenarioJson, Map.of());
  }

  void advance(Duration d) {
    clock.advance(d);
  }

  /** Event names in emission order, as "name severity key=value…" for the given attribute keys. */
  List<String> events(String... keys) {
    List<String> out = new ArrayList<>();
    for (LogRecordData r : logs.getFinishedLogRecordItems()) {
      out.add(TruthRules.event(r.getEventName(), r.getSeverity(), k -> r.getAttributes().asMap().entrySet().stream()
          .filter(e -> e.getKey().getKey().equals(k)).map(Map.Entry::getValue).findFirst().orElse(null), keys));
    }
    return out;
  }

  List<LogRecordData> eventRecords() {
    return logs.getFinishedLogRecordItems();
  }

  Collection<MetricData> collect() {
    return metrics.collectAllMetrics();
  }

  static Optional<MetricData> metric(Collection<MetricData> all, String name) {
    return all.stream().filter(m -> m.getName().equals(name)).findFirst();
  }

  /** Points of {@code name} whose attributes contain every given key=value. */
  static List<PointData> points(Collection<MetricData> all, String name, String... kv) {
    List<PointData> out = new ArrayList<>();
    metric(all, name).ifPresent(m -> {
      for (PointData p : m.getData().getPoints()) {
        boolean ok = true;
        for (int i = 0; i < kv.length; i += 2) {
          String key = kv[i];
          Object v = p.getAttributes().asMap().entrySet().stream()
              .filter(e -> e.getKey().getKey().equals(key)).map(Map.Entry::getValue).findFirst()
              .orElse(null);
          if (v == null || !String.valueOf(v).equals(kv[i + 1])) {
            ok = false;
          }
        }
        if (ok) {
          out.add(p);
        }
      }
    });
    return out;
  }

  static String attr(LogRecordData r, String key) {
    Object v = r.getAttributes().get(AttributeKey.stringKey(key));
    return v == null ? null : v.toString();
  }

  EndpointSession session(int index) {
    int eid = sim.allEndpoints().get(index).info().eid();
    return fleet.sessions().stream().filter(s -> s.key().eid() == eid).findFirst().orElseThrow();
  }

  @Override
  public void close() {
    pipeline.close();
    telemetry.close();
    sdk.close();
    sim.close();
  }
}
