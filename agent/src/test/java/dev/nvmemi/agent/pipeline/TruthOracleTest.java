package dev.nvmemi.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The truth-oracle suite (issue #13): for every scenario, at every check (every 5 s of virtual
 * time) the exported telemetry and {@code /status} equal the simulated drive's ground truth within
 * one poll interval ({@link TruthOracle}), and the events are exactly the expected sequence.
 *
 * <p>Polling: health every 5 s, SMART every 10 s, timeouts 1 s, backoff capped at 5 s and
 * {@code lost_after} 3, so "within one poll interval" is: values 8 s, SMART values 14 s, a change
 * of reachability 15 s (detection needs a timeout; recovery waits at most one backoff).
 */
class TruthOracleTest {
  private static final String[] KEYS = {"hw.limit_type", "nvme.threshold.state", "hw.state", "hw.previous_state",
      "nvme.critical_warning", "error.type", "hw.previous_serial_number", "hw.previous_firmware_version",
      "nvme.controller.id"};
  private static final Map<String, String> SETTINGS = Map.of(
      "poll.smart_interval", "10s", "poll.health_timeout", "1s", "poll.identify_timeout", "1s",
      "poll.log_timeout", "2s", "poll.backoff_initial", "1s", "poll.backoff_max", "5s", "poll.lost_after", "3",
      // the oracle is the NVMe-MI drive model; the OCP logs' own truth (throttling, capacitors) is
      // OcpPipelineTest's, and their extra reads would shift this suite's exact event order
      "ocp.enabled", "false");

  private static List<String> run(int drives, String scenario, Map<String, String> extra, Duration length,
      boolean cleanLink) {
    Map<String, String> settings = new java.util.HashMap<>(SETTINGS);
    settings.putAll(extra);
    try (PipelineHarness h = new PipelineHarness(drives, scenario, settings)) {
      TruthOracle oracle = new TruthOracle(h, Duration.ofSeconds(8), Duration.ofSeconds(14), Duration.ofSeconds(15),
          cleanLink);
      oracle.run(length, Duration.ofSeconds(5));
      assertThat(oracle.checks()).isEqualTo((int) (length.toSeconds() / 5));
      return h.events(KEYS);
    }
  }

  private static List<String> run(String scenario, Duration length) {
    return run(1, scenario, Map.of(), length, true);
  }

  private static List<String> run(String scenario, Map<String, String> extra, Duration length) {
    return run(1, scenario, extra, length, true);
  }

  @Test
  void overheatAndCoolDownInsideTheHysteresisBand() {
    // the drive's own TAUT bit follows WCTEMP without a band, so health and the warning follow it;
    // the threshold events keep the 2 °C band (flap window short here: the flap test is below)
    // WCTEMP 70 °C: up to 72 (above), down to 69 (inside the 2 °C band: no event), up to 71
    // (still above: no second event), then 60 (below: one event)
    List<String> events = run("""
        {"name": "band", "events": [
          {"at": "5s", "drive": 0, "action": "temperature", "celsius": 72, "over": "5s"},
          {"at": "30s", "drive": 0, "action": "temperature", "celsius": 69, "over": "2s"},
          {"at": "50s", "drive": 0, "action": "temperature", "celsius": 71, "over": "2s"},
          {"at": "70s", "drive": 0, "action": "temperature", "celsius": 60, "over": "2s"}]}""",
        Map.of("poll.flap_window", "15s"), Duration.ofSeconds(100));
    assertThat(events).containsExactly(
        "nvme.endpoint.discovered INFO",
        "nvme.drive.health.change WARN hw.state=degraded hw.previous_state=ok",
        "nvme.drive.critical_warning ERROR nvme.critical_warning=[temperature]",
        "nvme.drive.temperature.threshold WARN hw.limit_type=high.degraded nvme.threshold.state=above",
        "nvme.controller.health.change WARN hw.state=degraded hw.previous_state=ok nvme.controller.id=0",
        "nvme.drive.health.change WARN hw.state=ok hw.previous_state=degraded",
        "nvme.controller.health.change WARN hw.state=ok hw.previous_state=degraded nvme.controller.id=0",
        "nvme.drive.health.change WARN hw.state=degraded hw.previous_state=ok",
        "nvme.drive.critical_warning ERROR nvme.critical_warning=[temperature]",
        "nvme.controller.health.change WARN hw.state=degraded hw.previous_state=ok nvme.controller.id=0",
        "nvme.drive.temperature.threshold INFO hw.limit_type=high.degraded nvme.threshold.state=below",
        "nvme.drive.health.change WARN hw.state=ok hw.previous_state=degraded",
        "nvme.controller.health.change WARN hw.state=ok hw.previous_state=degraded nvme.controller.id=0");
  }

