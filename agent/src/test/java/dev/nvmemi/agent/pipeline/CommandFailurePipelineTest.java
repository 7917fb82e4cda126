package dev.nvmemi.agent.pipeline;

import static dev.nvmemi.agent.pipeline.PipelineHarness.points;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.http.SnapshotJson;
import dev.nvmemi.agent.poll.EndpointState;
import dev.nvmemi.agent.telemetry.AgentTelemetry;
import dev.nvmemi.mi.MiTimeoutException;
import dev.nvmemi.mi.client.MiTransport;
import dev.nvmemi.simulator.timing.BusTiming;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A failed command is that command's failure, not the drive's (issue #13): through the whole
 * pipeline with the simulator on a virtual clock, a drive whose SMART read keeps failing stays
 * reachable with its health and temperature current; a drive whose health polls time out is in
 * backoff, then lost, and shows no {@code ok} and no temperature at any step; a recovery from
 * backoff keeps the identify schedule.
 *
 * <p>Polling: health every 5 s, SMART every 10 s, timeouts 1 s, backoff 1 s to 5 s.
 */
class CommandFailurePipelineTest {
  private static final Map<String, String> SETTINGS = Map.of(
      "poll.smart_interval", "10s", "poll.health_timeout", "1s", "poll.identify_timeout", "1s",
      "poll.log_timeout", "2s", "poll.backoff_initial", "1s", "poll.backoff_max", "5s", "poll.lost_after", "3",
      "ocp.enabled", "false");
  /** A SMART value is current for 2 × 10 s + 2 s; checks start once the last good one aged out. */
  private static final Duration SMART_AGED_OUT = Duration.ofSeconds(23);

  private static Map<String, String> settings(String... kv) {
    Map<String, String> m = new HashMap<>(SETTINGS);
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Whether {@code r} is a Get Log Page (admin opcode 02h) of the SMART / Health log (LID 02h). */
  private static boolean smartRead(byte[] r) {
    return ((r[1] >> 3) & 0x0F) == 2 && (r[4] & 0xFF) == 0x02 && (r[44] & 0xFF) == 0x02;
  }

  /** Whether {@code r} is an Identify (admin opcode 06h) Controller (CNS 01h). */
  private static boolean identifyController(byte[] r) {
    return ((r[1] >> 3) & 0x0F) == 2 && (r[4] & 0xFF) == 0x06 && (r[44] & 0xFF) == 0x01;
  }

  /** A transport that times out every SMART read once {@code failing[0]} is set; the rest reach the drive. */
  private static UnaryOperator<MiTransport> smartTimesOut(boolean[] failing) {
    return Transports.around((drive, request, options, interim) -> failing[0] && smartRead(request)
        ? CompletableFuture.failedFuture(new MiTimeoutException(drive.describe(), "Get Log Page", options.timeout()))
        : drive.exchange(request, options, interim));
  }

  private static long reachable(Collection<MetricData> m, String serial) {
    return ((LongPointData) points(m, "nvme_mi.endpoint.reachable", "hw.serial_number", serial).get(0)).getValue();
  }

  private static long failures(Collection<MetricData> m, String command, String errorType) {
    return points(m, "nvme_mi.command.duration", "nvme.mi.command", command, "error.type", errorType).stream()
        .mapToLong(p -> ((HistogramPointData) p).getCount()).sum();
  }

  @Test
  void aSmartReadThatKeepsTimingOutKeepsTheDriveReachableWithItsHealthAndTemperature() {
    boolean[] failing = {false};
    try (PipelineHarness h = new PipelineHarness(1, null, settings(), BusTiming.NONE, smartTimesOut(failing))) {
      h.advance(Duration.ofSeconds(30));
      String serial = h.session(0).snapshot().identity().serialNumber();
      assertThat(points(h.collect(), "nvme.spare.available", "hw.serial_number", serial)).as("SMART read before").hasSize(1);
      failing[0] = true;
      Set<EndpointState> seen = EnumSet.noneOf(EndpointState.class);
      for (int s = 1; s <= 90; s++) {
        h.advance(Duration.ofSeconds(1));
        seen.add(h.session(0).state());
        if (s < SMART_AGED_OUT.toSeconds()) {
          continue;
        }
        Collection<MetricData> m = h.collect();
        assertThat(reachable(m, serial)).as("reachable at +%ds", s).isEqualTo(1);
        assertThat(TruthOracle.currentHwState(m, serial)).as("hw.state at +%ds", s).isEqualTo("ok");
        assertThat(TruthOracle.composite(m, serial)).as("temperature at +%ds", s).isPresent();
        for (String smartOnly : List.of("nvme.spare.available", "nvme.data.read", "nvme.power_on.time", "hw.errors")) {
          assertThat(points(m, smartOnly, "hw.serial_number", serial)).as("%s at +%ds", smartOnly, s).isEmpty();
        }
      }
      assertThat(seen).as("the drive never left active").containsExactly(EndpointState.ACTIVE);
      Collection<MetricData> m = h.collect();
      assertThat(failures(m, "get_log_page.smart", "timeout")).as("each failed read counted").isGreaterThanOrEqualTo(9);
      JsonObject status = SnapshotJson.endpoint(h.session(0).snapshot(), h.timers.nanoTime(), h.timers.epochNanos(),
          AgentTelemetry.freshness(h.config.poll()));
      assertThat(status.getBoolean("reachable")).isTrue();
      assertThat(status.getJsonArray("failures").stream().map(f -> ((JsonObject) f).getString("command")).toList())
          .containsExactly("get_log_page.smart");
      failing[0] = false;
      h.advance(Duration.ofSeconds(11));
      assertThat(points(h.collect(), "nvme.spare.available", "hw.serial_number", serial))
          .as("the read answers again within its interval").hasSize(1);
    }
  }

  @Test
  void aDriveWhoseHealthPollsTimeOutIsInBackoffThenLostAndNeverShowsOkOrATemperature() {
    String scenario = """
        {"name": "silent", "events": [{"at": "30s", "drive": 0, "action": "unresponsive", "duration": "40s"}]}""";
    try (PipelineHarness h = new PipelineHarness(1, scenario, settings())) {
      h.advance(Duration.ofSeconds(30));
      String serial = h.session(0).snapshot().identity().serialNumber();
      List<EndpointState> states = new ArrayList<>();
      for (int s = 31; s <= 100; s++) {
        h.advance(Duration.ofSeconds(1));
        EndpointState st = h.session(0).state();
        if (states.isEmpty() || states.get(states.size() - 1) != st) {
          states.add(st);
        }
        Collection<MetricData> m = h.collect();
        JsonObject status = SnapshotJson.endpoint(h.session(0).snapshot(), h.timers.nanoTime(), h.timers.epochNanos(),
            AgentTelemetry.freshness(h.config.poll()));
        if (st != EndpointState.ACTIVE) {
          assertThat(reachable(m, serial)).as("reachable in %s at %ds", st, s).isZero();
          assertThat(TruthOracle.currentHwState(m, serial)).as("hw.state in %s at %ds", st, s).isNull();
          assertThat(TruthOracle.composite(m, serial)).as("temperature in %s at %ds", st, s).isEmpty();
          assertThat(points(m, "nvme.spare.available", "hw.serial_number", serial)).as("spare in %s", st).isEmpty();
          assertThat(status.getBoolean("reachable")).isFalse();
          assertThat(status.getJsonObject("health").getString("hwState")).as("/status in %s at %ds", st, s).isNull();
          assertThat(status.getJsonObject("health").getValue("temperatureCelsius")).isNull();
        }
      }
      assertThat(states).as("state sequence").containsExactly(EndpointState.ACTIVE, EndpointState.BACKOFF,
          EndpointState.LOST, EndpointState.ACTIVE);
    }
  }

  @Test
  void aRecoveryFromBackoffKeepsTheIdentifySchedule() {
    // identify every 60 s (±10 %): the first at start, the next due at 54..66 s; a short outage
    // at 40 s (backoff, recovered within a few seconds, never lost) must not push it past 100 s
    String scenario = """
        {"name": "blip", "events": [{"at": "40s", "drive": 0, "action": "unresponsive", "duration": "6s"}]}""";
    List<Long> identifies = new ArrayList<>();
    PipelineHarness[] ref = new PipelineHarness[1];
    UnaryOperator<MiTransport> recorder = Transports.around((drive, request, options, interim) -> {
      if (identifyController(request)) {
        identifies.add(ref[0] == null ? -1L : ref[0].timers.nanoTime()); // -1: during start-up
      }
      return drive.exchange(request, options, interim);
    });
    try (PipelineHarness h = new PipelineHarness(1, scenario,
        settings("poll.identify_interval", "60s", "poll.lost_after", "10"), BusTiming.NONE, recorder)) {
      ref[0] = h;
      long start = h.timers.nanoTime();
      Set<EndpointState> seen = EnumSet.noneOf(EndpointState.class);
      for (int s = 1; s <= 80; s++) {
        h.advance(Duration.ofSeconds(1));
        seen.add(h.session(0).state());
      }
      assertThat(seen).as("the outage was a backoff, not a loss").contains(EndpointState.BACKOFF)
          .doesNotContain(EndpointState.LOST);
      assertThat(h.session(0).state()).isEqualTo(EndpointState.ACTIVE);
      assertThat(identifies.stream().map(t -> t < 0 ? 0L : Duration.ofNanos(t - start).toSeconds()).toList())
          .as("Identify Controller at start and on schedule (54..66 s)")
          .hasSize(2).last().satisfies(t -> assertThat(t).isBetween(54L, 67L));
    }
  }
}
