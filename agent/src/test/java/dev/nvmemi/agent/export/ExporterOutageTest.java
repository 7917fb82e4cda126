package dev.nvmemi.agent.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.AgentVerticle;
import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.discovery.SimulatedEndpointSource;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.testsupport.Await;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An OTLP collector that is down: exports fail, are counted as dropped, and polling goes on. */
class ExporterOutageTest {
  /** Bounds each wait for the exporters' threads and the polls; no assertion is about time. */
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** When the drive polled least recently had its last health poll (0 before any). */
  private static long oldestHealthPoll(AgentVerticle agent) {
    return agent.fleet().sessions().stream().mapToLong(s -> s.snapshot().lastHealthNanos()).min().orElse(0);
  }

  @Test
  void failedExportsAreCountedAndNeverStopPolling() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort(); // closed again: nothing listens there
    }
    AgentConfig config = ConfigLoader.build(Map.of(
        "http.enabled", "false",
        "discovery.mode", "simulate",
        "poll.subsystem_health_interval", "200ms",
        "otel.metrics.exporter", "otlp",
        "otel.logs.exporter", "otlp",
        "otel.exporter.otlp.protocol", "http/protobuf",
        "otel.exporter.otlp.endpoint", "http://127.0.0.1:" + deadPort,
        "otel.exporter.otlp.timeout", "500",
        "otel.metric.export.interval", "300",
        "otel.blrp.schedule.delay", "100"));
    OtelSetup.Result otel = OtelSetup.create(config);
    SimulatedFleet fleet = SimulatedFleet.builder().drives(2).seed(9).build();
    Vertx vertx = Vertx.vertx();
    AgentVerticle agent = new AgentVerticle(config, otel.sdk(), new SimulatedEndpointSource(fleet, config.poll()));
    try {
      vertx.deployVerticle(agent).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      // the exporters fail on their own sender threads: wait for both to count a drop
      Await.until("a dropped metric export and a dropped log export", WAIT,
          () -> otel.failures().metricsDropped() > 0 && otel.failures().logsDropped() > 0);
      assertThat(otel.failures().metricsDropped()).isPositive();
      assertThat(otel.failures().logsDropped()).isPositive(); // the two discovered events
      long before = oldestHealthPoll(agent);
      Await.until("every drive's health polled after the export failures", WAIT,
          () -> oldestHealthPoll(agent) > before);
      for (EndpointSession s : agent.fleet().sessions()) {
        assertThat(s.snapshot().lastHealthNanos()).as("health polled after the export failures").isGreaterThan(before);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      otel.sdk().shutdown().join(5, TimeUnit.SECONDS);
      fleet.close();
    }
  }
}
