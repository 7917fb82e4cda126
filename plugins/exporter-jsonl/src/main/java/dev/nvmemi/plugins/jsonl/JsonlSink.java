package dev.nvmemi.plugins.jsonl;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The part both JSON-lines exporters share: the rotating file, the export counters, the
 * self-metric and the rate-limited error log, and the shutdown state.
 *
 * <p>A write failure (disk full, directory missing or not writable) never throws to the SDK: the
 * batch is dropped and counted, the export returns a failed result, and the next export tries
 * again from scratch, so writing resumes by itself once space returns.
 *
 * <p>Thread-safe; called from the SDK's export threads.
 */
final class JsonlSink {
  private static final Logger LOG = Logger.getLogger(JsonlSink.class.getName());
  private static final AttributeKey<String> COMPONENT_TYPE = AttributeKey.stringKey("otel.component.type");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private final RotatingJsonlFile file;
  private final String componentType;
  private final String selfMetricName;
  private final String selfMetricUnit;
  private final RateLimitedLog errorLog;
  private final AtomicBoolean shutdown = new AtomicBoolean();
  private final AtomicLong exported = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong failedBatches = new AtomicLong();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private final AtomicReference<LongCounter> selfMetric = new AtomicReference<>();

  /**
   * @param base the file's base name ({@code metrics} or {@code events})
   * @param componentType value of {@code otel.component.type} on the self-metric
   * @param selfMetricName the semantic-convention SDK exporter metric counting exported items
   * @param selfMetricUnit its unit
   */
  JsonlSink(JsonlConfig config, Clock clock, String base, String componentType, String selfMetricName,
      String selfMetricUnit) {
    this.file = new RotatingJsonlFile(config.directory(), base, config, clock);
    this.componentType = componentType;
    this.selfMetricName = selfMetricName;
    this.selfMetricUnit = selfMetricUnit;
    this.errorLog = new RateLimitedLog(LOG, clock, config.errorLogInterval());
  }

  RotatingJsonlFile file() {
    return file;
  }

  /** Writes one batch of {@code items} telemetry items rendered as {@code lines}. */
  CompletableResultCode write(List<String> lines, int items) {
    if (shutdown.get()) {
      return CompletableResultCode.ofFailure();
    }
    try {
      file.append(lines);
      exported.addAndGet(items);
      record(items, null);
      errorLog.success("JSON-lines exporter writing to " + file.activeFile());
      return CompletableResultCode.ofSuccess();
    } catch (IOException | RuntimeException e) {
      failed.addAndGet(items);
      failedBatches.incrementAndGet();
      String type = errorType(e);
      lastError.set(type + ": " + e.getMessage());
      record(items, type);
      errorLog.failure("JSON-lines exporter could not write " + items + " items to " + file.activeFile()
          + " (" + type + "); the batch is dropped and the next export retries", e);
      return CompletableResultCode.ofExceptionalFailure(e);
    }
  }

  CompletableResultCode flush() {
    if (shutdown.get()) {
      return CompletableResultCode.ofSuccess();
    }
    try {
      file.force();
      return CompletableResultCode.ofSuccess();
    } catch (IOException e) {
      return CompletableResultCode.ofExceptionalFailure(e);
    }
  }

  CompletableResultCode shutdown() {
    if (!shutdown.compareAndSet(false, true)) {
      LOG.log(Level.INFO, "Calling shutdown() multiple times.");
      return CompletableResultCode.ofSuccess();
    }
    try {
      file.close();
      return CompletableResultCode.ofSuccess();
    } catch (IOException e) {
      return CompletableResultCode.ofExceptionalFailure(e);
    }
  }

  JsonlExporterStats stats() {
    return new JsonlExporterStats(exported.get(), failed.get(), failedBatches.get(), lastError.get());
  }

  /**
   * A short, stable error class for the {@code error.type} attribute: {@code no_space},
   * {@code access_denied}, {@code not_a_directory} or the exception's class name.
   */
  static String errorType(Exception e) {
    String reason = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
    if (reason != null) {
      String r = reason.toLowerCase(java.util.Locale.ROOT);
      if (r.contains("no space left")) {
        return "no_space";
      }
      if (r.contains("permission denied") || r.contains("read-only file system")) {
        return "access_denied";
      }
      if (r.contains("not a directory")) {
        return "not_a_directory";
      }
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "access_denied";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      // createDirectories on a path whose component is a regular file.
      return "not_a_directory";
    }
    return e.getClass().getName();
  }

  /**
   * Counts items on the semantic-convention SDK exporter metric. The meter is taken from
   * {@link GlobalOpenTelemetry} only once the agent has installed it: asking earlier would install
   * a no-op instance and make the agent's own {@code set} fail.
   */
  private void record(int items, String errorType) {
    LongCounter counter = selfMetric.get();
    if (counter == null) {
      if (!GlobalOpenTelemetry.isSet()) {
        return;
      }
      counter = GlobalOpenTelemetry.getMeter("dev.nvmemi.plugins.jsonl").counterBuilder(selfMetricName)
          .setUnit(selfMetricUnit)
          .setDescription("Items the JSON-lines exporter wrote (no error.type) or dropped (with error.type).")
          .build();
      selfMetric.compareAndSet(null, counter);
      counter = selfMetric.get();
    }
    Attributes attributes = errorType == null ? Attributes.of(COMPONENT_TYPE, componentType)
        : Attributes.of(COMPONENT_TYPE, componentType, ERROR_TYPE, errorType);
    counter.add(items, attributes);
  }
}
