package dev.nvmemi.agent.log;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.function.Supplier;

/**
 * Structured fields of one log record ({@code endpoint=1:16 bus=mctpi2c0}), carried as the
 * record's parameter so that any {@code java.util.logging} handler still sees a plain record;
 * {@link LogLine} renders them after the message. Keys keep their insertion order. Immutable;
 * {@link #log} may be called from any thread.
 */
public record LogFields(Map<String, String> fields) {
  public LogFields {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** Fields from alternating keys and values ({@code of("endpoint", key, "bus", bus)}); null values are left out. */
  public static LogFields of(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs: " + keysAndValues.length + " items");
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Object v = keysAndValues[i + 1];
      if (v != null) {
        m.put(String.valueOf(Objects.requireNonNull(keysAndValues[i], "key")), String.valueOf(v));
      }
    }
    return new LogFields(m);
  }

  /** {@code endpoint=<net>:<eid> bus=<bus>}: the fields that say which drive a line is about. */
  public static LogFields endpoint(dev.nvmemi.transport.discovery.BusEndpoint e) {
    return of("endpoint", e.network() + ":" + e.eid(), "bus", e.bus());
  }

  /** These fields plus one more. */
  public LogFields with(String key, Object value) {
    Map<String, String> m = new LinkedHashMap<>(fields);
    if (value != null) {
      m.put(key, String.valueOf(value));
    }
    return new LogFields(m);
  }

  /** Logs {@code message} (built only when the level is enabled) with these fields and an optional throwable. */
  public void log(Logger logger, Level level, Supplier<String> message, Throwable thrown) {
    if (!logger.isLoggable(level)) {
      return;
    }
    LogRecord r = new LogRecord(level, message.get());
    r.setLoggerName(logger.getName());
    r.setParameters(new Object[] {this});
    r.setThrown(thrown);
    logger.log(r);
  }

  /** {@link #log(Logger, Level, Supplier, Throwable)} without a throwable. */
  public void log(Logger logger, Level level, Supplier<String> message) {
    log(logger, level, message, null);
  }
}
