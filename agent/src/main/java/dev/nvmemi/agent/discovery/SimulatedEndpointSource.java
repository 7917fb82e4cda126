package dev.nvmemi.agent.discovery;

import dev.nvmemi.mi.client.UnsolicitedListener;
import java.util.function.BiPredicate;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigException;
import dev.nvmemi.agent.drive.MiDriveClient;
import dev.nvmemi.transport.discovery.BusEndpoint;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

  /** EIDs 16..254 give at most this many drives per MCTP network; bigger fleets span networks. */
  public static final int DRIVES_PER_NETWORK = 239;

  private final List<SimulatedFleet> fleets;
  private final AgentConfig.Poll poll;
  private final boolean ownsFleet;
  private dev.nvmemi.simulator.SystemClock ownedClock;
  private final Set<BusEndpoint> present = new HashSet<>();
  private Timers timers;
  private Listener listener;
  private Timers.Cancellable rescan = Timers.Cancellable.NONE;
  private volatile boolean connected;
  private volatile boolean closed;

  /** Over an existing fleet (tests share its clock). */
  public SimulatedEndpointSource(SimulatedFleet fleet, AgentConfig.Poll poll) {
    this(List.of(fleet), poll, false);
  }

  /** Over several fleets, one per MCTP network (they must share one clock). */
  public SimulatedEndpointSource(List<SimulatedFleet> fleets, AgentConfig.Poll poll) {
    this(fleets, poll, false);
  }

  private SimulatedEndpointSource(List<SimulatedFleet> fleets, AgentConfig.Poll poll, boolean ownsFleet) {
    this.fleets = List.copyOf(fleets);
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
    BusTiming timing = sim.busTiming() ? BusTiming.smbus(bus.frequencyHz(), Duration.ofMillis(1)) : BusTiming.NONE;
    dev.nvmemi.simulator.SystemClock own = clock == null ? new dev.nvmemi.simulator.SystemClock() : null;
    SimClock shared = clock != null ? clock : own;
    List<SimulatedFleet> fleets = new java.util.ArrayList<>();
    for (int first = 0, net = 1; first < sim.drives(); first += DRIVES_PER_NETWORK, net++) {
      int n = Math.min(DRIVES_PER_NETWORK, sim.drives() - first);
      // network 1 keeps the simulator's bus names (mctpi2c0, …); further networks get their own buses
      SimulatedFleet.Builder b = SimulatedFleet.builder().drives(n).seed(sim.seed() + net - 1).scenario(scenario)
          .busTiming(timing).network(net).clock(shared).busPrefix(net == 1 ? "mctpi2c" : "n" + net + "-mctpi2c");
      fleets.add(b.build());
    }
    SimulatedEndpointSource source = new SimulatedEndpointSource(fleets, config.poll(), true);
    source.ownedClock = own;
    return source;
  }

  /** The fleet of network 1. */
  public SimulatedFleet fleet() {
    return fleets.get(0);
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
    Set<BusEndpoint> now = new HashSet<>();
    for (SimulatedFleet fleet : fleets) {
      for (EndpointInfo e : fleet.endpoints()) {
        now.add(BusEndpoint.of(e.network(), e.eid(), e.bus()));
      }
    }
    for (BusEndpoint k : Set.copyOf(present)) {
      if (!now.contains(k)) {
        present.remove(k);
        listener.vanished(k.key());
      }
    }
    now.stream().sorted(java.util.Comparator.comparingLong(BusEndpoint::network).thenComparingInt(BusEndpoint::eid))
        .forEach(k -> {
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
  public Optional<ClientFactory> inProcessClients() {
    return Optional.of(key -> {
      for (SimulatedFleet fleet : fleets) {
        if (fleet.find((int) key.network(), key.eid()).isPresent()) {
          return new MiDriveClient(fleet.endpoint((int) key.network(), key.eid()), poll);
        }
      }
      throw new IllegalArgumentException("no simulated endpoint at " + key);
    });
  }

  /** Every simulated fleet sends its AEMs here ({@code SimulatedFleet.onUnsolicited}), on the clock's thread. */
  @Override
  public AutoCloseable unsolicited(UnsolicitedListener l, BiPredicate<Long, Integer> known, UnsolicitedDrops stats) {
    List<AutoCloseable> handles = new java.util.ArrayList<>();
    for (SimulatedFleet fleet : fleets) {
      handles.add(fleet.onUnsolicited((net, eid, msg) -> {
        if (known.test((long) net, eid)) {
          l.onUnsolicited(net, eid, msg);
        } else {
          stats.dropped("unknown_source");
        }
      }));
    }
    return () -> {
      for (AutoCloseable h : handles) {
        h.close();
      }
    };
  }

  @Override
  public void close() {
    closed = true;
    rescan.cancel();
    if (ownsFleet) {
      fleets.forEach(SimulatedFleet::close);
    }
    if (ownedClock != null) {
      ownedClock.close();
    }
  }
}
