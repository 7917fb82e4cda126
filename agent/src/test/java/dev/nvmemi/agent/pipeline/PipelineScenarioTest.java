package dev.nvmemi.agent.pipeline;

import static dev.nvmemi.agent.pipeline.PipelineHarness.points;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.poll.EndpointState;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline (simulated fleet → sessions → scheduler → codec → telemetry) on a virtual
 * clock, one scenario per test, asserting the exact event sequence and the metrics.
 */
class PipelineScenarioTest {
  private static final String[] KEYS = {"hw.limit_type", "nvme.threshold.state", "hw.state", "hw.previous_state",
      "nvme.critical_warning", "error.type", "hw.previous_serial_number", "hw.previous_firmware_version"};
  /** Serial number of drive 0 of the fleet generated from seed 7. */
  private static final String SERIAL0 = "BTAX366KOCMA43FQ";

  private static double gauge(Collection<MetricData> all, String name, String... kv) {
    List<PointData> p = points(all, name, kv);
    assertThat(p).as(name + " " + List.of(kv)).hasSize(1);
    return ((DoublePointData) p.get(0)).getValue();
  }

  /** The composite temperature: the hw.temperature point without hw.sensor_location. */
  private static double composite(Collection<MetricData> all) {
    List<PointData> p = points(all, "hw.temperature").stream()
        .filter(x -> x.getAttributes().asMap().keySet().stream().noneMatch(k -> k.getKey().equals("hw.sensor_location")))
        .toList();
    assertThat(p).hasSize(1);
    return ((DoublePointData) p.get(0)).getValue();
  }

  private static long sum(Collection<MetricData> all, String name, String... kv) {
    List<PointData> p = points(all, name, kv);
    assertThat(p).as(name + " " + List.of(kv)).hasSize(1);
    return ((LongPointData) p.get(0)).getValue();
  }

  @Test
  void overheatCrossesWarningThenCriticalAndCoolsDownWithOneEventPerCrossing() {
    String scenario = """
        {"name": "overheat", "events": [
          {"at": "3s", "drive": 0, "action": "temperature", "celsius": 90, "over": "12s"},
          {"at": "60s", "drive": 0, "action": "temperature", "celsius": 40, "over": "30s"}]}""";
    // The temperature crossings of the NVMe-MI health data alone: with the OCP logs the drive's own
    // thermal throttling joins hw.state (OcpPipelineTest), which ends on the drive's next C0h reading.
    try (PipelineHarness h = new PipelineHarness(1, scenario, Map.of("ocp.enabled", "false"))) {
      h.advance(Duration.ofSeconds(30));
      Collection<MetricData> hot = h.collect();
      assertThat(composite(hot)).isEqualTo(90.0);
      assertThat(gauge(hot, "hw.temperature.limit", "hw.limit_type", "high.degraded")).isEqualTo(70.0);
      assertThat(gauge(hot, "hw.temperature.limit", "hw.limit_type", "high.critical")).isEqualTo(80.0);
      assertThat(sum(hot, "hw.status", "hw.state", "degraded")).isEqualTo(1);
      assertThat(sum(hot, "hw.status", "hw.state", "ok")).isZero();
      assertThat(sum(hot, "nvme.critical_warning", "nvme.critical_warning", "temperature")).isEqualTo(1);

      h.advance(Duration.ofSeconds(90));
      assertThat(h.events(KEYS)).containsExactly(
          "nvme.endpoint.discovered INFO",
          "nvme.drive.health.change WARN hw.state=degraded hw.previous_state=ok",
          "nvme.drive.critical_warning ERROR nvme.critical_warning=[temperature]",
          "nvme.controller.health.change WARN hw.state=degraded hw.previous_state=ok",
          "nvme.drive.temperature.threshold WARN hw.limit_type=high.degraded nvme.threshold.state=above",
          "nvme.drive.temperature.threshold ERROR hw.limit_type=high.critical nvme.threshold.state=above",
          "nvme.drive.temperature.threshold INFO hw.limit_type=high.critical nvme.threshold.state=below",
          "nvme.controller.health.change WARN hw.state=ok hw.previous_state=degraded",
          "nvme.drive.health.change WARN hw.state=ok hw.previous_state=degraded",
          "nvme.drive.temperature.threshold INFO hw.limit_type=high.degraded nvme.threshold.state=below");
      Collection<MetricData> cool = h.collect();
      assertThat(composite(cool)).isEqualTo(40.0);
      assertThat(sum(cool, "hw.status", "hw.state", "ok")).isEqualTo(1);
      assertThat(sum(cool, "nvme.critical_warning", "nvme.critical_warning", "temperature")).isZero();
      // every event's latency was measured
      HistogramPointData latency = (HistogramPointData) points(cool, "nvme_mi.event.latency",
          "event.name", "nvme.drive.temperature.threshold").get(0);
      assertThat(latency.getCount()).isEqualTo(4);
    }
  }

