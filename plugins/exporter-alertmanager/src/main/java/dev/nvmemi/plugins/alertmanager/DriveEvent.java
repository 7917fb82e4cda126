package dev.nvmemi.plugins.alertmanager;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The parts of an OpenTelemetry log record the alert rules look at, with attribute values as
 * strings (arrays joined with {@code ","}).
 *
 * @param name the event name: {@link LogRecordData#getEventName()} or, when unset, the
 *     {@code event.name} attribute; null for a plain log record
 * @param time when the change was observed (the record's timestamp, else its observed time)
 * @param severityNumber OpenTelemetry severity number (0 when unset)
 * @param body the body as text, or null
 * @param attributes the record's attributes, sorted by key
 * @param resource the resource attributes, sorted by key
 */
public record DriveEvent(String name, Instant time, int severityNumber, String body, Map<String, String> attributes,
    Map<String, String> resource) {

  static final String EVENT_NAME = "event.name";

  public DriveEvent {
    attributes = Map.copyOf(attributes);
    resource = Map.copyOf(resource);
  }

  /** Reads a log record. */
  public static DriveEvent of(LogRecordData log) {
    Map<String, String> attributes = strings(log.getAttributes());
    String name = log.getEventName();
    if (name == null || name.isEmpty()) {
      name = attributes.get(EVENT_NAME);
    }
    long nanos = log.getTimestampEpochNanos() != 0 ? log.getTimestampEpochNanos() : log.getObservedTimestampEpochNanos();
    int severity = log.getSeverity() == Severity.UNDEFINED_SEVERITY_NUMBER
        ? severityFromText(log.getSeverityText()) : log.getSeverity().getSeverityNumber();
    Value<?> body = log.getBodyValue();
    return new DriveEvent(name == null || name.isEmpty() ? null : name, Instant.ofEpochSecond(0, nanos), severity,
        body == null ? null : body.asString(), attributes, strings(log.getResource().getAttributes()));
  }

  /** An attribute as text, or the empty string when absent. */
  public String attribute(String key) {
    return attributes.getOrDefault(key, "");
  }

  private static int severityFromText(String text) {
    if (text == null) {
      return 0;
    }
    switch (text.trim().toUpperCase(java.util.Locale.ROOT)) {
      case "FATAL": return Severity.FATAL.getSeverityNumber();
      case "ERROR": return Severity.ERROR.getSeverityNumber();
      case "WARN":
      case "WARNING": return Severity.WARN.getSeverityNumber();
      case "INFO": return Severity.INFO.getSeverityNumber();
      default: return 0;
    }
  }

  private static Map<String, String> strings(Attributes attributes) {
    Map<String, String> out = new TreeMap<>();
    attributes.forEach((AttributeKey<?> key, Object value) -> out.put(key.getKey(), text(value)));
    return out;
  }

  private static String text(Object value) {
    if (value instanceof List) {
      return ((List<?>) value).stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    if (value instanceof Value) {
      return ((Value<?>) value).asString();
    }
    return String.valueOf(value);
  }
}
