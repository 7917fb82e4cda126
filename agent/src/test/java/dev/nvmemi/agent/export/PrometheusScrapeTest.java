package dev.nvmemi.agent.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.AgentVerticle;
import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.discovery.SimulatedEndpointSource;
import dev.nvmemi.simulator.FleetGenerator;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.testsupport.Await;
import dev.nvmemi.testsupport.Required;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian package {@code prometheus}, installed by scripts/test.d/70-prometheus.sh)
 * scrapes the agent's {@code prometheus} exporter; the test asks Prometheus's HTTP API for
 * {@code hw_temperature_celsius} and finds every simulated drive by its {@code hw_serial_number}.
 */
class PrometheusScrapeTest {
  /** Bounds the wait for Prometheus to start and scrape (every second); no assertion is about time. */
  private static final Duration SCRAPES = Duration.ofSeconds(90);

  @TempDir
  Path dir;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A Prometheus server scraping the exporter on {@code exporterPort} every second; its log in {@link #dir}. */
  private Process startPrometheus(int exporterPort, int prometheusPort) throws IOException {
    Path yml = Files.writeString(dir.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: nvme-mi-agent
            static_configs:
              - targets: ['127.0.0.1:%d']
        """.formatted(exporterPort));
    return new ProcessBuilder("prometheus", "--config.file=" + yml,
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
  }

  private static void stop(Process prometheus, Vertx vertx, OpenTelemetrySdk sdk, SimulatedFleet fleet)
      throws Exception {
    prometheus.destroy();
    prometheus.waitFor(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    sdk.shutdown().join(5, TimeUnit.SECONDS);
    fleet.close();
  }

  /** The agent's configuration with its Prometheus exporter on {@code exporterPort}, no logs exporter, plus {@code more}. */
  private static AgentConfig config(int exporterPort, Map<String, String> more) {
    Map<String, String> all = new HashMap<>(Map.of(
        "discovery.mode", "simulate",
        "otel.metrics.exporter", "prometheus",
        "otel.logs.exporter", "none",
        "otel.exporter.prometheus.host", "127.0.0.1",
        "otel.exporter.prometheus.port", String.valueOf(exporterPort)));
    all.putAll(more);
    return ConfigLoader.build(all);
  }

  @Test
  void prometheusScrapesTheTemperatureOfEverySimulatedDriveWithItsSerialNumber() throws Exception {
    Required.command("prometheus", "prometheus");
    int exporterPort = freePort();
    int prometheusPort = freePort();
    AgentConfig config = config(exporterPort, Map.of("http.enabled", "false"));
    OpenTelemetrySdk sdk = OtelSetup.create(config).sdk();
    SimulatedFleet fleet = SimulatedFleet.builder().drives(3).seed(11).build();
    Vertx vertx = Vertx.vertx();
    Process prometheus = startPrometheus(exporterPort, prometheusPort);
    try {
      vertx.deployVerticle(new AgentVerticle(config, sdk, new SimulatedEndpointSource(fleet, config.poll())))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      Set<String> expected = new TreeSet<>();
      FleetGenerator generator = new FleetGenerator(11);
      for (int i = 0; i < fleet.allEndpoints().size(); i++) {
        expected.add(generator.identity(i).serial());
      }
      HttpClient http = HttpClient.newHttpClient();
      Set<String> found = Await.value("Prometheus holding the temperature of every drive", SCRAPES, () -> {
        JsonArray result = query(http, prometheusPort, "hw_temperature_celsius{hw_sensor_location=\"\"}");
        Set<String> serials = new TreeSet<>();
        for (int i = 0; i < result.size(); i++) {
          JsonObject metric = result.getJsonObject(i).getJsonObject("metric");
          assertThat(metric.getString("job")).isEqualTo("nvme-mi-agent");
          assertThat(metric.getString("hw_type")).isEqualTo("physical_disk");
          double celsius = Double.parseDouble(result.getJsonObject(i).getJsonArray("value").getString(1));
          assertThat(celsius).isBetween(0.0, 90.0);
          serials.add(metric.getString("hw_serial_number"));
        }
        return serials;
      }, expected::equals, () -> "log: " + dir.resolve("prometheus.log"));
      assertThat(found).as("serial numbers in Prometheus (log: %s)", dir.resolve("prometheus.log")).isEqualTo(expected);
    } finally {
      stop(prometheus, vertx, sdk, fleet);
    }
  }

  private static JsonArray query(HttpClient http, int port, String promql) throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
        + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("Prometheus answered " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body()).getJsonObject("data").getJsonArray("result");
  }

  /** The value of the one series of {@code promql} for {@code serial}, or null when it has none. */
  private static Double value(JsonArray result, String serial) {
    for (int i = 0; i < result.size(); i++) {
      JsonObject o = result.getJsonObject(i);
      if (serial.equals(o.getJsonObject("metric").getString("hw_serial_number"))) {
        return Double.parseDouble(o.getJsonArray("value").getString(1));
      }
    }
    return null;
  }

  /**
   * The truth check through a real scrape (issue #13): one drive healthy, one that stops answering.
   * What Prometheus holds for each agrees with the simulated drive and with {@code /status}: the
   * silent one is unreachable, not ok and has no temperature; the healthy one is reachable, ok and
   * shows the drive's temperature. A healthy single-controller drive has at most 40 series.
   */
  @Test
  void whatPrometheusHoldsAgreesWithTheDrivesAndWithStatus() throws Exception {
    Required.command("prometheus", "prometheus");
    int exporterPort = freePort();
    int prometheusPort = freePort();
    AgentConfig config = config(exporterPort, Map.of(
        "http.address", "127.0.0.1:0",
        "poll.subsystem_health_interval", "1s",
        "poll.controller_health_interval", "1s",
        "poll.health_timeout", "300ms",
        "poll.identify_timeout", "300ms",
        "poll.backoff_max", "1s",
        "poll.lost_after", "2"));
    OpenTelemetrySdk sdk = OtelSetup.create(config).sdk();
    SimulatedFleet fleet = SimulatedFleet.builder().drives(2).seed(11)
        .scenario(dev.nvmemi.simulator.scenario.ScenarioReader.parse("""
            {"name": "silent", "events": [{"at": "15s", "drive": 1, "action": "unresponsive", "duration": "1h"}]}"""))
        .build();
    Vertx vertx = Vertx.vertx();
    Process prometheus = startPrometheus(exporterPort, prometheusPort);
    try {
      AgentVerticle agent = new AgentVerticle(config, sdk, new SimulatedEndpointSource(fleet, config.poll()));
      vertx.deployVerticle(agent).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      FleetGenerator generator = new FleetGenerator(11);
      String healthy = generator.identity(0).serial();
      String silent = generator.identity(1).serial();
      HttpClient http = HttpClient.newHttpClient();
      AtomicReference<String> last = new AtomicReference<>("nothing yet");
      Await.until("Prometheus, /status and the drives to agree", SCRAPES, () -> {
        JsonArray reachable = query(http, prometheusPort, "{__name__=~\"nvme_mi_endpoint_reachable(_ratio)?\"}");
        JsonArray ok = query(http, prometheusPort, "hw_status{hw_state=\"ok\"}");
        JsonArray temp = query(http, prometheusPort, "hw_temperature_celsius{hw_sensor_location=\"\"}");
        double truthCelsius = fleet.allEndpoints().get(0).inspect(d -> (double) d.ctempByte());
        HttpResponse<String> st = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + agent.httpPort() + "/status")).build(), HttpResponse.BodyHandlers.ofString());
        JsonArray endpoints = new JsonObject(st.body()).getJsonArray("endpoints");
        JsonObject statusHealthy = endpoints.getJsonObject(0);
        JsonObject statusSilent = endpoints.getJsonObject(1);
        last.set("reachable " + reachable + ", ok " + ok + ", temperature " + temp + ", truth " + truthCelsius
            + ", /status " + endpoints.encode());
        return Double.valueOf(1).equals(value(reachable, healthy)) && Double.valueOf(0).equals(value(reachable, silent))
            && Double.valueOf(1).equals(value(ok, healthy)) && Double.valueOf(0).equals(value(ok, silent))
            && value(temp, silent) == null && value(temp, healthy) != null
            && Math.abs(value(temp, healthy) - truthCelsius) <= 1
            && statusHealthy.getBoolean("reachable") && !statusSilent.getBoolean("reachable")
            && "ok".equals(statusHealthy.getJsonObject("health").getString("hwState"))
            && statusSilent.getJsonObject("health").getString("hwState") == null
            && statusSilent.getJsonObject("health").getValue("temperatureCelsius") == null;
      }, () -> "log: " + dir.resolve("prometheus.log") + "; last: " + last.get());
      // series of the healthy single-controller drive in the exposition Prometheus scrapes
      HttpResponse<String> exposition = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + exporterPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      long series = exposition.body().lines().filter(l -> !l.startsWith("#"))
          .filter(l -> l.contains("hw_serial_number=\"" + healthy + "\"")).count();
      assertThat(series).as("series of one healthy single-controller drive").isBetween(20L, 40L);
    } finally {
      stop(prometheus, vertx, sdk, fleet);
    }
  }
}