  @Test
  void spareBelowThresholdThenReliabilityThenReadOnlyEscalatesToFailed() {
    String scenario = """
        {"name": "wear", "events": [
          {"at": "5s", "drive": 0, "action": "spare", "percent": 4, "over": "40s"},
          {"at": "60s", "drive": 0, "action": "critical_warning", "bits": ["RD"]},
          {"at": "90s", "drive": 0, "action": "read_only"}]}""";
    try (PipelineHarness h = new PipelineHarness(1, scenario)) {
      h.advance(Duration.ofSeconds(120));
      assertThat(h.events(KEYS)).containsExactly(
          "nvme.endpoint.discovered INFO",
          "nvme.drive.health.change ERROR hw.state=predicted_failure hw.previous_state=ok",
          "nvme.drive.critical_warning ERROR nvme.critical_warning=[available_spare]",
          "nvme.controller.health.change WARN hw.state=predicted_failure hw.previous_state=ok",
          "nvme.drive.critical_warning ERROR nvme.critical_warning=[reliability]",
          "nvme.drive.health.change ERROR hw.state=failed hw.previous_state=predicted_failure",
          "nvme.drive.critical_warning ERROR nvme.critical_warning=[read_only]",
          "nvme.controller.health.change WARN hw.state=failed hw.previous_state=predicted_failure");
      Collection<MetricData> m = h.collect();
      assertThat(sum(m, "hw.status", "hw.state", "failed")).isEqualTo(1);
      assertThat(gauge(m, "nvme.spare.available")).isEqualTo(0.04);
      assertThat(gauge(m, "nvme.spare.threshold")).isEqualTo(0.10);
      assertThat(sum(m, "nvme.critical_warning", "nvme.critical_warning", "available_spare")).isEqualTo(1);
      assertThat(sum(m, "nvme.critical_warning", "nvme.critical_warning", "read_only")).isEqualTo(1);
      assertThat(sum(m, "nvme.controller.status", "nvme.controller.id", "0", "hw.state", "failed")).isEqualTo(1);
    }
  }

  @Test
  void fatalControllerStatusFailsTheDriveAndTheController() {
    String scenario = """
        {"name": "fatal", "events": [{"at": "10s", "drive": 0, "action": "controller_fatal"}]}""";
    try (PipelineHarness h = new PipelineHarness(1, scenario)) {
      h.advance(Duration.ofSeconds(30));
      assertThat(h.events(KEYS)).containsExactly(
          "nvme.endpoint.discovered INFO",
          "nvme.drive.health.change ERROR hw.state=failed hw.previous_state=ok",
          "nvme.controller.health.change WARN hw.state=failed hw.previous_state=ok");
      assertThat(sum(h.collect(), "nvme.controller.status", "hw.state", "failed")).isEqualTo(1);
    }
  }

  @Test
  void unresponsiveEndpointIsLostAfterFiveFailuresAndRecoversOnce() {
    String scenario = """
        {"name": "u", "events": [{"at": "10s", "drive": 0, "action": "unresponsive", "duration": "60s"}]}""";
    try (PipelineHarness h = new PipelineHarness(1, scenario)) {
      h.advance(Duration.ofSeconds(60));
      assertThat(h.session(0).state()).isEqualTo(EndpointState.LOST);
      Collection<MetricData> lost = h.collect();
      assertThat(sum(lost, "nvme_mi.endpoint.state", "state", "lost")).isEqualTo(1);
      assertThat(sum(lost, "nvme_mi.endpoint.state", "state", "active")).isZero();
      HistogramPointData timeouts = (HistogramPointData) points(lost, "nvme_mi.command.duration",
          "error.type", "timeout").get(0);
      assertThat(timeouts.getCount()).isGreaterThanOrEqualTo(5); // lost after five; still retried
      h.advance(Duration.ofSeconds(240));
      assertThat(h.events(KEYS)).containsExactly(
          "nvme.endpoint.discovered INFO",
          "nvme.endpoint.lost WARN error.type=timeout",
          "nvme.endpoint.recovered INFO");
      assertThat(h.session(0).state()).isEqualTo(EndpointState.ACTIVE);
      assertThat(sum(h.collect(), "nvme_mi.endpoint.state", "state", "active")).isEqualTo(1);
    }
  }

