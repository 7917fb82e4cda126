package dev.nvmemi.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.export.OtelSetup;
import dev.nvmemi.plugins.alertmanager.AlertmanagerConfig;
import dev.nvmemi.plugins.alertmanager.AlertmanagerLogRecordExporter;
import dev.nvmemi.simulator.model.DriveIdentity;
import dev.nvmemi.testsupport.Await;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full alerting pipeline of issue #6 against a <b>real Alertmanager</b>: a simulated fleet of
 * three drives ({@code e2e/overheat-drive0.json}: drive 0 to 75 °C, 90 °C, then 40 °C) → the agent
 * ({@link dev.nvmemi.agent.AgentVerticle} polling it over the in-process MCTP transport) → the
 * agent's events → the {@code alertmanager} log exporter → {@code POST /api/v2/alerts} of a
 * {@code prometheus-alertmanager} process on a free loopback port, observed through its
 * {@code GET /api/v2/alerts} and its webhook notifications.
 *
 * <p>The scenario runs on a clock the test advances, the agent, the exporter and Alertmanager on
 * real time; every wait is a bounded poll. Short poll, resend and retry settings keep the whole
 * class within a few seconds beyond the Alertmanager start-ups.
 */
class AlertmanagerPipelineTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SCENARIO = "/e2e/overheat-drive0.json";
  /** The fleet whose drive 0 the scenario was written for (thresholds 70 °C / 80 °C). */
  private static final long SEED = 7;
  private static final int DRIVES = 3;
  private static final String THRESHOLD = "nvme.drive.temperature.threshold";
  private static final Duration WARNING_STEP = Duration.ofSeconds(10);
  private static final Duration CRITICAL_STEP = Duration.ofSeconds(20);
  private static final Duration COOL_DOWN_STEP = Duration.ofSeconds(30);

  @TempDir Path tmp;
  private WebhookReceiver webhook;
  private AlertmanagerProcess alertmanager;
  private SimulatedAgent agent;
  private OpenTelemetrySdk sdk;

  @AfterEach
  void tearDown() throws Exception {
    try {
      if (agent != null) {
        agent.close();
      }
    } finally {
      if (sdk != null) {
        sdk.shutdown().join(10, TimeUnit.SECONDS);
      }
      if (alertmanager != null) {
        alertmanager.close();
      }
      if (webhook != null) {
        webhook.close();
      }
    }
  }

  /** Agent settings: fast health polls so a temperature step is seen within a fraction of a second. */
  private static Map<String, Object> agentSettings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("discovery.mode", "simulate");
    s.put("http.enabled", false);
    s.put("poll.subsystem_health_interval", "200ms");
    s.put("poll.controller_health_interval", "200ms");
    s.put("poll.smart_interval", "1s");
    s.put("poll.backoff_initial", "100ms");
    return s;
  }

  /** The exporter's settings, by their documented property names: quick resends, retries and batches. */
  private static Map<String, String> exporterProperties(String url) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(AlertmanagerConfig.URL, url);
    p.put(AlertmanagerConfig.TIMEOUT, "2s");
    p.put(AlertmanagerConfig.RESEND_INTERVAL, "1s");
    p.put(AlertmanagerConfig.ALERT_TTL, "10s");
    p.put(AlertmanagerConfig.RETRY_INITIAL_BACKOFF, "100ms");
    p.put(AlertmanagerConfig.RETRY_MAX_BACKOFF, "500ms");
    return p;
  }

  private void startAlertmanager() throws Exception {
    webhook = new WebhookReceiver();
    alertmanager = new AlertmanagerProcess(tmp.resolve("alertmanager"), webhook.url());
    alertmanager.start();
  }

  /**
   * The {@code node} label: the exporter takes {@code k8s.node.name}, which the agent's resource
   * gets from {@code K8S_NODE_NAME} / {@code NODE_NAME} when set, else {@code host.name}.
   */
  private static String expectedNode(String hostName) {
    for (String env : new String[] {"K8S_NODE_NAME", "NODE_NAME"}) {
      String v = System.getenv(env);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return hostName;
  }

  /** Labels of drive 0's temperature alert for one threshold, exactly as Alertmanager must hold them. */
  private Map<String, String> temperatureAlertLabels(String limitType, String severity, String node) {
    DriveIdentity drive = agent.simulatedIdentity(0);
    return Map.of(
        "alertname", THRESHOLD,
        "hw_id", agent.expectedHwId(0),
        "hw_serial_number", drive.serial(),
        "hw_model", drive.model(),
        "severity", severity,
        "node", node,
        "hw_limit_type", limitType);
  }

  private static Map<String, String> key(String serial, String limitType) {
    return Map.of("alertname", THRESHOLD, "hw_serial_number", serial, "hw_limit_type", limitType);
  }

  private JsonObject theOnlyAlert(Map<String, String> key) throws Exception {
    Await.until("the alert " + key + " in Alertmanager", WAIT, () -> alertmanager.alerts(key).size() == 1);
    return alertmanager.alerts(key).get(0);
  }

  private static Map<String, Object> labels(JsonObject alert) {
    return alert.getJsonObject("labels").getMap();
  }

  private void assumeDriveZeroIsTheOneTheScenarioWasWrittenFor() {
    DriveIdentity drive = agent.simulatedIdentity(0);
    assertThat(drive.wctempKelvin() - 273).as("WCTEMP of drive 0 (%s) in °C; %s steps to 75 °C", drive.model(),
        SCENARIO).isEqualTo(70);
    assertThat(drive.cctempKelvin() - 273).as("CCTEMP of drive 0 (%s) in °C; %s steps to 90 °C", drive.model(),
        SCENARIO).isEqualTo(80);
  }

  @Test
  void anOverheatingDriveRaisesItsWarningThenCriticalTemperatureAlertAndTheCoolDownResolvesBoth() throws Exception {
    startAlertmanager();
    Map<String, Object> settings = agentSettings();
    exporterProperties(alertmanager.baseUrl()).forEach(settings::put);
    settings.put("otel.logs.exporter", "alertmanager"); // selected by name through autoconfigure
    settings.put("otel.metrics.exporter", "none");
    settings.put("otel.blrp.schedule.delay", "100");
    settings.put("otel.resource.attributes", "host.name=e2e-host-1");
    AgentConfig config = ConfigLoader.build(settings);
    sdk = OtelSetup.create(config).sdk();
    agent = new SimulatedAgent(config, sdk, DRIVES, SEED, SCENARIO);
    assumeDriveZeroIsTheOneTheScenarioWasWrittenFor();
    String serial = agent.simulatedIdentity(0).serial();
    String node = expectedNode("e2e-host-1");

    agent.advanceScenarioTo(WARNING_STEP);

    JsonObject warning = theOnlyAlert(key(serial, "high.degraded"));
    assertThat(labels(warning)).isEqualTo(temperatureAlertLabels("high.degraded", "warning", node));
    assertThat(warning.getJsonObject("status").getString("state")).isEqualTo("active");
    assertThat(warning.getJsonObject("annotations").getString("summary")).contains(serial, "high.degraded");
    assertThat(Double.parseDouble(warning.getJsonObject("annotations").getString("hw_temperature")))
        .isBetween(74.0, 76.0);
    assertThat(alertmanager.alerts(key(serial, "high.critical"))).as("75 °C is below the critical threshold")
        .isEmpty();
    Await.until("the firing notification of the warning alert", WAIT,
        () -> webhook.notified("firing", key(serial, "high.degraded")));

    agent.advanceScenarioTo(CRITICAL_STEP);

    JsonObject critical = theOnlyAlert(key(serial, "high.critical"));
    assertThat(labels(critical)).isEqualTo(temperatureAlertLabels("high.critical", "critical", node));
    assertThat(Double.parseDouble(critical.getJsonObject("annotations").getString("hw_temperature")))
        .isBetween(89.0, 91.0);
    assertThat(alertmanager.alerts(key(serial, "high.degraded"))).as("still above the warning threshold").hasSize(1);

    agent.advanceScenarioTo(COOL_DOWN_STEP);

    Await.until("every alert of drive " + serial + " resolved", WAIT,
        () -> alertmanager.alerts(Map.of("hw_serial_number", serial)).isEmpty());
    Await.until("the resolved notifications of both temperature alerts", WAIT,
        () -> webhook.notified("resolved", key(serial, "high.degraded"))
            && webhook.notified("resolved", key(serial, "high.critical")));
    assertThat(alertmanager.alerts()).as("the other drives stayed healthy").isEmpty();
  }

  @Test
  void anOverheatWhileAlertmanagerIsDownArrivesAfterItRestarts() throws Exception {
    startAlertmanager();
    AgentConfig config = ConfigLoader.build(agentSettings());
    AlertmanagerLogRecordExporter exporter = AlertmanagerLogRecordExporter.create(
        AlertmanagerConfig.load(DefaultConfigProperties.createFromMap(exporterProperties(alertmanager.baseUrl()))));
    InMemoryLogRecordExporter events = InMemoryLogRecordExporter.create();
    sdk = OpenTelemetrySdk.builder().setLoggerProvider(SdkLoggerProvider.builder()
        .setResource(Resource.getDefault().merge(
            Resource.create(Attributes.of(AttributeKey.stringKey("host.name"), "e2e-host-2"))))
        .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).setScheduleDelay(Duration.ofMillis(100))
            .build())
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(events))
        .build()).build();
    agent = new SimulatedAgent(config, sdk, DRIVES, SEED, SCENARIO);
    assumeDriveZeroIsTheOneTheScenarioWasWrittenFor();
    String serial = agent.simulatedIdentity(0).serial();
    agent.advanceScenarioTo(WARNING_STEP);
    theOnlyAlert(key(serial, "high.degraded"));

    alertmanager.stop();
    agent.advanceScenarioTo(CRITICAL_STEP);

    Await.until("the agent's critical-threshold event for drive " + serial, WAIT,
        () -> criticalThresholdEmitted(events.getFinishedLogRecordItems(), serial));
    long failedAtEvent = exporter.stats().postsFailed();
    Await.until("a post failing after the event, Alertmanager being down", WAIT,
        () -> exporter.stats().postsFailed() > failedAtEvent);
    Instant restart = Instant.now();
    alertmanager.start();

    JsonObject critical = theOnlyAlert(key(serial, "high.critical"));
    assertThat(labels(critical)).isEqualTo(temperatureAlertLabels("high.critical", "critical", "e2e-host-2"));
    assertThat(Instant.parse(critical.getString("startsAt"))).as("raised during the outage").isBefore(restart);
    assertThat(alertmanager.alerts(key(serial, "high.degraded")))
        .as("the warning alert, delivered before the outage, is re-posted to the restarted Alertmanager")
        .hasSize(1);

    agent.advanceScenarioTo(COOL_DOWN_STEP);

    Await.until("every alert of drive " + serial + " resolved after the restart", WAIT,
        () -> alertmanager.alerts(Map.of("hw_serial_number", serial)).isEmpty());
    assertThat(exporter.stats().droppedChanges()).isZero();
    assertThat(exporter.stats().droppedResolutions()).isZero();
  }

  private static boolean criticalThresholdEmitted(List<LogRecordData> records, String serial) {
    return records.stream().anyMatch(r -> THRESHOLD.equals(r.getEventName())
        && serial.equals(r.getAttributes().get(AttributeKey.stringKey("hw.serial_number")))
        && "high.critical".equals(r.getAttributes().get(AttributeKey.stringKey("hw.limit_type")))
        && "above".equals(r.getAttributes().get(AttributeKey.stringKey("nvme.threshold.state"))));
  }
}
