package dev.nvmemi.helm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A wrong value fails {@code helm template} (and so {@code helm install}) with a message naming the
 * value: values.schema.json for types and ranges, template checks for combinations.
 */
class ValuesSchemaTest {

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("unknown OTLP protocol",
            Map.of("otel", Map.of("protocol", "http")), List.of("otel.protocol", "grpc")),
        Arguments.of("maxUnavailable zero would block every update",
            Map.of("updateStrategy", Map.of("maxUnavailable", 0)), List.of("updateStrategy.maxUnavailable")),
        Arguments.of("maxUnavailable percentage over 100",
            Map.of("updateStrategy", Map.of("maxUnavailable", "150%")), List.of("updateStrategy.maxUnavailable")),
        Arguments.of("port out of range",
            Map.of("prometheus", Map.of("port", 70000)), List.of("prometheus.port")),
        Arguments.of("misspelt top-level key",
            Map.of("nodeselector", Map.of("a", "b")), List.of("nodeselector")),
        Arguments.of("unknown section of the agent config",
            Map.of("config", Map.of("polling", Map.of())), List.of("polling")),
        Arguments.of("http address without a port",
            Map.of("config", Map.of("http", Map.of("address", "0.0.0.0"))), List.of("config.http.address")),
        Arguments.of("extra OTEL variable without the OTEL_ prefix",
            Map.of("otel", Map.of("extraEnv", Map.of("JAVA_HOME", "/x"))), List.of("otel.extraEnv")),
        Arguments.of("extra OTEL variable that the chart already sets from its values",
            Map.of("otel", Map.of("extraEnv", Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://x:4317"))), List.of("otel.extraEnv")),
        Arguments.of("OTLP endpoint without a scheme",
            Map.of("otel", Map.of("endpoint", "collector:4317")), List.of("otel.endpoint")),
        Arguments.of("memory limit that is not a quantity",
            Map.of("resources", Map.of("limits", Map.of("memory", "lots"))), List.of("resources.limits.memory")),
        Arguments.of("digest that is not sha256",
            Map.of("image", Map.of("digest", "latest")), List.of("image.digest")),
        Arguments.of("boolean switch given as a string",
            Map.of("prometheusRule", Map.of("enabled", "yes")), List.of("prometheusRule.enabled")),
        Arguments.of("alert duration in the wrong form",
            Map.of("prometheusRule", Map.of("temperatureFor", "1 minute")), List.of("prometheusRule.temperatureFor")),
        Arguments.of("grace period shorter than the agent's 5 s flush",
            Map.of("terminationGracePeriodSeconds", 2), List.of("terminationGracePeriodSeconds")),
        Arguments.of("loopback http address the kubelet cannot probe",
            Map.of("config", Map.of("http", Map.of("address", "127.0.0.1:9100"))),
            List.of("config.http.address", "loopback", "0.0.0.0:9100")),
        Arguments.of("HTTP endpoints switched off while the probes need them",
            Map.of("config", Map.of("http", Map.of("enabled", false))), List.of("config.http.enabled", "probes")),
        Arguments.of("bus utilization over 100 %",
            Map.of("config", Map.of("bus", Map.of("max_utilization", 1.5))), List.of("config.bus.max_utilization")),
        Arguments.of("unknown key in a section of the agent config",
            Map.of("config", Map.of("poll", Map.of("smart_intervall", "60s"))), List.of("smart_intervall")),
        Arguments.of("discovery mode the agent does not have",
            Map.of("config", Map.of("discovery", Map.of("mode", "udev"))), List.of("config.discovery.mode")),
        Arguments.of("static endpoint that is not net:eid",
            Map.of("config", Map.of("discovery", Map.of("static", List.of("9")))), List.of("config.discovery.static")),
        Arguments.of("per-bus override with an unknown key",
            Map.of("config", Map.of("bus", Map.of("overrides", Map.of("mctpi2c3", Map.of("speed", 1))))), List.of("speed")),
        Arguments.of("ServiceMonitor without the Service it selects",
            Map.of("prometheus", Map.of("enabled", true, "serviceMonitor", Map.of("enabled", true))),
            List.of("prometheus.serviceMonitor.enabled needs prometheus.service.enabled")),
        Arguments.of("Service without the Prometheus endpoint it exposes",
            Map.of("prometheus", Map.of("service", Map.of("enabled", true))),
            List.of("prometheus.service.enabled needs prometheus.enabled")),
        Arguments.of("PodMonitor without the Prometheus endpoint it scrapes",
            Map.of("prometheus", Map.of("podMonitor", Map.of("enabled", true))),
            List.of("prometheus.podMonitor.enabled needs prometheus.enabled")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void rejectsBadValueNamingIt(String why, Map<String, Object> values, List<String> fragments) {
    var thrown = assertThatThrownBy(() -> ChartFixture.render(values));
    for (String fragment : fragments) {
      thrown.hasMessageContaining(fragment);
    }
  }
}