  @Test
  void wearOut() {
    List<String> events = run("""
        {"name": "wear-out", "events": [
          {"at": "5s", "drive": 0, "action": "spare", "percent": 4, "over": "40s"},
          {"at": "5s", "drive": 0, "action": "percentage_used", "percent": 110, "over": "50s"},
          {"at": "30s", "drive": 0, "action": "media_errors", "count": 3},
          {"at": "60s", "drive": 0, "action": "critical_warning", "bits": ["RD"]},
          {"at": "90s", "drive": 0, "action": "read_only"}]}""", Duration.ofSeconds(120));
    assertThat(events).containsExactly(
        "nvme.endpoint.discovered INFO",
        "nvme.drive.health.change ERROR hw.state=predicted_failure hw.previous_state=ok",
        "nvme.drive.critical_warning ERROR nvme.critical_warning=[available_spare]",
        "nvme.controller.health.change WARN hw.state=predicted_failure hw.previous_state=ok nvme.controller.id=0",
        "nvme.drive.critical_warning ERROR nvme.critical_warning=[reliability]",
        "nvme.drive.health.change ERROR hw.state=failed hw.previous_state=predicted_failure",
        "nvme.drive.critical_warning ERROR nvme.critical_warning=[read_only]",
        "nvme.controller.health.change WARN hw.state=failed hw.previous_state=predicted_failure nvme.controller.id=0");
  }

  @Test
  void spareBelowThreshold() {
    List<String> events = run("""
        {"name": "spare", "events": [{"at": "5s", "drive": 0, "action": "spare", "percent": 5, "over": "20s"}]}""",
        Duration.ofSeconds(60));
    assertThat(events).containsExactly(
        "nvme.endpoint.discovered INFO",
        "nvme.drive.health.change ERROR hw.state=predicted_failure hw.previous_state=ok",
        "nvme.drive.critical_warning ERROR nvme.critical_warning=[available_spare]",
        "nvme.controller.health.change WARN hw.state=predicted_failure hw.previous_state=ok nvme.controller.id=0");
  }

  @Test
  void criticalWarningsRaisedAndCleared() {
    List<String> events = run("""
        {"name": "cw", "events": [
          {"at": "10s", "drive": 0, "action": "critical_warning", "bits": ["RD"]},
          {"at": "30s", "drive": 0, "action": "critical_warning", "bits": ["VMBF"]},
          {"at": "60s", "drive": 0, "action": "critical_warning", "bits": ["RD", "VMBF"], "asserted": false}]}""",
        Duration.ofSeconds(90));
    assertThat(events).containsExactly(
        "nvme.endpoint.discovered INFO",
        "nvme.drive.health.change ERROR hw.state=predicted_failure hw.previous_state=ok",
        "nvme.drive.critical_warning ERROR nvme.critical_warning=[reliability]",
        "nvme.controller.health.change WARN hw.state=predicted_failure hw.previous_state=ok nvme.controller.id=0",
        "nvme.drive.health.change ERROR hw.state=failed hw.previous_state=predicted_failure",
        "nvme.drive.critical_warning ERROR nvme.critical_warning=[volatile_memory_backup]",
        "nvme.controller.health.change WARN hw.state=failed hw.previous_state=predicted_failure nvme.controller.id=0",
        "nvme.drive.health.change WARN hw.state=ok hw.previous_state=failed",
        "nvme.controller.health.change WARN hw.state=ok hw.previous_state=failed nvme.controller.id=0");
  }

