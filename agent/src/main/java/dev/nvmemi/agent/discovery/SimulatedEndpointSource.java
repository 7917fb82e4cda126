package dev.nvmemi.agent.discovery;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigException;
import dev.nvmemi.agent.drive.MiDriveClient;
import dev.nvmemi.agent.poll.EndpointKey;
import dev.nvmemi.agent.poll.Fleet;
import dev.nvmemi.agent.time.Timers;
import dev.nvmemi.simulator.EndpointInfo;
import dev.nvmemi.simulator.SimClock;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.simulator.scenario.Scenario;
import dev.nvmemi.simulator.scenario.ScenarioException;
import dev.nvmemi.simulator.scenario.ScenarioReader;
import dev.nvmemi.simulator.timing.BusTiming;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The in-process simulated fleet as a discovery source ({@code --simulate[=N]}, discovery mode
 * {@code simulate}). Like mctpd it reports endpoints that appear and vanish: it rescans the fleet
 * once a second (a scenario may pull a drive). Clients are {@link MiDriveClient}s over
 * {@link SimulatedFleet#endpoint}.
 *
 * <p>Scans run on the agent context.
 */
public final class SimulatedEndpointSource implements EndpointSource {
  private static final long RESCAN_NANOS = 1_000_000_000L;

  private final SimulatedFleet fleet;
  private final AgentConfig.Poll poll;
  private final boolean ownsFleet;
  private final Set<EndpointKey> present = new HashSet<>();
  private Timers timers;
  private Listener listener;
  private Timers.Cancellable rescan = Timers.Cancellable.NONE;
  private volatile boolean connected;
  private volatile boolean closed;

  /** Over an existing fleet (tests share its clock). */
  public SimulatedEndpointSource(SimulatedFleet fleet, AgentConfig.Poll poll) {
    this(fleet, poll, false);
  }

  private SimulatedEndpointSource(SimulatedFleet fleet, AgentConfig.Poll poll, boolean ownsFleet) {
    this.fleet = Objects.requireNonNull(fleet, "fleet");
    this.poll = Objects.requireNonNull(poll, "poll");
    this.ownsFleet = ownsFleet;
  }

  /** Builds the fleet of {@code simulate.*} on {@code clock} (null: the simulator's system clock). */
  public static SimulatedEndpointSource fromConfig(AgentConfig config, SimClock clock) {
    AgentConfig.Simulate sim = config.simulate();
    Scenario scenario = Scenario.NONE;
    if (sim.scenario().isPresent()) {
      try {
        scenario = ScenarioReader.read(sim.scenario().get());
      } catch (ScenarioException e) {
        throw new ConfigException("simulate.scenario: " + sim.scenario().get() + ": " + e.getMessage(), e);
      }
    }
    AgentConfig.BusParameters bus = config.bus().defaults();
    SimulatedFleet.Builder b = SimulatedFleet.builder().drives(sim.drives()).seed(sim.seed()).scenario(scenario)
        .busTiming(sim.busTiming() ? BusTiming.smbus(bus.frequencyHz(), Duration.ofMillis(1)) : BusTiming.NONE);
    if (clock != null) {
      b.clock(clock);
    }
    return new SimulatedEndpointSource(b.build(), config.poll(), true);
  }

  public SimulatedFleet fleet() {
    return fleet;
  }

  @Override
  public String name() {
    return "simulate";
  }

  @Override
  public CompletionStage<Void> start(Timers context, Listener l) {
    this.timers = Objects.requireNonNull(context, "context");
    this.listener = Objects.requireNonNull(l, "listener");
    CompletableFuture<Void> started = new CompletableFuture<>();
    context.execute(() -> {
      scan();
      connected = true;
      started.complete(null);
    });
    return started;
  }

  private void scan() {
    if (closed) {
      return;
    }
    Set<EndpointKey> now = new HashSet<>();
    for (EndpointInfo e : fleet.endpoints()) {
      now.add(new EndpointKey(e.network(), e.eid(), e.bus()));
    }
    for (EndpointKey k : Set.copyOf(present)) {
      if (!now.contains(k)) {
        present.remove(k);
        listener.vanished(k.network(), k.eid());
      }
    }
    now.stream().sorted(java.util.Comparator.comparingInt(EndpointKey::eid)).forEach(k -> {
      if (present.add(k)) {
        listener.appeared(k);
      }
    });
    rescan = timers.schedule(RESCAN_NANOS, this::scan);
  }

  @Override
  public boolean connected() {
    return connected && !closed;
  }

  @Override
  public Fleet.ClientFactory clients() {
    return key -> new MiDriveClient(fleet.endpoint(key.network(), key.eid()), poll);
  }

  @Override
  public void close() {
    closed = true;
    rescan.cancel();
    if (ownsFleet) {
      fleet.close();
    }
  }
}
