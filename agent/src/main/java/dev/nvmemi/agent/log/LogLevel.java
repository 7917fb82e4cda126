package dev.nvmemi.agent.log;

import java.util.logging.Level;

/**
 * The agent's log levels ({@code log.level}) and their {@code java.util.logging} equivalents;
 * also how a JUL level is named on a line. Immutable.
 */
public enum LogLevel {
  ERROR(Level.SEVERE),
  WARN(Level.WARNING),
  INFO(Level.INFO),
  DEBUG(Level.FINE),
  TRACE(Level.FINEST);

  private final Level jul;

  LogLevel(Level jul) {
    this.jul = jul;
  }

  /** The lowest {@code java.util.logging} level this level lets through. */
  public Level jul() {
    return jul;
  }

  /**
   * The name a record of JUL level {@code level} carries on a line: SEVERE = ERROR, WARNING = WARN,
   * INFO and CONFIG = INFO, FINE = DEBUG, FINER and FINEST = TRACE.
   */
  public static LogLevel of(Level level) {
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return ERROR;
    }
    if (v >= Level.WARNING.intValue()) {
      return WARN;
    }
    if (v >= Level.CONFIG.intValue()) {
      return INFO;
    }
    if (v >= Level.FINE.intValue()) {
      return DEBUG;
    }
    return TRACE;
  }
}
