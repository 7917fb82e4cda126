package dev.nvmemi.plugins.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlMetricExporterTest {
  private static final Attributes DRIVE = Attributes.of(AttributeKey.stringKey("hw.id"), "nvme-1-9",
      AttributeKey.stringKey("hw.serial_number"), "SIM0009");

  @TempDir Path dir;

  /** Records a gauge, a counter and a histogram through a real SDK and exports them once. */
  private Map<String, JsonNode> exportOnce(JsonlConfig config) {
    JsonlMetricExporter exporter = JsonlMetricExporter.create(config);
    try (SdkMeterProvider provider = SdkMeterProvider.builder()
        .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("host.name"), "node-7")))
        .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build())
        .build()) {
      Meter meter = provider.get("dev.nvmemi.agent");
      meter.gaugeBuilder("hw.temperature").setUnit("Cel").setDescription("composite").buildWithCallback(
          g -> g.record(41.5, DRIVE));
      meter.counterBuilder("nvme.data.read").setUnit("By").build().add(512000, DRIVE);
      var histogram = meter.histogramBuilder("nvme_mi.command.duration").setUnit("s")
          .setExplicitBucketBoundariesAdvice(List.of(0.01, 0.1)).build();
      histogram.record(0.005, DRIVE);
      histogram.record(0.05, DRIVE);
      histogram.record(0.5, DRIVE);
      assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }
    return JsonlFiles.read(dir.resolve("metrics.jsonl")).stream()
        .collect(Collectors.toMap(n -> n.get("name").asText(), Function.identity(), (a, b) -> a));
  }

  @Test
  void writesAGaugePointWithValueUnitAttributesResourceAndTimestamps() {
    JsonNode gauge = exportOnce(JsonlConfig.defaults(dir)).get("hw.temperature");

    assertThat(gauge.get("signal").asText()).isEqualTo("metric");
    assertThat(gauge.get("type").asText()).isEqualTo("gauge");
    assertThat(gauge.get("unit").asText()).isEqualTo("Cel");
    assertThat(gauge.get("description").asText()).isEqualTo("composite");
    assertThat(gauge.get("value").asDouble()).isEqualTo(41.5);
    assertThat(gauge.get("attributes").get("hw.serial_number").asText()).isEqualTo("SIM0009");
    assertThat(gauge.get("resource").get("host.name").asText()).isEqualTo("node-7");
    assertThat(gauge.get("time_unix_nano").asLong()).isPositive();
    assertThat(gauge.get("time").asText()).endsWith("Z");
  }

  @Test
  void writesACounterAsAMonotonicCumulativeSumByDefault() {
    JsonNode sum = exportOnce(JsonlConfig.defaults(dir)).get("nvme.data.read");

    assertThat(sum.get("type").asText()).isEqualTo("sum");
    assertThat(sum.get("monotonic").asBoolean()).isTrue();
    assertThat(sum.get("temporality").asText()).isEqualTo("cumulative");
    assertThat(sum.get("value").asLong()).isEqualTo(512000);
    assertThat(sum.get("start_time_unix_nano").asLong()).isPositive();
  }

  @Test
  void writesDeltaSumsWhenConfigured() {
    JsonlConfig delta = new JsonlConfig(dir, JsonlConfig.DEFAULT_MAX_FILE_SIZE, JsonlConfig.DEFAULT_MAX_FILE_AGE,
        3, false, true, Duration.ZERO);

    assertThat(exportOnce(delta).get("nvme.data.read").get("temporality").asText()).isEqualTo("delta");
  }

  @Test
  void writesAHistogramWithBoundsCountsSumMinAndMax() {
    JsonNode h = exportOnce(JsonlConfig.defaults(dir)).get("nvme_mi.command.duration");

    assertThat(h.get("type").asText()).isEqualTo("histogram");
    assertThat(h.get("count").asLong()).isEqualTo(3);
    assertThat(h.get("sum").asDouble()).isEqualTo(0.555, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(h.get("min").asDouble()).isEqualTo(0.005);
    assertThat(h.get("max").asDouble()).isEqualTo(0.5);
    assertThat(h.get("bounds").toString()).isEqualTo("[0.01,0.1]");
    assertThat(h.get("counts").toString()).isEqualTo("[1,1,1]");
  }

  @Test
  void shutdownTwiceIsHarmlessAndExportAfterShutdownFails() {
    JsonlMetricExporter exporter = JsonlMetricExporter.create(JsonlConfig.defaults(dir));

    assertThat(exporter.flush().join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(exporter.shutdown().join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(exporter.shutdown().join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(exporter.export(List.of()).join(5, TimeUnit.SECONDS).isSuccess()).isFalse();
  }
}
