package dev.nvmemi.plugins.jsonl.internal;

import dev.nvmemi.plugins.jsonl.JsonlConfig;
import dev.nvmemi.plugins.jsonl.JsonlLogRecordExporter;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;

/**
 * Autoconfigure SPI entry for {@code otel.logs.exporter=jsonl}; registered in
 * {@code META-INF/services}. Called once by autoconfigure on the thread building the SDK.
 */
public final class JsonlLogRecordExporterProvider implements ConfigurableLogRecordExporterProvider {
  @Override
  public LogRecordExporter createExporter(ConfigProperties config) {
    return JsonlLogRecordExporter.create(JsonlConfig.load(config));
  }

  @Override
  public String getName() {
    return "jsonl";
  }
}