  @Test
  void differentSerialNumberAtTheSameAddressIsAReplacement() {
    String scenario = """
        {"name": "r", "events": [
          {"at": "10s", "drive": 0, "action": "removed", "duration": "20s"},
          {"at": "29s", "drive": 0, "action": "replace", "serial": "S6REPLACE0000042"}]}""";
    try (PipelineHarness h = new PipelineHarness(1, scenario)) {
      h.advance(Duration.ofSeconds(20));
      assertThat(h.session(0).state()).isEqualTo(EndpointState.REMOVED);
      assertThat(sum(h.collect(), "nvme_mi.endpoint.state", "state", "removed")).isEqualTo(1);
      h.advance(Duration.ofSeconds(40));
      assertThat(h.events(KEYS)).containsExactly(
          "nvme.endpoint.discovered INFO",
          "nvme.endpoint.removed INFO",
          "nvme.drive.replaced INFO hw.previous_serial_number=" + SERIAL0);
      Collection<MetricData> m = h.collect();
      assertThat(points(m, "hw.physical_disk.size", "hw.serial_number", "S6REPLACE0000042")).hasSize(1);
      assertThat(points(m, "hw.physical_disk.size", "hw.serial_number", SERIAL0)).isEmpty();
    }
  }

  @Test
  void firmwareActivationIsSeenByThePeriodicIdentify() {
    String scenario = """
        {"name": "fw", "events": [{"at": "10s", "drive": 0, "action": "firmware_activate", "revision": "NEWFW002"}]}""";
    try (PipelineHarness h = new PipelineHarness(1, scenario, Map.of("poll.identify_interval", "5m"))) {
      h.advance(Duration.ofMinutes(6));
      assertThat(h.events(KEYS)).containsExactly(
          "nvme.endpoint.discovered INFO",
          "nvme.drive.firmware.changed INFO hw.previous_firmware_version=9CV10410");
      assertThat(points(h.collect(), "hw.physical_disk.size", "hw.firmware_version", "NEWFW002")).hasSize(1);
    }
  }

  @Test
  void moreProcessingRequiredStormWithinTheCapIsAbsorbed() {
    String scenario = """
        {"name": "m", "events": [{"at": "10s", "drive": 0, "action": "mpr", "exchanges": 20, "mprt": 1}]}""";
    try (PipelineHarness h = new PipelineHarness(1, scenario)) {
      h.advance(Duration.ofSeconds(60));
      assertThat(h.events(KEYS)).containsExactly("nvme.endpoint.discovered INFO");
      assertThat(points(h.collect(), "nvme_mi.command.duration", "error.type", "mpr_limit")).isEmpty();
    }
  }

  @Test
  void moreProcessingRequiredBeyondTheCapFailsWithMprLimitUntilLost() {
    String scenario = """
        {"name": "m", "events": [{"at": "10s", "drive": 0, "action": "mpr", "exchanges": 20, "mprt": 1}]}""";
    try (PipelineHarness h = new PipelineHarness(1, scenario, Map.of("poll.mpr_max", 0))) {
      h.advance(Duration.ofSeconds(60));
      assertThat(h.events(KEYS)).containsExactly(
          "nvme.endpoint.discovered INFO",
          "nvme.endpoint.lost WARN error.type=mpr_limit");
      assertThat(h.session(0).snapshot().lastError()).isEqualTo("mpr_limit");
    }
  }

  @Test
  void corruptedMicIsCountedAsMicMismatchAndTheEndpointRecoversWhenItStops() {
    String scenario = """
        {"name": "c", "events": [{"at": "10s", "drive": 0, "action": "corrupt_mic", "rate": 1.0, "duration": "40s"}]}""";
    try (PipelineHarness h = new PipelineHarness(1, scenario)) {
      h.advance(Duration.ofSeconds(120));
      assertThat(h.events(KEYS)).containsExactly(
          "nvme.endpoint.discovered INFO",
          "nvme.endpoint.lost WARN error.type=mic_mismatch",
          "nvme.endpoint.recovered INFO");
      assertThat(points(h.collect(), "nvme_mi.command.duration", "error.type", "mic_mismatch")).isNotEmpty();
    }
  }

  @Test
  void everyDriveOfTheFleetIsIdentifiedAndExported() {
    try (PipelineHarness h = new PipelineHarness(8, null)) {
      h.advance(Duration.ofSeconds(20));
      Collection<MetricData> m = h.collect();
      assertThat(points(m, "hw.temperature")).hasSize(8 * 3); // composite + 2 sensors per drive
      assertThat(sum(m, "nvme_mi.endpoint.state", "state", "active")).isEqualTo(8);
      assertThat(points(m, "nvme_mi.bus.utilization")).hasSize(2); // 4 drives per bus
      assertThat(h.events()).hasSize(8).allMatch(e -> e.startsWith("nvme.endpoint.discovered"));
    }
  }
}
