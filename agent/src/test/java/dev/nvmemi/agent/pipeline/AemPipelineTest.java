package dev.nvmemi.agent.pipeline;

import static dev.nvmemi.agent.pipeline.PipelineHarness.points;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.poll.AemStatus;
import dev.nvmemi.agent.poll.EndpointSession;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous Event Messages through the whole pipeline on a virtual clock (issue #15): the event
 * comes from the AEM at the clock reading of the fault, the next polls add no second event, lost
 * acknowledgements make the drive fall back to polling alone, visibly.
 */
class AemPipelineTest {
  /** The harness's timer clock starts here (epoch nanos of virtual time 0). */
  private static final long EPOCH0 = 1_700_000_000_000_000_000L;
  private static final Map<String, String> AEM = Map.of("events.aem", "true", "events.aem_retry_delay", "500ms",
      "poll.jitter", "0", "poll.subsystem_health_interval", "5s", "poll.controller_health_interval", "5s");

  private static long sum(Collection<MetricData> all, String name, String... kv) {
    List<PointData> p = points(all, name, kv);
    return p.isEmpty() ? 0 : ((LongPointData) p.get(0)).getValue();
  }

  private static long count(PipelineHarness h, String eventName) {
    return h.eventRecords().stream().filter(r -> eventName.equals(r.getEventName())).count();
  }

  private static long observedAt(PipelineHarness h, String eventName) {
    LogRecordData r = h.eventRecords().stream().filter(x -> eventName.equals(x.getEventName())).findFirst().orElseThrow();
    return r.getTimestampEpochNanos() - EPOCH0;
  }

  @Test
  void aemsAreEnabledAfterIdentifyForTheEventsOfTheTelemetryContract() {
    try (PipelineHarness h = new PipelineHarness(1, null, AEM)) {
      h.advance(Duration.ofSeconds(2));
      AemStatus aem = h.session(0).snapshot().aem();
      assertThat(aem.mode()).isEqualTo(AemStatus.Mode.ENABLED);
      assertThat(aem.enabled()).containsExactlyInAnyOrder(0x00, 0x01, 0x02, 0x03, 0x06, 0x07, 0x08, 0x09);
    }
  }

  @Test
  void aemsStayOffByDefault() {
    try (PipelineHarness h = new PipelineHarness(1, null, Map.of())) {
      h.advance(Duration.ofSeconds(2));
      assertThat(h.session(0).snapshot().aem().mode()).isEqualTo(AemStatus.Mode.OFF);
    }
  }

  @Test
  void theEventComesFromTheAemAtTheFaultAndTheNextPollsAddNoDuplicate() {
    String scenario = """
        {"name": "fatal", "events": [{"at": "20321ms", "drive": 0, "action": "controller_fatal"}]}""";
    try (PipelineHarness h = new PipelineHarness(1, scenario, AEM)) {
      h.advance(Duration.ofMillis(20_321));
      h.advance(Duration.ofMillis(1)); // the AEM, its refresh poll and the event, all within 1 ms
      assertThat(count(h, "nvme.drive.health.change")).isEqualTo(1);
      long at = observedAt(h, "nvme.drive.health.change");
      assertThat(at).isBetween(Duration.ofMillis(20_321).toNanos(), Duration.ofMillis(20_322).toNanos());
      EndpointSession s = h.session(0);
      assertThat(s.snapshot().hwState()).isEqualTo("failed");
      assertThat(s.snapshot().aem().received()).isEqualTo(1);

      h.advance(Duration.ofSeconds(30)); // six more subsystem health polls see the same state
      assertThat(count(h, "nvme.drive.health.change")).isEqualTo(1);
      Collection<MetricData> m = h.collect();
      assertThat(sum(m, "nvme_mi.aem.received", "duplicate", "false")).isEqualTo(1);
      assertThat(sum(m, "nvme_mi.aem.fallbacks")).isZero();
      assertThat(s.snapshot().aem().mode()).isEqualTo(AemStatus.Mode.ENABLED);
    }
  }

  @Test
  void aTemperatureCrossingIsReportedWhenItHappensNotAtTheNextPoll() {
    String scenario = """
        {"name": "hot", "events": [{"at": "12400ms", "drive": 0, "action": "temperature", "celsius": 90}]}""";
    try (PipelineHarness h = new PipelineHarness(1, scenario, AEM)) {
      h.advance(Duration.ofMillis(12_401));
      assertThat(count(h, "nvme.drive.temperature.threshold")).isEqualTo(2); // warning and critical
      assertThat(observedAt(h, "nvme.drive.temperature.threshold")).isLessThan(Duration.ofMillis(12_401).toNanos());
      h.advance(Duration.ofSeconds(20));
      assertThat(count(h, "nvme.drive.temperature.threshold")).isEqualTo(2);
    }
  }

  @Test
  void lostAcknowledgementsFallBackToPollingAloneVisibly() {
    String scenario = """
        {"name": "lost acks", "events": [
          {"at": "1s", "drive": 0, "action": "aem_ack_lost"},
          {"at": "10s", "drive": 0, "action": "controller_fatal"},
          {"at": "40s", "drive": 0, "action": "temperature", "celsius": 90}]}""";
    Map<String, String> settings = new java.util.HashMap<>(AEM);
    settings.put("events.aem_retry_delay", "2s"); // three 3 s ack timeouts end before the drive's ATF (7 x 2 s)
    try (PipelineHarness h = new PipelineHarness(1, scenario, settings)) {
      h.advance(Duration.ofSeconds(30));
      EndpointSession s = h.session(0);
      AemStatus aem = s.snapshot().aem();
      assertThat(aem.mode()).isEqualTo(AemStatus.Mode.FALLBACK);
      assertThat(aem.reason()).contains("acknowledgements");
      assertThat(s.state().attribute()).isEqualTo("active"); // unanswered acks are no endpoint failure
      assertThat(count(h, "nvme.drive.health.change")).isEqualTo(1); // from the AEM, once
      Collection<MetricData> m = h.collect();
      assertThat(sum(m, "nvme_mi.aem.fallbacks")).isEqualTo(1);

      h.advance(Duration.ofSeconds(20)); // the temperature crossing at 40 s: found by a poll now
      assertThat(count(h, "nvme.drive.temperature.threshold")).isEqualTo(2);
      assertThat(observedAt(h, "nvme.drive.temperature.threshold")).isGreaterThan(Duration.ofSeconds(40).toNanos());
    }
  }

  @Test
  void aDriveReportingAemTransmissionFailureFallsBack() {
    // the ack is lost for good: the drive retries AERD (500 ms) seven times, then sets NSS ATF
    String scenario = """
        {"name": "atf", "events": [
          {"at": "1s", "drive": 0, "action": "aem_ack_lost"},
          {"at": "10s", "drive": 0, "action": "controller_fatal"}]}""";
    Map<String, String> settings = new java.util.HashMap<>(AEM);
    settings.put("events.aem_ack_failures", "1000"); // only ATF can make it fall back
    try (PipelineHarness h = new PipelineHarness(1, scenario, settings)) {
      h.advance(Duration.ofSeconds(30));
      AemStatus aem = h.session(0).snapshot().aem();
      assertThat(aem.mode()).isEqualTo(AemStatus.Mode.FALLBACK);
      assertThat(aem.reason()).contains("ATF");
    }
  }

  @Test
  void anAemFromAnUnknownSourceIsCountedAndDropped() {
    try (PipelineHarness h = new PipelineHarness(1, null, AEM)) {
      h.advance(Duration.ofSeconds(2));
      h.fleet.unsolicited(1, 0x77, new byte[] {(byte) 0x84, 0x28, 0, 0});
      h.fleet.unsolicited(1, h.session(0).key().eid(), new byte[] {(byte) 0x84, 0x28, 0, 0, 1, 2, 3, 4});
      Collection<MetricData> m = h.collect();
      assertThat(sum(m, "nvme_mi.aem.dropped", "reason", "unknown_source")).isEqualTo(1);
      assertThat(sum(m, "nvme_mi.aem.dropped", "reason", "malformed")).isEqualTo(1);
    }
  }

  /** What the simulated drive itself says is enabled (Configuration Get CID 04h, AESE bits). */
  private static java.util.Set<Integer> enabledOnTheDrive(PipelineHarness h) {
    int eid = h.sim.allEndpoints().get(0).info().eid();
    var got = new dev.nvmemi.mi.client.MiEndpoint(h.sim.endpoint(1, eid)).configGetAsyncEvent()
        .toCompletableFuture().join().orElseThrow();
    java.util.Set<Integer> on = new java.util.TreeSet<>();
    got.aesl().enabledById().forEach((id, enabled) -> {
      if (enabled) {
        on.add(id);
      }
    });
    return on;
  }

  @Test
  void gracefulShutdownDisablesTheEventsOnTheDrive() {
    try (PipelineHarness h = new PipelineHarness(1, null, AEM)) {
      h.advance(Duration.ofSeconds(2));
      assertThat(enabledOnTheDrive(h)).isNotEmpty();
      var done = h.fleet.disableAsyncEvents().toCompletableFuture();
      h.advance(Duration.ofMillis(100));
      assertThat(done).isDone();
      assertThat(enabledOnTheDrive(h)).isEmpty();
      assertThat(h.session(0).snapshot().aem().mode()).isEqualTo(AemStatus.Mode.OFF);
    }
  }

  @Test
  void aDriveThatResetWhileUnansweredGetsItsEventsEnabledAgain() {
    // the drive is replaced by a fresh one (its AEM settings gone) while it does not answer for 3 s
    String scenario = """
        {"name": "reset", "events": [
          {"at": "3s", "drive": 0, "action": "unresponsive", "duration": "3s"},
          {"at": "4s", "drive": 0, "action": "replace", "serial": "SAME-SLOT-NEW"}]}""";
    try (PipelineHarness h = new PipelineHarness(1, scenario, AEM)) {
      h.advance(Duration.ofSeconds(2));
      assertThat(enabledOnTheDrive(h)).isNotEmpty();
      h.advance(Duration.ofSeconds(5));
      assertThat(enabledOnTheDrive(h)).as("the replacement forgot them").isEmpty();
      // the unanswered SMART read held the bus 15 s (the lane then idles as long); the health probe
      // that follows an unanswered read answers, and the events are enabled again
      h.advance(Duration.ofSeconds(45));
      assertThat(h.session(0).state().attribute()).as("%s", h.session(0).snapshot()).isEqualTo("active");
      assertThat(enabledOnTheDrive(h)).containsExactlyInAnyOrder(0x00, 0x01, 0x02, 0x03, 0x06, 0x07, 0x08, 0x09);
      assertThat(h.session(0).snapshot().aem().mode()).isEqualTo(AemStatus.Mode.ENABLED);
    }
  }
}
