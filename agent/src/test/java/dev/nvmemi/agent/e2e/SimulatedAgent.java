package dev.nvmemi.agent.e2e;

import dev.nvmemi.agent.AgentVerticle;
import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.discovery.SimulatedEndpointSource;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.EndpointState;
import dev.nvmemi.simulator.SimulatedEndpoint;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.simulator.VirtualClock;
import dev.nvmemi.simulator.model.DriveIdentity;
import dev.nvmemi.simulator.scenario.ScenarioReader;
import dev.nvmemi.testsupport.Await;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Vertx;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The real agent ({@link AgentVerticle} in its own Vert.x instance, polling on real time) over a
 * simulated fleet whose scenario runs on a {@link VirtualClock} that only the test moves: the drives
 * answer at once (zero-latency bus), and a scenario step such as "drive 0 at 90 °C" happens exactly
 * when the test calls {@link #advanceScenarioTo}. That is how a test puts an overheat before or
 * after an Alertmanager restart without racing a timeline.
 *
 * <p>Built, advanced and closed on the test thread; the agent runs on its Vert.x event loop and
 * reads the scenario clock through the simulator's thread-safe endpoints.
 */
final class SimulatedAgent implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final VirtualClock scenarioClock = new VirtualClock();
  private final SimulatedFleet fleet;
  private final Vertx vertx = Vertx.vertx();
  private final AgentVerticle agent;
  private final int drives;

  /**
   * Deploys the agent and waits until every drive is identified and polled.
   *
   * @param scenarioResource class path resource of the scenario (e.g. {@code /e2e/overheat-drive0.json})
   */
  SimulatedAgent(AgentConfig config, OpenTelemetry otel, int drives, long seed, String scenarioResource)
      throws Exception {
    this.drives = drives;
    this.fleet = SimulatedFleet.builder().drives(drives).seed(seed).scenario(ScenarioReader.read(resource(scenarioResource)))
        .clock(scenarioClock).build();
    this.agent = new AgentVerticle(config, otel, new SimulatedEndpointSource(fleet, config.poll()));
    try {
      vertx.deployVerticle(agent).toCompletionStage().toCompletableFuture()
          .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Await.until("all " + drives + " simulated drives identified and polled by the agent", START_TIMEOUT,
          this::allActive);
    } catch (Exception | AssertionError e) {
      close();
      throw e;
    }
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(SimulatedAgent.class.getResource(name), name).toURI());
  }

  private boolean allActive() {
    long polled = agent.fleet().sessions().stream().map(EndpointSession::snapshot)
        .filter(s -> s.state() == EndpointState.ACTIVE && s.identity() != null && s.hwState() != null)
        .count();
    return polled == drives;
  }

  /** Moves the scenario clock forward to {@code t} after the fleet was built (never back). */
  void advanceScenarioTo(Duration t) {
    long delta = t.toNanos() - scenarioClock.nanos();
    if (delta < 0) {
      throw new IllegalArgumentException("scenario time " + t + " (expected: >= now, "
          + Duration.ofNanos(scenarioClock.nanos()) + ")");
    }
    scenarioClock.advance(Duration.ofNanos(delta));
  }

  /** What simulated drive {@code index} says about itself (serial, model, PCI vendor, thresholds). */
  DriveIdentity simulatedIdentity(int index) {
    SimulatedEndpoint e = fleet.allEndpoints().get(index);
    return e.inspect(d -> d.identity());
  }

  /**
   * The {@code hw.id} the agent gives the drive: PCI vendor ID in 4 hex digits, '-', serial number
   * (design §6), here computed from what the simulator put into the drive.
   */
  String expectedHwId(int index) {
    DriveIdentity id = simulatedIdentity(index);
    return String.format(Locale.ROOT, "%04x-%s", id.pciVendorId(), id.serial());
  }

  /** The agent's latest snapshot of simulated drive {@code index}. */
  DriveSnapshot snapshot(int index) {
    int eid = fleet.allEndpoints().get(index).info().eid();
    return agent.fleet().sessions().stream().filter(s -> s.key().eid() == eid).findFirst()
        .orElseThrow(() -> new IllegalStateException("no session for EID " + eid + " (expected: drive " + index
            + " discovered)"))
        .snapshot();
  }

  /** Undeploys the agent and closes Vert.x; the caller owns and closes the OpenTelemetry SDK. */
  @Override
  public void close() throws ExecutionException, TimeoutException {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      fleet.close();
    }
  }
}
