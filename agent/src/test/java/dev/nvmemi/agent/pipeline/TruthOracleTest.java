package dev.nvmemi.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The truth-oracle suite (issue #13): for every scenario of {@code truth/scenarios.json} (overheat
 * and cool-down inside the hysteresis band, wear-out, spare below threshold, critical warnings,
 * controller fatal, host powered off and on, unresponsive then back, replacement, firmware change,
 * mctpd Remove and re-add, flapping link, error-status answers), at every check (every second of
 * virtual time) the exported telemetry and {@code /status} equal the simulated drive's ground truth
 * within one poll interval ({@link TruthOracle}), and the events are exactly the expected sequence.
 *
 * <p>Polling: health every 5 s, SMART every 10 s, timeouts 1 s, backoff capped at 5 s and
 * {@code lost_after} 3, so "within one poll interval" is: values 8 s, SMART values 14 s, a change
 * of reachability 15 s (detection needs a timeout; recovery waits at most one backoff).
 */
class TruthOracleTest {
  private static final Map<String, String> SETTINGS = Map.of(
      "poll.smart_interval", "10s", "poll.health_timeout", "1s", "poll.identify_timeout", "1s",
      "poll.log_timeout", "2s", "poll.backoff_initial", "1s", "poll.backoff_max", "5s", "poll.lost_after", "3",
      // the oracle is the NVMe-MI drive model; the OCP logs' own truth (throttling, capacitors) is
      // OcpPipelineTest's, and their extra reads would shift this suite's exact event order
      "ocp.enabled", "false");

  static Stream<Arguments> scenarios() throws IOException {
    try (InputStream in = TruthOracleTest.class.getResourceAsStream("/truth/scenarios.json")) {
      JsonObject all = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return all.getJsonArray("cases").stream().map(c -> Arguments.of(((JsonObject) c).getString("name"), c));
    }
  }

  /** One scenario: the oracle holds at every check, and the events are exactly the case's. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void exportedTelemetryFollowsTheDrive(String name, JsonObject c) {
    Map<String, String> settings = new HashMap<>(SETTINGS);
    c.getJsonObject("settings").forEach(e -> settings.put(e.getKey(), String.valueOf(e.getValue())));
    Duration length = VmTimeline.duration(c.getString("length"));
    try (PipelineHarness h = new PipelineHarness(1, c.getJsonObject("scenario").encode(), settings)) {
      TruthOracle oracle = new TruthOracle(h, Duration.ofSeconds(8), Duration.ofSeconds(14), Duration.ofSeconds(15),
          c.getBoolean("cleanLink"));
      oracle.run(length, Duration.ofSeconds(1));
      assertThat(oracle.checks()).isEqualTo((int) (length.toSeconds()));
      assertThat(h.events(TruthRules.EVENT_KEYS)).as(name)
          .containsExactlyElementsOf(c.getJsonArray("events").stream().map(String::valueOf).toList());
    }
  }

  /**
   * The real-kernel VM step's truth chain ({@link VmTruthCheck}) under virtual time: the same drive
   * (seed 7, drive 0), settings, steps, windows and expected events ({@code truth/vm-timeline.json}),
   * the steps starting once the drive is identified.
   */
  @Test
  void theVmTimelineUnderVirtualTime() {
    VmTimeline t = VmTimeline.load();
    Duration lead = Duration.ofSeconds(10);
    try (PipelineHarness h = new PipelineHarness(1, t.asScenario(lead), t.settings())) {
      long epoch0 = h.timers.epochNanos() - h.timers.nanoTime();
      TruthOracle oracle = new TruthOracle(h, t.value(), t.smart(), t.reach(), true);
      oracle.run(lead.plus(t.length()), Duration.ofSeconds(1));
      List<Long> starts = new java.util.ArrayList<>();
      Duration at = lead;
      for (VmTimeline.Step s : t.steps()) {
        starts.add(epoch0 + at.toNanos());
        at = at.plus(s.hold());
      }
      List<VmTimeline.TimedEvent> events = h.eventRecords().stream().map(r -> new VmTimeline.TimedEvent(
          r.getTimestampEpochNanos(), h.events(TruthRules.EVENT_KEYS).get(h.eventRecords().indexOf(r)))).toList();
      assertThat(t.eventMismatches(events, starts)).isEmpty();
    }
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
