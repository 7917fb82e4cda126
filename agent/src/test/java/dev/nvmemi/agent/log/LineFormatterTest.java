package dev.nvmemi.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The one log line: exact text and JSON renderings, escaping, exceptions, levels. */
class LineFormatterTest {
  private static final Instant AT = Instant.parse("2026-12-03T12:52:57.123456Z");
  private static final LineFormatter TEXT = new LineFormatter(LogFormat.TEXT, false);
  private static final LineFormatter JSON = new LineFormatter(LogFormat.JSON, false);

  private static LogRecord record(Level level, String logger, String message, Object... params) {
    LogRecord r = new LogRecord(level, message);
    r.setInstant(AT);
    r.setLoggerName(logger);
    r.setParameters(params.length == 0 ? null : params);
    return r;
  }

  private static LogRecord fleetWarning() {
    return record(Level.WARNING, "dev.nvmemi.agent.poll.Fleet", "cannot open endpoint net 1 eid 16 (mctpi2c0)",
        LogFields.of("endpoint", "1:16", "bus", "mctpi2c0"));
  }

  @Test
  void aRecordWithFieldsIsOneTextLineOfTimestampLevelComponentMessageAndKeyValues() {
    assertThat(TEXT.format(fleetWarning())).isEqualTo("2026-12-03T12:52:57.123Z WARN Fleet - cannot open endpoint"
        + " net 1 eid 16 (mctpi2c0) endpoint=1:16 bus=mctpi2c0\n");
  }

  @Test
  void theSameRecordInJsonHasTheSameFields() {
    assertThat(JSON.format(fleetWarning())).isEqualTo("{\"timestamp\":\"2026-12-03T12:52:57.123Z\",\"level\":\"WARN\","
        + "\"component\":\"Fleet\",\"message\":\"cannot open endpoint net 1 eid 16 (mctpi2c0)\","
        + "\"endpoint\":\"1:16\",\"bus\":\"mctpi2c0\"}\n");
  }

  @Test
  void jsonEscapesQuotesBackslashesNewlinesAndControlCharacters() {
    String nasty = "say \"hi\"\\ now\nnext\tline\r\u0001\u001b[31m\u007f";
    String line = JSON.format(record(Level.INFO, "x.Y", nasty, LogFields.of("k\"ey", nasty)));

    assertThat(line).isEqualTo("{\"timestamp\":\"2026-12-03T12:52:57.123Z\",\"level\":\"INFO\",\"component\":\"Y\","
        + "\"message\":\"say \\\"hi\\\"\\\\ now\\nnext\\tline\\r\\u0001\\u001b[31m\\u007f\","
        + "\"k\\\"ey\":\"say \\\"hi\\\"\\\\ now\\nnext\\tline\\r\\u0001\\u001b[31m\\u007f\"}\n");
    JsonObject parsed = new JsonObject(line.strip());
    assertThat(parsed.getString("message")).isEqualTo(nasty);
    assertThat(parsed.getString("k\"ey")).isEqualTo(nasty);
  }

  @Test
  void textKeepsAMultiLineMessageOnOneLineAndQuotesValuesThatAreNotPlainTokens() {
    String line = TEXT.format(record(Level.INFO, "x.Y", "first\nsecond\u0007",
        LogFields.of("path", "/a b", "quote", "say \"hi\"", "eq", "a=b", "empty", "", "plain", "mctpi2c0")));

    assertThat(line).isEqualTo("2026-12-03T12:52:57.123Z INFO Y - first\\nsecond\\u0007 path=\"/a b\""
        + " quote=\"say \\\"hi\\\"\" eq=\"a=b\" empty=\"\" plain=mctpi2c0\n");
    assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
  }

  @Test
  void anExceptionBecomesTypeAndMessageFieldsWithoutAStackTraceByDefault() {
    LogRecord r = fleetWarning();
    r.setThrown(new IOException("no route\nto host"));

    assertThat(TEXT.format(r)).isEqualTo("2026-12-03T12:52:57.123Z WARN Fleet - cannot open endpoint net 1 eid 16"
        + " (mctpi2c0) endpoint=1:16 bus=mctpi2c0 error.type=java.io.IOException error.message=\"no route\\nto host\"\n");
  }

  @Test
  void atDebugTheStackTraceIsOneEscapedFieldOnTheSameLine() {
    LogRecord r = fleetWarning();
    IOException e = new IOException("boom", new IllegalStateException("inner"));
    r.setThrown(e);

    String text = new LineFormatter(LogFormat.TEXT, true).format(r);
    String json = new LineFormatter(LogFormat.JSON, true).format(r);

    assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
    assertThat(text).contains(" error.type=java.io.IOException error.message=boom error.stack=\"java.io.IOException: boom\\n\\tat "
        + LineFormatterTest.class.getName() + ".atDebugTheStackTraceIsOneEscapedFieldOnTheSameLine(");
    assertThat(text).contains("\\nCaused by: java.lang.IllegalStateException: inner\\n");
    JsonObject parsed = new JsonObject(json.strip());
    assertThat(parsed.getString("error.stack")).startsWith("java.io.IOException: boom\n\tat ")
        .contains("Caused by: java.lang.IllegalStateException: inner");
  }

  @Test
  void errorRecordsCarryTheStackTraceEvenAtInfo() {
    LogRecord r = record(Level.SEVERE, "dev.nvmemi.agent.telemetry.DriveEvents", "event stream failed");
    r.setThrown(new IllegalStateException("bug"));

    assertThat(TEXT.format(r)).startsWith("2026-12-03T12:52:57.123Z ERROR DriveEvents - event stream failed"
        + " error.type=java.lang.IllegalStateException error.message=bug error.stack=\"java.lang.IllegalStateException: bug\\n\\tat ");
  }

  @Test
  void julLevelsAreNamedErrorWarnInfoDebugTrace() {
    assertThat(LogLevel.of(Level.SEVERE)).isEqualTo(LogLevel.ERROR);
    assertThat(LogLevel.of(Level.WARNING)).isEqualTo(LogLevel.WARN);
    assertThat(LogLevel.of(Level.INFO)).isEqualTo(LogLevel.INFO);
    assertThat(LogLevel.of(Level.CONFIG)).isEqualTo(LogLevel.INFO);
    assertThat(LogLevel.of(Level.FINE)).isEqualTo(LogLevel.DEBUG);
    assertThat(LogLevel.of(Level.FINER)).isEqualTo(LogLevel.TRACE);
    assertThat(LogLevel.of(Level.FINEST)).isEqualTo(LogLevel.TRACE);
  }

  @Test
  void positionalParametersAreSubstitutedAsJulDoesAndANamelessLoggerIsRoot() {
    assertThat(TEXT.format(record(Level.FINE, null, "reconnect attempt {0} in {1} ms", 3, 250)))
        .isEqualTo("2026-12-03T12:52:57.123Z DEBUG root - reconnect attempt 3 in 250 ms\n");
  }

  @Test
  void fieldsNamedLikeTheFixedOnesDoNotOverrideThemInJson() {
    String json = JSON.format(record(Level.INFO, "a.B", "m", LogFields.of("message", "spoof", "level", "ERROR")));

    assertThat(new JsonObject(json.strip()).getString("message")).isEqualTo("m");
    assertThat(new JsonObject(json.strip()).getString("level")).isEqualTo("INFO");
  }
}
