package dev.nvmemi.plugins.alertmanager.internal;

import dev.nvmemi.plugins.alertmanager.AlertmanagerConfig;
import dev.nvmemi.plugins.alertmanager.AlertmanagerLogRecordExporter;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;

/**
 * Autoconfigure SPI entry for {@code otel.logs.exporter=alertmanager}; registered in
 * {@code META-INF/services}. Called once by autoconfigure on the thread building the SDK.
 */
public final class AlertmanagerLogRecordExporterProvider implements ConfigurableLogRecordExporterProvider {
  @Override
  public LogRecordExporter createExporter(ConfigProperties config) {
    return AlertmanagerLogRecordExporter.create(AlertmanagerConfig.load(config));
  }

  @Override
  public String getName() {
    return "alertmanager";
  }
}
