package dev.nvmemi.plugins.jsonl;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.data.DoubleExemplarData;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramBuckets;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.metrics.data.SummaryPointData;
import io.opentelemetry.sdk.metrics.data.ValueAtQuantile;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Renders OpenTelemetry data as JSON lines: one object per metric data point and one per log
 * record (event). The field names are documented in the module README and are stable.
 *
 * <p>Stateless; any thread.
 */
final class TelemetryJson {
  /** The attribute that carries the event name on events emitted through the log API. */
  static final AttributeKey<String> EVENT_NAME = AttributeKey.stringKey("event.name");

  private TelemetryJson() {}

  /** One line (without the newline) per data point of {@code metric}. */
  static List<String> metricLines(MetricData metric) {
    List<String> lines = new ArrayList<>();
    switch (metric.getType()) {
      case DOUBLE_GAUGE:
        for (DoublePointData p : metric.getDoubleGaugeData().getPoints()) {
          lines.add(point(metric, "gauge", p, w -> w.field("value", p.getValue())));
        }
        break;
      case LONG_GAUGE:
        for (LongPointData p : metric.getLongGaugeData().getPoints()) {
          lines.add(point(metric, "gauge", p, w -> w.field("value", p.getValue())));
        }
        break;
      case DOUBLE_SUM: {
        SumData<DoublePointData> sum = metric.getDoubleSumData();
        for (DoublePointData p : sum.getPoints()) {
          lines.add(point(metric, "sum", p, w -> sumFields(w, sum).field("value", p.getValue())));
        }
        break;
      }
      case LONG_SUM: {
        SumData<LongPointData> sum = metric.getLongSumData();
        for (LongPointData p : sum.getPoints()) {
          lines.add(point(metric, "sum", p, w -> sumFields(w, sum).field("value", p.getValue())));
        }
        break;
      }
      case HISTOGRAM:
        for (HistogramPointData p : metric.getHistogramData().getPoints()) {
          lines.add(point(metric, "histogram", p, w -> histogram(w, metric, p)));
        }
        break;
      case EXPONENTIAL_HISTOGRAM:
        for (ExponentialHistogramPointData p : metric.getExponentialHistogramData().getPoints()) {
          lines.add(point(metric, "exponential_histogram", p, w -> exponentialHistogram(w, metric, p)));
        }
        break;
      case SUMMARY:
        for (SummaryPointData p : metric.getSummaryData().getPoints()) {
          lines.add(point(metric, "summary", p, w -> summary(w, p)));
        }
        break;
      default:
        // A metric type added by a later SDK: keep the line, say what it was.
        lines.add(point(metric, metric.getType().name().toLowerCase(java.util.Locale.ROOT), null, w -> { }));
        break;
    }
    return lines;
  }

  private static String point(MetricData metric, String type, PointData p, Consumer<JsonWriter> body) {
    StringBuilder sb = new StringBuilder(256);
    JsonWriter w = new JsonWriter(sb).beginObject();
    w.field("signal", "metric");
    w.field("type", type);
    w.field("name", metric.getName());
    w.field("unit", metric.getUnit());
    w.field("description", metric.getDescription());
    if (p != null) {
      w.field("time", Instant.ofEpochSecond(0, p.getEpochNanos()).toString());
      w.field("time_unix_nano", p.getEpochNanos());
      w.field("start_time_unix_nano", p.getStartEpochNanos());
      w.name("attributes").attributes(p.getAttributes());
    }
    body.accept(w);
    resourceAndScope(w, metric.getResource(), metric.getInstrumentationScopeInfo());
    w.endObject();
    return sb.toString();
  }

  private static JsonWriter sumFields(JsonWriter w, SumData<?> sum) {
    return w.field("monotonic", sum.isMonotonic())
        .field("temporality", sum.getAggregationTemporality().name().toLowerCase(java.util.Locale.ROOT));
  }

  private static void histogram(JsonWriter w, MetricData metric, HistogramPointData p) {
    w.field("temporality", metric.getHistogramData().getAggregationTemporality().name()
        .toLowerCase(java.util.Locale.ROOT));
    w.field("count", p.getCount());
    w.field("sum", p.getSum());
    if (p.hasMin()) {
      w.field("min", p.getMin());
    }
    if (p.hasMax()) {
      w.field("max", p.getMax());
    }
    w.name("bounds").beginArray();
    for (Double bound : p.getBoundaries()) {
      w.value((double) bound);
    }
    w.endArray();
    w.name("counts").beginArray();
    for (Long count : p.getCounts()) {
      w.value((long) count);
    }
    w.endArray();
    exemplars(w, p.getExemplars());
  }

