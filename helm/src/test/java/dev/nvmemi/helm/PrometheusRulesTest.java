package dev.nvmemi.helm;

import static dev.nvmemi.helm.ChartFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.testsupport.Required;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered PrometheusRule through Prometheus' own promtool (Debian package prometheus,
 * scripts/test.d/70-prometheus.sh): {@code check rules} parses every expression and annotation
 * template, and {@code test rules} evaluates the alerts on synthetic series named as the agent
 * exports them. Skipped with the reason where promtool is absent (failed under CI=true: {@link Required}). Runs on the JUnit thread.
 */
class PrometheusRulesTest {
  private static final String DRIVE = "k8s_node_name=\"n1\", hw_id=\"144d-S1\", hw_serial_number=\"S1\","
      + " hw_model=\"M1\", nvme_bus=\"mctpi2c0\", nvme_mctp_eid=\"9\", hw_type=\"physical_disk\"";
  private static final String COOL_DRIVE = "k8s_node_name=\"n1\", hw_id=\"144d-S2\", hw_serial_number=\"S2\","
      + " hw_model=\"M1\", nvme_bus=\"mctpi2c0\", nvme_mctp_eid=\"10\", hw_type=\"physical_disk\"";
  private static Map<String, Object> spec;

  @BeforeAll
  static void render() {
    Required.command("promtool", "prometheus");
    spec = at(ChartFixture.renderFiles(OptionalPartsTest.ALL_ON).one("PrometheusRule"), "spec");
  }

  @Test
  void promtoolAcceptsTheRules(@TempDir Path dir) throws Exception {
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, ChartFixture.yaml().dump(spec));
    String out = promtool(dir, "check", "rules", rules.toString());
    assertThat(out).contains("SUCCESS: 7 rules found");
  }

  @Test
  void alertsFireOnTheAgentsSeriesAndStayQuietOtherwise(@TempDir Path dir) throws Exception {
    // promtool compares annotations exactly; their templates are covered by `check rules`.
    Map<String, Object> withoutAnnotations = ChartFixture.deepCopy(spec);
    for (Map<String, Object> r : TelemetryNamesTest.rules(Map.of("spec", withoutAnnotations))) {
      r.remove("annotations");
    }
    Files.writeString(dir.resolve("rules.yaml"), ChartFixture.yaml().dump(withoutAnnotations));

    List<Map<String, Object>> series = List.of(
        series("hw_status{hw_state=\"failed\", " + DRIVE + "}", "1x20"),
        series("hw_status{hw_state=\"ok\", " + COOL_DRIVE + "}", "1x20"),
        series("nvme_critical_warning_ratio{nvme_critical_warning=\"spare\", " + DRIVE + "}", "1x20"),
        series("nvme_critical_warning_ratio{nvme_critical_warning=\"spare\", " + COOL_DRIVE + "}", "0x20"),
        series("hw_temperature_celsius{" + DRIVE + "}", "80x20"),
        series("hw_temperature_celsius{hw_sensor_location=\"sensor1\", " + COOL_DRIVE + "}", "90x20"),
        series("hw_temperature_celsius{" + COOL_DRIVE + "}", "60x20"),
        series("hw_temperature_limit_celsius{hw_limit_type=\"high.critical\", " + DRIVE + "}", "75x20"),
        series("hw_temperature_limit_celsius{hw_limit_type=\"high.critical\", " + COOL_DRIVE + "}", "75x20"),
        series("hw_temperature_limit_celsius{hw_limit_type=\"high.degraded\", " + COOL_DRIVE + "}", "55x20"),
        series("nvme_spare_available_ratio{" + DRIVE + "}", "0.05x20"),
        series("nvme_spare_threshold_ratio{" + DRIVE + "}", "0.1x20"),
        series("nvme_spare_available_ratio{" + COOL_DRIVE + "}", "0.9x20"),
        series("nvme_spare_threshold_ratio{" + COOL_DRIVE + "}", "0.1x20"),
        series("nvme_mi_endpoint_state{state=\"lost\", k8s_node_name=\"n1\"}", "2x20"),
        series("nvme_mi_endpoint_state{state=\"lost\", k8s_node_name=\"n2\"}", "0x20"),
        series("nvme_mi_poll_staleness_seconds{k8s_node_name=\"n1\", nvme_bus=\"mctpi2c0\"}", "120x20"),
        series("nvme_mi_poll_staleness_seconds{k8s_node_name=\"n2\", nvme_bus=\"mctpi2c1\"}", "5x20"));

    Map<String, String> drive = Map.of("k8s_node_name", "n1", "hw_id", "144d-S1", "hw_serial_number", "S1",
        "hw_model", "M1", "nvme_bus", "mctpi2c0");
    List<Map<String, Object>> checks = List.of(
        alert("NvmeDriveFailed", "1m", labels(drive, "severity", "critical")),
        alert("NvmeDriveCriticalWarning", "1m", labels(drive, "severity", "critical", "nvme_critical_warning", "spare")),
        // for: 1m — not yet at 30s, firing at 5m; only the drive whose composite is over its CCTEMP.
        alert("NvmeDriveTemperatureCritical", "30s"),
        alert("NvmeDriveTemperatureCritical", "5m", labels(drive, "severity", "critical")),
        alert("NvmeDriveSpareBelowThreshold", "1m", labels(drive, "severity", "warning")),
        alert("NvmeEndpointLost", "3m"),
        alert("NvmeEndpointLost", "8m", labels(Map.of("k8s_node_name", "n1"), "severity", "warning")),
        alert("NvmeAgentNotPolling", "8m",
            labels(Map.of("k8s_node_name", "n1", "nvme_bus", "mctpi2c0"), "severity", "warning")));

    Map<String, Object> test = new LinkedHashMap<>();
    test.put("interval", "1m");
    test.put("input_series", series);
    test.put("alert_rule_test", checks);
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("rule_files", List.of("rules.yaml"));
    file.put("evaluation_interval", "1m");
    file.put("tests", List.of(test));
    Path tests = dir.resolve("tests.yaml");
    Files.writeString(tests, ChartFixture.yaml().dump(file));

    assertThat(promtool(dir, "test", "rules", tests.toString())).contains("SUCCESS");
  }

  private static Map<String, Object> series(String name, String values) {
    return Map.of("series", name, "values", values);
  }

  @SafeVarargs
  private static Map<String, Object> alert(String name, String at, Map<String, String>... firing) {
    List<Map<String, Object>> exp = new ArrayList<>();
    for (Map<String, String> l : firing) {
      exp.add(Map.of("exp_labels", l));
    }
    return Map.of("alertname", name, "eval_time", at, "exp_alerts", exp);
  }

  /** Alert labels: the grouping labels, the rule's own, and all-optional-parts.yaml's team label. */
  private static Map<String, String> labels(Map<String, String> base, String... kv) {
    Map<String, String> out = new LinkedHashMap<>(base);
    for (int i = 0; i < kv.length; i += 2) {
      out.put(kv[i], kv[i + 1]);
    }
    out.put("team", "storage");
    return out;
  }

  private static String promtool(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("promtool"));
    cmd.addAll(List.of(args));
    Path out = dir.resolve("promtool.out");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promtool did not finish within 60 s: " + cmd);
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("promtool %s:\n%s", String.join(" ", args), output).isZero();
    return output;
  }
}
