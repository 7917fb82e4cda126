package dev.nvmemi.agent.pipeline;

import static dev.nvmemi.agent.pipeline.PipelineHarness.points;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.discovery.AemReception;
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

  // The AEM receiver's bind (a network's socket for NVMe-MI requests) ---------------------------

  private static final String EACCES = "EACCES: CAP_NET_BIND_SERVICE missing (see README, Asynchronous Event Messages)";

  /** Every request the drives saw, as sent (type byte … MIC). */
  private final List<byte[]> sent = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  private final java.util.function.UnaryOperator<dev.nvmemi.mi.client.MiTransport> recorder = Transports.recording(sent);

  /** Configuration Set requests (NMIMT 1, MI opcode 03h) the drives saw: enabling, acknowledging, disabling AEMs. */
  private long configurationSets() {
    synchronized (sent) {
      return sent.stream().filter(r -> ((r[1] >> 3) & 0x0F) == 1 && (r[4] & 0xFF) == 0x03).count();
    }
  }

  /**
   * The simulated source, its AEM reception answered by {@code reception} (what MctpDiscoverySource
   * reports for a network whose receiver's bind is pending, failed or worked).
   */
  private static final class Reception implements dev.nvmemi.agent.discovery.EndpointSource {
    private final dev.nvmemi.agent.discovery.EndpointSource inner;
    private final java.util.function.Supplier<java.util.concurrent.CompletionStage<AemReception>> reception;
    final List<Long> asked = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    Reception(dev.nvmemi.agent.discovery.EndpointSource inner,
        java.util.function.Supplier<java.util.concurrent.CompletionStage<AemReception>> reception) {
      this.inner = inner;
      this.reception = reception;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> start(dev.nvmemi.agent.time.Timers context, Listener listener) {
      return inner.start(context, listener);
    }

    @Override
    public boolean connected() {
      return inner.connected();
    }

    @Override
    public java.util.Optional<dev.nvmemi.agent.discovery.ClientFactory> inProcessClients() {
      return inner.inProcessClients();
    }

    @Override
    public AutoCloseable unsolicited(dev.nvmemi.mi.client.UnsolicitedListener listener,
        java.util.function.BiPredicate<Long, Integer> known, dev.nvmemi.agent.discovery.UnsolicitedDrops stats) {
      return inner.unsolicited(listener, known, stats);
    }

    @Override
    public java.util.concurrent.CompletionStage<AemReception> aemReception(long network) {
      asked.add(network);
      return reception.get();
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  private PipelineHarness harness(Map<String, String> settings, Reception[] holder,
      java.util.function.Supplier<java.util.concurrent.CompletionStage<AemReception>> reception) {
    return new PipelineHarness(1, null, settings, dev.nvmemi.simulator.timing.BusTiming.NONE, recorder,
        java.util.function.UnaryOperator.identity(), src -> holder[0] = new Reception(src, reception));
  }

  private static io.vertx.core.json.JsonObject statusAem(PipelineHarness h) {
    return dev.nvmemi.agent.http.SnapshotJson.endpoint(h.session(0).snapshot(), h.timers.nanoTime(), h.timers.epochNanos(),
        dev.nvmemi.agent.poll.DriveSnapshot.Freshness.ALWAYS).getJsonObject("aem");
  }

  @Test
  void aFailedAemBindEnablesNothingOnTheDriveAndFallsBackVisiblyWhileThePollsContinue() {
    Reception[] src = new Reception[1];
    try (PipelineHarness h = harness(AEM, src,
        () -> java.util.concurrent.CompletableFuture.completedFuture(AemReception.failed(EACCES)))) {
      h.advance(Duration.ofSeconds(30));
      assertThat(src[0].asked).as("the network asked about").contains(1L);
      assertThat(configurationSets()).as("Configuration Set requests on the wire").isZero();
      assertThat(enabledOnTheDrive(h)).isEmpty();
      io.vertx.core.json.JsonObject aem = statusAem(h);
      assertThat(aem.getString("state")).isEqualTo("fallback");
      assertThat(aem.getString("reason")).isEqualTo("AEMs cannot be received: " + EACCES);
      assertThat(sum(h.collect(), "nvme_mi.aem.fallbacks")).isEqualTo(1);
      EndpointSession s = h.session(0);
      assertThat(s.state().attribute()).isEqualTo("active");
      long polledAt = s.snapshot().lastHealthNanos();
      h.advance(Duration.ofSeconds(10)); // two more 5 s health polls
      assertThat(s.snapshot().lastHealthNanos()).isGreaterThan(polledAt);
      assertThat(configurationSets()).isZero();
      assertThat(sum(h.collect(), "nvme_mi.aem.fallbacks")).as("one fallback, not one per identify").isEqualTo(1);
    }
  }

  @Test
  void aWorkingAemBindEnablesAemsAsBefore() {
    Reception[] src = new Reception[1];
    try (PipelineHarness h = harness(AEM, src,
        () -> java.util.concurrent.CompletableFuture.completedFuture(AemReception.RECEIVING))) {
      h.advance(Duration.ofSeconds(2));
      assertThat(configurationSets()).isEqualTo(1);
      assertThat(enabledOnTheDrive(h)).containsExactlyInAnyOrder(0x00, 0x01, 0x02, 0x03, 0x06, 0x07, 0x08, 0x09);
      assertThat(statusAem(h).getString("state")).isEqualTo("enabled");
    }
  }

  @Test
  void aemsWaitForABindInProgressAndAreEnabledWhenItWorks() {
    Reception[] src = new Reception[1];
    java.util.concurrent.CompletableFuture<AemReception> bind = new java.util.concurrent.CompletableFuture<>();
    try (PipelineHarness h = harness(AEM, src, () -> bind)) {
      h.advance(Duration.ofSeconds(2));
      assertThat(statusAem(h).getString("state")).isEqualTo("enabling");
      assertThat(statusAem(h).getString("reason")).isEqualTo("waiting for the AEM receiver");
      assertThat(configurationSets()).isZero();

      bind.complete(AemReception.RECEIVING);
      h.advance(Duration.ofSeconds(1));
      assertThat(statusAem(h).getString("state")).isEqualTo("enabled");
      assertThat(enabledOnTheDrive(h)).isNotEmpty();
    }
  }

  @Test
  void aemsWaitForABindInProgressAndStayOffTheDriveWhenItFails() {
    Reception[] src = new Reception[1];
    java.util.concurrent.CompletableFuture<AemReception> bind = new java.util.concurrent.CompletableFuture<>();
    try (PipelineHarness h = harness(AEM, src, () -> bind)) {
      h.advance(Duration.ofSeconds(2));
      bind.complete(AemReception.failed("EADDRINUSE: another process receives NVMe-MI requests on this MCTP network"));
      h.advance(Duration.ofSeconds(10));
      assertThat(statusAem(h).getString("state")).isEqualTo("fallback");
      assertThat(statusAem(h).getString("reason")).contains("EADDRINUSE");
      assertThat(configurationSets()).isZero();
      assertThat(enabledOnTheDrive(h)).isEmpty();
    }
  }

  @Test
  void aBindThatWorksLaterLetsTheNextIdentifyEnableAems() {
    Map<String, String> settings = new java.util.HashMap<>(AEM);
    settings.put("poll.identify_interval", "1m");
    Reception[] src = new Reception[1];
    java.util.concurrent.atomic.AtomicReference<AemReception> now =
        new java.util.concurrent.atomic.AtomicReference<>(AemReception.failed(
            "EADDRINUSE: another process receives NVMe-MI requests on this MCTP network"));
    try (PipelineHarness h = harness(settings, src, () -> java.util.concurrent.CompletableFuture.completedFuture(now.get()))) {
      h.advance(Duration.ofSeconds(10));
      assertThat(statusAem(h).getString("state")).isEqualTo("fallback");
      assertThat(configurationSets()).isZero();

      now.set(AemReception.RECEIVING); // the other process went away; the source's retry bound the socket
      h.advance(Duration.ofSeconds(61));
      assertThat(statusAem(h).getString("state")).isEqualTo("enabled");
      assertThat(enabledOnTheDrive(h)).isNotEmpty();
    }
  }
}
