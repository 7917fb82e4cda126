package dev.nvmemi.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.discovery.SimulatedEndpointSource;
import dev.nvmemi.simulator.SimulatedFleet;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The agent core deployed as a plain verticle into a Vert.x instance with an SDK built by the test. */
@ExtendWith(VertxExtension.class)
class AgentVerticleTest {

  private static Future<String> get(HttpClient client, int port, String path, int[] status) {
    return client.request(HttpMethod.GET, port, "127.0.0.1", path)
        .compose(req -> req.send())
        .compose(resp -> {
          status[0] = resp.statusCode();
          return resp.body().map(Object::toString);
        });
  }

  /** Polls /readyz every 200 ms until it answers 200 (the test context's timeout bounds the wait). */
  private static void awaitReady(Vertx vertx, HttpClient client, int port, Runnable then) {
    int[] status = new int[1];
    get(client, port, "/readyz", status).onComplete(ar -> {
      if (ar.succeeded() && status[0] == 200) {
        then.run();
      } else {
        vertx.setTimer(200, t -> awaitReady(vertx, client, port, then));
      }
    });
  }

  @Test
  void deployedIntoAPlainVertxItServesHealthReadinessAndStatusAndExportsMetrics(Vertx vertx, VertxTestContext ctx)
      throws Exception {
    AgentConfig config = ConfigLoader.build(Map.of("http.address", "127.0.0.1:0", "discovery.mode", "simulate"));
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build();
    SimulatedFleet fleet = SimulatedFleet.builder().drives(3).seed(3).build();
    AgentVerticle agent = new AgentVerticle(config, sdk, new SimulatedEndpointSource(fleet, config.poll()));
    HttpClient client = vertx.createHttpClient();
    vertx.deployVerticle(agent).onComplete(ctx.succeeding(id -> {
      int port = agent.httpPort();
      int[] status = new int[1];
      get(client, port, "/healthz", status).onComplete(ctx.succeeding(body -> ctx.verify(() -> {
        assertThat(status[0]).isEqualTo(200);
        assertThat(body).isEqualTo("ok\n");
      })));
      awaitReady(vertx, client, port, () -> get(client, port, "/status", new int[1])
          .onComplete(ctx.succeeding(body -> ctx.verify(() -> {
            JsonObject s = new JsonObject(body);
            assertThat(s.getBoolean("ready")).isTrue();
            assertThat(s.getJsonObject("discovery").getString("source")).isEqualTo("simulate");
            assertThat(s.getJsonArray("endpoints")).hasSize(3);
            assertThat(s.getJsonArray("buses").getJsonObject(0).getString("bus")).isEqualTo("mctpi2c0");
            assertThat(reader.collectAllMetrics()).anyMatch(m -> m.getName().equals("hw.temperature"));
            vertx.undeploy(id).onComplete(ctx.succeeding(v -> {
              fleet.close();
              sdk.close();
              ctx.completeNow();
            }));
          }))));
    }));
    assertThat(ctx.awaitCompletion(90, TimeUnit.SECONDS)).isTrue();
    if (ctx.failed()) {
      throw new AssertionError(ctx.causeOfFailure());
    }
  }
}
