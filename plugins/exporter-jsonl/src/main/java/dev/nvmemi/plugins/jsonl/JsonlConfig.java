package dev.nvmemi.plugins.jsonl;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Configuration of the JSON-lines exporters (keys under {@value #PREFIX}; every key and its default
 * is listed in the module README). Immutable and validated on construction.
 *
 * @param directory directory holding the files ({@value #DIRECTORY}, default {@value #DEFAULT_DIRECTORY})
 * @param maxFileSize size in bytes after which the active file is rotated ({@value #MAX_FILE_SIZE},
 *     default 10 MiB)
 * @param maxFileAge age after which the active file is rotated ({@value #MAX_FILE_AGE}, default 1 h)
 * @param maxFiles rotated files kept per signal, older ones are deleted ({@value #MAX_FILES}, default
 *     {@value #DEFAULT_MAX_FILES})
 * @param fsync whether each batch is forced to the storage device, not only to the kernel
 *     ({@value #FSYNC}, default true)
 * @param deltaTemporality whether sums and histograms are exported as deltas rather than cumulative
 *     ({@value #TEMPORALITY}, default cumulative)
 * @param errorLogInterval at most one warning per interval while writing fails ({@value #ERROR_LOG_INTERVAL},
 *     default 1 min)
 */
public record JsonlConfig(Path directory, long maxFileSize, Duration maxFileAge, int maxFiles, boolean fsync,
    boolean deltaTemporality, Duration errorLogInterval) {

  public static final String PREFIX = "otel.exporter.jsonl.";
  public static final String DIRECTORY = PREFIX + "directory";
  public static final String MAX_FILE_SIZE = PREFIX + "max.file.size";
  public static final String MAX_FILE_AGE = PREFIX + "max.file.age";
  public static final String MAX_FILES = PREFIX + "max.files";
  public static final String FSYNC = PREFIX + "fsync";
  public static final String TEMPORALITY = PREFIX + "metrics.temporality.preference";
  public static final String ERROR_LOG_INTERVAL = PREFIX + "error.log.interval";

  public static final String DEFAULT_DIRECTORY = "/var/lib/nvme-mi-agent/telemetry";
  public static final long DEFAULT_MAX_FILE_SIZE = 10L * 1024 * 1024;
  public static final Duration DEFAULT_MAX_FILE_AGE = Duration.ofHours(1);
  public static final int DEFAULT_MAX_FILES = 10;
  public static final Duration DEFAULT_ERROR_LOG_INTERVAL = Duration.ofMinutes(1);

  public JsonlConfig {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(maxFileAge, "maxFileAge");
    Objects.requireNonNull(errorLogInterval, "errorLogInterval");
    if (maxFileSize < 1) {
      throw new ConfigurationException(MAX_FILE_SIZE + ": " + maxFileSize + " (expected: at least 1 byte)");
    }
    if (maxFileAge.isNegative() || maxFileAge.isZero()) {
      throw new ConfigurationException(MAX_FILE_AGE + ": " + maxFileAge + " (expected: a positive duration)");
    }
    if (maxFiles < 0) {
      throw new ConfigurationException(MAX_FILES + ": " + maxFiles + " (expected: 0 or more)");
    }
    if (errorLogInterval.isNegative()) {
      throw new ConfigurationException(ERROR_LOG_INTERVAL + ": " + errorLogInterval
          + " (expected: a duration of 0 or more)");
    }
  }

  /** The defaults, writing into {@code directory}. */
  public static JsonlConfig defaults(Path directory) {
    return new JsonlConfig(directory, DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_FILE_AGE, DEFAULT_MAX_FILES, true, false,
        DEFAULT_ERROR_LOG_INTERVAL);
  }

  /** Reads and validates the configuration; throws {@link ConfigurationException} naming the bad key. */
  public static JsonlConfig load(ConfigProperties config) {
    String directory = config.getString(DIRECTORY, DEFAULT_DIRECTORY);
    if (directory.isBlank()) {
      throw new ConfigurationException(DIRECTORY + ": empty (expected: a directory path)");
    }
    String temporality = config.getString(TEMPORALITY, "cumulative").toLowerCase(Locale.ROOT);
    if (!temporality.equals("cumulative") && !temporality.equals("delta")) {
      throw new ConfigurationException(TEMPORALITY + ": " + temporality + " (expected: cumulative or delta)");
    }
    String size = config.getString(MAX_FILE_SIZE);
    return new JsonlConfig(Path.of(directory),
        size == null ? DEFAULT_MAX_FILE_SIZE : parseSize(MAX_FILE_SIZE, size),
        config.getDuration(MAX_FILE_AGE, DEFAULT_MAX_FILE_AGE),
        config.getInt(MAX_FILES, DEFAULT_MAX_FILES),
        config.getBoolean(FSYNC, true),
        temporality.equals("delta"),
        config.getDuration(ERROR_LOG_INTERVAL, DEFAULT_ERROR_LOG_INTERVAL));
  }

  /** The temporality selector matching {@link #deltaTemporality()}. */
  AggregationTemporalitySelector temporalitySelector() {
    return deltaTemporality ? AggregationTemporalitySelector.deltaPreferred()
        : AggregationTemporalitySelector.alwaysCumulative();
  }

  /**
   * Parses a byte size: a number of bytes, or a number followed by {@code KiB}, {@code MiB} or
   * {@code GiB} (also {@code k}, {@code m}, {@code g}, case-insensitive, all powers of 1024).
   */
  static long parseSize(String key, String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    long multiplier = 1;
    String[][] units = {{"kib", "k", "kb"}, {"mib", "m", "mb"}, {"gib", "g", "gb"}};
    outer:
    for (int i = 0; i < units.length; i++) {
      for (String unit : units[i]) {
        if (s.endsWith(unit)) {
          s = s.substring(0, s.length() - unit.length()).trim();
          multiplier = 1L << (10 * (i + 1));
          break outer;
        }
      }
    }
    if (s.endsWith("b")) {
      s = s.substring(0, s.length() - 1).trim();
    }
    try {
      return Math.multiplyExact(Long.parseLong(s), multiplier);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ConfigurationException(key + ": " + text + " (expected: bytes, e.g. 1048576, 512KiB or 10MiB)", e);
    }
  }
}
