package dev.nvmemi.agent.log;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Installs the agent's one log handler on the {@code java.util.logging} root logger, replacing
 * the JDK's two-line {@code ConsoleHandler}: every logger of the process (the agent's, the
 * transport's {@code System.Logger}s, Vert.x, Netty and dbus-java through slf4j-jdk14, the
 * OpenTelemetry SDK) reaches it. {@link #install} runs first thing in {@code main} (text, info);
 * {@link #configure} applies {@code log.format} and {@code log.level} once the configuration is
 * loaded. Lines go to the standard error stream current at the first install (standard output
 * belongs to the commands' results and the console event exporter).
 *
 * <p>Called on the main thread at start-up; the handler itself is thread-safe (one line is written
 * whole under its lock).
 */
public final class LogSetup {
  private LogSetup() {}

  private static final Logger ROOT = Logger.getLogger("");
  private static LineHandler handler;

  /**
   * Installs the handler (text, info) if it is not installed yet, and makes an exception that ends
   * a thread an ERROR record (one line with {@code error.stack}) instead of the JVM's multi-line
   * print.
   */
  public static synchronized void install() {
    if (handler == null) {
      configure(LogFormat.TEXT, LogLevel.INFO);
      Thread.setDefaultUncaughtExceptionHandler((t, e) -> Logger.getLogger(LogSetup.class.getName())
          .log(Level.SEVERE, "uncaught exception in thread \"" + t.getName() + "\"", e));
    }
  }

  /** Installs or re-configures the handler with this format and level. */
  public static synchronized void configure(LogFormat format, LogLevel level) {
    if (handler == null) {
      handler = new LineHandler(System.err);
    }
    handler.setFormatter(new LineFormatter(format, level.jul().intValue() <= Level.FINE.intValue()));
    for (Handler h : ROOT.getHandlers()) {
      if (h != handler) {
        ROOT.removeHandler(h);
      }
    }
    if (ROOT.getHandlers().length == 0) {
      ROOT.addHandler(handler);
    }
    ROOT.setLevel(level.jul());
  }

  /** Writes each record as one line to a stream; flushes after every line. */
  private static final class LineHandler extends Handler {
    private final PrintStream out;

    LineHandler(PrintStream out) {
      this.out = out;
      setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord r) {
      if (r == null || !isLoggable(r)) {
        return;
      }
      String line;
      try {
        line = getFormatter().format(r);
      } catch (RuntimeException e) {
        line = getFormatter().format(new LogRecord(Level.WARNING, "unformattable log record from "
            + r.getLoggerName() + ": " + e));
      }
      synchronized (this) {
        out.print(line);
        out.flush();
      }
    }

    @Override
    public void flush() {
      out.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }
}
