package dev.nvmemi.agent.log;

/**
 * The shape of a log line ({@code log.format}): {@link #TEXT} for people, {@link #JSON} (one
 * object per line) for log shippers. Immutable.
 */
public enum LogFormat {
  /** {@code <timestamp> <LEVEL> <component> - <message> key=value ...}. */
  TEXT,
  /** {@code {"timestamp":..,"level":..,"component":..,"message":..,<fields>}}. */
  JSON
}
