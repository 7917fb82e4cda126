package dev.nvmemi.agent.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One log record as the agent prints it: timestamp (ISO-8601 UTC, milliseconds), level, component
 * (the logger's short name), message and structured fields, rendered as one text line or one JSON
 * object (no line break inside either). A record's throwable becomes the fields
 * {@code error.type} (its class) and {@code error.message}, plus {@code error.stack} (the whole
 * stack trace, escaped into the one line) when stack traces are on.
 *
 * <p>Immutable; thread-safe.
 */
public record LogLine(Instant timestamp, LogLevel level, String component, String message,
    Map<String, String> fields) {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  public LogLine {
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The short name of a logger: the part after the last dot ({@code root} for the root logger). */
  public static String component(String loggerName) {
    if (loggerName == null || loggerName.isEmpty()) {
      return "root";
    }
    String s = loggerName.substring(loggerName.lastIndexOf('.') + 1);
    return s.isEmpty() ? loggerName : s;
  }

  /** The fields describing {@code thrown}: type, message, and the stack trace when {@code stack}. */
  public static Map<String, String> errorFields(Throwable thrown, boolean stack) {
    Map<String, String> m = new LinkedHashMap<>();
    if (thrown == null) {
      return m;
    }
    m.put("error.type", thrown.getClass().getName());
    if (thrown.getMessage() != null) {
      m.put("error.message", thrown.getMessage());
    }
    if (stack) {
      StringWriter w = new StringWriter();
      thrown.printStackTrace(new PrintWriter(w));
      m.put("error.stack", w.toString().stripTrailing());
    }
    return m;
  }

  /** {@code 2026-12-03T12:52:57.123Z WARN Fleet - cannot open endpoint endpoint=1:16 bus=mctpi2c0}. */
  public String text() {
    StringBuilder sb = new StringBuilder(96);
    sb.append(TIMESTAMP.format(timestamp)).append(' ').append(level.name()).append(' ')
        .append(key(component)).append(" - ");
    escapeText(sb, message);
    for (Map.Entry<String, String> f : fields.entrySet()) {
      sb.append(' ').append(key(f.getKey())).append('=');
      value(sb, f.getValue());
    }
    return sb.toString();
  }

  /** {@code {"timestamp":"…","level":"WARN","component":"Fleet","message":"…","endpoint":"1:16"}}. */
  public String json() {
    StringBuilder sb = new StringBuilder(128);
    sb.append("{\"timestamp\":\"").append(TIMESTAMP.format(timestamp)).append("\",\"level\":\"")
        .append(level.name()).append("\",\"component\":");
    jsonString(sb, component);
    sb.append(",\"message\":");
    jsonString(sb, message);
    for (Map.Entry<String, String> f : fields.entrySet()) {
      if (isReserved(f.getKey())) {
        continue;
      }
      sb.append(',');
      jsonString(sb, f.getKey());
      sb.append(':');
      jsonString(sb, f.getValue());
    }
    return sb.append('}').toString();
  }

  private static boolean isReserved(String key) {
    return key.equals("timestamp") || key.equals("level") || key.equals("component") || key.equals("message");
  }

  /** A field key: anything that would break {@code key=value} parsing becomes {@code _}. */
  private static String key(String k) {
    StringBuilder sb = new StringBuilder(k.length());
    for (int i = 0; i < k.length(); i++) {
      char c = k.charAt(i);
      sb.append(c <= ' ' || c == '=' || c == '"' || c == 0x7f ? '_' : c);
    }
    return sb.length() == 0 ? "_" : sb.toString();
  }

  /** The message: control characters escaped ({@code \n}, {@code \t}, {@code \u001b}), so it stays on one line. */
  private static void escapeText(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!control(sb, c)) {
        sb.append(c);
      }
    }
  }

  /** A field value: bare when it is a plain token, else in quotes with {@code \} and {@code "} escaped. */
  private static void value(StringBuilder sb, String v) {
    boolean plain = !v.isEmpty();
    for (int i = 0; i < v.length() && plain; i++) {
      char c = v.charAt(i);
      plain = c > ' ' && c != '"' && c != '=' && c != '\\' && c != 0x7f && !Character.isWhitespace(c);
    }
    if (plain) {
      sb.append(v);
      return;
    }
    sb.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (!control(sb, c)) {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  /** Appends the escape of a control character and returns true, or returns false for any other character. */
  private static boolean control(StringBuilder sb, char c) {
    switch (c) {
      case '\n': sb.append("\\n"); return true;
      case '\r': sb.append("\\r"); return true;
      case '\t': sb.append("\\t"); return true;
      case '\b': sb.append("\\b"); return true;
      case '\f': sb.append("\\f"); return true;
      default:
        if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
          sb.append(String.format("\\u%04x", (int) c));
          return true;
        }
        return false;
    }
  }

  private static void jsonString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (!control(sb, c)) {
        sb.append(c);
      }
    }
    sb.append('"');
  }
}
