package dev.nvmemi.agent.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.AgentVerticle;
import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.discovery.MctpDiscoverySource;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.EndpointState;
import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.simulator.EndpointInfo;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.simulator.SystemClock;
import dev.nvmemi.simulator.scenario.ScenarioReader;
import dev.nvmemi.testsupport.Await;
import dev.nvmemi.transport.mctp.MctpClock;
import dev.nvmemi.transport.mctp.MctpIo;
import dev.nvmemi.transport.mctp.jna.Errno;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's {@code bus.*} and {@code poll.*} keys as they reach AF_MCTP exchanges: the whole
 * production pipeline (static discovery, sessions, bus scheduler, {@code MctpClients},
 * {@code MctpTransport} and its I/O threads) runs against simulated drives behind the syscall seam
 * ({@link SimulatedSocketOps}), in real time with short intervals.
 */
class ConfigReachesTheWireTest {
  private final Vertx vertx = Vertx.vertx();
  private final SystemClock clock = new SystemClock();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    for (AutoCloseable c : closing) {
      c.close();
    }
    clock.close();
  }

  private SimulatedFleet fleet(int drives, int perBus, String scenarioEvents) {
    SimulatedFleet f = SimulatedFleet.builder().drives(drives).drivesPerBus(perBus).network(1).seed(3).clock(clock)
        .scenario(ScenarioReader.parse("{\"name\": \"t\", \"events\": [" + scenarioEvents + "]}")).build();
    closing.add(f);
    return f;
  }

  /** The pipeline over {@code fleet}'s drives, statically configured with their buses, plus {@code settings}. */
  private AgentVerticle agent(SimulatedSocketOps ops, SimulatedFleet fleet, Map<String, String> settings)
      throws Exception {
    Map<String, String> all = new HashMap<>(Map.of("discovery.mode", "static", "http.enabled", "false",
        "poll.subsystem_health_interval", "200ms", "poll.controller_health_interval", "200ms",
        "poll.backoff_initial", "100ms", "bus.max_utilization", "1.0"));
    all.put("discovery.static", fleet.endpoints().stream().map(e -> e.network() + ":" + e.eid() + "@" + e.bus())
        .collect(Collectors.joining(",")));
    all.putAll(settings);
    AgentConfig config = ConfigLoader.build(all);
    MctpIo io = new MctpIo(ops, MctpClock.SYSTEM, Duration.ofSeconds(1));
    AgentVerticle agent = new AgentVerticle(config, OpenTelemetry.noop(), MctpDiscoverySource.forConfig(config), io);
    vertx.deployVerticle(agent).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    return agent;
  }

  /** Bounds each wait for the pipeline, which runs on its own threads in real time; no assertion is about time. */
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static List<DriveSnapshot> snapshots(AgentVerticle agent) {
    return agent.fleet().sessions().stream().map(EndpointSession::snapshot).toList();
  }

  private static boolean allActive(AgentVerticle agent, int n) {
    List<DriveSnapshot> s = snapshots(agent);
    return s.size() == n && s.stream().allMatch(d -> d.state() == EndpointState.ACTIVE && d.identity() != null
        && d.lastHealthNanos() != 0);
  }

  /** Every answer 30 ms late: four drives identifying at once keep the bus busy enough to show overlap. */
  private static final String SLOW = "{\"at\": \"0s\", \"drive\": %d, \"action\": \"slow\", \"duration\": \"10m\", \"delay\": \"30ms\"}";

  private static String slowDrives(int n) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(String.format(SLOW, i));
    }
    return String.join(",", events);
  }

  /**
   * The most exchanges in flight at once on mctpi2c0 while its four slow drives identify, with
   * {@code bus.concurrency} set to {@code concurrency}.
   */
  private int mostInFlightWhileFourSlowDrivesIdentify(int concurrency) throws Exception {
    SimulatedFleet fleet = fleet(4, 4, slowDrives(4));
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    AgentVerticle agent = agent(ops, fleet, Map.of("bus.concurrency", String.valueOf(concurrency),
        "poll.subsystem_health_interval", "1s", "poll.controller_health_interval", "1s"));
    Await.until("four identified drives", WAIT, () -> allActive(agent, 4));
    return ops.maxInFlight("mctpi2c0");
  }

  @Test
  void busConcurrencyTwoPutsTwoExchangesInFlightOnOneBus() throws Exception {
    assertThat(mostInFlightWhileFourSlowDrivesIdentify(2)).isEqualTo(2);
  }

  @Test
  void busConcurrencyOneNeverOverlapsExchangesOnOneBus() throws Exception {
    assertThat(mostInFlightWhileFourSlowDrivesIdentify(1)).isEqualTo(1);
  }

  /** Drive 0 answers every command with More Processing Required, MPRT 5 (500 ms), then the answer. */
  private static final String MPR = "{\"at\": \"0s\", \"drive\": 0, \"action\": \"mpr\", \"exchanges\": 100000, \"mprt\": 5}";

  @Test
  void mprWaitCapZeroWaitsTheDrivesOwnMprtBeyondTheResponseTimeout() throws Exception {
    SimulatedFleet fleet = fleet(1, 1, MPR);
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    AgentVerticle agent = agent(ops, fleet, Map.of("poll.mpr_wait_cap", "0s", "poll.identify_timeout", "200ms",
        "poll.health_timeout", "200ms"));

    Await.until("the drive identified through 500 ms MPR waits", WAIT, () -> allActive(agent, 1));

    assertThat(snapshots(agent).get(0).lastError()).isEmpty();
  }

  @Test
  void mprWaitCapCapsTheWaitSoASlowerMprtTimesOut() throws Exception {
    SimulatedFleet fleet = fleet(1, 1, MPR);
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    AgentVerticle agent = agent(ops, fleet, Map.of("poll.mpr_wait_cap", "100ms", "poll.identify_timeout", "200ms",
        "poll.health_timeout", "200ms"));

    Await.until("the capped wait to time out", WAIT, () -> snapshots(agent).size() == 1
        && "timeout".equals(snapshots(agent).get(0).lastError()));

    assertThat(snapshots(agent).get(0).identity()).isNull();
  }

  @Test
  void anUnreachableEndpointFailsAloneWhileItsBusNeighboursArePolled() throws Exception {
    SimulatedFleet fleet = fleet(3, 3, "");
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    EndpointInfo gone = fleet.endpoints().get(1);
    ops.unreachable(a -> a.eid() == gone.eid(), Errno.EHOSTUNREACH);
    AgentVerticle agent = agent(ops, fleet, Map.of());

    String transport = MiTransportException.Reason.UNREACHABLE.errorType();
    Await.until("the neighbours polled and the unreachable one failed", WAIT, () -> snapshots(agent).size() == 3
        && snapshots(agent).stream().filter(d -> d.key().eid() != gone.eid())
            .allMatch(d -> d.state() == EndpointState.ACTIVE && d.lastHealthNanos() != 0)
        && snapshots(agent).stream().anyMatch(d -> d.key().eid() == gone.eid() && transport.equals(d.lastError())));
    assertThat(ops.tagsInUse()).isLessThanOrEqualTo(2); // at most the neighbours' exchanges in flight
  }

  @Test
  void aSocketErrorOnOneBusLeavesTheOtherBusPolled() throws Exception {
    SimulatedFleet fleet = fleet(4, 2, ""); // mctpi2c0: drives 0, 1; mctpi2c1: drives 2, 3
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    ops.brokenBus("mctpi2c1"::equals);
    AgentVerticle agent = agent(ops, fleet, Map.of());

    Await.until("bus 0 polled, bus 1 failing", WAIT, () -> snapshots(agent).size() == 4
        && snapshots(agent).stream().filter(d -> d.key().bus().name().equals("mctpi2c0"))
            .allMatch(d -> d.state() == EndpointState.ACTIVE && d.lastHealthNanos() != 0)
        && snapshots(agent).stream().filter(d -> d.key().bus().name().equals("mctpi2c1"))
            .allMatch(d -> "transport".equals(d.lastError())));
    assertThat(agent.fleet().lanes().get("mctpi2c1").failures()).isPositive();
    assertThat(agent.fleet().lanes().get("mctpi2c0").failures()).isZero();
  }
}
