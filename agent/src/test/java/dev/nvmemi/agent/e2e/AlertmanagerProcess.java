package dev.nvmemi.agent.e2e;

import dev.nvmemi.testsupport.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
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
 * A real Prometheus Alertmanager ({@code /usr/bin/prometheus-alertmanager} from the Debian package
 * {@code prometheus-alertmanager}, installed by {@code scripts/test.d/60-alertmanager.sh}) on a free
 * loopback port, with a generated configuration that routes every alert to a webhook (with
 * {@code send_resolved}), its own storage directory and clustering off. It can be stopped and
 * started again on the same port and storage, as an operator restarting it would.
 *
 * <p>The exporter module has a helper like this one in its tests; it is package-private there and
 * reads JSON with Jackson, which the agent's test class path does not have, so this one reads
 * Alertmanager's answers with Vert.x's JSON instead.
 *
 * <p>Used from the test thread only.
 */
final class AlertmanagerProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final Path binary;
  private final Path dir;
  private final int port;
  private Process process;

  /** Writes the configuration under {@code dir}; {@link #start()} runs the process. */
  AlertmanagerProcess(Path dir, String webhookUrl) throws IOException {
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

  /** The Debian package's binary; {@code -Dalertmanager.binary=PATH} points elsewhere. */
  static Path binary() {
    Path p = Path.of(System.getProperty("alertmanager.binary", "/usr/bin/prometheus-alertmanager"));
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException(p + " not found (expected: the Debian package prometheus-alertmanager; "
          + "scripts/test installs it, or apt-get install prometheus-alertmanager)");
    }
    return p;
  }

  /** {@code http://127.0.0.1:<port>}, the value for {@code otel.exporter.alertmanager.url}. */
  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts the process and waits until {@code /-/ready} answers 200. */
  void start() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("Alertmanager already running on " + baseUrl());
    }
    process = new ProcessBuilder(binary.toString(),
        "--config.file=" + dir.resolve("alertmanager.yml"),
        "--storage.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address=",
        "--log.level=warn")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("alertmanager.log").toFile()))
        .start();
    Await.until("Alertmanager ready on " + baseUrl(), READY_TIMEOUT, this::ready);
  }

  /** Stops the process (SIGTERM, then SIGKILL after 10 s) and waits until it has exited. */
  void stop() throws InterruptedException {
    Process p = process;
    process = null;
    if (p != null && p.isAlive()) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean ready() throws IOException, InterruptedException {
    if (process != null && !process.isAlive()) {
      throw new IllegalStateException("Alertmanager exited with " + process.exitValue() + " (expected: running); see "
          + dir.resolve("alertmanager.log") + ":\n" + Files.readString(dir.resolve("alertmanager.log")));
    }
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/-/ready")).timeout(Duration.ofSeconds(2))
          .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false; // not listening yet
    }
  }

  /** {@code GET /api/v2/alerts}: the alerts Alertmanager holds as active (resolved ones are not listed). */
  List<JsonObject> alerts() throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v2/alerts"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET /api/v2/alerts: HTTP " + response.statusCode() + " " + response.body()
          + " (expected: 200)");
    }
    List<JsonObject> alerts = new ArrayList<>();
    for (Object o : new JsonArray(response.body())) {
      alerts.add((JsonObject) o);
    }
    return alerts;
  }

  /** The active alerts whose labels include every entry of {@code labels}. */
  List<JsonObject> alerts(Map<String, String> labels) throws IOException, InterruptedException {
    List<JsonObject> matching = new ArrayList<>();
    for (JsonObject alert : alerts()) {
      JsonObject l = alert.getJsonObject("labels", new JsonObject());
      if (labels.entrySet().stream().allMatch(e -> e.getValue().equals(l.getString(e.getKey())))) {
        matching.add(alert);
      }
    }
    return matching;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
