package dev.nvmemi.plugins.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.testsupport.Required;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.logs.TestLogRecordData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unwritable directory and full disk, with real file-system errors (the tests run as root, which
 * ignores permission bits, so they use a path whose parent is a regular file, and /dev/full).
 */
class WriteFailureTest {
  private static final List<LogRecordData> ONE_EVENT = List.of(TestLogRecordData.builder().build());

  @TempDir Path tmp;
  private final List<LogRecord> logged = new ArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      synchronized (logged) {
        logged.add(record);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final Logger sinkLogger = Logger.getLogger(JsonlSink.class.getName());
  private final RotatingJsonlFileTest.MutableClock clock =
      new RotatingJsonlFileTest.MutableClock(Instant.parse("2026-11-26T00:00:00Z"));

  @BeforeEach
  void captureLog() {
    sinkLogger.addHandler(capture);
  }

  @AfterEach
  void release() {
    sinkLogger.removeHandler(capture);
    GlobalOpenTelemetry.resetForTest();
  }

  private JsonlLogRecordExporter exporterIn(Path directory) {
    return JsonlLogRecordExporter.create(new JsonlConfig(directory, JsonlConfig.DEFAULT_MAX_FILE_SIZE,
        JsonlConfig.DEFAULT_MAX_FILE_AGE, 10, true, false, Duration.ofMinutes(1)), clock);
  }

  private long warnings() {
    synchronized (logged) {
      return logged.stream().filter(r -> r.getLevel() == Level.WARNING).count();
    }
  }

  @Test
  void reportsADirectoryThatCannotBeCreatedAndRecoversOnceItCan() throws Exception {
    Path blocker = tmp.resolve("not-a-dir");
    Files.writeString(blocker, "a regular file where the parent directory should be");
    Path directory = blocker.resolve("telemetry");
    JsonlLogRecordExporter exporter = exporterIn(directory);

    boolean ok = exporter.export(ONE_EVENT).join(5, TimeUnit.SECONDS).isSuccess();

    assertThat(ok).isFalse();
    assertThat(exporter.stats().failedItems()).isEqualTo(1);
    assertThat(exporter.stats().failedBatches()).isEqualTo(1);
    assertThat(exporter.stats().lastError()).startsWith("not_a_directory");
    assertThat(warnings()).isEqualTo(1);

    Files.delete(blocker);
    Files.createDirectory(blocker);
    assertThat(exporter.export(ONE_EVENT).join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(JsonlFiles.read(directory.resolve("events.jsonl"))).hasSize(1);
    assertThat(exporter.stats().exportedItems()).isEqualTo(1);
    synchronized (logged) {
      assertThat(logged.get(logged.size() - 1).getLevel()).isEqualTo(Level.INFO);
      assertThat(logged.get(logged.size() - 1).getMessage()).contains("again after 1 failed exports");
    }
  }

  @Test
  void logsARepeatingFailureAtMostOncePerInterval() throws Exception {
    Path blocker = tmp.resolve("not-a-dir");
    Files.writeString(blocker, "x");
    JsonlLogRecordExporter exporter = exporterIn(blocker.resolve("telemetry"));

    for (int i = 0; i < 5; i++) {
      exporter.export(ONE_EVENT);
      clock.advance(Duration.ofSeconds(10));
    }
    assertThat(warnings()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(1));
    exporter.export(ONE_EVENT);
    assertThat(warnings()).isEqualTo(2);
    synchronized (logged) {
      assertThat(logged.get(logged.size() - 1).getMessage()).contains("(4 similar failures not logged)");
    }
    assertThat(exporter.stats().failedBatches()).isEqualTo(6);
  }

  @Test
  void reportsAFullDiskLeavesNoPartialLineAndRecoversWhenSpaceReturns() throws Exception {
    Path devFull = Path.of("/dev/full");
    Required.component(Files.isWritable(devFull), "a writable /dev/full (the kernel's always-full device; "
        + "containers without it: bind-mount the host's /dev/full)");
    Path directory = tmp.resolve("telemetry");
    Files.createDirectory(directory);
    Path active = directory.resolve("events.jsonl");
    Files.createSymbolicLink(active, devFull); // every write fails with ENOSPC, like a full disk
    JsonlLogRecordExporter exporter = exporterIn(directory);

    assertThat(exporter.export(ONE_EVENT).join(5, TimeUnit.SECONDS).isSuccess()).isFalse();
    assertThat(exporter.stats().lastError()).startsWith("no_space");

    Files.delete(active); // space returns
    assertThat(exporter.export(ONE_EVENT).join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(JsonlFiles.read(active)).hasSize(1);
  }

  @Test
  void countsWrittenAndDroppedItemsOnTheSdkExporterSelfMetric() throws Exception {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build();
    GlobalOpenTelemetry.set(sdk);
    Path blocker = tmp.resolve("not-a-dir");
    Files.writeString(blocker, "x");
    JsonlLogRecordExporter exporter = exporterIn(blocker.resolve("telemetry"));

    exporter.export(List.of(TestLogRecordData.builder().build(), TestLogRecordData.builder().build()));
    Files.delete(blocker);
    exporter.export(ONE_EVENT);

    MetricData metric = reader.collectAllMetrics().stream()
        .filter(m -> m.getName().equals("otel.sdk.exporter.log.exported")).findFirst().orElseThrow();
    long dropped = 0;
    long written = 0;
    for (LongPointData p : metric.getLongSumData().getPoints()) {
      assertThat(p.getAttributes().get(AttributeKey.stringKey("otel.component.type"))).isEqualTo("jsonl_log_exporter");
      if (p.getAttributes().get(AttributeKey.stringKey("error.type")) != null) {
        assertThat(p.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("not_a_directory");
        dropped += p.getValue();
      } else {
        written += p.getValue();
      }
    }
    assertThat(dropped).isEqualTo(2);
    assertThat(written).isEqualTo(1);
    sdk.close();
  }
}
