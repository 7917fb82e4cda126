package dev.nvmemi.helm;

import static dev.nvmemi.helm.ChartFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.helm.ChartFixture.Manifests;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DaemonSet rendered with the chart's default values. */
class DaemonSetTest {
  private static Manifests defaults;
  private static Map<String, Object> pod;
  private static Map<String, Object> agent;

  @BeforeAll
  static void renderDefaults() {
    defaults = ChartFixture.render(Map.of());
    Map<String, Object> ds = defaults.one("DaemonSet");
    pod = at(ds, "spec", "template", "spec");
    List<Map<String, Object>> containers = at(pod, "containers");
    assertThat(containers).hasSize(1);
    agent = containers.get(0);
  }

  @Test
  void defaultChartCreatesOnlyTheAgentAndItsConfig() {
    assertThat(defaults.kinds()).containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "DaemonSet");
  }

  @Test
  void podUsesTheHostNetworkWithClusterDns() {
    assertThat(pod).containsEntry("hostNetwork", true)
        .containsEntry("dnsPolicy", "ClusterFirstWithHostNet")
        .containsEntry("automountServiceAccountToken", false);
  }

  @Test
  void containerDropsEveryCapabilityButNetRaw() {
    Map<String, Object> sc = at(agent, "securityContext");
    assertThat((List<Object>) at(sc, "capabilities", "drop")).containsExactly("ALL");
    assertThat((List<Object>) at(sc, "capabilities", "add")).containsExactly("NET_RAW");
    assertThat(sc).containsEntry("readOnlyRootFilesystem", true)
        .containsEntry("runAsNonRoot", true)
        .containsEntry("runAsUser", 65532);
    assertThat((Object) at(sc, "seccompProfile", "type")).isEqualTo("RuntimeDefault");
  }

  @Test
  void containerKeepsPrivilegeEscalationOnlyForTheImagesFileCapability() {
    // no_new_privs would make the kernel ignore cap_net_raw=ep on the image's java binary, and the
    // non-root agent could not send MCTP; the bounding set (drop ALL, add NET_RAW) caps any exec.
    assertThat((Object) at(agent, "securityContext", "allowPrivilegeEscalation")).isEqualTo(true);
  }

  @Test
  void hostDbusSocketAndMachineIdAreMountedReadOnly() {
    Map<String, Map<String, Object>> mounts = byName(at(agent, "volumeMounts"));
    Map<String, Map<String, Object>> volumes = byName(at(pod, "volumes"));

    assertThat(mounts.get("dbus")).containsEntry("mountPath", "/run/dbus").containsEntry("readOnly", true);
    assertThat((Object) at(volumes.get("dbus"), "hostPath", "path")).isEqualTo("/run/dbus");
    assertThat((Object) at(volumes.get("dbus"), "hostPath", "type")).isEqualTo("Directory");
    assertThat(mounts.get("machine-id")).containsEntry("mountPath", "/etc/machine-id").containsEntry("readOnly", true);
    assertThat((Object) at(volumes.get("machine-id"), "hostPath", "path")).isEqualTo("/etc/machine-id");
    assertThat((Object) at(volumes.get("machine-id"), "hostPath", "type")).isEqualTo("File");
    assertThat(env(agent)).containsEntry("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/run/dbus/system_bus_socket");
  }

  @Test
  void everyMountButScratchSpaceIsReadOnly() {
    List<Map<String, Object>> mounts = at(agent, "volumeMounts");
    assertThat(mounts).filteredOn(m -> !"tmp".equals(m.get("name")))
        .allSatisfy(m -> assertThat(m).containsEntry("readOnly", true));
    assertThat((Object) at(byName(at(pod, "volumes")).get("tmp"), "emptyDir", "sizeLimit")).isEqualTo("16Mi");
  }

  @Test
  void configMapIsMountedWhereTheAgentLooksAndPassedExplicitly() {
    assertThat(byName(at(agent, "volumeMounts")).get("config")).containsEntry("mountPath", "/etc/nvme-mi-agent");
    assertThat((Object) at(byName(at(pod, "volumes")).get("config"), "configMap", "name"))
        .isEqualTo(ChartFixture.FULLNAME);
    assertThat((List<Object>) at(agent, "args")).containsExactly("run", "--config", "/etc/nvme-mi-agent/config.yaml");
  }

  @Test
  void probesHitHealthzAndReadyzOnTheConfiguredHttpPort() {
    assertThat((Object) at(agent, "livenessProbe", "httpGet", "path")).isEqualTo("/healthz");
    assertThat((Object) at(agent, "livenessProbe", "httpGet", "port")).isEqualTo("http");
    assertThat((Object) at(agent, "readinessProbe", "httpGet", "path")).isEqualTo("/readyz");
    assertThat((Object) at(agent, "readinessProbe", "httpGet", "port")).isEqualTo("http");
    Map<String, Map<String, Object>> ports = byName(at(agent, "ports"));
    assertThat(ports.get("http")).containsEntry("containerPort", 9100);
    assertThat(ports).doesNotContainKey("metrics");
  }

  @Test
  void probePortFollowsTheAgentsHttpAddress() {
    Map<String, Object> ds = ChartFixture.render(Map.of("config", Map.of("http", Map.of("address", "[::]:9200"))))
        .one("DaemonSet");
    Map<String, Object> c = at(ds, "spec", "template", "spec", "containers", 0);
    assertThat(byName(at(c, "ports")).get("http")).containsEntry("containerPort", 9200);
  }

  @Test
  void rollingUpdateIsBoundedByMaxUnavailable() {
    Map<String, Object> strategy = at(defaults.one("DaemonSet"), "spec", "updateStrategy");
    assertThat(strategy).containsEntry("type", "RollingUpdate");
    assertThat(ChartFixture.<Map<String, Object>>at(strategy, "rollingUpdate")).containsExactly(Map.entry("maxUnavailable", 1));

    Map<String, Object> pct = ChartFixture.render(Map.of("updateStrategy", Map.of("maxUnavailable", "25%")))
        .one("DaemonSet");
    assertThat((Object) at(pct, "spec", "updateStrategy", "rollingUpdate", "maxUnavailable")).isEqualTo("25%");
  }

  @Test
  void resourcesComeFromValues() {
    Map<String, Object> resources = at(agent, "resources");
    assertThat((Object) at(resources, "requests", "memory")).isEqualTo("192Mi");
    assertThat((Object) at(resources, "limits", "memory")).isEqualTo("384Mi");
    assertThat((Object) at(resources, "requests", "cpu")).isEqualTo("50m");
  }

  @Test
  void nodeNameReachesTheResourceThroughTheDownwardApi() {
    List<Map<String, Object>> env = at(agent, "env");
    Map<String, Map<String, Object>> byName = byName(env);
    assertThat((Object) at(byName.get("K8S_NODE_NAME"), "valueFrom", "fieldRef", "fieldPath")).isEqualTo("spec.nodeName");
    assertThat(env(agent).get("OTEL_RESOURCE_ATTRIBUTES")).startsWith("k8s.node.name=$(K8S_NODE_NAME),");
    // Kubernetes expands $(VAR) only for variables defined earlier in the list.
    List<String> names = env.stream().map(e -> (String) e.get("name")).toList();
    assertThat(names.indexOf("K8S_NODE_NAME")).isLessThan(names.indexOf("OTEL_RESOURCE_ATTRIBUTES"));
    assertThat(names.indexOf("K8S_POD_NAME")).isLessThan(names.indexOf("OTEL_RESOURCE_ATTRIBUTES"));
  }

  @Test
  void withoutAnEndpointMetricsGoNowhereAndEventsToThePodLog() {
    Map<String, String> env = env(agent);
    assertThat(env).containsEntry("OTEL_METRICS_EXPORTER", "none")
        .containsEntry("OTEL_LOGS_EXPORTER", "console")
        .containsEntry("OTEL_TRACES_EXPORTER", "none")
        .containsEntry("OTEL_SERVICE_NAME", "nvme-mi-agent")
        .doesNotContainKey("OTEL_EXPORTER_OTLP_ENDPOINT");
  }

  @Test
  void otlpEndpointAndOtelVariablesComeFromValues() {
    Map<String, Object> values = Map.of("otel", Map.of(
        "endpoint", "http://otel-collector.observability:4317",
        "protocol", "http/protobuf",
        "headers", Map.of("x-tenant", "storage", "authorization", "Bearer t"),
        "metricExportInterval", 10000,
        "resourceAttributes", Map.of("deployment.environment", "lab"),
        "extraEnv", Map.of("OTEL_EXPORTER_OTLP_COMPRESSION", "gzip")));
    Map<String, Object> c = at(ChartFixture.render(values).one("DaemonSet"), "spec", "template", "spec", "containers", 0);
    Map<String, String> env = env(c);

    assertThat(env).containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.observability:4317")
        .containsEntry("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
        .containsEntry("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer t,x-tenant=storage")
        .containsEntry("OTEL_METRICS_EXPORTER", "otlp")
        .containsEntry("OTEL_LOGS_EXPORTER", "otlp")
        .containsEntry("OTEL_METRIC_EXPORT_INTERVAL", "10000")
        .containsEntry("OTEL_EXPORTER_OTLP_COMPRESSION", "gzip");
    assertThat(env.get("OTEL_RESOURCE_ATTRIBUTES")).isEqualTo(
        "k8s.node.name=$(K8S_NODE_NAME),k8s.pod.name=$(K8S_POD_NAME),k8s.namespace.name=$(K8S_NAMESPACE_NAME),"
            + "deployment.environment=lab");
  }

  @Test
  void headersSecretReplacesInlineHeaders() {
    Map<String, Object> values = Map.of("otel", Map.of("endpoint", "https://collector:4317",
        "headers", Map.of("a", "b"), "headersSecret", "otlp-auth"));
    Map<String, Object> c = at(ChartFixture.render(values).one("DaemonSet"), "spec", "template", "spec", "containers", 0);
    Map<String, Object> headers = byName(at(c, "env")).get("OTEL_EXPORTER_OTLP_HEADERS");
    assertThat(headers).doesNotContainKey("value");
    assertThat((Object) at(headers, "valueFrom", "secretKeyRef", "name")).isEqualTo("otlp-auth");
  }

  @Test
  void schedulingValuesReachThePod() {
    Map<String, Object> values = Map.of(
        "nodeSelector", Map.of("node-role.kubernetes.io/management", ""),
        "tolerations", List.of(Map.of("key", "dedicated", "operator", "Equal", "value", "bmc", "effect", "NoSchedule")),
        "affinity", Map.of("nodeAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution",
            Map.of("nodeSelectorTerms", List.of(Map.of("matchExpressions",
                List.of(Map.of("key", "nvme-mi", "operator", "Exists"))))))),
        "priorityClassName", "system-node-critical");
    Map<String, Object> p = at(ChartFixture.render(values).one("DaemonSet"), "spec", "template", "spec");

    assertThat(p).containsEntry("nodeSelector", values.get("nodeSelector"))
        .containsEntry("tolerations", values.get("tolerations"))
        .containsEntry("affinity", values.get("affinity"))
        .containsEntry("priorityClassName", "system-node-critical");
  }

  @Test
  void configMapHoldsValuesConfigVerbatim() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("http", Map.of("address", "0.0.0.0:9300"));
    config.put("bus", Map.of("max_utilization", 0.25));
    Map<String, Object> cm = ChartFixture.render(Map.of("config", config)).one("ConfigMap");
    Map<String, Object> rendered = ChartFixture.yaml().load((String) at(cm, "data", "config.yaml"));

    assertThat(rendered).isEqualTo(config);
  }

  @Test
  void defaultConfigMapIsTheDefaultValuesConfig() {
    Map<String, Object> rendered = ChartFixture.yaml().load((String) at(defaults.one("ConfigMap"), "data", "config.yaml"));
    assertThat(rendered).isEqualTo(ChartFixture.defaultValues().get("config"))
        .isEqualTo(Map.of("http", Map.of("address", "0.0.0.0:9100")));
  }

  @Test
  void configChangeRollsThePods() {
    String before = at(defaults.one("DaemonSet"), "spec", "template", "metadata", "annotations", "checksum/config");
    String after = at(ChartFixture.render(Map.of("config", Map.of("http", Map.of("address", "0.0.0.0:9101"))))
        .one("DaemonSet"), "spec", "template", "metadata", "annotations", "checksum/config");
    assertThat(after).isNotEqualTo(before).hasSize(64);
  }

  static Map<String, Map<String, Object>> byName(List<Map<String, Object>> items) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    items.forEach(i -> out.put((String) i.get("name"), i));
    return out;
  }

  static Map<String, String> env(Map<String, Object> container) {
    Map<String, String> out = new LinkedHashMap<>();
    List<Map<String, Object>> env = at(container, "env");
    env.stream().filter(e -> e.containsKey("value")).forEach(e -> out.put((String) e.get("name"), String.valueOf(e.get("value"))));
    return out;
  }
}
