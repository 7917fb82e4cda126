package dev.nvmemi.transport.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StaticDiscoverySourceTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void configuredEndpointsAppearAvailableOnTheContextWithTheirBus() throws Exception {
    Context context = vertx.getOrCreateContext();
    StaticDiscoverySource source = new StaticDiscoverySource(context, StaticEndpoint.parseList("1:10,1:9@mctpi2c3"));
    EventRecorder events = new EventRecorder(source.events(), context);

    source.start().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(events.next(2, WAIT)).containsExactly(
        new EndpointEvent.Appeared(new DiscoveredEndpoint(new EndpointKey(1, 10), null, null, Connectivity.AVAILABLE, "static")),
        new EndpointEvent.Appeared(new DiscoveredEndpoint(new EndpointKey(1, 9), "mctpi2c3", null, Connectivity.AVAILABLE, "static")));
    assertThat(source.endpoints().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
        .extracting(DiscoveredEndpoint::eid).containsExactly(9, 10);
    source.shutdown().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    events.close();
  }
}
