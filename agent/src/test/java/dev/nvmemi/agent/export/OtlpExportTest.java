package dev.nvmemi.agent.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.AgentVerticle;
import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.discovery.SimulatedEndpointSource;
import dev.nvmemi.simulator.SimulatedFleet;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real OTLP exporters (chosen by name through autoconfigure) send the agent's metrics and events
 * to an in-test receiver that parses them with the official opentelemetry-proto classes: once over
 * http/protobuf (HTTP/1.1 POST /v1/metrics, /v1/logs), once over gRPC (HTTP/2 cleartext, gRPC
 * length-prefixed frames).
 */
class OtlpExportTest {
  private final Vertx vertx = Vertx.vertx();
  private final List<ExportMetricsServiceRequest> metrics = new CopyOnWriteArrayList<>();
  private final List<ExportLogsServiceRequest> logs = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> sawTemperature = new CompletableFuture<>();
  private final CompletableFuture<Void> sawDiscovered = new CompletableFuture<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void onMetrics(byte[] body) throws Exception {
    ExportMetricsServiceRequest r = ExportMetricsServiceRequest.parseFrom(body);
    metrics.add(r);
    if (allMetrics(r).stream().anyMatch(m -> m.getName().equals("hw.temperature"))) {
      sawTemperature.complete(null);
    }
  }

  private void onLogs(byte[] body) throws Exception {
    ExportLogsServiceRequest r = ExportLogsServiceRequest.parseFrom(body);
    logs.add(r);
    if (allLogs(r).stream().anyMatch(l -> l.getEventName().equals("nvme.endpoint.discovered"))) {
      sawDiscovered.complete(null);
    }
  }

  private static List<Metric> allMetrics(ExportMetricsServiceRequest r) {
    return r.getResourceMetricsList().stream().flatMap(rm -> rm.getScopeMetricsList().stream())
        .flatMap(sm -> sm.getMetricsList().stream()).toList();
  }

  private static List<LogRecord> allLogs(ExportLogsServiceRequest r) {
    return r.getResourceLogsList().stream().flatMap(rl -> rl.getScopeLogsList().stream())
        .flatMap(sl -> sl.getLogRecordsList().stream()).toList();
  }

  private static String attr(List<KeyValue> attrs, String key) {
    return attrs.stream().filter(kv -> kv.getKey().equals(key)).map(kv -> kv.getValue().hasStringValue()
        ? kv.getValue().getStringValue() : String.valueOf(kv.getValue().getIntValue())).findFirst().orElse(null);
  }

  private HttpServer httpReceiver() throws Exception {
    return vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      try {
        if (req.path().equals("/v1/metrics")) {
          onMetrics(b.getBytes());
        } else if (req.path().equals("/v1/logs")) {
          onLogs(b.getBytes());
        }
        req.response().putHeader("content-type", "application/x-protobuf").end();
      } catch (Exception e) {
        req.response().setStatusCode(400).end(e.toString());
      }
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** gRPC over h2c: strips the 5-byte frame prefix, answers an empty message and grpc-status 0. */
  private HttpServer grpcReceiver() throws Exception {
    HttpServerOptions opts = new HttpServerOptions().setHttp2ClearTextEnabled(true);
    return vertx.createHttpServer(opts).requestHandler((HttpServerRequest req) -> req.body().onSuccess(b -> {
      try {
        byte[] all = b.getBytes();
        byte[] msg = java.util.Arrays.copyOfRange(all, 5, all.length);
        if (req.path().endsWith("MetricsService/Export")) {
          onMetrics(msg);
        } else if (req.path().endsWith("LogsService/Export")) {
          onLogs(msg);
        }
        req.response().putHeader("content-type", "application/grpc")
            .putTrailer("grpc-status", "0")
            .end(Buffer.buffer(new byte[] {0, 0, 0, 0, 0}));
      } catch (Exception e) {
        req.response().putHeader("content-type", "application/grpc").putTrailer("grpc-status", "13").end();
      }
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void runAgent(String protocol, int port) throws Exception {
    AgentConfig config = ConfigLoader.build(Map.of(
        "http.enabled", "false",
        "discovery.mode", "simulate",
        "otel.metrics.exporter", "otlp",
        "otel.logs.exporter", "otlp",
        "otel.exporter.otlp.protocol", protocol,
        "otel.exporter.otlp.endpoint", "http://127.0.0.1:" + port,
        "otel.metric.export.interval", "500",
        "otel.blrp.schedule.delay", "200"));
    OtelSetup.Result otel = OtelSetup.create(config);
    OpenTelemetrySdk sdk = otel.sdk();
    SimulatedFleet fleet = SimulatedFleet.builder().drives(2).seed(5).build();
    String id = vertx.deployVerticle(new AgentVerticle(config, sdk, new SimulatedEndpointSource(fleet, config.poll())))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    try {
      CompletableFuture.allOf(sawTemperature, sawDiscovered).get(90, TimeUnit.SECONDS);
    } finally {
      vertx.undeploy(id).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      sdk.shutdown().join(5, TimeUnit.SECONDS);
      fleet.close();
    }
  }

  private void assertContract() {
    List<Metric> all = metrics.stream().flatMap(r -> allMetrics(r).stream()).toList();
    Metric temp = all.stream().filter(m -> m.getName().equals("hw.temperature")).findFirst().orElseThrow();
    assertThat(temp.getUnit()).isEqualTo("Cel");
    assertThat(temp.hasGauge()).isTrue();
    NumberDataPoint p = temp.getGauge().getDataPointsList().get(0);
    assertThat(attr(p.getAttributesList(), "hw.type")).isEqualTo("physical_disk");
    assertThat(attr(p.getAttributesList(), "hw.serial_number")).isNotBlank();
    assertThat(attr(p.getAttributesList(), "nvme.bus")).isEqualTo("mctpi2c0");
    Metric status = all.stream().filter(m -> m.getName().equals("hw.status")).findFirst().orElseThrow();
    assertThat(status.getUnit()).isEqualTo("1");
    assertThat(status.hasSum()).isTrue();
    assertThat(status.getSum().getIsMonotonic()).isFalse();
    assertThat(metrics.get(0).getResourceMetrics(0).getResource().getAttributesList())
        .anyMatch(kv -> kv.getKey().equals("service.name") && kv.getValue().getStringValue().equals("nvme-mi-agent"))
        .anyMatch(kv -> kv.getKey().equals("host.name"));

    LogRecord discovered = logs.stream().flatMap(r -> allLogs(r).stream())
        .filter(l -> l.getEventName().equals("nvme.endpoint.discovered")).findFirst().orElseThrow();
    assertThat(discovered.getSeverityText()).isEqualTo("INFO");
    assertThat(attr(discovered.getAttributesList(), "event.name")).isEqualTo("nvme.endpoint.discovered");
    assertThat(attr(discovered.getAttributesList(), "hw.id")).contains("-");
  }

  @Test
  void httpProtobufExporterDeliversMetricsAndEvents() throws Exception {
    HttpServer server = httpReceiver();
    runAgent("http/protobuf", server.actualPort());
    assertContract();
  }

  @Test
  void grpcExporterDeliversMetricsAndEvents() throws Exception {
    HttpServer server = grpcReceiver();
    runAgent("grpc", server.actualPort());
    assertContract();
  }
}