  @Test
  void controllerFatalAndBack() {
    List<String> events = run("""
        {"name": "fatal", "events": [
          {"at": "10s", "drive": 0, "action": "controller_fatal"},
          {"at": "40s", "drive": 0, "action": "controller_fatal", "fatal": false}]}""", Duration.ofSeconds(70));
    assertThat(events).containsExactly(
        "nvme.endpoint.discovered INFO",
        "nvme.drive.health.change ERROR hw.state=failed hw.previous_state=ok",
        "nvme.controller.health.change WARN hw.state=failed hw.previous_state=ok nvme.controller.id=0",
        "nvme.controller.health.change WARN hw.state=ok hw.previous_state=failed nvme.controller.id=0",
        "nvme.drive.health.change WARN hw.state=ok hw.previous_state=failed");
  }

  @Test
  void hostPoweredOffAndOnIsAReadinessConditionNotADegradedDrive() {
    List<String> events = run("""
        {"name": "host", "events": [
          {"at": "10s", "drive": 0, "action": "host_power", "on": false},
          {"at": "40s", "drive": 0, "action": "host_power", "on": true}]}""", Duration.ofSeconds(70));
    assertThat(events).containsExactly(
        "nvme.endpoint.discovered INFO");
  }

  @Test
  void unresponsiveThenBack() {
    List<String> events = run("""
        {"name": "dead", "events": [{"at": "10s", "drive": 0, "action": "unresponsive", "duration": "40s"}]}""",
        Duration.ofSeconds(90));
    assertThat(events).containsExactly(
        "nvme.endpoint.discovered INFO",
        "nvme.endpoint.lost WARN error.type=timeout",
        "nvme.endpoint.recovered INFO");
  }

  @Test
  void replacement() {
    List<String> events = run("""
        {"name": "r", "events": [
          {"at": "10s", "drive": 0, "action": "removed", "duration": "20s"},
          {"at": "29s", "drive": 0, "action": "replace", "serial": "S6REPLACE0000042"}]}""", Duration.ofSeconds(60));
    assertThat(events).containsExactly(
        "nvme.endpoint.discovered INFO",
        "nvme.endpoint.removed INFO",
        "nvme.drive.replaced INFO hw.previous_serial_number=BTAX366KOCMA43FQ");
  }

  @Test
  void firmwareChange() {
    List<String> events = run("""
        {"name": "fw", "events": [{"at": "10s", "drive": 0, "action": "firmware_activate", "revision": "NEWFW002"}]}""",
        Map.of("poll.identify_interval", "30s"), Duration.ofSeconds(60));
    assertThat(events).containsExactly(
        "nvme.endpoint.discovered INFO",
        "nvme.drive.firmware.changed INFO hw.previous_firmware_version=9CV10410");
  }

  @Test
  void mctpdRemoveAndReAdd() {
    List<String> events = run("""
        {"name": "gone", "events": [{"at": "10s", "drive": 0, "action": "removed", "duration": "20s"}]}""",
        Duration.ofSeconds(60));
    assertThat(events).containsExactly(
        "nvme.endpoint.discovered INFO",
        "nvme.endpoint.removed INFO",
        "nvme.endpoint.discovered INFO");
  }

  /** 70 % of the answers corrupt for 4 minutes: lost and recovered at most until it is flapping, then suppressed. */
  @Test
  void flappingLink() {
    List<String> events = run(1, """
        {"name": "flap", "events": [{"at": "10s", "drive": 0, "action": "corrupt_mic", "rate": 0.7, "duration": "4m"}]}""",
        Map.of(), Duration.ofMinutes(5), false);
    assertThat(events).containsExactly(
        "nvme.endpoint.discovered INFO",
        "nvme.endpoint.lost WARN error.type=mic_mismatch",
        "nvme.endpoint.recovered INFO",
        "nvme.endpoint.lost WARN error.type=mic_mismatch");
  }

