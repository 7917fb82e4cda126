package dev.nvmemi.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.AgentVerticle;
import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.EndpointState;
import dev.nvmemi.testsupport.Await;
import dev.nvmemi.transport.discovery.EndpointKey;
import dev.nvmemi.transport.mctp.dbus.DbusDaemon;
import dev.nvmemi.transport.mctp.dbus.MctpdDiscoveryOptions;
import dev.nvmemi.transport.mctp.dbus.MctpdObjectModel;
import dev.nvmemi.transport.mctp.dbus.SimulatedMctpd;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent with mctpd discovery against a real {@code dbus-daemon} on a private socket and the
 * simulated mctpd of transport-mctp's tests (issue #13 item 5): an endpoint mctpd adds gets a
 * session; {@code Degraded} is the session's degraded-connectivity state with its event, and
 * {@code Available} ends it; a UUID change at the same address removes the old endpoint and starts
 * a new session there; Remove is the removed state with its event; losing D-Bus makes readiness
 * fail and the agent reconnects by itself; starting without D-Bus or without mctpd is "not ready,
 * retrying", never a failed start. The endpoints' exchanges fail (no MCTP route on the build
 * machine): only discovery is under test.
 *
 * <p>The waits poll a condition with a deadline (the bus and the agent run on their own threads);
 * no assertion is about time.
 */
class MctpdAgentDiscoveryTest {
  private static final String UUID_A = "11111111-2222-4333-8444-555555555555";
  private static final String UUID_B = "99999999-8888-4777-8666-555555555555";

  @TempDir
  Path dir;

