package dev.nvmemi.agent.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.AgentVerticle;
import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.discovery.MctpDiscoverySource;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.EndpointState;
import dev.nvmemi.agent.poll.BusScheduler;
import dev.nvmemi.agent.poll.BusTimeModel;
import dev.nvmemi.agent.poll.Command;
import dev.nvmemi.agent.config.AgentConfig.BusParameters;
import dev.nvmemi.agent.drive.DriveClient;
import dev.nvmemi.agent.pipeline.MctpClients;
import dev.nvmemi.mi.client.MiResult;
import dev.nvmemi.transport.discovery.BusEndpoint;
import java.util.concurrent.CompletionStage;
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
 * {@code MctpTransport} and its I/O threads), or the client {@code MctpClients} builds for one
 * endpoint, runs against simulated drives behind the syscall seam ({@link SimulatedSocketOps}), in
 * real time with short intervals: the I/O threads block in the seam's {@code poll}, so a virtual
 * clock cannot drive them.
 *
 * <p>Every key of {@code ConfigKeys} under {@code bus.} and {@code poll.}, and where it is shown:
 * <ul>
 *   <li>{@code bus.concurrency}: exchanges in flight on one bus (two tests, 1 and 2);</li>
 *   <li>{@code bus.max_utilization}: the wire is busy at most that share of the time;</li>
 *   <li>{@code bus.frequency}: the scheduler's bus-time model, so the pacing gap after an exchange;</li>
 *   <li>{@code bus.mtu}: the packet size of the scheduler's bus-time model. It does not set the
 *       packet sizes on the wire, by design: the agent hands whole messages to {@code sendto} and the
 *       kernel fragments them at the route's MTU;</li>
 *   <li>{@code bus.overrides.*.concurrency|frequency|mtu|max_utilization}: reach only their bus;</li>
 *   <li>{@code poll.health_timeout}, {@code poll.identify_timeout}, {@code poll.log_timeout}: each
 *       command class times out at its own limit, the others wait for the same late drive;</li>
 *   <li>{@code poll.mpr_max}: 0 fails an exchange at its first interim, 1 waits past it;</li>
 *   <li>{@code poll.mpr_wait_cap}: 0 waits the drive's MPRT, a cap caps it (the interim is asserted);</li>
 *   <li>{@code poll.subsystem_health_interval}, {@code poll.controller_health_interval},
 *       {@code poll.smart_interval}: how often each poll goes on the wire (one test each);</li>
 *   <li>{@code poll.backoff_initial}: the wait before the first retry of a failed exchange;
 *       {@code poll.backoff_max}: the cap of the growing wait between retries;</li>
 *   <li>{@code poll.identify_interval} (at least 10 s) and {@code poll.jitter}: when identify is
 *       due again and how the poll times spread, in the session's poll plan above the transport; not
 *       shown on this seam (a test would take minutes; {@code EndpointSessionTest} and the in-process
 *       pipeline tests cover the plan);</li>
 *   <li>{@code poll.clear_status}: the Clear Status / CCF bits of the health poll requests
 *       ({@code pipeline.ReadOnlyWireTest} checks the request bytes);</li>
 *   <li>no effect on the wire, by design: {@code poll.lost_after} (a state: a LOST endpoint is
 *       retried like any failing one), {@code poll.flap_window} and {@code poll.flap_transitions}
 *       (which state-change events are emitted).</li>
 * </ul>
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
    assertThat(ops.interimsRead()).as("More Processing Required interims the transport waited past").isPositive();
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
    assertThat(ops.interimsRead()).as("the interim whose MPRT was capped").isPositive();
  }

  @Test
  void anUnreachableEndpointFailsAloneWhileItsBusNeighboursArePolled() throws Exception {
    SimulatedFleet fleet = fleet(3, 3, "");
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    EndpointInfo gone = fleet.endpoints().get(1);
    ops.unreachable(a -> a.eid() == gone.eid(), Errno.EHOSTUNREACH);
    AgentVerticle agent = agent(ops, fleet, Map.of());

    String transport = "unreachable"; // its own error.type (README telemetry contract)
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

  // ---- poll.*_timeout: each command class times out at its own limit ------------------------------

  /** The production client of drive 0 of {@code fleet}, as {@link MctpClients} builds it from {@code settings}. */
  private DriveClient client(SimulatedSocketOps ops, SimulatedFleet fleet, Map<String, String> settings) {
    AgentConfig config = ConfigLoader.build(settings);
    MctpIo io = new MctpIo(ops, MctpClock.SYSTEM, Duration.ofSeconds(1));
    EndpointInfo e = fleet.endpoints().get(0);
    DriveClient c = new MctpClients(config.poll(), io).open(BusEndpoint.of(e.network(), e.eid(), e.bus()));
    closing.add(0, io);
    closing.add(0, c); // closed before its I/O lanes
    return c;
  }

  private static <T> MiResult<T> result(CompletionStage<MiResult<T>> s) throws Exception {
    return s.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** The error.type of a failed exchange, "" for an answer. */
  private static String errorType(MiResult<?> r) {
    return r instanceof MiResult.Failure<?> f ? f.cause().errorType() : "";
  }

  /** Drive 0 answers everything 400 ms late (wire time aside). */
  private static final String ANSWERS_AFTER_400_MS =
      "{\"at\": \"0s\", \"drive\": 0, \"action\": \"slow\", \"duration\": \"10m\", \"delay\": \"400ms\"}";

  @Test
  void pollHealthTimeoutFailsAHealthPollThatALogChunkOfTheSameDriveWaitsFor() throws Exception {
    SimulatedFleet fleet = fleet(1, 1, ANSWERS_AFTER_400_MS);
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    DriveClient drive = client(ops, fleet, Map.of("poll.health_timeout", "150ms", "poll.identify_timeout", "3s",
        "poll.log_timeout", "3s"));

    int controller = result(drive.readControllerList()).orElseThrow().ids().get(0);

    assertThat(errorType(result(drive.readSmartLog(controller)))).as("log chunk after 400 ms").isEmpty();
    assertThat(errorType(result(drive.pollSubsystemHealth(false)))).as("health poll after 400 ms").isEqualTo("timeout");
  }

  @Test
  void pollLogTimeoutFailsALogChunkThatAHealthPollOfTheSameDriveWaitsFor() throws Exception {
    SimulatedFleet fleet = fleet(1, 1, ANSWERS_AFTER_400_MS);
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    DriveClient drive = client(ops, fleet, Map.of("poll.health_timeout", "3s", "poll.identify_timeout", "3s",
        "poll.log_timeout", "150ms"));

    int controller = result(drive.readControllerList()).orElseThrow().ids().get(0);

    assertThat(errorType(result(drive.pollSubsystemHealth(false)))).as("health poll after 400 ms").isEmpty();
    assertThat(errorType(result(drive.readSmartLog(controller)))).as("log chunk after 400 ms").isEqualTo("timeout");
  }

  @Test
  void pollIdentifyTimeoutFailsADataStructureReadThatAHealthPollOfTheSameDriveWaitsFor() throws Exception {
    SimulatedFleet fleet = fleet(1, 1, ANSWERS_AFTER_400_MS);
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    DriveClient drive = client(ops, fleet, Map.of("poll.health_timeout", "3s", "poll.identify_timeout", "150ms",
        "poll.log_timeout", "3s"));

    assertThat(errorType(result(drive.pollSubsystemHealth(false)))).as("health poll after 400 ms").isEmpty();
    assertThat(errorType(result(drive.readControllerList()))).as("data structure after 400 ms").isEqualTo("timeout");
  }

  // ---- poll.mpr_max: interim responses accepted per exchange --------------------------------------

  /** Drive 0 answers every command with one More Processing Required interim (MPRT 1: 100 ms), then the answer. */
  private static final String ONE_SHORT_MPR = "{\"at\": \"0s\", \"drive\": 0, \"action\": \"mpr\", \"exchanges\": 100000, \"mprt\": 1}";

  @Test
  void pollMprMaxZeroFailsAnExchangeAtItsFirstInterimResponse() throws Exception {
    SimulatedFleet fleet = fleet(1, 1, ONE_SHORT_MPR);
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    DriveClient drive = client(ops, fleet, Map.of("poll.mpr_max", "0", "poll.health_timeout", "2s"));

    assertThat(errorType(result(drive.pollSubsystemHealth(false)))).isEqualTo("mpr_limit");
    assertThat(ops.interimsRead()).isEqualTo(1);
  }

  @Test
  void pollMprMaxOneWaitsPastOneInterimResponseForTheAnswer() throws Exception {
    SimulatedFleet fleet = fleet(1, 1, ONE_SHORT_MPR);
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    DriveClient drive = client(ops, fleet, Map.of("poll.mpr_max", "1", "poll.health_timeout", "2s"));

    assertThat(errorType(result(drive.pollSubsystemHealth(false)))).isEmpty();
    assertThat(ops.interimsRead()).isEqualTo(1);
  }

  // ---- bus.*: what the scheduler puts on the wire -------------------------------------------------

  @Test
  void busOverridesReachOnlyTheirOwnBus() throws Exception {
    SimulatedFleet fleet = fleet(4, 2, slowDrives(4)); // mctpi2c0: drives 0, 1; mctpi2c1: drives 2, 3
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    AgentVerticle agent = agent(ops, fleet, Map.of("bus.concurrency", "1", "bus.overrides.mctpi2c1.concurrency", "2",
        "bus.overrides.mctpi2c1.frequency", "400000", "bus.overrides.mctpi2c1.mtu", "128",
        "bus.overrides.mctpi2c1.max_utilization", "0.9", "poll.subsystem_health_interval", "1s",
        "poll.controller_health_interval", "1s"));

    Await.until("four identified drives", WAIT, () -> allActive(agent, 4));

    assertThat(ops.maxInFlight("mctpi2c1")).isEqualTo(2);
    assertThat(ops.maxInFlight("mctpi2c0")).isEqualTo(1);
    assertThat(agent.fleet().lanes().get("mctpi2c1").parameters()).isEqualTo(new BusParameters(400_000, 0.9, 2, 128));
    assertThat(agent.fleet().lanes().get("mctpi2c0").parameters()).isEqualTo(new BusParameters(100_000, 1.0, 1, 64));
  }

  /** 90 µs a byte: 9 bit times at 100 kHz, as on a real SMBus. */
  private static final long SMBUS_100K_NANOS_PER_BYTE = 90_000;

  @Test
  void busMaxUtilizationPacesTheExchangesSoTheWireIsBusyAtMostThatShareOfTheTime() throws Exception {
    // identifying four drives (4 KiB Identify Controller each, ~0.37 s of wire time) wants the whole
    // bus: unpaced, the wire would be busy ~90 % of the time until they are all identified
    SimulatedFleet fleet = fleet(4, 4, "");
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), SMBUS_100K_NANOS_PER_BYTE);
    long start = System.nanoTime();
    AgentVerticle agent = agent(ops, fleet, Map.of("bus.max_utilization", "0.25", "bus.frequency", "100000"));

    Await.until("four identified drives", Duration.ofSeconds(60), () -> allActive(agent, 4));
    long wall = System.nanoTime() - start;
    long wire = ops.wireNanos("mctpi2c0");

    // the budget holds over the run, but for the last exchange, sent before this was read
    long lastExchange = (72 + 24 + 4096 + 1) * SMBUS_100K_NANOS_PER_BYTE;
    assertThat(wire).as("wire busy %d ms of %d ms", wire / 1_000_000, wall / 1_000_000)
        .isLessThanOrEqualTo((long) (0.25 * wall) + lastExchange);
  }

  @Test
  void busFrequencyIsTheSchedulersBusTimeModelSoASlowerBusIsPacedLonger() throws Exception {
    // configured 10 kHz on a 100 kHz wire: every exchange is modelled ten times its real wire time,
    // and the first charge of a kind is at least 0.9 x the model (the learned factor moves 1/8 of the
    // way to its floor 0.25), so at utilization 0.5 the lane waits at least that long after it
    SimulatedFleet fleet = fleet(1, 1, "");
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), SMBUS_100K_NANOS_PER_BYTE);
    agent(ops, fleet, Map.of("bus.max_utilization", "0.5", "bus.frequency", "10000"));

    Await.until("the first four requests", WAIT, () -> ops.sendTimes("mctpi2c0").size() >= 4);

    List<Long> sends = ops.sendTimes("mctpi2c0");
    long smallest = BusTimeModel.exchangeNanos(Command.SUBSYSTEM_HEALTH, new BusParameters(10_000, 0.5, 1, 64));
    for (int i = 1; i < 4; i++) {
      // at the default 100 kHz the lane would wait a tenth of this (~5 ms)
      assertThat(sends.get(i) - sends.get(i - 1)).as("request %d after request %d", i, i - 1)
          .isGreaterThanOrEqualTo((long) (0.9 * smallest));
    }
  }

  @Test
  void busMtuIsThePacketSizeOfTheSchedulersBusTimeModel() throws Exception {
    SimulatedFleet fleet = fleet(1, 1, "");
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    AgentVerticle agent = agent(ops, fleet, Map.of("bus.mtu", "1024"));

    Await.until("the drive identified", WAIT, () -> allActive(agent, 1));

    BusScheduler.Lane lane = agent.fleet().lanes().get("mctpi2c0");
    // a 4 KiB chunk is 5 packets at MTU 1024, 65 at the default 64: 540 framing bytes less
    assertThat(lane.model().modelNanos(Command.ERROR_LOG))
        .isEqualTo(BusTimeModel.exchangeNanos(Command.ERROR_LOG, new BusParameters(100_000, 1.0, 1, 1024)))
        .isLessThan(BusTimeModel.exchangeNanos(Command.ERROR_LOG, new BusParameters(100_000, 1.0, 1, 64)));
  }

  // ---- poll.*_interval, poll.backoff_*: when commands go on the wire --------------------------------

  private static final int MI = 1;
  private static final int ADMIN = 2;
  private static final int SUBSYSTEM_HEALTH_POLL = 0x01;
  private static final int CONTROLLER_HEALTH_POLL = 0x02;
  private static final int GET_LOG_PAGE = 0x02;

  private long subsystemPolls(SimulatedSocketOps ops) {
    return ops.requests("mctpi2c0", MI, SUBSYSTEM_HEALTH_POLL);
  }

  private long controllerPolls(SimulatedSocketOps ops) {
    return ops.requests("mctpi2c0", MI, CONTROLLER_HEALTH_POLL);
  }

  @Test
  void pollSubsystemHealthIntervalIsHowOftenTheSubsystemHealthPollGoesOnTheWire() throws Exception {
    SimulatedFleet fleet = fleet(1, 1, "");
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    agent(ops, fleet, Map.of("poll.subsystem_health_interval", "100ms", "poll.controller_health_interval", "1s",
        "poll.jitter", "0"));

    Await.until("30 subsystem health polls", WAIT, () -> subsystemPolls(ops) >= 30);

    // ~3 s: ten times as many subsystem polls as controller polls (equal intervals would give as many)
    assertThat(controllerPolls(ops)).isLessThanOrEqualTo(subsystemPolls(ops) / 3);
  }

  @Test
  void pollControllerHealthIntervalIsHowOftenTheControllerHealthPollGoesOnTheWire() throws Exception {
    SimulatedFleet fleet = fleet(1, 1, "");
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    agent(ops, fleet, Map.of("poll.subsystem_health_interval", "1s", "poll.controller_health_interval", "100ms",
        "poll.jitter", "0"));

    Await.until("30 controller health polls", WAIT, () -> controllerPolls(ops) >= 30);

    assertThat(subsystemPolls(ops)).isLessThanOrEqualTo(controllerPolls(ops) / 3);
  }

  @Test
  void pollSmartIntervalIsHowOftenTheSmartLogIsReadOnTheWire() throws Exception {
    SimulatedFleet fleet = fleet(1, 1, "");
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    agent(ops, fleet, Map.of("poll.smart_interval", "1s", "poll.subsystem_health_interval", "100ms",
        "poll.jitter", "0", "ocp.enabled", "false"));

    // the SMART log is the only log page a healthy non-OCP drive is asked for (its error log does not grow)
    Await.until("a fourth SMART log read (the default 60 s would read it once)", WAIT,
        () -> ops.requests("mctpi2c0", ADMIN, GET_LOG_PAGE) >= 4);

    assertThat(subsystemPolls(ops)).as("health polls meanwhile (100 ms)").isGreaterThanOrEqualTo(15);
  }

  @Test
  void pollBackoffInitialIsTheWaitBeforeTheFirstRetryOfAFailedExchange() throws Exception {
    SimulatedFleet fleet = fleet(1, 1, "");
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    ops.unreachable(a -> true, Errno.EHOSTUNREACH);
    agent(ops, fleet, Map.of("poll.backoff_initial", "3s"));

    Await.until("the first retry", WAIT, () -> ops.sendTimes("mctpi2c0").size() >= 2);

    // the first wait is drawn from [initial / 2, initial] (equal jitter): the default 1 s would retry
    // within a second
    List<Long> sends = ops.sendTimes("mctpi2c0");
    assertThat(sends.get(1) - sends.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(1500).toNanos());
  }

  @Test
  void pollBackoffMaxCapsTheGrowingWaitBetweenRetries() throws Exception {
    SimulatedFleet fleet = fleet(1, 1, "");
    SimulatedSocketOps ops = new SimulatedSocketOps(List.of(fleet), 10_000);
    ops.unreachable(a -> true, Errno.EHOSTUNREACH);
    agent(ops, fleet, Map.of("poll.backoff_initial", "100ms", "poll.backoff_max", "100ms"));

    Await.until("eight attempts", WAIT, () -> ops.sendTimes("mctpi2c0").size() >= 8);

    // each wait is drawn from [base / 2, base]; doubling without the cap, the 7 waits would take at
    // least (100 ms + 200 ms + ... + 6.4 s) / 2 = 6.35 s; capped at 100 ms, at most 0.7 s (and whatever
    // the loaded machine adds)
    List<Long> sends = ops.sendTimes("mctpi2c0");
    assertThat(sends.get(7) - sends.get(0)).isLessThan(Duration.ofSeconds(6).toNanos());
  }
}