  /** An independent endpoint's behaviour: the full Controller Health Status Poll answered with Internal Error. */
  @Test
  void controllerHealthPollAnsweredWithAnErrorStatusFallsBackToTheBasicForm() {
    List<String> events = run(1, """
        {"name": "chsp", "events": [
          {"at": "10s", "drive": 0, "action": "error_status", "command": "controller_health_poll",
           "nmd0_bits": "0x83000000", "status": "internal_error", "duration": "60s"},
          {"at": "30s", "drive": 0, "action": "controller_fatal"},
          {"at": "50s", "drive": 0, "action": "controller_fatal", "fatal": false}]}""",
        Map.of(), Duration.ofSeconds(90), false);
    assertThat(events).containsExactly(
        "nvme.endpoint.discovered INFO",
        "nvme.drive.health.change ERROR hw.state=failed hw.previous_state=ok",
        "nvme.controller.health.change WARN hw.state=failed hw.previous_state=ok nvme.controller.id=0",
        "nvme.drive.health.change WARN hw.state=ok hw.previous_state=failed",
        "nvme.controller.health.change WARN hw.state=ok hw.previous_state=failed nvme.controller.id=0");
  }

  @Test
  void aDriveAnsweringEverythingWithErrorsIsLostAndRecovers() {
    String window = "\"status\": \"internal_error\", \"at\": \"10s\", \"duration\": \"40s\", \"drive\": 0";
    List<String> events = run(1, """
        {"name": "errors", "events": [
          {"action": "error_status", "command": "subsystem_health_poll", %1$s},
          {"action": "error_status", "command": "controller_health_poll", %1$s},
          {"action": "error_status", "command": "get_log_page", %1$s},
          {"action": "error_status", "command": "identify", %1$s},
          {"action": "error_status", "command": "read_data_structure", %1$s}]}""".formatted(window),
        Map.of(), Duration.ofSeconds(90), false);
    assertThat(events).containsExactly(
        "nvme.endpoint.discovered INFO",
        "nvme.endpoint.lost WARN error.type=mi_status",
        "nvme.endpoint.recovered INFO");
  }

  @Test
  void aFailingSmartReadDropsNoOtherValue() {
    List<String> events = run(1, """
        {"name": "smart", "events": [
          {"at": "10s", "drive": 0, "action": "error_status", "command": "get_log_page.smart",
           "status": "internal_error", "duration": "60s"},
          {"at": "20s", "drive": 0, "action": "temperature", "celsius": 72, "over": "5s"}]}""",
        Map.of(), Duration.ofSeconds(90), false);
    assertThat(events).containsExactly(
        "nvme.endpoint.discovered INFO",
        "nvme.drive.health.change WARN hw.state=degraded hw.previous_state=ok",
        "nvme.drive.critical_warning ERROR nvme.critical_warning=[temperature]",
        "nvme.drive.temperature.threshold WARN hw.limit_type=high.degraded nvme.threshold.state=above",
        "nvme.controller.health.change WARN hw.state=degraded hw.previous_state=ok nvme.controller.id=0");
  }

  @Test
  void commandDurationIsPerBusAndCommandAndPerDriveOnlyWhenAskedFor() {
    for (String perDrive : List.of("false", "true")) {
      try (PipelineHarness h = new PipelineHarness(2, null, Map.of("telemetry.command_duration_per_drive", perDrive))) {
        h.advance(Duration.ofSeconds(20));
        var points = PipelineHarness.points(h.collect(), "nvme_mi.command.duration", "nvme.mi.command",
            "subsystem_health_poll");
        assertThat(points).as("per drive " + perDrive).hasSize(perDrive.equals("true") ? 2 : 1);
        assertThat(points.get(0).getAttributes().asMap().keySet().stream().anyMatch(
            k -> k.getKey().equals("hw.serial_number"))).isEqualTo(perDrive.equals("true"));
      }
    }
  }
}
