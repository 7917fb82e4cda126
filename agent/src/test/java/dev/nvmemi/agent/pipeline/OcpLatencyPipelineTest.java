package dev.nvmemi.agent.pipeline;

import static dev.nvmemi.agent.pipeline.PipelineHarness.points;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.agent.telemetry.TelemetryContract;
import dev.nvmemi.mi.admin.OcpLatencyMonitorLog;
import dev.nvmemi.mi.admin.OcpLatencyMonitorLog.LatencyBucket;
import dev.nvmemi.mi.client.MiTransport;
import dev.nvmemi.simulator.model.OcpProfile;
import dev.nvmemi.simulator.timing.BusTiming;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The OCP C3h latency monitor through the real pipeline against simulated drives
 * ({@code ocp-logs.md} §4): the exported {@code nvme.ocp.latency.*} series equal the page the drive
 * served last, step by step while its buckets grow, jump under throttling and restart after a
 * firmware activation; a disabled monitor is read once per identify (to learn whether it is still disabled) and never exported;
 * a drive that rejects C3h keeps its C0h series; the series count stays within the budget.
 */
class OcpLatencyPipelineTest {
  private static final List<String> OPERATIONS = List.of("read", "write", "deallocate");

  /** Get Log Page requests and their responses, as sent and received (one drive per harness). */
  private final List<byte[][]> exchanges = Collections.synchronizedList(new ArrayList<>());

  private final UnaryOperator<MiTransport> recorder = Transports.around((drive, request, options, interim) -> {
    byte[] sent = request.clone();
    return drive.exchange(request, options, interim).thenApply(r -> {
      exchanges.add(new byte[][] {sent, r.clone()});
      return r;
    });
  });

  /** Whether {@code r} is an admin Get Log Page for {@code lid} (SQE DW10 at bytes 44..47). */
  private static boolean getLogPage(byte[] r, int lid) {
    return ((r[1] >> 3) & 0x0F) == 2 && r[4] == 0x02 && (r[44] & 0xFF) == lid;
  }

  private long requests(int lid) {
    synchronized (exchanges) {
      return exchanges.stream().filter(x -> getLogPage(x[0], lid)).count();
    }
  }

  /** The last C3h page the drive served (admin response data at 20, then the 4-byte MIC), or null. */
  private OcpLatencyMonitorLog lastServedPage() {
    synchronized (exchanges) {
      for (int i = exchanges.size() - 1; i >= 0; i--) {
        byte[][] x = exchanges.get(i);
        if (getLogPage(x[0], 0xC3) && x[1].length == 20 + OcpLatencyMonitorLog.LENGTH + 4) {
          return OcpLatencyMonitorLog.decode(Arrays.copyOfRange(x[1], 20, 20 + OcpLatencyMonitorLog.LENGTH));
        }
      }
    }
    return null;
  }

  private static List<PointData> drive(Collection<MetricData> all, String name, String serial, String... kv) {
    String[] withSerial = new String[kv.length + 2];
    withSerial[0] = "hw.serial_number";
    withSerial[1] = serial;
    System.arraycopy(kv, 0, withSerial, 2, kv.length);
    return points(all, name, withSerial);
  }

  private static long longValue(Collection<MetricData> all, String name, String serial, String... kv) {
    List<PointData> p = drive(all, name, serial, kv);
    assertThat(p).as(name + " " + List.of(kv)).hasSize(1);
    return ((LongPointData) p.get(0)).getValue();
  }

  /** Series of the given metric-name prefix for one drive. */
  private static long series(Collection<MetricData> all, String prefix, String serial) {
    return all.stream().filter(m -> m.getName().startsWith(prefix))
        .flatMap(m -> m.getData().getPoints().stream())
        .filter(p -> serial.equals(p.getAttributes().asMap().entrySet().stream()
            .filter(e -> e.getKey().getKey().equals("hw.serial_number")).map(e -> String.valueOf(e.getValue()))
            .findFirst().orElse(null)))
        .count();
  }

  private static long count(LatencyBucket b, int op) {
    return op == 0 ? b.readCount() : op == 1 ? b.writeCount() : b.deallocateCount();
  }

  private static int latency(LatencyBucket b, int op) {
    return op == 0 ? b.readLatency() : op == 1 ? b.writeLatency() : b.deallocateLatency();
  }

  private PipelineHarness harness(String scenario, Map<String, ?> settings, OcpProfile profile) {
    return new PipelineHarness(1, scenario, settings, BusTiming.NONE, recorder, b -> b.ocp(profile));
  }

