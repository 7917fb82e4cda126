package dev.nvmemi.plugins.alertmanager;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.logs.TestLogRecordData;
import java.time.Instant;

/**
 * Events shaped like the agent's (design §6, agent TelemetryContract: event names, the drive
 * attributes on every drive event, severities), for driving the exporter without the agent.
 */
final class AgentEvents {
  static final Resource RESOURCE = Resource.create(Attributes.of(
      AttributeKey.stringKey("service.name"), "nvme-mi-agent", AttributeKey.stringKey("host.name"), "node-7"));

  private AgentEvents() {}

  /** The drive attributes (TelemetryContract.DRIVE_ATTRIBUTES) of simulated drive {@code eid} on network 1. */
  static AttributesBuilder drive(int eid) {
    return Attributes.builder()
        .put("hw.id", "nvme-1-" + eid)
        .put("hw.type", "physical_disk")
        .put("hw.vendor", "Simulated")
        .put("hw.model", "SIM-NVME-1TB")
        .put("hw.serial_number", "SIM" + String.format("%05d", eid))
        .put("hw.firmware_version", "1.0.0")
        .put("nvme.mctp.network_id", 1L)
        .put("nvme.mctp.eid", (long) eid)
        .put("nvme.bus", "i2c-3");
  }

  static Attributes overheat(int eid, double celsius) {
    return drive(eid).put("hw.limit_type", "high.degraded").put("hw.temperature", celsius)
        .put("nvme.threshold.state", "above").build();
  }

  static Attributes coolDown(int eid, double celsius) {
    return drive(eid).put("hw.limit_type", "high.degraded").put("hw.temperature", celsius)
        .put("nvme.threshold.state", "below").build();
  }

  static Attributes health(int eid, String state, String previous) {
    return drive(eid).put("hw.state", state).put("hw.previous_state", previous).build();
  }

  /** Emits through the SDK the way the agent does: event name, severity, timestamp, attributes. */
  static void emit(Logger logger, String eventName, Severity severity, Attributes attributes) {
    logger.logRecordBuilder()
        .setEventName(eventName)
        .setTimestamp(Instant.now())
        .setSeverity(severity)
        .setSeverityText(severity.name())
        .setAllAttributes(attributes)
        .emit();
  }

  /** A log record carrying the event name only as the {@code event.name} attribute (older convention). */
  static LogRecordData record(String eventName, Severity severity, Attributes attributes, Instant time) {
    return TestLogRecordData.builder()
        .setResource(RESOURCE)
        .setTimestamp(time)
        .setSeverity(severity)
        .setAttributes(attributes.toBuilder().put("event.name", eventName).build())
        .build();
  }
}
