package dev.nvmemi.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.AgentVerticle;
import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.EndpointState;
import dev.nvmemi.testsupport.Await;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The static list over real AF_MCTP transports, on a machine without an MCTP route to the EIDs (the
 * build machine): every endpoint gets a session on the configured bus, and the failed exchanges
 * become its state and error type instead of a crash.
 */
class StaticMctpSourceTest {
  @Test
  void staticEndpointsAreScheduledOnTheirBusAndUnreachableOnesBackOff() throws Exception {
    AgentConfig config = ConfigLoader.build(Map.of("http.enabled", "false", "discovery.mode", "static",
        "discovery.static", "1:9@mctpi2c3,1:10@mctpi2c3,2:9", "poll.health_timeout", "200ms", "poll.identify_timeout", "200ms", "poll.backoff_initial", "100ms"));
    Vertx vertx = Vertx.vertx();
    EndpointSource source = MctpDiscoverySource.forConfig(config);
    assertThat(source.name()).isEqualTo("static");
    AgentVerticle agent = new AgentVerticle(config, OpenTelemetry.noop(), source);
    try {
      vertx.deployVerticle(agent).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      // the snapshots as seen when the condition held: a 100 ms backoff retry may move a session to
      // identifying right after, so they are not read again
      List<DriveSnapshot> backingOff = Await.value("three sessions backing off after their first failed exchanges",
          Duration.ofSeconds(30),
          () -> agent.fleet().sessions().stream().map(EndpointSession::snapshot).toList(),
          snaps -> snaps.size() >= 3 && snaps.stream().allMatch(snap -> !snap.lastError().isEmpty()
              && (snap.state() == EndpointState.BACKOFF || snap.state() == EndpointState.LOST)));
      assertThat(agent.fleet().sessions()).extracting(s -> s.key().toString())
          .containsExactlyInAnyOrder("net 1 eid 9 (mctpi2c3)", "net 1 eid 10 (mctpi2c3)", "net 2 eid 9 (mctp-net2)");
      assertThat(agent.fleet().lanes().keySet()).containsExactlyInAnyOrder("mctpi2c3", "mctp-net2");
      for (DriveSnapshot snap : backingOff) {
        assertThat(snap.state()).isIn(EndpointState.BACKOFF, EndpointState.LOST);
        assertThat(snap.identity()).isNull();
        assertThat(snap.lastError()).isIn("transport", "unreachable", "timeout");
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
