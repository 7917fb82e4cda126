package dev.nvmemi.agent.pipeline;

import static dev.nvmemi.agent.pipeline.PipelineHarness.points;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nvmemi.agent.drive.OcpSnapshot;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.agent.telemetry.TelemetryContract;
import dev.nvmemi.simulator.model.OcpProfile;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The OCP datacenter logs through the real pipeline against simulated drives ({@code ocp-logs.md}):
 * support detection and its cache, the write amplification against the simulated model, throttling
 * and capacitor failure as states and events, re-probing after a firmware change.
 */
class OcpPipelineTest {
  private static final String[] KEYS = {"hw.state", "hw.previous_state"};

  private static long longValue(Collection<MetricData> all, String name, String serial, String... kv) {
    List<PointData> p = drive(all, name, serial, kv);
    assertThat(p).as(name + " " + List.of(kv)).hasSize(1);
    return ((LongPointData) p.get(0)).getValue();
  }

  private static double doubleValue(Collection<MetricData> all, String name, String serial, String... kv) {
    List<PointData> p = drive(all, name, serial, kv);
    assertThat(p).as(name + " " + List.of(kv)).hasSize(1);
    return ((DoublePointData) p.get(0)).getValue();
  }

  private static List<PointData> drive(Collection<MetricData> all, String name, String serial, String... kv) {
    String[] withSerial = new String[kv.length + 2];
    withSerial[0] = "hw.serial_number";
    withSerial[1] = serial;
    System.arraycopy(kv, 0, withSerial, 2, kv.length);
    return points(all, name, withSerial);
  }

  /** Series of the nvme.ocp.* metrics for one drive. */
  private static long ocpSeries(Collection<MetricData> all, String serial) {
    return all.stream().filter(m -> m.getName().startsWith("nvme.ocp."))
        .flatMap(m -> m.getData().getPoints().stream())
        .filter(p -> serial.equals(p.getAttributes().asMap().entrySet().stream()
            .filter(e -> e.getKey().getKey().equals("hw.serial_number")).map(e -> String.valueOf(e.getValue()))
            .findFirst().orElse(null)))
        .count();
  }

  @Test
  void anOcpDriveIsReadAtItsUuidIndexAndADriveWithoutTheLogsIsAskedOnce() {
    try (PipelineHarness h = new PipelineHarness(2, null, Map.of(),
        b -> b.ocp(OcpProfile.typical().withUuidIndex(2).withLogPageVersion(6)).ocp(OcpProfile.NONE))) {
      h.advance(Duration.ofMinutes(2));
      DriveSnapshot ocp = h.session(0).snapshot();
      DriveSnapshot plain = h.session(1).snapshot();
      assertThat(ocp.ocp().uuidIndex()).isEqualTo(2);
      assertThat(ocp.ocp().smartExtended().logPageVersion()).isEqualTo(6);
      assertThat(plain.ocp()).isNull();
      assertThat(plain.unsupported()).contains("get_log_page.ocp_smart_extended");
      BigInteger errorsAfterProbe = plain.smart().errorLogEntries();

      h.advance(Duration.ofMinutes(40));
      Collection<MetricData> m = h.collect();
      assertThat(h.session(1).snapshot().smart().errorLogEntries()).as("Invalid Log Page not asked again")
          .isEqualTo(errorsAfterProbe);
      assertThat(ocpSeries(m, plain.identity().serialNumber())).isZero();
      String serial = ocp.identity().serialNumber();
      long series = ocpSeries(m, serial);
      assertThat(series).as("LPV 6, latency monitor on: the whole default budget")
          .isEqualTo(TelemetryContract.OCP_SERIES_MAX).isEqualTo(25);
      OcpSnapshot now = h.session(0).snapshot().ocp();
      assertThat(longValue(m, "nvme.ocp.media.written", serial))
          .isEqualTo(now.smartExtended().physicalMediaUnitsWritten().longValueExact());
      assertThat(doubleValue(m, "nvme.ocp.capacitor.health", serial)).isEqualTo(1.20);
      assertThat(longValue(m, "nvme.ocp.thermal.throttling.level", serial)).isZero();
      assertThat(doubleValue(m, "nvme.ocp.nand.spare.remaining", serial, "nvme.ocp.nand.area", "user")).isEqualTo(1.0);
      assertThat(longValue(m, "hw.status", serial, "hw.state", "ok")).isEqualTo(1);
    }
  }

