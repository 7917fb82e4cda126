package dev.nvmemi.helm;

import static dev.nvmemi.helm.ChartFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.helm.ChartFixture.Manifests;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chart with every values-gated part switched on (src/test/resources/all-optional-parts.yaml). */
class OptionalPartsTest {
  static final Path ALL_ON = Path.of("src/test/resources/all-optional-parts.yaml").toAbsolutePath();
  private static Manifests all;

  @BeforeAll
  static void render() {
    all = ChartFixture.renderFiles(ALL_ON);
  }

  @Test
  void everyOptionalPartIsRendered() {
    assertThat(all.kinds()).containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "ConfigMap", "Service",
        "DaemonSet", "ServiceMonitor", "PodMonitor", "PrometheusRule");
  }

  @Test
  void agentExportsOtlpAndServesPrometheusOnTheNode() {
    Map<String, Object> c = at(all.one("DaemonSet"), "spec", "template", "spec", "containers", 0);
    Map<String, String> env = DaemonSetTest.env(c);
    assertThat(env).containsEntry("OTEL_METRICS_EXPORTER", "otlp,prometheus")
        .containsEntry("OTEL_LOGS_EXPORTER", "otlp")
        .containsEntry("OTEL_EXPORTER_PROMETHEUS_HOST", "0.0.0.0")
        .containsEntry("OTEL_EXPORTER_PROMETHEUS_PORT", "9464");
    assertThat(DaemonSetTest.byName(at(c, "ports")).get("metrics")).containsEntry("containerPort", 9464);
  }

  @Test
  void headlessServiceSelectsTheAgentPods() {
    Map<String, Object> svc = all.one("Service");
    Map<String, Object> podLabels = at(all.one("DaemonSet"), "spec", "template", "metadata", "labels");
    assertThat((Object) at(svc, "spec", "clusterIP")).isEqualTo("None");
    assertThat(podLabels).containsAllEntriesOf(at(svc, "spec", "selector"));
    assertThat(DaemonSetTest.byName(at(svc, "spec", "ports")).get("metrics")).containsEntry("targetPort", "metrics");
  }

  @Test
  void serviceMonitorScrapesTheMetricsPortAndLabelsTheNode() {
    Map<String, Object> sm = all.one("ServiceMonitor");
    Map<String, Object> svcLabels = at(all.one("Service"), "metadata", "labels");
    assertThat(svcLabels).containsAllEntriesOf(at(sm, "spec", "selector", "matchLabels"));
    assertThat((Object) at(sm, "metadata", "labels", "release")).isEqualTo("kube-prometheus-stack");
    Map<String, Object> endpoint = at(sm, "spec", "endpoints", 0);
    assertThat(endpoint).containsEntry("port", "metrics").containsEntry("path", "/metrics");
    assertThat((List<Object>) at(endpoint, "relabelings")).containsExactly(Map.of(
        "sourceLabels", List.of("__meta_kubernetes_pod_node_name"), "targetLabel", "k8s_node_name", "action", "replace"));
  }

  @Test
  void podMonitorScrapesTheAgentPodsDirectly() {
    Map<String, Object> pm = all.one("PodMonitor");
    Map<String, Object> podLabels = at(all.one("DaemonSet"), "spec", "template", "metadata", "labels");
    assertThat(podLabels).containsAllEntriesOf(at(pm, "spec", "selector", "matchLabels"));
    assertThat((Object) at(pm, "spec", "podMetricsEndpoints", 0, "port")).isEqualTo("metrics");
  }

  @Test
  void prometheusRuleHasTheDriveAndAgentAlerts() {
    List<Map<String, Object>> rules = TelemetryNamesTest.rules(all.one("PrometheusRule"));
    assertThat(rules).extracting(r -> r.get("alert")).containsExactlyInAnyOrder("NvmeDriveFailed",
        "NvmeDriveCriticalWarning", "NvmeDriveTemperatureCritical", "NvmeDriveSpareBelowThreshold",
        "NvmeEndpointLost", "NvmeAgentNotPolling", "NvmeAgentSilent");
    assertThat(rules).allSatisfy(r -> {
      assertThat((Object) at(r, "labels", "severity")).isIn("critical", "warning");
      assertThat((Object) at(r, "labels", "team")).isEqualTo("storage");
      assertThat((String) at(r, "annotations", "description")).contains("{{ $labels.");
    });
  }

  @Test
  void stalenessAlertUsesTheThresholdFromValues() {
    Manifests m = ChartFixture.render(Map.of("prometheusRule", Map.of("enabled", true,
        "stalenessThresholdSeconds", 42, "stalenessFor", "7m")));
    Map<String, Object> rule = TelemetryNamesTest.rules(m.one("PrometheusRule")).stream()
        .filter(r -> "NvmeAgentNotPolling".equals(r.get("alert"))).findFirst().orElseThrow();
    assertThat((String) rule.get("expr")).endsWith("> 42");
    assertThat(rule).containsEntry("for", "7m");
  }

  @Test
  void dashboardConfigMapCarriesTheDashboardForTheSidecar() {
    Map<String, Object> cm = TelemetryNamesTest.dashboardConfigMap(all);
    assertThat((Object) at(cm, "metadata", "labels", "grafana_dashboard")).isEqualTo("1");
    Map<String, Object> dashboard = TelemetryNamesTest.dashboard(cm);
    assertThat(dashboard).containsEntry("uid", "nvme-mi-fleet").containsEntry("title", "NVMe-MI fleet");
    assertThat(TelemetryNamesTest.dashboardExpressions(dashboard)).hasSizeGreaterThan(15);
  }
}
