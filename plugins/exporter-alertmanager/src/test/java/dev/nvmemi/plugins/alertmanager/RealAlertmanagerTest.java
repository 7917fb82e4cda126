package dev.nvmemi.plugins.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nvmemi.testsupport.Await;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter against a real Alertmanager, fed through a real OpenTelemetry SDK logger provider
 * with a batch processor, with events shaped exactly like the agent's.
 */
class RealAlertmanagerTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String THRESHOLD = "nvme.drive.temperature.threshold";
  private static final Map<String, String> DRIVE_9_OVERHEAT =
      Map.of("alertname", THRESHOLD, "hw_serial_number", "SIM00009");

  @TempDir Path tmp;
  private final WebhookReceiver webhook;
  private SdkLoggerProvider provider;
  private AlertmanagerLogRecordExporter exporter;
  private RealAlertmanager am1;
  private RealAlertmanager am2;

  RealAlertmanagerTest() throws Exception {
    webhook = new WebhookReceiver();
  }

  @AfterEach
  void stopAll() throws Exception {
    if (provider != null) {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
    for (RealAlertmanager am : new RealAlertmanager[] {am1, am2}) {
      if (am != null) {
        am.close();
      }
    }
    webhook.close();
  }

  private Logger pipeline(String urls, Duration resend, Duration ttl) {
    AlertmanagerConfig defaults = AlertmanagerConfig.defaults(urls);
    AlertmanagerConfig config = new AlertmanagerConfig(defaults.alertsUris(), Duration.ofSeconds(2), Map.of(),
        null, null, null, null, null, null, resend, ttl, 64, Duration.ofMillis(100), Duration.ofMillis(400),
        Duration.ofMinutes(1));
    exporter = AlertmanagerLogRecordExporter.create(config);
    provider = SdkLoggerProvider.builder().setResource(AgentEvents.RESOURCE)
        .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).setScheduleDelay(Duration.ofMillis(50)).build())
        .build();
    return provider.get("dev.nvmemi.agent");
  }

  private RealAlertmanager alertmanager(String name) throws Exception {
    RealAlertmanager am = new RealAlertmanager(tmp.resolve(name), webhook.url());
    am.start();
    return am;
  }

  @Test
  void anOverheatFiresAnAlertAndTheCoolDownResolvesIt() throws Exception {
    am1 = alertmanager("am1");
    Logger agent = pipeline(am1.baseUrl(), Duration.ofSeconds(30), Duration.ofMinutes(2));

    AgentEvents.emit(agent, THRESHOLD, Severity.WARN, AgentEvents.overheat(9, 72.0));

    Await.until("the overheat alert in Alertmanager", WAIT, () -> am1.alerts(DRIVE_9_OVERHEAT).size() == 1);
    JsonNode alert = am1.alerts(DRIVE_9_OVERHEAT).get(0);
    assertThat(alert.path("status").path("state").asText()).isEqualTo("active");
    assertThat(alert.path("labels").path("hw_id").asText()).isEqualTo("nvme-1-9");
    assertThat(alert.path("labels").path("hw_model").asText()).isEqualTo("SIM-NVME-1TB");
    assertThat(alert.path("labels").path("severity").asText()).isEqualTo("warning");
    assertThat(alert.path("labels").path("node").asText()).isEqualTo("node-7");
    assertThat(alert.path("annotations").path("summary").asText())
        .isEqualTo("Drive SIM00009 (SIM-NVME-1TB) composite temperature 72.0 °C is above its high.degraded threshold");
    assertThat(alert.path("annotations").path("hw_temperature").asText()).isEqualTo("72.0");
    Await.until("the firing notification", WAIT, () -> webhook.notified("firing", "hw_serial_number", "SIM00009"));

    AgentEvents.emit(agent, THRESHOLD, Severity.INFO, AgentEvents.coolDown(9, 60.0));

    Await.until("the overheat alert resolved", WAIT, () -> am1.alerts(DRIVE_9_OVERHEAT).isEmpty());
    Await.until("the resolved notification", WAIT, () -> webhook.notified("resolved", "hw_serial_number", "SIM00009"));
    assertThat(exporter.stats().firingAlerts()).isZero();
    assertThat(exporter.stats().pendingResolutions()).isZero();
  }

  @Test
  void aFiringAlertIsRepostedBeforeItsEndsAtAndOutlivesItsTtl() throws Exception {
    am1 = alertmanager("am1");
    Logger agent = pipeline(am1.baseUrl(), Duration.ofMillis(500), Duration.ofMillis(1500));

    AgentEvents.emit(agent, THRESHOLD, Severity.WARN, AgentEvents.overheat(9, 72.0));
    Await.until("the overheat alert", WAIT, () -> am1.alerts(DRIVE_9_OVERHEAT).size() == 1);
    Thread.sleep(3000); // twice the TTL: without re-posting, Alertmanager would have resolved it

    List<JsonNode> alerts = am1.alerts(DRIVE_9_OVERHEAT);
    assertThat(alerts).hasSize(1);
    assertThat(Instant.parse(alerts.get(0).path("endsAt").asText())).isAfter(Instant.now());
    assertThat(exporter.stats().postsDelivered()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void changesMadeWhileAlertmanagerIsDownArriveAfterItRestarts() throws Exception {
    am1 = alertmanager("am1");
    Logger agent = pipeline(am1.baseUrl(), Duration.ofSeconds(30), Duration.ofMinutes(2));
    AgentEvents.emit(agent, THRESHOLD, Severity.WARN, AgentEvents.overheat(9, 72.0));
    Await.until("the overheat alert", WAIT, () -> am1.alerts(DRIVE_9_OVERHEAT).size() == 1);

    am1.stop();
    AgentEvents.emit(agent, "nvme.drive.health.change", Severity.ERROR, AgentEvents.health(10, "failed", "ok"));
    AgentEvents.emit(agent, THRESHOLD, Severity.INFO, AgentEvents.coolDown(9, 60.0));
    Await.until("failed posts while Alertmanager is down, the resolution kept", WAIT,
        () -> exporter.stats().postsFailed() >= 2 && exporter.stats().pendingResolutions() == 1);
    am1.start();

    Map<String, String> drive10 = Map.of("alertname", "nvme.drive.health.change", "hw_serial_number", "SIM00010");
    Await.until("the health alert raised during the outage", WAIT, () -> am1.alerts(drive10).size() == 1);
    assertThat(am1.alerts(drive10).get(0).path("labels").path("severity").asText()).isEqualTo("critical");
    assertThat(am1.alerts(DRIVE_9_OVERHEAT)).as("resolved during the outage").isEmpty();
    Await.until("the resolution delivered", WAIT, () -> exporter.stats().pendingResolutions() == 0);
  }

  @Test
  void everyMemberOfAnHaPairGetsTheAlertEvenWhileTheOtherIsDown() throws Exception {
    am1 = alertmanager("am1");
    am2 = alertmanager("am2");
    Logger agent = pipeline(am1.baseUrl() + "," + am2.baseUrl(), Duration.ofSeconds(30), Duration.ofMinutes(2));

    AgentEvents.emit(agent, THRESHOLD, Severity.WARN, AgentEvents.overheat(9, 72.0));
    Await.until("the alert in the first Alertmanager", WAIT, () -> am1.alerts(DRIVE_9_OVERHEAT).size() == 1);
    Await.until("the alert in the second Alertmanager", WAIT, () -> am2.alerts(DRIVE_9_OVERHEAT).size() == 1);

    am2.stop();
    AgentEvents.emit(agent, "nvme.drive.health.change", Severity.WARN, AgentEvents.health(11, "degraded", "ok"));
    Map<String, String> drive11 = Map.of("alertname", "nvme.drive.health.change", "hw_serial_number", "SIM00011");
    Await.until("the new alert in the Alertmanager still up", WAIT, () -> am1.alerts(drive11).size() == 1);

    am2.start();
    Await.until("the new alert in the restarted Alertmanager", WAIT, () -> am2.alerts(drive11).size() == 1);
  }
}
