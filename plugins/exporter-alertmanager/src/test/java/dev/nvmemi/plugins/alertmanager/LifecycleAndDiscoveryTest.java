package dev.nvmemi.plugins.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class LifecycleAndDiscoveryTest {
  /** Nothing listens on port 1 of the loopback address: every post fails fast. */
  private static final String NOWHERE = "http://127.0.0.1:1";

  @Test
  void serviceLoaderFindsTheProviderByName() {
    assertThat(StreamSupport.stream(ServiceLoader.load(ConfigurableLogRecordExporterProvider.class).spliterator(), false)
        .map(ConfigurableLogRecordExporterProvider::getName).collect(Collectors.toList())).contains("alertmanager");
  }

  @Test
  void autoconfigureSelectsTheExporterByName() {
    AutoConfiguredOpenTelemetrySdk configured = AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> Map.of(
            "otel.logs.exporter", "alertmanager",
            "otel.metrics.exporter", "none",
            "otel.traces.exporter", "none",
            "otel.exporter.alertmanager.url", NOWHERE))
        .disableShutdownHook()
        .build();
    OpenTelemetrySdk sdk = configured.getOpenTelemetrySdk();

    assertThat(sdk.getSdkLoggerProvider().toString()).contains("AlertmanagerLogRecordExporter");
    sdk.close();
  }

  @Test
  void exportReturnsAtOnceWhileAlertmanagerIsUnreachable() {
    AlertmanagerLogRecordExporter exporter = AlertmanagerLogRecordExporter.create(AlertmanagerConfig.defaults(NOWHERE));

    boolean ok = exporter.export(List.of(AgentEvents.record("nvme.drive.health.change", Severity.WARN,
        AgentEvents.health(9, "degraded", "ok"), Instant.now()))).join(1, TimeUnit.SECONDS).isSuccess();

    assertThat(ok).as("queued, not delivered").isTrue();
    assertThat(exporter.flush().join(10, TimeUnit.SECONDS).isSuccess()).as("flush cannot deliver").isFalse();
    assertThat(exporter.stats().postsFailed()).isPositive();
    assertThat(exporter.stats().firingAlerts()).isEqualTo(1);
    exporter.shutdown().join(10, TimeUnit.SECONDS);
  }

  @Test
  void flushWithNothingToDeliverSucceeds() {
    AlertmanagerLogRecordExporter exporter = AlertmanagerLogRecordExporter.create(AlertmanagerConfig.defaults(NOWHERE));

    assertThat(exporter.flush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(exporter.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
  }

  @Test
  void shutdownTwiceIsHarmless() {
    AlertmanagerLogRecordExporter exporter = AlertmanagerLogRecordExporter.create(AlertmanagerConfig.defaults(NOWHERE));

    assertThat(exporter.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(exporter.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
  }

  @Test
  void exportAfterShutdownFailsWithoutThrowing() {
    AlertmanagerLogRecordExporter exporter = AlertmanagerLogRecordExporter.create(AlertmanagerConfig.defaults(NOWHERE));
    exporter.shutdown().join(10, TimeUnit.SECONDS);

    boolean ok = exporter.export(List.of(AgentEvents.record("nvme.drive.health.change", Severity.WARN,
        AgentEvents.health(9, "degraded", "ok"), Instant.now()))).join(1, TimeUnit.SECONDS).isSuccess();

    assertThat(ok).isFalse();
    assertThat(exporter.stats().firingAlerts()).isZero();
  }

  @Test
  void aFullInboxDropsAndCountsChangesInsteadOfBlocking() throws Exception {
    // An Alertmanager that holds every request until released keeps the sender thread busy.
    java.util.concurrent.CountDownLatch received = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    com.sun.net.httpserver.HttpServer stalling = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    stalling.createContext("/", exchange -> {
      received.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    stalling.start();
    AlertmanagerConfig d = AlertmanagerConfig.defaults("http://127.0.0.1:" + stalling.getAddress().getPort());
    AlertmanagerConfig tiny = new AlertmanagerConfig(d.alertsUris(), d.timeout(), Map.of(), null, null, null, null,
        null, null, d.resendInterval(), d.alertTtl(), 2, d.initialBackoff(), d.maxBackoff(), d.errorLogInterval());
    AlertmanagerLogRecordExporter exporter = AlertmanagerLogRecordExporter.create(tiny);
    try {
      exporter.export(List.of(event(1)));
      assertThat(received.await(10, TimeUnit.SECONDS)).as("first post in flight").isTrue();

      boolean ok = exporter.export(List.of(event(2), event(3), event(4), event(5))).join(1, TimeUnit.SECONDS)
          .isSuccess();

      assertThat(ok).isFalse();
      assertThat(exporter.stats().droppedChanges()).isEqualTo(2);
    } finally {
      release.countDown();
      exporter.shutdown().join(10, TimeUnit.SECONDS);
      stalling.stop(0);
    }
  }

  private static io.opentelemetry.sdk.logs.data.LogRecordData event(int eid) {
    return AgentEvents.record("nvme.drive.health.change", Severity.WARN, AgentEvents.health(eid, "degraded", "ok"),
        Instant.now());
  }
}
