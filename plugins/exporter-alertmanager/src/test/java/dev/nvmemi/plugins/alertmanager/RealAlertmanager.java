package dev.nvmemi.plugins.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nvmemi.testsupport.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus Alertmanager (Debian package {@code prometheus-alertmanager}, installed by
 * {@code scripts/test.d/60-alertmanager.sh}) on a free loopback port, with a generated
 * configuration routing everything to a webhook and a temporary storage path; clustering off.
 * Can be stopped and started again on the same port and storage.
 */
final class RealAlertmanager implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  private final Path binary;
  private final Path dir;
  private final int port;
  private Process process;

  RealAlertmanager(Path dir, String webhookUrl) throws IOException {
    this.binary = binary();
    this.dir = dir;
    this.port = freePort();
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("alertmanager.yml"), String.join("\n",
        "route:",
        "  receiver: webhook",
        "  group_by: ['alertname', 'hw_id']",
        "  group_wait: 100ms",
        "  group_interval: 500ms",
        "  repeat_interval: 1h",
        "receivers:",
        "  - name: webhook",
        "    webhook_configs:",
        "      - url: '" + webhookUrl + "'",
        "        send_resolved: true",
        ""));
  }

  /** The Debian package's binary (override with -Dalertmanager.binary=...). */
  static Path binary() {
    Path p = Path.of(System.getProperty("alertmanager.binary", "/usr/bin/prometheus-alertmanager"));
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException(p + " not found (expected: the Debian package prometheus-alertmanager; "
          + "scripts/test installs it, or apt-get install prometheus-alertmanager)");
    }
    return p;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  void start() throws IOException, InterruptedException {
    process = new ProcessBuilder(binary.toString(),
        "--config.file=" + dir.resolve("alertmanager.yml"),
        "--storage.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address=",
        "--log.level=warn")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("alertmanager.log").toFile()))
        .start();
    Await.until("Alertmanager ready on " + baseUrl(), Duration.ofSeconds(20), this::ready);
  }

  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    process = null;
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean ready() {
    if (process != null && !process.isAlive()) {
      throw new IllegalStateException("Alertmanager exited with " + process.exitValue() + "; see "
          + dir.resolve("alertmanager.log"));
    }
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/-/ready")).timeout(Duration.ofSeconds(2))
          .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code GET /api/v2/alerts}: the alerts Alertmanager holds as active (resolved ones are not listed). */
  List<JsonNode> alerts() throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v2/alerts"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET /api/v2/alerts: HTTP " + response.statusCode() + " " + response.body());
    }
    List<JsonNode> alerts = new ArrayList<>();
    JSON.readTree(response.body()).forEach(alerts::add);
    return alerts;
  }

  /** The alerts whose labels include all of {@code labels}. */
  List<JsonNode> alerts(Map<String, String> labels) throws IOException, InterruptedException {
    List<JsonNode> matching = new ArrayList<>();
    for (JsonNode alert : alerts()) {
      if (labels.entrySet().stream().allMatch(e -> e.getValue().equals(alert.path("labels").path(e.getKey()).asText(null)))) {
        matching.add(alert);
      }
    }
    return matching;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
