package dev.nvmemi.agent.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.agent.config.ConfigException;
import dev.nvmemi.agent.config.ConfigLoader;
import io.opentelemetry.api.common.AttributeKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtelSetupTest {
  @Test
  void unknownMetricExporterFailsStartUpWithTheAvailableNames() {
    assertThatThrownBy(() -> OtelSetup.create(ConfigLoader.build(Map.of("otel.metrics.exporter", "nosuch"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("otel.metrics.exporter: unknown exporter \"nosuch\" (expected: comma-separated names among ")
        .hasMessageContaining("otlp")
        .hasMessageContaining("prometheus")
        .hasMessageContaining("console")
        .hasMessageContaining("jsonl");
  }

  @Test
  void unknownLogExporterFailsStartUpWithTheAvailableNames() {
    assertThatThrownBy(() -> OtelSetup.create(ConfigLoader.build(Map.of(
        "otel.metrics.exporter", "none", "otel.logs.exporter", "nosuch"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("otel.logs.exporter: unknown exporter \"nosuch\"")
        .hasMessageContaining("otlp")
        .hasMessageContaining("alertmanager");
  }

  @Test
  void resourceCarriesServiceAndHostName() {
    OtelSetup.Result r = OtelSetup.create(ConfigLoader.build(Map.of(
        "otel.metrics.exporter", "none", "otel.logs.exporter", "none")));
    try {
      var resource = r.sdk().getSdkMeterProvider().toString();
      assertThat(resource).contains("service.name=\"nvme-mi-agent\"").contains("host.name=");
    } finally {
      r.sdk().close();
    }
    assertThat(OtelSetup.agentResource(io.opentelemetry.sdk.resources.Resource.empty())
        .getAttribute(AttributeKey.stringKey("host.name"))).isNotBlank();
  }
}
