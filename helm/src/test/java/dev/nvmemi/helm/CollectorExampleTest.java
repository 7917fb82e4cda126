package dev.nvmemi.helm;

import static dev.nvmemi.helm.ChartFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** helm/examples: the Collector pipeline and the agent values that feed it fit together and the chart. */
class CollectorExampleTest {
  static final Path EXAMPLES = ChartFixture.repoRoot().resolve("helm/examples");
  private final Map<String, Object> collector = ChartFixture.loadMap(EXAMPLES.resolve("otel-collector-values.yaml"));
  private final Map<String, Object> config = at(collector, "config");

  @Test
  void everyPipelineComponentIsDefined() {
    Map<String, Map<String, List<String>>> pipelines = at(config, "service", "pipelines");
    pipelines.forEach((name, p) -> {
      if (p == null) {
        return; // removes the upstream chart's default pipeline
      }
      for (String kind : List.of("receivers", "processors", "exporters")) {
        Map<String, Object> defined = at(config, kind);
        assertThat(p.get(kind)).as("%s %s", name, kind).isNotEmpty()
            .allSatisfy(c -> assertThat(defined.get(c)).as("%s %s: %s is defined", name, kind, c).isNotNull());
      }
    });
  }

  @Test
  void metricsGoFromOtlpThroughBatchToPrometheusRemoteWriteWithNodeLabels() {
    Map<String, List<String>> metrics = at(config, "service", "pipelines", "metrics");
    assertThat(metrics.get("receivers")).containsExactly("otlp");
    assertThat(metrics.get("processors")).containsExactly("memory_limiter", "batch");
    assertThat(metrics.get("exporters")).contains("prometheusremotewrite");
    Map<String, Object> rw = at(config, "exporters", "prometheusremotewrite");
    // The dashboard and rules group by k8s_node_name and use suffixed names.
    assertThat((Object) at(rw, "resource_to_telemetry_conversion", "enabled")).isEqualTo(true);
    assertThat(rw).containsEntry("add_metric_suffixes", true);
    assertThat(URI.create((String) rw.get("endpoint")).getPath()).isEqualTo("/api/v1/write");
  }

  @Test
  void eventsTravelAsLogsToAnOtlpBackend() {
    Map<String, List<String>> logs = at(config, "service", "pipelines", "logs");
    assertThat(logs.get("receivers")).containsExactly("otlp");
    assertThat(logs.get("exporters")).allMatch(e -> e.startsWith("otlp"));
  }

  @Test
  void agentValuesPointAtTheCollectorsOtlpGrpcPort() {
    Map<String, Object> agentValues = ChartFixture.loadMap(EXAMPLES.resolve("nvme-mi-agent-values.yaml"));
    URI endpoint = URI.create(at(agentValues, "otel", "endpoint"));
    String receiver = at(config, "receivers", "otlp", "protocols", "grpc", "endpoint");

    assertThat(endpoint.getHost()).startsWith(collector.get("fullnameOverride") + ".");
    assertThat(receiver).endsWith(":" + endpoint.getPort());
    assertThat((Object) at(agentValues, "otel", "protocol")).isEqualTo("grpc");
  }

  @Test
  void agentValuesRenderWithTheChart() {
    ChartFixture.Manifests m = ChartFixture.renderFiles(EXAMPLES.resolve("nvme-mi-agent-values.yaml"));
    Map<String, Object> c = at(m.one("DaemonSet"), "spec", "template", "spec", "containers", 0);
    assertThat(DaemonSetTest.env(c)).containsEntry("OTEL_METRICS_EXPORTER", "otlp")
        .containsEntry("OTEL_LOGS_EXPORTER", "otlp")
        .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.observability:4317");
    assertThat(m.kinds()).contains("PrometheusRule");
    assertThat((Object) at(TelemetryNamesTest.dashboardConfigMap(m), "metadata", "namespace")).isEqualTo("monitoring");
  }
}
