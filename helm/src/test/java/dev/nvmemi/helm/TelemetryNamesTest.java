package dev.nvmemi.helm;

import static dev.nvmemi.helm.ChartFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.telemetry.TelemetryContract;
import dev.nvmemi.agent.telemetry.TelemetryContract.Instrument;
import dev.nvmemi.agent.telemetry.TelemetryContract.Metric;
import dev.nvmemi.helm.ChartFixture.Manifests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every metric, label and label value that the alert rules and the Grafana dashboard use exists in
 * the agent's telemetry contract ({@link TelemetryContract}, read from the agent's classes, never a
 * copied list), in the form Prometheus exposes: {@link Metric#prometheusName()}, histogram series
 * with _bucket/_sum/_count, attribute keys with dots as underscores, the info metrics target_info and
 * otel_scope_info, and the resource attributes the chart sets (label k8s_node_name).
 */
class TelemetryNamesTest {
  private static Manifests all;
  private static Set<String> knownMetrics;
  private static Set<String> knownLabels;

  @BeforeAll
  static void render() {
    all = ChartFixture.renderFiles(OptionalPartsTest.ALL_ON);
    knownMetrics = prometheusMetricNames();
    knownLabels = prometheusLabelNames(all);
  }

  static Set<String> prometheusMetricNames() {
    Set<String> names = new LinkedHashSet<>(List.of("target_info", "otel_scope_info"));
    for (Metric m : TelemetryContract.METRICS) {
      String p = m.prometheusName();
      names.add(p);
      if (m.instrument() == Instrument.HISTOGRAM) {
        names.addAll(List.of(p + "_bucket", p + "_sum", p + "_count"));
      }
    }
    return names;
  }

  /** Contract attributes, the resource attributes the chart sets, and Prometheus' own labels. */
  static Set<String> prometheusLabelNames(Manifests manifests) {
    Set<String> labels = new LinkedHashSet<>(List.of("le", "job", "instance"));
    Stream.concat(TelemetryContract.DRIVE_ATTRIBUTES.stream(),
            TelemetryContract.METRICS.stream().flatMap(m -> m.attributes().stream()))
        .forEach(a -> labels.add(a.replace('.', '_')));
    Map<String, Object> c = at(manifests.one("DaemonSet"), "spec", "template", "spec", "containers", 0);
    for (String kv : DaemonSetTest.env(c).get("OTEL_RESOURCE_ATTRIBUTES").split(",")) {
      labels.add(kv.substring(0, kv.indexOf('=')).replace('.', '_'));
    }
    return labels;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rules(Map<String, Object> prometheusRule) {
    List<Map<String, Object>> groups = at(prometheusRule, "spec", "groups");
    return groups.stream().flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream()).toList();
  }

  static Map<String, Object> dashboardConfigMap(Manifests manifests) {
    return manifests.ofKind("ConfigMap").stream()
        .filter(cm -> ((Map<?, ?>) cm.get("data")).containsKey("nvme-mi-fleet.json")).findFirst().orElseThrow();
  }

  static Map<String, Object> dashboard(Map<String, Object> configMap) {
    return ChartFixture.yaml().load((String) at(configMap, "data", "nvme-mi-fleet.json"));
  }

  /** Panel target expressions (rows' nested panels too) and templating queries, by panel title. */
  @SuppressWarnings("unchecked")
  static Map<String, String> dashboardExpressions(Map<String, Object> dashboard) {
    Map<String, String> out = new LinkedHashMap<>();
    List<Map<String, Object>> panels = new ArrayList<>((List<Map<String, Object>>) dashboard.get("panels"));
    for (int i = 0; i < panels.size(); i++) {
      Map<String, Object> p = panels.get(i);
      if (p.get("panels") instanceof List<?> nested) {
        panels.addAll((List<Map<String, Object>>) nested);
      }
      if (p.get("targets") instanceof List<?> targets) {
        for (Object t : targets) {
          out.put(p.get("title") + " #" + ((Map<String, Object>) t).get("refId"), (String) ((Map<String, Object>) t).get("expr"));
        }
      }
    }
    for (Map<String, Object> v : (List<Map<String, Object>>) at(dashboard, "templating", "list")) {
      if ("query".equals(v.get("type"))) {
        Object q = v.get("query");
        out.put("variable " + v.get("name"), q instanceof Map<?, ?> m ? (String) m.get("query") : (String) q);
      }
    }
    return out;
  }

  private static Map<String, String> ruleExpressions() {
    Map<String, String> out = new LinkedHashMap<>();
    rules(all.one("PrometheusRule")).forEach(r -> out.put((String) r.get("alert"), (String) r.get("expr")));
    return out;
  }

  /** Unknown metric names, label names and matcher values per expression; empty when all are known. */
  static List<String> problems(Map<String, String> expressions, Set<String> metrics, Set<String> labels) {
    List<String> problems = new ArrayList<>();
    expressions.forEach((where, expr) -> {
      PromQl.Names n = PromQl.names(expr);
      if (n.metrics().isEmpty()) {
        problems.add(where + ": no metric found in " + expr);
      }
      n.metrics().stream().filter(m -> !metrics.contains(m))
          .forEach(m -> problems.add(where + ": metric " + m + " is not in the telemetry contract"));
      n.labels().stream().filter(l -> !labels.contains(l))
          .forEach(l -> problems.add(where + ": label " + l + " is not a contract attribute"));
      for (PromQl.Matcher3 m : n.matchers()) {
        List<String> allowed = allowedValues(m.label());
        if (allowed != null && (m.op().equals("=") || m.op().equals("!=")) && !allowed.contains(m.value())) {
          problems.add(where + ": " + m.label() + " value " + m.value() + " is not one of " + allowed);
        }
      }
    });
    return problems;
  }

  /** Closed value sets of the contract, for matcher values (null: open set). */
  private static List<String> allowedValues(String label) {
    return switch (label) {
      case "hw_state" -> TelemetryContract.HW_STATES;
      case "state" -> TelemetryContract.ENDPOINT_STATES;
      case "hw_limit_type" -> List.of("high.degraded", "high.critical");
      case "hw_physical_disk_state" -> List.of("remaining");
      case "hw_sensor_location" -> List.of("");
      default -> null;
    };
  }

  @Test
  void alertRulesUseOnlyContractMetricsAndLabels() {
    assertThat(problems(ruleExpressions(), knownMetrics, knownLabels)).isEmpty();
  }

  @Test
  void dashboardUsesOnlyContractMetricsAndLabels() {
    Map<String, String> exprs = dashboardExpressions(dashboard(dashboardConfigMap(all)));
    assertThat(problems(exprs, knownMetrics, knownLabels)).isEmpty();
  }

  @Test
  void checkFlagsANameThatIsNotInTheContract() {
    // OpenTelemetry name instead of the Prometheus one, a misspelt label and a state that does not exist.
    Map<String, String> bad = Map.of("bad", "max by (hw_idd) (hw_temperature{hw_state=\"broken\"})");
    assertThat(problems(bad, knownMetrics, knownLabels)).containsExactlyInAnyOrder(
        "bad: metric hw_temperature is not in the telemetry contract",
        "bad: label hw_idd is not a contract attribute",
        "bad: hw_state value broken is not one of " + TelemetryContract.HW_STATES);
  }

  @Test
  void dashboardCoversTemperatureHealthEnduranceStalenessAndBusUtilization() {
    Set<String> used = new LinkedHashSet<>();
    dashboardExpressions(dashboard(dashboardConfigMap(all))).values()
        .forEach(e -> used.addAll(PromQl.names(e).metrics()));
    assertThat(used).contains(TelemetryContract.HW_TEMPERATURE.prometheusName(),
        TelemetryContract.HW_TEMPERATURE_LIMIT.prometheusName(),
        TelemetryContract.HW_STATUS.prometheusName(),
        TelemetryContract.HW_ENDURANCE.prometheusName(),
        TelemetryContract.MI_POLL_STALENESS.prometheusName(),
        TelemetryContract.MI_BUS_UTILIZATION.prometheusName(),
        TelemetryContract.MI_ENDPOINT_STATE.prometheusName());
  }

  @Test
  void rulesWatchFailureCriticalWarningTemperatureLostEndpointsAndStaleness() {
    Map<String, String> exprs = ruleExpressions();
    assertThat(PromQl.names(exprs.get("NvmeDriveFailed")).metrics())
        .containsExactly(TelemetryContract.HW_STATUS.prometheusName());
    assertThat(PromQl.names(exprs.get("NvmeDriveCriticalWarning")).metrics())
        .containsExactly(TelemetryContract.NVME_CRITICAL_WARNING_METRIC.prometheusName());
    assertThat(PromQl.names(exprs.get("NvmeDriveTemperatureCritical")).metrics()).containsExactlyInAnyOrder(
        TelemetryContract.HW_TEMPERATURE.prometheusName(), TelemetryContract.HW_TEMPERATURE_LIMIT.prometheusName());
    assertThat(PromQl.names(exprs.get("NvmeDriveTemperatureCritical")).matchers())
        .contains(new PromQl.Matcher3("hw_limit_type", "=", "high.critical"));
    assertThat(PromQl.names(exprs.get("NvmeEndpointLost")).matchers())
        .containsExactly(new PromQl.Matcher3("state", "=", "lost"));
    assertThat(PromQl.names(exprs.get("NvmeAgentNotPolling")).metrics())
        .containsExactly(TelemetryContract.MI_POLL_STALENESS.prometheusName());
  }

  @Test
  void everyAlertGroupsByLabelsItsDescriptionUses() {
    for (Map<String, Object> r : rules(all.one("PrometheusRule"))) {
      String description = at(r, "annotations", "description");
      Set<String> grouped = PromQl.names((String) r.get("expr")).labels();
      java.util.regex.Matcher m = Pattern.compile("\\$labels\\.([a-z0-9_]+)").matcher(description);
      while (m.find()) {
        assertThat(grouped).as("%s uses $labels.%s", r.get("alert"), m.group(1)).contains(m.group(1));
      }
    }
  }

  /**
   * The scrape-time renaming of the chart's ServiceMonitor/PodMonitor (metricRelabelings), applied
   * to one metric name the way Prometheus does (fully anchored regex, ${1} replacement).
   */
  static UnaryOperator<String> scrapeRenaming(Manifests manifests) {
    Map<String, Object> r = at(manifests.one("ServiceMonitor"), "spec", "endpoints", 0, "metricRelabelings", 0);
    assertThat(r).containsEntry("sourceLabels", List.of("__name__")).containsEntry("targetLabel", "__name__");
    Pattern regex = Pattern.compile((String) r.get("regex"));
    String replacement = ((String) r.get("replacement")).replace("${1}", "$1");
    return name -> {
      java.util.regex.Matcher m = regex.matcher(name);
      return m.matches() ? m.replaceFirst(replacement) : name;
    };
  }

  @Test
  void scrapeRelabelingGivesEveryUnitOneGaugeItsContractName() {
    // OpenTelemetry Java's Prometheus exporter drops unit "1"; the contract (and a Collector's
    // remote write) add _ratio. The monitors rename exactly the contract's unit-1 gauges.
    UnaryOperator<String> rename = scrapeRenaming(all);
    Map<String, Object> r = at(all.one("ServiceMonitor"), "spec", "endpoints", 0, "metricRelabelings", 0);
    String regex = (String) r.get("regex");
    Set<String> renamed = new TreeSet<>(List.of(regex.substring(1, regex.length() - 1).split("\\|")));
    Set<String> unitOneGauges = new TreeSet<>();
    for (Metric m : TelemetryContract.METRICS) {
      String bare = m.name().replace('.', '_');
      if (m.instrument() == Instrument.GAUGE && m.unit().equals("1")) {
        unitOneGauges.add(bare);
      }
      if (m.instrument() != Instrument.COUNTER) {
        String exporterName = m.unit().equals("1") ? bare : m.prometheusName();
        assertThat(rename.apply(exporterName)).as("scraped %s", exporterName).isEqualTo(m.prometheusName());
      }
    }
    assertThat(renamed).isEqualTo(unitOneGauges);
    assertThat((Object) at(all.one("PodMonitor"), "spec", "podMetricsEndpoints", 0, "metricRelabelings"))
        .isEqualTo(at(all.one("ServiceMonitor"), "spec", "endpoints", 0, "metricRelabelings"));
  }

  @Test
  void prometheusNamesFollowTheUnitSuffixRules() {
    // Guards the reading of the contract: a rename in TelemetryContract shows up here first.
    assertThat(knownMetrics).contains("hw_temperature_celsius", "hw_status", "nvme_mi_poll_staleness_seconds",
        "nvme_mi_command_duration_seconds_bucket", "hw_errors_total");
    assertThat(knownMetrics).allMatch(n -> n.equals(n.toLowerCase(Locale.ROOT)) && !n.contains("."));
  }
}
