package dev.nvmemi.plugins.jsonl;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.testing.logs.TestLogRecordData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process of {@link CrashSafetyTest}: exports batches of numbered events as fast as it can
 * until it is killed.
 */
public final class JsonlWriterChild {
  private JsonlWriterChild() {}

  public static void main(String[] args) {
    JsonlLogRecordExporter exporter = JsonlLogRecordExporter.create(new JsonlConfig(Path.of(args[0]),
        Long.MAX_VALUE, Duration.ofDays(1), 1, false, false, Duration.ofMinutes(1)));
    String padding = "x".repeat(200);
    for (long seq = 0; ; ) {
      List<LogRecordData> batch = new ArrayList<>(512);
      for (int i = 0; i < 512; i++, seq++) {
        batch.add(TestLogRecordData.builder()
            .setSeverity(Severity.WARN)
            .setBody(padding)
            .setAttributes(Attributes.of(AttributeKey.stringKey("event.name"), "nvme.drive.health.change",
                AttributeKey.longKey("seq"), seq))
            .build());
      }
      if (!exporter.export(batch).isSuccess()) {
        System.exit(2);
      }
    }
  }
}