  private final Vertx vertx = Vertx.vertx();
  private final InMemoryLogRecordExporter events = InMemoryLogRecordExporter.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setLoggerProvider(SdkLoggerProvider.builder().addLogRecordProcessor(SimpleLogRecordProcessor.create(events))
          .build())
      .build();
  private DbusDaemon bus;
  private SimulatedMctpd mctpd;

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    if (mctpd != null) {
      mctpd.close();
    }
    if (bus != null) {
      bus.close();
    }
    sdk.close();
  }

  private String address() {
    return "unix:path=" + dir.resolve("bus.sock");
  }

  /** A running agent (HTTP off) with the service's mctpd source on {@link #address()}; fast reconnects. */
  private AgentConfig config() {
    return ConfigLoader.build(Map.of("http.enabled", "false", "discovery.mode", "mctpd",
        "discovery.dbus.address", address(), "poll.health_timeout", "200ms", "poll.identify_timeout", "200ms",
        "poll.backoff_initial", "100ms"));
  }

  private AgentVerticle agent() throws Exception {
    AgentConfig config = config();
    MctpdDiscoveryOptions options = MctpdDiscoveryOptions.defaults(address())
        .withReconnect(Duration.ofMillis(100), Duration.ofMillis(400));
    AgentVerticle agent = new AgentVerticle(config, sdk, MctpDiscoverySource.mctpd(options, true));
    vertx.deployVerticle(agent).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return agent;
  }

  private void startBusAndMctpd() throws Exception {
    bus = DbusDaemon.start(dir);
    mctpd = new SimulatedMctpd(bus.address(), SimulatedMctpd.Mode.V2);
    mctpd.start();
  }

  /** Bounds every wait for the bus, mctpd and the agent's event loop; no assertion is about time. */
  private static final Duration WAIT = Duration.ofSeconds(20);

  /**
   * The bus, mctpd and a ready agent following it, after mctpd added EID 9 (UUID A on the serial
   * interface) and the agent gave it a session.
   */
  private AgentVerticle agentFollowingEid9() throws Exception {
    startBusAndMctpd();
    AgentVerticle agent = agent();
    Await.until("the agent ready", WAIT, agent::ready);
    mctpd.publish(mctpd.addDevice(SimulatedMctpd.SERIAL_IF, 0x1d, List.of(0, 4), UUID_A, 9));
    Await.until("a session for EID 9", WAIT, () -> session(agent, 9).isPresent());
    return agent;
  }

  /** The session at (1, eid), read on the agent's context. */
  private static Optional<EndpointSession> session(AgentVerticle agent, int eid) {
    return agent.fleet().sessions().stream().filter(s -> s.key().key().equals(new EndpointKey(1, eid))).findFirst();
  }

  private static Optional<EndpointState> state(AgentVerticle agent, int eid) {
    return session(agent, eid).map(EndpointSession::state);
  }

  /** Readiness as far as discovery goes ({@code /status} discovery.connected). */
  private static boolean connected(AgentVerticle agent) {
    return agent.status().getJsonObject("discovery").getBoolean("connected");
  }

  private List<String> eventNames() {
    return events.getFinishedLogRecordItems().stream().map(LogRecordData::getEventName).toList();
  }

  private String endpointPath(int eid) {
    return mctpd.endpointPath(eid);
  }

  @Test
  void startingWithoutDbusIsNotReadyAndRetriesUntilTheBusAndMctpdAreThere() throws Exception {
    AgentVerticle agent = agent();

    assertThat(agent.ready()).as("no bus: not ready, but started").isFalse();
    assertThat(agent.status().getJsonObject("discovery").getString("problem"))
        .as("names the address tried").contains("cannot follow mctpd on D-Bus at " + address());

    bus = DbusDaemon.start(dir);
    Await.until("the agent seeing the bus without mctpd", WAIT,
        () -> agent.status().getJsonObject("discovery").getString("problem", "").contains("not on the bus"));
    assertThat(agent.ready()).as("bus without mctpd: not ready").isFalse();
    assertThat(agent.status().getJsonObject("discovery").getString("problem"))
        .contains("mctpd is not on the bus at " + address());

    mctpd = new SimulatedMctpd(bus.address(), SimulatedMctpd.Mode.V2);
    mctpd.start();
    Await.until("the agent ready", WAIT, agent::ready);
    assertThat(agent.ready()).as("mctpd followed, no endpoints yet: ready").isTrue();
    assertThat(agent.status().getJsonObject("discovery").getBoolean("connected")).isTrue();
  }

  @Test
  void theServiceStartsWithoutDbusWhileOnceFailsAtStartNamingTheAddress() throws Exception {
    AgentConfig config = config();
    AgentVerticle service = new AgentVerticle(config, sdk, MctpDiscoverySource.forService(config));
    vertx.deployVerticle(service).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(service.ready()).isFalse();
    assertThat(service.status().getJsonObject("discovery").getString("problem")).contains(address());

    AgentVerticle once = new AgentVerticle(config, sdk, MctpDiscoverySource.forConfig(config));
    assertThat(vertx.deployVerticle(once).toCompletionStage().toCompletableFuture().handle((id, e) -> e)
        .get(30, TimeUnit.SECONDS)).as("once: start-up fails")
        .hasMessageContaining("cannot follow mctpd on D-Bus at " + address());
  }

  @Test
  void addedEndpointGetsASessionAndDegradedConnectivityIsItsOwnStateUntilAvailable() throws Exception {
    AgentVerticle agent = agentFollowingEid9();
    assertThat(state(agent, 9)).get().isNotEqualTo(EndpointState.REMOVED);

    mctpd.changeProperty(endpointPath(9), MctpdObjectModel.ENDPOINT1_INTERFACE, "Connectivity",
        new Variant<>("Degraded"));
    Await.until("EID 9 in degraded connectivity", WAIT,
        () -> state(agent, 9).orElseThrow() == EndpointState.DEGRADED_CONNECTIVITY);
    assertThat(state(agent, 9)).contains(EndpointState.DEGRADED_CONNECTIVITY);
    // events follow the state on the stream
    Await.until("the degraded event", WAIT, () -> eventNames().contains("nvme.endpoint.degraded"));
    assertThat(eventNames()).contains("nvme.endpoint.degraded");

    mctpd.changeProperty(endpointPath(9), MctpdObjectModel.ENDPOINT1_INTERFACE, "Connectivity",
        new Variant<>("Available"));
    Await.until("EID 9 out of degraded connectivity", WAIT,
        () -> state(agent, 9).orElseThrow() != EndpointState.DEGRADED_CONNECTIVITY);
    assertThat(state(agent, 9)).get().isNotIn(EndpointState.DEGRADED_CONNECTIVITY, EndpointState.REMOVED);
  }

  @Test
  void aUuidChangeAtTheSameAddressIsAnotherEndpointAndRemoveIsTheRemovedState() throws Exception {
    AgentVerticle agent = agentFollowingEid9();
    EndpointSession first = session(agent, 9).orElseThrow();

    mctpd.changeProperty(endpointPath(9), MctpdObjectModel.UUID_INTERFACE, "UUID", new Variant<>(UUID_B));
    Await.until("another session at EID 9", WAIT, () -> session(agent, 9).orElseThrow() != first);
    assertThat(session(agent, 9)).get().as("a new session at the same address").isNotSameAs(first);
    assertThat(first.state()).as("the endpoint with the old UUID").isEqualTo(EndpointState.REMOVED);
    assertThat(state(agent, 9)).get().isNotEqualTo(EndpointState.REMOVED);

    mctpd.removeEndpoint(9);
    Await.until("EID 9 removed", WAIT, () -> state(agent, 9).orElseThrow() == EndpointState.REMOVED);
    assertThat(state(agent, 9)).contains(EndpointState.REMOVED);
    Await.until("two removed events", WAIT,
        () -> eventNames().stream().filter("nvme.endpoint.removed"::equals).count() == 2);
    assertThat(eventNames()).filteredOn("nvme.endpoint.removed"::equals).hasSize(2);
  }

  @Test
  void losingDbusMakesReadinessFailAndTheAgentReconnectsByItself() throws Exception {
    AgentVerticle agent = agentFollowingEid9();
    EndpointSession before = session(agent, 9).orElseThrow();

    assertThat(connected(agent)).isTrue();
    mctpd.close();
    bus.kill();
    Await.until("discovery disconnected", WAIT, () -> !connected(agent));
    assertThat(connected(agent)).as("D-Bus gone: discovery not connected").isFalse();
    assertThat(agent.ready()).as("D-Bus gone: not ready").isFalse();
    assertThat(agent.status().getJsonObject("discovery").getString("problem")).contains(address());
    assertThat(before.state()).as("the endpoint is not removed while discovery is blind")
        .isNotEqualTo(EndpointState.REMOVED);

    bus.restart();
    mctpd = new SimulatedMctpd(bus.address(), SimulatedMctpd.Mode.V2);
    mctpd.start();
    mctpd.publish(mctpd.addDevice(SimulatedMctpd.SERIAL_IF, 0x1d, List.of(0, 4), UUID_A, 9));
    Await.until("discovery connected again", WAIT, () -> connected(agent));
    assertThat(connected(agent)).as("reconnected and following mctpd again").isTrue();
    assertThat(session(agent, 9)).get().as("the same endpoint, the same session").isSameAs(before);
  }
}
