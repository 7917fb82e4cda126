package dev.nvmemi.plugins.alertmanager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs a repeating failure at most once per interval (with the number suppressed meanwhile), and
 * one line when it stops, so an Alertmanager outage does not flood the log.
 *
 * <p>Thread-safe (synchronized); used from the sender thread.
 */
final class RateLimitedLog {
  private final Logger logger;
  private final Clock clock;
  private final Duration interval;
  private Instant lastLogged;
  private long suppressed;
  private long failuresInRow;

  RateLimitedLog(Logger logger, Clock clock, Duration interval) {
    this.logger = logger;
    this.clock = clock;
    this.interval = interval;
  }

  synchronized void failure(String message, Throwable cause) {
    failuresInRow++;
    Instant now = clock.instant();
    if (lastLogged != null && now.isBefore(lastLogged.plus(interval))) {
      suppressed++;
      return;
    }
    String text = suppressed == 0 ? message : message + " (" + suppressed + " similar failures not logged)";
    logger.log(Level.WARNING, text, cause);
    lastLogged = now;
    suppressed = 0;
  }

  synchronized void success(String what) {
    if (failuresInRow > 0) {
      logger.log(Level.INFO, what + " after " + failuresInRow + " failed posts");
    }
    failuresInRow = 0;
    suppressed = 0;
    lastLogged = null;
  }
}