  @Test
  void writeAmplificationMatchesTheSimulatedModelOverTheWindowAndSinceTheFirstReading() {
    try (PipelineHarness h = new PipelineHarness(1, null, Map.of(),
        b -> b.ocp(OcpProfile.typical().withWriteAmplification(2.5)))) {
      h.advance(Duration.ofMinutes(2));
      OcpSnapshot first = h.session(0).snapshot().ocp();
      assertThat(first.writeAmplification().lifetime()).isCloseTo(2.5, within(1e-5));
      assertThat(first.writeAmplification().window()).as("one reading: no window yet").isNull();

      h.advance(Duration.ofMinutes(21));
      DriveSnapshot s = h.session(0).snapshot();
      OcpSnapshot later = s.ocp();
      // NAND bytes = host data units x 512 000 x 2.5 in the model: whole units, no later than the SMART log
      BigInteger[] units = later.smartExtended().physicalMediaUnitsWritten().divideAndRemainder(BigInteger.valueOf(1_280_000));
      assertThat(units[1]).isZero();
      assertThat(units[0]).isBetween(first.writeAmplification().firstDuw(), s.smart().dataUnitsWritten());
      // the SMART and C0h reads of one cycle are a few bus milliseconds apart: a unit or two of host
      // data in a window of ~10^5 units
      assertThat(later.writeAmplification().window()).isCloseTo(2.5, within(1e-4));
      assertThat(later.writeAmplification().sinceFirst()).isCloseTo(2.5, within(1e-4));
      Collection<MetricData> m = h.collect();
      String serial = s.identity().serialNumber();
      for (String window : List.of("since_first_reading", "poll")) {
        assertThat(doubleValue(m, "nvme.ocp.write_amplification", serial, "window", window)).as(window)
            .isCloseTo(2.5, within(1e-4));
      }
      assertThat(drive(m, "nvme.ocp.write_amplification", serial, "window", "lifetime"))
          .as("lifetime only with ocp.detailed_metrics").isEmpty();
    }
  }

  @Test
  void throttlingWhileHotMakesTheDriveDegradedUntilTheDriveStopsThrottling() {
    String overheat = """
        {"name": "overheat", "events": [
          {"at": "3s", "drive": 0, "action": "temperature", "celsius": 90, "over": "12s"},
          {"at": "5m", "drive": 0, "action": "temperature", "celsius": 40, "over": "30s"}]}""";
    try (PipelineHarness h = new PipelineHarness(1, overheat, Map.of(), b -> b.ocp(OcpProfile.typical()))) {
      h.advance(Duration.ofMinutes(2));
      DriveSnapshot hot = h.session(0).snapshot();
      assertThat(hot.ocp().smartExtended().thermalThrottlingStatus()).isEqualTo(3);
      assertThat(hot.ocp().assessment().reasons()).contains("thermal_throttling");
      assertThat(hot.hwState()).isEqualTo("degraded");
      String serial = hot.identity().serialNumber();
      Collection<MetricData> m = h.collect();
      assertThat(longValue(m, "nvme.ocp.thermal.throttling.level", serial)).isEqualTo(3);
      assertThat(longValue(m, "nvme.ocp.thermal.throttling.events", serial)).isEqualTo(1);

      // cooled at 5.5 min; the C0h read that follows the next SMART read sees no throttling
      h.advance(Duration.ofMinutes(5));
      DriveSnapshot cool = h.session(0).snapshot();
      assertThat(cool.ocp().smartExtended().thermalThrottlingStatus()).isZero();
      assertThat(cool.ocp().smartExtended().thermalThrottlingEventCount()).isEqualTo(1);
      assertThat(cool.hwState()).isEqualTo("ok");
      assertThat(h.events(KEYS)).containsSubsequence(
          "nvme.drive.health.change WARN hw.state=degraded hw.previous_state=ok",
          "nvme.drive.health.change WARN hw.state=ok hw.previous_state=degraded");
    }
  }

  @Test
  void aFailingCapacitorMakesTheDrivePredictedFailureWithOneEvent() {
    String capacitor = """
        {"name": "capacitor-failure", "events": [
          {"at": "5s", "drive": 0, "action": "capacitor", "percent": 30, "over": "60s"}]}""";
    try (PipelineHarness h = new PipelineHarness(1, capacitor, Map.of(), b -> b.ocp(OcpProfile.typical()))) {
      h.advance(Duration.ofMinutes(25)); // at least two C0h readings after the capacitors failed
      DriveSnapshot s = h.session(0).snapshot();
      assertThat(s.ocp().smartExtended().capacitorHealth()).isEqualTo(30);
      assertThat(s.ocp().assessment().reasons()).containsExactly("capacitor_health");
      assertThat(s.hwState()).isEqualTo("predicted_failure");
      Collection<MetricData> m = h.collect();
      String serial = s.identity().serialNumber();
      assertThat(doubleValue(m, "nvme.ocp.capacitor.health", serial)).isEqualTo(0.30);
      assertThat(longValue(m, "hw.status", serial, "hw.state", "predicted_failure")).isEqualTo(1);
      List<String> changes = h.events(KEYS).stream().filter(e -> e.startsWith("nvme.drive.health.change")).toList();
      assertThat(changes).as("edge-triggered: once, not at every reading")
          .containsExactly("nvme.drive.health.change ERROR hw.state=predicted_failure hw.previous_state=ok");
    }
  }

