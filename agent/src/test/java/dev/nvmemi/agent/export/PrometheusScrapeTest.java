package dev.nvmemi.agent.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.AgentVerticle;
import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.discovery.SimulatedEndpointSource;
import dev.nvmemi.simulator.FleetGenerator;
import dev.nvmemi.simulator.SimulatedFleet;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian package {@code prometheus}, installed by scripts/test.d/70-prometheus.sh)
 * scrapes the agent's {@code prometheus} exporter; the test asks Prometheus's HTTP API for
 * {@code hw_temperature_celsius} and finds every simulated drive by its {@code hw_serial_number}.
 */
class PrometheusScrapeTest {
  @TempDir
  Path dir;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void prometheusScrapesTheTemperatureOfEverySimulatedDriveWithItsSerialNumber() throws Exception {
    Required.command("prometheus", "prometheus");
    int exporterPort = freePort();
    int prometheusPort = freePort();
    AgentConfig config = ConfigLoader.build(Map.of(
        "http.enabled", "false",
        "discovery.mode", "simulate",
        "otel.metrics.exporter", "prometheus",
        "otel.logs.exporter", "none",
        "otel.exporter.prometheus.host", "127.0.0.1",
        "otel.exporter.prometheus.port", String.valueOf(exporterPort)));
    OpenTelemetrySdk sdk = OtelSetup.create(config).sdk();
    SimulatedFleet fleet = SimulatedFleet.builder().drives(3).seed(11).build();
    Vertx vertx = Vertx.vertx();
    Path yml = Files.writeString(dir.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: nvme-mi-agent
            static_configs:
              - targets: ['127.0.0.1:%d']
        """.formatted(exporterPort));
    Process prometheus = new ProcessBuilder("prometheus", "--config.file=" + yml,
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    try {
      vertx.deployVerticle(new AgentVerticle(config, sdk, new SimulatedEndpointSource(fleet, config.poll())))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      Set<String> expected = new TreeSet<>();
      FleetGenerator generator = new FleetGenerator(11);
      for (int i = 0; i < fleet.allEndpoints().size(); i++) {
        expected.add(generator.identity(i).serial());
      }
      HttpClient http = HttpClient.newHttpClient();
      String query = URLEncoder.encode("hw_temperature_celsius{hw_sensor_location=\"\"}", StandardCharsets.UTF_8);
      URI uri = URI.create("http://127.0.0.1:" + prometheusPort + "/api/v1/query?query=" + query);
      Set<String> found = new TreeSet<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (!found.equals(expected) && System.nanoTime() < deadline) {
        Thread.sleep(500); // waiting for scrapes, bounded by the deadline; not a timed assertion
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() != 200) {
            continue;
          }
          JsonArray result = new JsonObject(r.body()).getJsonObject("data").getJsonArray("result");
          found.clear();
          for (int i = 0; i < result.size(); i++) {
            JsonObject metric = result.getJsonObject(i).getJsonObject("metric");
            assertThat(metric.getString("job")).isEqualTo("nvme-mi-agent");
            assertThat(metric.getString("hw_type")).isEqualTo("physical_disk");
            double celsius = Double.parseDouble(result.getJsonObject(i).getJsonArray("value").getString(1));
            assertThat(celsius).isBetween(0.0, 90.0);
            found.add(metric.getString("hw_serial_number"));
          }
        } catch (IOException e) {
          // Prometheus still starting
        }
      }
      assertThat(found).as("serial numbers in Prometheus (log: %s)", dir.resolve("prometheus.log")).isEqualTo(expected);
    } finally {
      prometheus.destroy();
      prometheus.waitFor(10, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      sdk.shutdown().join(5, TimeUnit.SECONDS);
      fleet.close();
    }
  }
}
