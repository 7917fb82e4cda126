package dev.nvmemi.plugins.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.logs.TestLogRecordData;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
  private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");

  private static List<AlertChange> changes(String event, Severity severity, Attributes attributes) {
    return AlertRules.changes(DriveEvent.of(AgentEvents.record(event, severity, attributes, T0)));
  }

  private static Alert fired(List<AlertChange> changes) {
    assertThat(changes).hasSize(1).first().isInstanceOf(AlertChange.Fire.class);
    return ((AlertChange.Fire) changes.get(0)).alert();
  }

  @Test
  void anOverheatFiresAnAlertLabelledWithTheDriveSeverityAndNode() {
    Alert alert = fired(changes("nvme.drive.temperature.threshold", Severity.WARN, AgentEvents.overheat(9, 72.0)));

    assertThat(alert.labels()).containsOnly(
        org.assertj.core.api.Assertions.entry("alertname", "nvme.drive.temperature.threshold"),
        org.assertj.core.api.Assertions.entry("hw_id", "nvme-1-9"),
        org.assertj.core.api.Assertions.entry("hw_serial_number", "SIM00009"),
        org.assertj.core.api.Assertions.entry("hw_model", "SIM-NVME-1TB"),
        org.assertj.core.api.Assertions.entry("hw_limit_type", "high.degraded"),
        org.assertj.core.api.Assertions.entry("severity", "warning"),
        org.assertj.core.api.Assertions.entry("node", "node-7"));
    assertThat(alert.annotations().get("summary"))
        .isEqualTo("Drive SIM00009 (SIM-NVME-1TB) composite temperature 72.0 °C is above its high.degraded threshold");
    assertThat(alert.annotations()).containsEntry("hw_temperature", "72.0").containsEntry("nvme_bus", "i2c-3")
        .doesNotContainKey("event_name");
    assertThat(alert.startsAt()).isEqualTo(T0);
  }

  @Test
  void theBodyBecomesTheDescriptionWhenTheAgentGivesOne() {
    DriveEvent event = DriveEvent.of(TestLogRecordData.builder().setResource(AgentEvents.RESOURCE)
        .setTimestamp(T0).setSeverity(Severity.ERROR).setBody("drive failed: spare below threshold")
        .setAttributes(AgentEvents.health(9, "failed", "degraded").toBuilder()
            .put("event.name", "nvme.drive.health.change").build()).build());

    Alert alert = fired(AlertRules.changes(event));

    assertThat(alert.annotations()).containsEntry("description", "drive failed: spare below threshold")
        .containsEntry("summary", "Drive SIM00009 (SIM-NVME-1TB) health is failed (was degraded)");
    assertThat(alert.labels()).containsEntry("severity", "critical");
  }

  @Test
  void theCoolDownResolvesTheOverheatOfTheSameLimit() {
    AlertChange fire = changes("nvme.drive.temperature.threshold", Severity.WARN, AgentEvents.overheat(9, 72)).get(0);

    List<AlertChange> cool = changes("nvme.drive.temperature.threshold", Severity.INFO, AgentEvents.coolDown(9, 60));

    assertThat(cool).containsExactly(new AlertChange.Resolve(fire.key(), T0));
  }

  @Test
  void theCriticalLimitIsASeparateAlertFromTheWarningLimit() {
    AlertChange warning = changes("nvme.drive.temperature.threshold", Severity.WARN, AgentEvents.overheat(9, 72)).get(0);
    AlertChange critical = changes("nvme.drive.temperature.threshold", Severity.ERROR,
        AgentEvents.drive(9).put("hw.limit_type", "high.critical").put("hw.temperature", 86.0)
            .put("nvme.threshold.state", "above").build()).get(0);

    assertThat(critical.key()).isNotEqualTo(warning.key());
  }

  @Test
  void healthBackToOkResolvesTheHealthAndTheCriticalWarningAlerts() {
    String healthKey = changes("nvme.drive.health.change", Severity.WARN, AgentEvents.health(9, "degraded", "ok"))
        .get(0).key();
    String warningKey = changes("nvme.drive.critical_warning", Severity.ERROR,
        AgentEvents.drive(9).put(AttributeKey.stringArrayKey("nvme.critical_warning"), List.of("SPARE", "TAUT"))
            .build()).get(0).key();

    List<AlertChange> ok = changes("nvme.drive.health.change", Severity.INFO, AgentEvents.health(9, "ok", "degraded"));

    assertThat(ok).containsExactlyInAnyOrder(new AlertChange.Resolve(healthKey, T0),
        new AlertChange.Resolve(warningKey, T0));
  }

  @Test
  void criticalWarningBitsAreListedInTheSummary() {
    Alert alert = fired(changes("nvme.drive.critical_warning", Severity.ERROR,
        AgentEvents.drive(9).put(AttributeKey.stringArrayKey("nvme.critical_warning"), List.of("SPARE", "TAUT"))
            .build()));

    assertThat(alert.annotations().get("summary")).endsWith("raised critical warning SPARE,TAUT");
  }

  @Test
  void endpointRecoveredResolvesEndpointLostForTheSameNetworkAndEid() {
    Attributes lost = AgentEvents.drive(9).put("error.type", "timeout").build();
    Alert alert = fired(changes("nvme.endpoint.lost", Severity.WARN, lost));
    String key = changes("nvme.endpoint.lost", Severity.WARN, lost).get(0).key();

    assertThat(alert.labels()).containsEntry("nvme_mctp_network_id", "1").containsEntry("nvme_mctp_eid", "9");
    assertThat(changes("nvme.endpoint.recovered", Severity.INFO, AgentEvents.drive(9).build()))
        .containsExactly(new AlertChange.Resolve(key, T0));
    assertThat(changes("nvme.endpoint.recovered", Severity.INFO, AgentEvents.drive(10).build()).get(0).key())
        .isNotEqualTo(key);
  }

  @Test
  void informationalEventsAndPlainLogRecordsChangeNoAlert() {
    assertThat(changes("nvme.endpoint.discovered", Severity.INFO, AgentEvents.drive(9).build())).isEmpty();
    assertThat(changes("nvme.drive.firmware.changed", Severity.INFO, AgentEvents.drive(9).build())).isEmpty();
    assertThat(AlertRules.changes(DriveEvent.of(TestLogRecordData.builder().setBody("hello").build()))).isEmpty();
  }

  @Test
  void theSdkEventNameFieldIsReadAsWellAsTheAttribute() {
    DriveEvent event = DriveEvent.of(TestLogRecordData.builder().setResource(AgentEvents.RESOURCE)
        .setEventName("nvme.drive.health.change").setSeverity(Severity.WARN)
        .setAttributes(AgentEvents.health(9, "degraded", "ok")).build());

    assertThat(event.name()).isEqualTo("nvme.drive.health.change");
    assertThat(AlertRules.changes(event)).hasSize(1);
  }

  @Test
  void theKubernetesNodeNameWinsOverTheHostName() {
    DriveEvent event = DriveEvent.of(TestLogRecordData.builder()
        .setResource(AgentEvents.RESOURCE.merge(Resource.create(Attributes.of(
            AttributeKey.stringKey("k8s.node.name"), "worker-3")))).setSeverity(Severity.WARN)
        .setAttributes(AgentEvents.health(9, "degraded", "ok").toBuilder()
            .put("event.name", "nvme.drive.health.change").build()).build());

    assertThat(((AlertChange.Fire) AlertRules.changes(event).get(0)).alert().labels()).containsEntry("node", "worker-3");
  }

  @Test
  void attributeKeysBecomeValidLabelNames() {
    assertThat(AlertRules.labelName("hw.serial_number")).isEqualTo("hw_serial_number");
    assertThat(AlertRules.labelName("9lives-x")).isEqualTo("_lives_x");
  }
}