  @Test
  void aC0hPageWhoseReadsKeepFailingNoLongerDecidesTheStateOrTheMetrics() {
    String story = """
        {"name": "capacitor-then-c0-failing", "events": [
          {"at": "5s", "drive": 0, "action": "capacitor", "percent": 30, "over": "60s"},
          {"at": "25m", "drive": 0, "action": "error_status", "command": "get_log_page.ocp_smart_extended",
           "status": "internal_error", "duration": "2h"}]}""";
    try (PipelineHarness h = new PipelineHarness(1, story, Map.of(), b -> b.ocp(OcpProfile.typical()))) {
      h.advance(Duration.ofMinutes(22));
      String serial = h.session(0).snapshot().identity().serialNumber();
      Collection<MetricData> m = h.collect();
      assertThat(longValue(m, "hw.status", serial, "hw.state", "predicted_failure")).isEqualTo(1);
      assertThat(ocpSeries(m, serial)).isPositive();

      // the last C0h page (20 min) is older than 2 x ocp.interval + the log timeout at 55 min
      h.advance(Duration.ofMinutes(33));
      DriveSnapshot s = h.session(0).snapshot();
      assertThat(s.ocp().smartExtended().capacitorHealth()).as("still in the session's snapshot").isEqualTo(30);
      m = h.collect();
      assertThat(ocpSeries(m, serial)).isZero();
      assertThat(longValue(m, "hw.status", serial, "hw.state", "ok")).as("the SMART-based state, current").isEqualTo(1);
      assertThat(drive(m, "nvme.data.written", serial)).hasSize(1);
    }
  }

  @Test
  void aWrongGuidIsCachedAsUnsupportedAndTheOtherMetricsGoOn() {
    try (PipelineHarness h = new PipelineHarness(1, null, Map.of(),
        b -> b.ocp(OcpProfile.typical().withWrongGuid(true)))) {
      h.advance(Duration.ofMinutes(30));
      DriveSnapshot s = h.session(0).snapshot();
      assertThat(s.unsupported()).contains("get_log_page.ocp_smart_extended");
      assertThat(s.ocp().uuidIndex()).isEqualTo(1);
      assertThat(s.ocp().smartExtended()).as("no page of another layout is taken for C0h").isNull();
      assertThat(s.state().attribute()).isEqualTo("active");
      Collection<MetricData> m = h.collect();
      String serial = s.identity().serialNumber();
      assertThat(ocpSeries(m, serial)).isZero();
      assertThat(longValue(m, "hw.status", serial, "hw.state", "ok")).isEqualTo(1);
      assertThat(drive(m, "nvme.data.written", serial)).hasSize(1);
    }
  }

  @Test
  void newFirmwareIsProbedAgainForTheOcpLogs() {
    String update = """
        {"name": "ocp-firmware", "events": [
          {"at": "15m", "drive": 0, "action": "firmware_activate", "revision": "OCPFW2", "ocp": true}]}""";
    try (PipelineHarness h = new PipelineHarness(1, update, Map.of("poll.identify_interval", "5m"),
        b -> b.ocp(OcpProfile.typical().withServed(false)))) {
      h.advance(Duration.ofMinutes(5));
      assertThat(h.session(0).snapshot().unsupported()).contains("get_log_page.ocp_smart_extended");

      h.advance(Duration.ofMinutes(35)); // identify within 5 min of the activation, then C0h within ocp.interval
      DriveSnapshot s = h.session(0).snapshot();
      assertThat(s.identity().firmware()).isEqualTo("OCPFW2");
      assertThat(s.unsupported()).doesNotContain("get_log_page.ocp_smart_extended");
      assertThat(s.ocp().smartExtended().logPageVersion()).isEqualTo(4);
      Set<String> names = h.eventRecords().stream().map(r -> r.getEventName()).collect(Collectors.toSet());
      assertThat(names).contains("nvme.drive.firmware.changed");
    }
  }
}
