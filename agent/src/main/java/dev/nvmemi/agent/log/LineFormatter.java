package dev.nvmemi.agent.log;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Formats a {@code java.util.logging} record as one {@link LogLine} (text or JSON) followed by a
 * line feed. Structured fields come from a {@link LogFields} parameter; {@code {0}}-style
 * parameters are substituted as JUL does. Stack traces: ERROR records always carry
 * {@code error.stack}; other records only when {@code stackTraces} is on ({@code log.level} debug
 * or trace). Either way the stack trace is one escaped field, never extra lines.
 *
 * <p>Stateless apart from its settings; thread-safe.
 */
public final class LineFormatter extends Formatter {
  private final LogFormat format;
  private final boolean stackTraces;

  public LineFormatter(LogFormat format, boolean stackTraces) {
    this.format = format;
    this.stackTraces = stackTraces;
  }

  /** The record as a {@link LogLine}. */
  public LogLine line(LogRecord r) {
    Map<String, String> fields = new LinkedHashMap<>();
    Object[] params = r.getParameters();
    if (params != null) {
      for (Object p : params) {
        if (p instanceof LogFields f) {
          fields.putAll(f.fields());
        }
      }
    }
    boolean stack = stackTraces || r.getLevel().intValue() >= Level.SEVERE.intValue();
    fields.putAll(LogLine.errorFields(r.getThrown(), stack));
    String message = r.getMessage() == null ? "" : formatMessage(r);
    return new LogLine(r.getInstant(), LogLevel.of(r.getLevel()), LogLine.component(r.getLoggerName()),
        message == null ? "" : message, fields);
  }

  @Override
  public String format(LogRecord r) {
    LogLine l = line(r);
    return (format == LogFormat.JSON ? l.json() : l.text()) + "\n";
  }
}
