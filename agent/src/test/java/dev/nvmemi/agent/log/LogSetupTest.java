package dev.nvmemi.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** What {@link LogSetup} installs on the JUL root logger. */
class LogSetupTest {
  @Test
  void theRootLoggerHasOnlyTheOneLineHandlerAndTheConfiguredLevel() {
    LogSetup.install();
    LogSetup.configure(LogFormat.JSON, LogLevel.WARN);
    try {
      Logger root = Logger.getLogger("");
      assertThat(root.getHandlers()).hasSize(1);
      assertThat(root.getHandlers()[0].getFormatter()).isInstanceOf(LineFormatter.class);
      assertThat(root.getLevel()).isEqualTo(Level.WARNING);
    } finally {
      LogSetup.configure(LogFormat.TEXT, LogLevel.INFO);
    }
  }

  @Test
  void anUncaughtExceptionBecomesOneErrorRecordWithTheThreadName() {
    LogSetup.install();
    List<LogRecord> seen = new ArrayList<>();
    Logger logger = Logger.getLogger(LogSetup.class.getName());
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        seen.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(capture);
    try {
      IllegalStateException bug = new IllegalStateException("bug");
      Thread.getDefaultUncaughtExceptionHandler().uncaughtException(new Thread(() -> { }, "mctp-io-x-0"), bug);

      assertThat(seen).singleElement().satisfies(r -> {
        assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
        assertThat(r.getMessage()).isEqualTo("uncaught exception in thread \"mctp-io-x-0\"");
        assertThat(r.getThrown()).isSameAs(bug);
      });
    } finally {
      logger.removeHandler(capture);
    }
  }
}
