package dev.nvmemi.plugins.jsonl.internal;

import dev.nvmemi.plugins.jsonl.JsonlConfig;
import dev.nvmemi.plugins.jsonl.JsonlMetricExporter;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;

/**
 * Autoconfigure SPI entry for {@code otel.metrics.exporter=jsonl}; registered in
 * {@code META-INF/services}. Called once by autoconfigure on the thread building the SDK.
 */
public final class JsonlMetricExporterProvider implements ConfigurableMetricExporterProvider {
  @Override
  public MetricExporter createExporter(ConfigProperties config) {
    return JsonlMetricExporter.create(JsonlConfig.load(config));
  }

  @Override
  public String getName() {
    return "jsonl";
  }
}