  @Test
  void latencySeriesEqualTheLastPageTheDriveServedAtEveryStep() {
    // buckets grow with host I/O, jump while the drive throttles, restart at a firmware activation
    String story = """
        {"name": "latency-story", "events": [
          {"at": "20m", "drive": 0, "action": "temperature", "celsius": 90, "over": "12s"},
          {"at": "50m", "drive": 0, "action": "temperature", "celsius": 40, "over": "30s"},
          {"at": "100m", "drive": 0, "action": "firmware_activate", "revision": "OCPFW2", "ocp": true}]}""";
    try (PipelineHarness h = harness(story, Map.of("ocp.detailed_metrics", "true", "poll.identify_interval", "5m"),
        OcpProfile.typical().withLogPageVersion(6))) {
      List<Long> writeOutliers = new ArrayList<>();
      int steps = 0;
      int withPoints = 0;
      for (Duration t = Duration.ZERO; t.compareTo(Duration.ofHours(3)) < 0; t = t.plusMinutes(5)) {
        h.advance(Duration.ofMinutes(5));
        steps++;
        Collection<MetricData> m = h.collect();
        DriveSnapshot s = h.session(0).snapshot();
        String serial = s.identity().serialNumber();
        if (drive(m, "nvme.ocp.latency.outliers", serial).isEmpty()) {
          // after the firmware activation, until C3h is read again
          assertThat(s.ocp() == null || s.ocp().latencyMonitor() == null).as("no series at %s", t).isTrue();
          assertThat(series(m, "nvme.ocp.latency.", serial)).isZero();
          continue;
        }
        withPoints++;
        OcpLatencyMonitorLog served = lastServedPage();
        assertThat(served).isNotNull();
        List<LatencyBucket> buckets = served.active().buckets();
        String fw = s.identity().firmware();
        for (int op = 0; op < 3; op++) {
          String name = OPERATIONS.get(op);
          long sum = 0;
          for (LatencyBucket b : buckets) {
            sum += count(b, op);
          }
          assertThat(longValue(m, "nvme.ocp.latency.outliers", serial, "nvme.ocp.latency.operation", name,
              "nvme.ocp.latency.threshold", "30", "hw.firmware_version", fw)).as("%s outliers at %s", name, t)
              .isEqualTo(sum);
          if (op == 1) {
            writeOutliers.add(sum);
          }
          int[] edgesMs = {30, 100, 155, 235};
          for (int b = 0; b < 4; b++) {
            assertThat(longValue(m, "nvme.ocp.latency.ios", serial, "nvme.ocp.latency.operation", name,
                "nvme.ocp.latency.bucket", String.valueOf(b), "nvme.ocp.latency.threshold", String.valueOf(edgesMs[b])))
                .as("%s bucket %d at %s", name, b, t).isEqualTo(count(buckets.get(b), op));
          }
          Double largest = null;
          for (int b = 3; b >= 0; b--) {
            if (count(buckets.get(b), op) > 0) {
              largest = latency(buckets.get(b), op) / 1000.0;
              break;
            }
          }
          List<PointData> max = drive(m, "nvme.ocp.latency.max", serial, "nvme.ocp.latency.operation", name);
          if (largest == null) {
            assertThat(max).as("%s: nothing measured yet at %s", name, t).isEmpty();
          } else {
            assertThat(max).hasSize(1);
            assertThat(((DoublePointData) max.get(0)).getValue()).as("%s max at %s", name, t).isEqualTo(largest);
          }
        }
        assertThat(series(m, "nvme.ocp.", serial)).as("LPV 6 with the opt-in series at %s", t)
            .isLessThanOrEqualTo(TelemetryContract.OCP_SERIES_MAX + TelemetryContract.OCP_DETAILED_SERIES_MAX);
      }
      assertThat(withPoints).as("C3h read and exported nearly every step").isGreaterThanOrEqualTo(steps - 3);
      assertThat(writeOutliers.stream().distinct().count()).as("the monitor's counts evolve").isGreaterThan(5);
      int drops = 0;
      for (int i = 1; i < writeOutliers.size(); i++) {
        if (writeOutliers.get(i) < writeOutliers.get(i - 1)) {
          drops++;
        }
      }
      assertThat(drops).as("the firmware activation restarted the window once").isEqualTo(1);
    }
  }

  @Test
  void theDefaultOcpSeriesFitTheBudgetWithTheLatencyMonitorAndTheOptInAddsItsCount() {
    Map<String, String> story = Map.of();
    try (PipelineHarness on = harness(null, story, OcpProfile.typical().withLogPageVersion(6))) {
      on.advance(Duration.ofMinutes(40));
      String serial = on.session(0).snapshot().identity().serialNumber();
      Collection<MetricData> m = on.collect();
      assertThat(series(m, "nvme.ocp.", serial)).isEqualTo(TelemetryContract.OCP_SERIES_MAX).isEqualTo(25);
      assertThat(series(m, "nvme.ocp.latency.", serial)).as("outliers per operation").isEqualTo(3);
    }
    exchanges.clear();
    try (PipelineHarness detailed = harness(null, Map.of("ocp.detailed_metrics", "true"),
        OcpProfile.typical().withLogPageVersion(6))) {
      detailed.advance(Duration.ofHours(3)); // every operation has a measured latency by then
      String serial = detailed.session(0).snapshot().identity().serialNumber();
      Collection<MetricData> m = detailed.collect();
      assertThat(drive(m, "nvme.ocp.latency.max", serial)).hasSize(3);
      assertThat(series(m, "nvme.ocp.", serial))
          .isEqualTo(TelemetryContract.OCP_SERIES_MAX + TelemetryContract.OCP_DETAILED_SERIES_MAX).isEqualTo(42);
    }
  }

