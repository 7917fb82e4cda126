package dev.nvmemi.plugins.jsonl;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Writes log records (the agent's events) as JSON lines to {@code <directory>/events.jsonl}, one
 * object per record (fields in the module README). Selected by {@code otel.logs.exporter=jsonl}.
 *
 * <p>Runs on the log record processor's export thread; thread-safe.
 */
public final class JsonlLogRecordExporter implements LogRecordExporter {
  /** Base name of the event files. */
  public static final String FILE_BASE = "events";

  private final JsonlSink sink;

  private JsonlLogRecordExporter(JsonlConfig config, Clock clock) {
    this.sink = new JsonlSink(config, clock, FILE_BASE, "jsonl_log_exporter",
        "otel.sdk.exporter.log.exported", "{log_record}");
  }

  public static JsonlLogRecordExporter create(JsonlConfig config) {
    return new JsonlLogRecordExporter(config, Clock.systemUTC());
  }

  /** With a clock for file-age rotation (tests). */
  public static JsonlLogRecordExporter create(JsonlConfig config, Clock clock) {
    return new JsonlLogRecordExporter(config, clock);
  }

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    List<String> lines = new ArrayList<>(logs.size());
    for (LogRecordData log : logs) {
      lines.add(TelemetryJson.logLine(log));
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

  /** Counters since creation (exported and dropped records, last error). */
  public JsonlExporterStats stats() {
    return sink.stats();
  }

  @Override
  public String toString() {
    return "JsonlLogRecordExporter{file=" + sink.file().activeFile() + "}";
  }
}
