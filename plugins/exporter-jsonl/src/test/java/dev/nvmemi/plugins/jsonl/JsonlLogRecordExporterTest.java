package dev.nvmemi.plugins.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.logs.TestLogRecordData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlLogRecordExporterTest {
  private static final Resource RESOURCE = Resource.create(Attributes.of(
      AttributeKey.stringKey("service.name"), "nvme-mi-agent", AttributeKey.stringKey("host.name"), "node-7"));

  @TempDir Path dir;

  @Test
  void writesOneLinePerEventWithNameSeverityAttributesResourceAndTimestamps() {
    JsonlLogRecordExporter exporter = JsonlLogRecordExporter.create(JsonlConfig.defaults(dir));
    Instant observed = Instant.parse("2026-11-26T00:10:00.123456789Z");
    try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(RESOURCE)
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build()) {
      Logger logger = provider.get("dev.nvmemi.agent");
      logger.logRecordBuilder()
          .setEventName("nvme.drive.temperature.threshold")
          .setTimestamp(observed)
          .setSeverity(Severity.ERROR)
          .setSeverityText("ERROR")
          .setBody("composite temperature 86 Cel above high.critical 85 Cel")
          .setAttribute(AttributeKey.stringKey("hw.id"), "nvme-1-9")
          .setAttribute(AttributeKey.stringKey("hw.limit_type"), "high.critical")
          .setAttribute(AttributeKey.doubleKey("hw.temperature"), 86.0)
          .setAttribute(AttributeKey.longKey("nvme.mctp.eid"), 9L)
          .setAttribute(AttributeKey.stringArrayKey("nvme.critical_warning"), List.of("TAUT", "RO"))
          .emit();
    }

    List<JsonNode> lines = JsonlFiles.read(dir.resolve("events.jsonl"));
    assertThat(lines).hasSize(1);
    JsonNode e = lines.get(0);
    assertThat(e.get("signal").asText()).isEqualTo("event");
    assertThat(e.get("name").asText()).isEqualTo("nvme.drive.temperature.threshold");
    assertThat(e.get("time").asText()).isEqualTo("2026-11-26T00:10:00.123456789Z");
    assertThat(e.get("time_unix_nano").asLong()).isEqualTo(observed.getEpochSecond() * 1_000_000_000L + 123456789L);
    assertThat(e.get("observed_time_unix_nano").asLong()).isPositive();
    assertThat(e.get("severity_number").asInt()).isEqualTo(Severity.ERROR.getSeverityNumber());
    assertThat(e.get("severity_text").asText()).isEqualTo("ERROR");
    assertThat(e.get("body").asText()).isEqualTo("composite temperature 86 Cel above high.critical 85 Cel");
    JsonNode attributes = e.get("attributes");
    assertThat(attributes.get("hw.id").asText()).isEqualTo("nvme-1-9");
    assertThat(attributes.get("hw.temperature").asDouble()).isEqualTo(86.0);
    assertThat(attributes.get("nvme.mctp.eid").asLong()).isEqualTo(9);
    assertThat(attributes.get("nvme.critical_warning").get(1).asText()).isEqualTo("RO");
    assertThat(e.get("resource").get("host.name").asText()).isEqualTo("node-7");
    assertThat(e.get("scope").get("name").asText()).isEqualTo("dev.nvmemi.agent");
  }

  @Test
  void takesTheEventNameFromTheEventNameAttributeWhenTheSdkFieldIsUnset() {
    JsonlLogRecordExporter exporter = JsonlLogRecordExporter.create(JsonlConfig.defaults(dir));
    exporter.export(List.of(TestLogRecordData.builder()
        .setResource(RESOURCE)
        .setTimestamp(Instant.parse("2026-11-26T00:00:00Z"))
        .setSeverity(Severity.WARN)
        .setAttributes(Attributes.of(AttributeKey.stringKey("event.name"), "nvme.endpoint.lost"))
        .build()));

    JsonNode e = JsonlFiles.read(dir.resolve("events.jsonl")).get(0);
    assertThat(e.get("name").asText()).isEqualTo("nvme.endpoint.lost");
    assertThat(e.get("attributes").get("event.name").asText()).isEqualTo("nvme.endpoint.lost");
  }

  @Test
  void escapesStringsSoEveryEventStaysOnOneLine() {
    JsonlLogRecordExporter exporter = JsonlLogRecordExporter.create(JsonlConfig.defaults(dir));
    String nasty = "line1\nline2\r\t\"quoted\" back\\slash \u0001 \u2028 caf\u00e9 \ud83d\ude00 lone \ud800";
    try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(RESOURCE)
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build()) {
      provider.get("test").logRecordBuilder()
          .setBody(Value.of(java.util.Map.of("text", Value.of(nasty), "bytes", Value.of(new byte[] {1, 2, 3}))))
          .setAllAttributes(Attributes.of(AttributeKey.stringKey(nasty), nasty, AttributeKey.doubleKey("nan"), Double.NaN))
          .emit();
    }

    List<String> raw = JsonlFiles.lines(dir.resolve("events.jsonl"));
    assertThat(raw).hasSize(1);
    JsonNode e = JsonlFiles.parse(raw.get(0));
    assertThat(e.get("attributes").get(nasty).asText()).isEqualTo(nasty);
    assertThat(e.get("attributes").get("nan").asText()).isEqualTo("NaN");
    assertThat(e.get("body").get("text").asText()).isEqualTo(nasty);
    assertThat(e.get("body").get("bytes").asText()).isEqualTo("AQID");
  }

  @Test
  void createsItsFilesWithMode0640() throws Exception {
    JsonlLogRecordExporter exporter = JsonlLogRecordExporter.create(JsonlConfig.defaults(dir));
    exporter.export(List.of(TestLogRecordData.builder().setResource(RESOURCE).build()));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("events.jsonl"))))
        .isEqualTo("rw-r-----");
  }

  @Test
  void exportFlushAndShutdownSucceed() {
    JsonlLogRecordExporter exporter = JsonlLogRecordExporter.create(JsonlConfig.defaults(dir));

    assertThat(exporter.export(List.of(TestLogRecordData.builder().setResource(RESOURCE).build()))
        .join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(exporter.flush().join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(exporter.shutdown().join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(exporter.stats().exportedItems()).isEqualTo(1);
  }

  @Test
  void shutdownTwiceIsHarmless() {
    JsonlLogRecordExporter exporter = JsonlLogRecordExporter.create(JsonlConfig.defaults(dir));

    assertThat(exporter.shutdown().join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(exporter.shutdown().join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
  }

  @Test
  void exportAfterShutdownFailsWithoutThrowingOrWriting() {
    JsonlLogRecordExporter exporter = JsonlLogRecordExporter.create(JsonlConfig.defaults(dir));
    exporter.shutdown();

    CompletableResultCode result = exporter.export(List.of(TestLogRecordData.builder().setResource(RESOURCE).build()));

    assertThat(result.join(5, TimeUnit.SECONDS).isSuccess()).isFalse();
    assertThat(dir.resolve("events.jsonl")).doesNotExist();
  }
}
