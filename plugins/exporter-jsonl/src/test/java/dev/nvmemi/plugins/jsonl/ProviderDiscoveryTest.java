package dev.nvmemi.plugins.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderDiscoveryTest {
  @TempDir Path dir;

  @Test
  void serviceLoaderFindsTheMetricAndLogProvidersByName() {
    assertThat(StreamSupport.stream(ServiceLoader.load(ConfigurableMetricExporterProvider.class).spliterator(), false)
        .map(ConfigurableMetricExporterProvider::getName).collect(Collectors.toList())).contains("jsonl");
    assertThat(StreamSupport.stream(ServiceLoader.load(ConfigurableLogRecordExporterProvider.class).spliterator(), false)
        .map(ConfigurableLogRecordExporterProvider::getName).collect(Collectors.toList())).contains("jsonl");
  }

  @Test
  void autoconfigureSelectsJsonlForMetricsAndLogsByName() {
    OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> Map.of(
            "otel.metrics.exporter", "jsonl",
            "otel.logs.exporter", "jsonl",
            "otel.traces.exporter", "none",
            "otel.service.name", "nvme-mi-agent",
            "otel.exporter.jsonl.directory", dir.toString()))
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
    sdk.getSdkLoggerProvider().get("test").logRecordBuilder().setEventName("nvme.endpoint.discovered").emit();
    sdk.getMeter("test").counterBuilder("nvme.power_cycles").build().add(3);
    sdk.close(); // flushes both pipelines

    assertThat(JsonlFiles.read(dir.resolve("events.jsonl")))
        .anySatisfy(e -> assertThat(e.get("name").asText()).isEqualTo("nvme.endpoint.discovered"));
    assertThat(JsonlFiles.read(dir.resolve("metrics.jsonl")))
        .anySatisfy(m -> {
          assertThat(m.get("name").asText()).isEqualTo("nvme.power_cycles");
          assertThat(m.get("value").asLong()).isEqualTo(3);
          assertThat(m.get("resource").get(AttributeKey.stringKey("service.name").getKey()).asText())
              .isEqualTo("nvme-mi-agent");
        });
  }

  @Test
  void rejectsAnUnreadableSizeNamingTheKey() {
    assertThatThrownBy(() -> JsonlConfig.load(DefaultConfigProperties.createFromMap(
        Map.of("otel.exporter.jsonl.max.file.size", "ten megabytes"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("otel.exporter.jsonl.max.file.size: ten megabytes (expected: bytes, e.g. 1048576, 512KiB or 10MiB)");
  }

  @Test
  void readsSizesWithBinaryUnits() {
    JsonlConfig config = JsonlConfig.load(DefaultConfigProperties.createFromMap(Map.of(
        "otel.exporter.jsonl.max.file.size", "512KiB",
        "otel.exporter.jsonl.max.file.age", "30m",
        "otel.exporter.jsonl.max.files", "4")));

    assertThat(config.maxFileSize()).isEqualTo(512 * 1024);
    assertThat(config.maxFileAge()).hasMinutes(30);
    assertThat(config.maxFiles()).isEqualTo(4);
    assertThat(config.directory()).isEqualTo(Path.of(JsonlConfig.DEFAULT_DIRECTORY));
  }

  @Test
  void rejectsAnUnknownTemporality() {
    assertThatThrownBy(() -> JsonlConfig.load(DefaultConfigProperties.createFromMap(
        Map.of("otel.exporter.jsonl.metrics.temporality.preference", "lowmemory"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("(expected: cumulative or delta)");
  }
}