  @Test
  void aDisabledLatencyMonitorIsLookedAtOncePerIdentifyAndNeverExported() {
    try (PipelineHarness h = harness(null, Map.of("ocp.detailed_metrics", "true", "poll.identify_interval", "30m"),
        OcpProfile.typical().withLogPageVersion(6).withLatencyMonitor(false))) {
      h.advance(Duration.ofHours(2));
      DriveSnapshot s = h.session(0).snapshot();
      String serial = s.identity().serialNumber();
      long identifies = identifyControllerRequests();
      assertThat(identifies).as("identify every 30 min over 2 h").isGreaterThanOrEqualTo(4);
      assertThat(requests(0xC0)).as("C0h every ocp.interval").isGreaterThanOrEqualTo(10);
      // once after each identify (the host may have enabled it since), the last identify's look
      // possibly still ahead; never configured, never more often
      assertThat(requests(0xC3)).as("C3h reads, with " + identifies + " identifies")
          .isBetween(identifies - 1, identifies);
      assertThat(s.unsupported()).doesNotContain("get_log_page.ocp_latency_monitor");
      Collection<MetricData> m = h.collect();
      assertThat(series(m, "nvme.ocp.latency.", serial)).isZero();
      assertThat(series(m, "nvme.ocp.", serial)).as("C0h with the opt-in C0h series: 22 + 2").isEqualTo(24);
    }
  }

  /** Admin Identify (opcode 06h) with CNS 01h, controller data, as sent. */
  private long identifyControllerRequests() {
    synchronized (exchanges) {
      return exchanges.stream().map(x -> x[0])
          .filter(r -> ((r[1] >> 3) & 0x0F) == 2 && r[4] == 0x06 && (r[44] & 0xFF) == 0x01).count();
    }
  }

  @Test
  void aDriveAnsweringC3hWithInvalidLogPageKeepsItsOtherOcpSeries() {
    try (PipelineHarness h = harness(null, Map.of(), OcpProfile.typical().withLogPageVersion(6)
        .withLatencyMonitorServed(false))) {
      h.advance(Duration.ofHours(1));
      DriveSnapshot s = h.session(0).snapshot();
      String serial = s.identity().serialNumber();
      assertThat(s.unsupported()).contains("get_log_page.ocp_latency_monitor")
          .doesNotContain("get_log_page.ocp_smart_extended");
      assertThat(requests(0xC3)).as("cached as unsupported: asked once").isEqualTo(1);
      assertThat(requests(0xC0)).isGreaterThanOrEqualTo(5);
      assertThat(s.ocp().smartExtended()).isNotNull();
      Collection<MetricData> m = h.collect();
      assertThat(series(m, "nvme.ocp.latency.", serial)).isZero();
      assertThat(series(m, "nvme.ocp.", serial)).isEqualTo(22);
      assertThat(longValue(m, "nvme.ocp.media.written", serial))
          .isEqualTo(s.ocp().smartExtended().physicalMediaUnitsWritten().longValueExact());
      assertThat(longValue(m, "hw.status", serial, "hw.state", "ok")).isEqualTo(1);
      assertThat(s.state().attribute()).isEqualTo("active");
    }
  }

  @Test
  void aLatencyPageWhoseReadsKeepFailingAgesOutOfTheMetrics() {
    String failing = """
        {"name": "c3-failing", "events": [
          {"at": "25m", "drive": 0, "action": "error_status", "command": "get_log_page.ocp_latency_monitor",
           "status": "internal_error", "duration": "2h"}]}""";
    try (PipelineHarness h = harness(failing, Map.of(), OcpProfile.typical().withLogPageVersion(6))) {
      h.advance(Duration.ofMinutes(22));
      String serial = h.session(0).snapshot().identity().serialNumber();
      assertThat(series(h.collect(), "nvme.ocp.latency.", serial)).isEqualTo(3);

      // C3h fails from 25 min on: its last page is older than 2 x ocp.interval + the log timeout by 50 min
      h.advance(Duration.ofMinutes(30));
      Collection<MetricData> m = h.collect();
      DriveSnapshot s = h.session(0).snapshot();
      assertThat(s.ocp().latencyMonitor()).as("still in the session's snapshot").isNotNull();
      assertThat(series(m, "nvme.ocp.latency.", serial)).isZero();
      assertThat(series(m, "nvme.ocp.", serial)).as("C0h still read and reported").isEqualTo(22);
    }
  }
}
