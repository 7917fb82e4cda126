package dev.nvmemi.agent.export;

import dev.nvmemi.agent.log.LogFields;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts what exporters failed to deliver and logs it, rate-limited (at most one line per signal
 * per minute, with the count since the last line). Exporters are wrapped through autoconfigure's
 * exporter customizers; the SDK's batch processor and periodic reader already bound the queues
 * (a full queue drops), so an exporter outage never blocks polling.
 *
 * <p>Thread-safe: called on the SDK's exporter threads, read by the metric reader.
 */
public final class ExportFailures {
  private static final Logger LOG = Logger.getLogger(ExportFailures.class.getName());
  private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

  private final LongAdder metricsDropped = new LongAdder();
  private final LongAdder logsDropped = new LongAdder();
  private final AtomicLong lastMetricsLog = new AtomicLong(Long.MIN_VALUE / 2);
  private final AtomicLong lastLogsLog = new AtomicLong(Long.MIN_VALUE / 2);
  private final AtomicLong metricsSinceLog = new AtomicLong();
  private final AtomicLong logsSinceLog = new AtomicLong();

  public long metricsDropped() {
    return metricsDropped.sum();
  }

  public long logsDropped() {
    return logsDropped.sum();
  }

  void failed(String signal, int items, String exporter, Throwable cause) {
    LongAdder total = signal.equals("metrics") ? metricsDropped : logsDropped;
    AtomicLong last = signal.equals("metrics") ? lastMetricsLog : lastLogsLog;
    AtomicLong since = signal.equals("metrics") ? metricsSinceLog : logsSinceLog;
    total.add(items);
    long n = since.addAndGet(items);
    long now = System.nanoTime();
    long prev = last.get();
    if (now - prev >= LOG_INTERVAL_NANOS && last.compareAndSet(prev, now)) {
      since.addAndGet(-n);
      LogFields.of("exporter", exporter, "signal", signal, "dropped", n).log(LOG, Level.WARNING,
          () -> "exporter " + exporter + " failed to deliver " + n + " " + signal
              + " item(s) since the last report (dropped, polling continues)" + (cause == null ? "" : ": " + cause),
          cause);
    }
  }

  /** Wraps a metric exporter. */
  public MetricExporter wrap(MetricExporter delegate) {
    return new CountingMetricExporter(delegate);
  }

  /** Wraps a log record exporter. */
  public LogRecordExporter wrap(LogRecordExporter delegate) {
    return new CountingLogRecordExporter(delegate);
  }

  /**
   * Runs one export and counts its items as dropped when it throws or completes with a failure:
   * the shared part of both wrappers.
   */
  private CompletableResultCode counted(String signal, int items, String exporter,
      java.util.function.Supplier<CompletableResultCode> export) {
    CompletableResultCode r;
    try {
      r = export.get();
    } catch (RuntimeException e) {
      failed(signal, items, exporter, e);
      return CompletableResultCode.ofFailure();
    }
    r.whenComplete(() -> {
      if (!r.isSuccess()) {
        failed(signal, items, exporter, r.getFailureThrowable());
      }
    });
    return r;
  }

  private final class CountingMetricExporter implements MetricExporter {
    private final MetricExporter delegate;

    CountingMetricExporter(MetricExporter delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      int n = metrics.stream().mapToInt(m -> m.getData().getPoints().size()).sum();
      return counted("metrics", n, delegate.toString(), () -> delegate.export(metrics));
    }

    @Override
    public CompletableResultCode flush() {
      return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
      return delegate.shutdown();
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return delegate.getAggregationTemporality(instrumentType);
    }

    @Override
    public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
      return delegate.getDefaultAggregation(instrumentType);
    }

    @Override
    public MemoryMode getMemoryMode() {
      return delegate.getMemoryMode();
    }

    @Override
    public String toString() {
      return delegate.toString();
    }
  }

  private final class CountingLogRecordExporter implements LogRecordExporter {
    private final LogRecordExporter delegate;

    CountingLogRecordExporter(LogRecordExporter delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
      return counted("logs", logs.size(), delegate.toString(), () -> delegate.export(logs));
    }

    @Override
    public CompletableResultCode flush() {
      return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
      return delegate.shutdown();
    }

    @Override
    public String toString() {
      return delegate.toString();
    }
  }
}