  private static void exponentialHistogram(JsonWriter w, MetricData metric, ExponentialHistogramPointData p) {
    w.field("temporality", metric.getExponentialHistogramData().getAggregationTemporality().name()
        .toLowerCase(java.util.Locale.ROOT));
    w.field("count", p.getCount());
    w.field("sum", p.getSum());
    if (p.hasMin()) {
      w.field("min", p.getMin());
    }
    if (p.hasMax()) {
      w.field("max", p.getMax());
    }
    w.field("scale", p.getScale());
    w.field("zero_count", p.getZeroCount());
    w.name("positive");
    buckets(w, p.getPositiveBuckets());
    w.name("negative");
    buckets(w, p.getNegativeBuckets());
    exemplars(w, p.getExemplars());
  }

  private static void buckets(JsonWriter w, ExponentialHistogramBuckets buckets) {
    w.beginObject().field("offset", buckets.getOffset()).name("counts").beginArray();
    for (Long count : buckets.getBucketCounts()) {
      w.value((long) count);
    }
    w.endArray().endObject();
  }

  private static void exemplars(JsonWriter w, List<DoubleExemplarData> exemplars) {
    if (exemplars.isEmpty()) {
      return;
    }
    w.name("exemplars").beginArray();
    for (DoubleExemplarData e : exemplars) {
      w.beginObject().field("value", e.getValue()).field("time_unix_nano", e.getEpochNanos());
      w.name("attributes").attributes(e.getFilteredAttributes());
      spanContext(w, e.getSpanContext());
      w.endObject();
    }
    w.endArray();
  }

  private static void summary(JsonWriter w, SummaryPointData p) {
    w.field("count", p.getCount());
    w.field("sum", p.getSum());
    w.name("quantiles").beginArray();
    for (ValueAtQuantile q : p.getValues()) {
      w.beginObject().field("quantile", q.getQuantile()).field("value", q.getValue()).endObject();
    }
    w.endArray();
  }

  /**
   * One line (without the newline) for a log record. The event name comes from the SDK's own
   * field ({@link LogRecordData#getEventName()}, set by {@code LogRecordBuilder.setEventName}) and,
   * when that is absent, from the {@code event.name} attribute (the older convention).
   */
  static String logLine(LogRecordData log) {
    StringBuilder sb = new StringBuilder(256);
    JsonWriter w = new JsonWriter(sb).beginObject();
    w.field("signal", "event");
    String eventName = eventName(log);
    if (eventName != null) {
      w.field("name", eventName);
    }
    long timestamp = log.getTimestampEpochNanos() != 0 ? log.getTimestampEpochNanos()
        : log.getObservedTimestampEpochNanos();
    w.field("time", Instant.ofEpochSecond(0, timestamp).toString());
    w.field("time_unix_nano", log.getTimestampEpochNanos());
    w.field("observed_time_unix_nano", log.getObservedTimestampEpochNanos());
    w.field("severity_number", log.getSeverity().getSeverityNumber());
    String severityText = log.getSeverityText();
    w.field("severity_text", severityText != null ? severityText : log.getSeverity().name());
    Value<?> body = log.getBodyValue();
    if (body != null) {
      w.name("body").anyValue(body);
    }
    w.name("attributes").attributes(log.getAttributes());
    spanContext(w, log.getSpanContext());
    resourceAndScope(w, log.getResource(), log.getInstrumentationScopeInfo());
    w.endObject();
    return sb.toString();
  }

  /** The event name of a log record, from the SDK field or the {@code event.name} attribute; null if neither. */
  static String eventName(LogRecordData log) {
    String name = log.getEventName();
    if (name == null || name.isEmpty()) {
      name = log.getAttributes().get(EVENT_NAME);
    }
    return name == null || name.isEmpty() ? null : name;
  }

  private static void spanContext(JsonWriter w, SpanContext context) {
    if (context != null && context.isValid()) {
      w.field("trace_id", context.getTraceId());
      w.field("span_id", context.getSpanId());
    }
  }

  private static void resourceAndScope(JsonWriter w, Resource resource, InstrumentationScopeInfo scope) {
    w.name("resource").attributes(resource.getAttributes());
    w.name("scope").beginObject().field("name", scope.getName());
    if (scope.getVersion() != null) {
      w.field("version", scope.getVersion());
    }
    w.endObject();
  }
}
