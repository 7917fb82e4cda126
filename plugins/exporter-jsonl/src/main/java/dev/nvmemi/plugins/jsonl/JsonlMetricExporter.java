package dev.nvmemi.plugins.jsonl;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Writes metric data points as JSON lines to {@code <directory>/metrics.jsonl} (one object per data
 * point; fields in the module README). Selected by {@code otel.metrics.exporter=jsonl}.
 *
 * <p>Runs on the metric reader's export thread; thread-safe.
 */
public final class JsonlMetricExporter implements MetricExporter {
  /** Base name of the metric files. */
  public static final String FILE_BASE = "metrics";

  private final JsonlSink sink;
  private final AggregationTemporalitySelector temporality;

  private JsonlMetricExporter(JsonlConfig config, Clock clock) {
    this.sink = new JsonlSink(config, clock, FILE_BASE, "jsonl_metric_exporter",
        "otel.sdk.exporter.metric_data_point.exported", "{data_point}");
    this.temporality = config.temporalitySelector();
  }

  public static JsonlMetricExporter create(JsonlConfig config) {
    return new JsonlMetricExporter(config, Clock.systemUTC());
  }

  /** With a clock for file-age rotation (tests). */
  public static JsonlMetricExporter create(JsonlConfig config, Clock clock) {
    return new JsonlMetricExporter(config, clock);
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return temporality.getAggregationTemporality(instrumentType);
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    List<String> lines = new ArrayList<>();
    for (MetricData metric : metrics) {
      lines.addAll(TelemetryJson.metricLines(metric));
    }
    return sink.write(lines, lines.size());
  }

  @Override
  public CompletableResultCode flush() {
    return sink.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return sink.shutdown();
  }

  /** Counters since creation (exported and dropped data points, last error). */
  public JsonlExporterStats stats() {
    return sink.stats();
  }

  @Override
  public String toString() {
    return "JsonlMetricExporter{file=" + sink.file().activeFile() + "}";
  }
}
