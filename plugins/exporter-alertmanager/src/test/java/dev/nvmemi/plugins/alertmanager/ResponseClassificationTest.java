package dev.nvmemi.plugins.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.nvmemi.testsupport.Await;
import io.opentelemetry.api.logs.Severity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which answers are retried (Collector-style retryable vs permanent), against a scripted loopback server. */
class ResponseClassificationTest {
  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer server;
  private AlertmanagerLogRecordExporter exporter;

  @AfterEach
  void stop() {
    exporter.shutdown().join(10, TimeUnit.SECONDS);
    server.stop(0);
  }

  /** A server answering {@code statuses} in turn, then 200. */
  private void serve(int... statuses) throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v2/alerts", exchange -> {
      exchange.getRequestBody().readAllBytes();
      int n = requests.getAndIncrement();
      int status = n < statuses.length ? statuses[n] : 200;
      byte[] body = (status == 200 ? "" : "{\"message\":\"scripted " + status + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    AlertmanagerConfig d = AlertmanagerConfig.defaults("http://127.0.0.1:" + server.getAddress().getPort());
    exporter = AlertmanagerLogRecordExporter.create(new AlertmanagerConfig(d.alertsUris(), Duration.ofSeconds(5),
        Map.of(), null, null, null, null, null, null, d.resendInterval(), d.alertTtl(), 16, Duration.ofMillis(50),
        Duration.ofMillis(100), d.errorLogInterval()));
  }

  private void fire() {
    exporter.export(List.of(AgentEvents.record("nvme.drive.health.change", Severity.WARN,
        AgentEvents.health(9, "degraded", "ok"), Instant.now())));
  }

  @Test
  void serverErrorsAndTooManyRequestsAreRetriedUntilDelivered() throws Exception {
    serve(503, 429, 500);

    fire();

    Await.until("delivery after three refusals", Duration.ofSeconds(10),
        () -> exporter.stats().postsDelivered() == 1);
    assertThat(exporter.stats().postsFailed()).isEqualTo(3);
    assertThat(requests.get()).isEqualTo(4);
  }

  @Test
  void aRefusedPayloadIsNotRetried() throws Exception {
    serve(400);

    fire();

    Await.until("the rejection", Duration.ofSeconds(10), () -> exporter.stats().postsRejected() == 1);
    Thread.sleep(500); // ten backoff periods: a retry would have happened by now
    assertThat(requests.get()).isEqualTo(1);
    assertThat(exporter.stats().postsFailed()).isZero();
  }

  @Test
  void aHangingAlertmanagerDoesNotHoldUpTheOtherOfThePair() throws Exception {
    serve(); // the healthy one
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    HttpServer hanging = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    hanging.createContext("/", exchange -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    hanging.start();
    exporter.shutdown().join(10, TimeUnit.SECONDS);
    AlertmanagerConfig d = AlertmanagerConfig.defaults("http://127.0.0.1:" + hanging.getAddress().getPort()
        + ",http://127.0.0.1:" + server.getAddress().getPort());
    exporter = AlertmanagerLogRecordExporter.create(new AlertmanagerConfig(d.alertsUris(), Duration.ofSeconds(20),
        Map.of(), null, null, null, null, null, null, d.resendInterval(), d.alertTtl(), 16, Duration.ofMillis(50),
        Duration.ofMillis(100), d.errorLogInterval()));
    try {
      fire();

      // Posting one after the other would reach the healthy one only after the 20 s timeout.
      Await.until("delivery to the healthy Alertmanager", Duration.ofSeconds(8),
          () -> requests.get() == 1);
    } finally {
      release.countDown();
      hanging.stop(0);
    }
  }
}
