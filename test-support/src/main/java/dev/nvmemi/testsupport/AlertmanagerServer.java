package dev.nvmemi.testsupport;

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
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus Alertmanager ({@code /usr/bin/prometheus-alertmanager} from the Debian package
 * {@code prometheus-alertmanager}, installed by {@code scripts/test.d/60-alertmanager.sh}) on a free
 * loopback port, with a generated configuration that routes every alert to a webhook (with
 * {@code send_resolved}), grouped by alert name and drive, its own storage directory and clustering
 * off; its log is {@code alertmanager.log} beside the configuration. It can be stopped and started
 * again on the same port and storage, as an operator restarting it would. The alerts come back as
 * Alertmanager's JSON text, for each module to read with the JSON library it has.
 *
 * <p>Used from the test thread only.
 */
public final class AlertmanagerServer implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final Path binary;
  private final Path dir;
  private final int port;
  private Process process;

  /**
   * Writes the configuration under {@code dir}; {@link #start()} runs the process.
   *
   * @throws IllegalStateException when the binary is not installed (naming the package)
   */
  public AlertmanagerServer(Path dir, String webhookUrl) throws IOException {
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
  public static Path binary() {
    Path p = Path.of(System.getProperty("alertmanager.binary", "/usr/bin/prometheus-alertmanager"));
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException(p + " not found (expected: the Debian package prometheus-alertmanager; "
          + "scripts/test installs it, or apt-get install prometheus-alertmanager)");
    }
    return p;
  }

  /** {@code http://127.0.0.1:<port>}, the value for {@code otel.exporter.alertmanager.url}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * Starts the process and waits until {@code /-/ready} answers 200; a process that exits first
   * fails the wait with its log.
   */
  public void start() throws IOException {
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
  public void stop() throws InterruptedException {
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

  /**
   * {@code GET /api/v2/alerts}: the JSON array of the alerts Alertmanager holds as active (resolved
   * ones are not listed).
   *
   * @throws IOException when Alertmanager does not answer 200
   */
  public String alertsJson() throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v2/alerts"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET /api/v2/alerts: HTTP " + response.statusCode() + " " + response.body()
          + " (expected: 200)");
    }
    return response.body();
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

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
