package dev.nvmemi.agent.poll;

import dev.nvmemi.transport.discovery.BusEndpoint;
import dev.nvmemi.transport.discovery.EndpointKey;
import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.discovery.AemReception;
import dev.nvmemi.agent.discovery.ClientFactory;
import dev.nvmemi.agent.discovery.EndpointSource;
import dev.nvmemi.agent.drive.DriveClient;
import dev.nvmemi.agent.time.Timers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import dev.nvmemi.agent.log.LogFields;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fleet of endpoint sessions, one per (network, eid), fed by discovery: an appeared endpoint
 * gets a session (identify, then the poll plan); a vanished one is REMOVED; a connectivity change
 * reported by mctpd moves it into or out of {@code degraded_connectivity}. Owns the bus scheduler
 * and a once-a-second housekeeping tick (lane utilization).
 *
 * <p>Runs on the agent context; {@link #sessions()} and {@link #lanes()} may be read from any thread.
 */
public final class Fleet implements EndpointSource.Listener {
  private static final Logger LOG = Logger.getLogger(Fleet.class.getName());

  private final Timers timers;
  private final AgentConfig config;
  private final BusScheduler scheduler;
  private final ClientFactory clients;
  private final SessionObserver observer;
  private final long seed;
  private final boolean oneShot;
  private final Map<EndpointKey, EndpointSession> sessions = new ConcurrentHashMap<>();
  private final AemStats aemStats = new AemStats();
  /** Whether a network's AEMs reach the agent (the source's receivers); set with the AEM routing. */
  private LongFunction<CompletionStage<AemReception>> aemReception =
      network -> CompletableFuture.completedFuture(AemReception.RECEIVING);
  private Timers.Cancellable tick = Timers.Cancellable.NONE;
  private boolean stopped;
  private volatile boolean pollCycleDone;

  /** @param observer told of every session before it starts (telemetry subscribes to its streams) */
  public Fleet(Timers timers, AgentConfig config, ClientFactory clients, SessionObserver observer, long seed,
      boolean oneShot) {
    this.timers = Objects.requireNonNull(timers, "timers");
    this.config = Objects.requireNonNull(config, "config");
    this.scheduler = new BusScheduler(timers, config.bus());
    this.clients = Objects.requireNonNull(clients, "clients");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.seed = seed;
    this.oneShot = oneShot;
  }

  /** Starts the housekeeping tick. */
  public void start() {
    scheduleTick();
  }

  private void scheduleTick() {
    tick = timers.schedule(1_000_000_000L, () -> {
      if (stopped) {
        return;
      }
      scheduler.tick();
      if (!pollCycleDone) {
        pollCycleDone = sessions.values().stream().anyMatch(s -> s.snapshot().lastHealthNanos() != 0);
      }
      scheduleTick();
    });
  }

  /** Discovery reported an endpoint (new, or back after a removal). */
  @Override
  public void appeared(BusEndpoint key) {
    if (stopped) {
      return;
    }
    EndpointSession existing = sessions.get(key.key());
    if (existing != null && existing.state() != EndpointState.REMOVED) {
      return;
    }
    DriveClient client;
    try {
      client = clients.open(key);
    } catch (RuntimeException e) {
      LogFields.endpoint(key).log(LOG, Level.WARNING, () -> "cannot open endpoint " + key + ": " + e.getMessage(), e);
      return;
    }
    LongFunction<CompletionStage<AemReception>> reception = aemReception;
    EndpointSession s = new EndpointSession(key, client, timers, scheduler, config, seed, oneShot, aemStats,
        () -> reception.apply(key.network()));
    if (existing != null) {
      s.inheritIdentity(existing.snapshot().identity());
    }
    sessions.put(key.key(), s);
    observer.attached(s);
    s.start();
  }

  /**
   * Discovery reports an endpoint's connectivity (mctpd's {@code Connectivity}: {@code Degraded}
   * while it recovers the endpoint, then {@code Available} or removal).
   */
  @Override
  public void connectivity(EndpointKey key, boolean degraded) {
    EndpointSession s = sessions.get(key);
    if (s != null && s.state() != EndpointState.REMOVED) {
      s.connectivity(degraded);
    }
  }

  /** Discovery dropped an endpoint. */
  @Override
  public void vanished(EndpointKey key) {
    EndpointSession s = sessions.get(key);
    if (s != null) {
      s.remove();
    }
  }

  /** Every session (removed ones stay until the endpoint reappears). */
  /**
   * An unsolicited message (an AEM) from (network, eid), on the agent context: to its session, or
   * counted and dropped when no session manages that source.
   */
  public void unsolicited(long network, int eid, byte[] message) {
    EndpointSession s = sessions.get(new EndpointKey(network, eid));
    if (s == null || s.state() == EndpointState.REMOVED || stopped) {
      aemStats.dropped("unknown_source");
      return;
    }
    s.unsolicited(message);
  }

  /** Whether (network, eid) is an endpoint this fleet manages (any thread: the AEM reader's filter). */
  public boolean manages(long network, int eid) {
    EndpointSession s = sessions.get(new EndpointKey(network, eid));
    return s != null && s.state() != EndpointState.REMOVED;
  }

  /**
   * Where sessions learn whether their network's AEMs reach the agent
   * ({@link EndpointSource#aemReception}); sessions created later use it. Agent context.
   */
  public void aemReception(LongFunction<CompletionStage<AemReception>> reception) {
    this.aemReception = Objects.requireNonNull(reception, "reception");
  }

  /** The fleet's AEM counters. */
  public AemStats aemStats() {
    return aemStats;
  }

  /**
   * Graceful shutdown, before {@link #stop()}: disables the asynchronous events the agent enabled
   * on every drive; completes when every drive answered or failed.
   */
  public CompletionStage<Void> disableAsyncEvents() {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (EndpointSession s : sessions.values()) {
      all.add(s.disableAsyncEvents().toCompletableFuture());
    }
    return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
  }

  public Collection<EndpointSession> sessions() {
    return sessions.values();
  }

  public Map<String, BusScheduler.Lane> lanes() {
    return scheduler.lanes();
  }

  public BusScheduler scheduler() {
    return scheduler;
  }

  /** Whether at least one health poll has been answered since start (readiness). */
  public boolean pollCycleDone() {
    return pollCycleDone || sessions.values().stream().anyMatch(s -> s.snapshot().lastHealthNanos() != 0);
  }

  /** {@code once}: completes with every session's final snapshot. */
  public CompletionStage<List<DriveSnapshot>> onceResults() {
    List<CompletableFuture<DriveSnapshot>> all = new ArrayList<>();
    for (EndpointSession s : sessions.values()) {
      all.add(s.onceResult().toCompletableFuture());
    }
    return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
        .thenApply(v -> all.stream().map(CompletableFuture::join).toList());
  }

  /** Stops polling (shutdown): no new exchanges; in-flight ones finish on their own. */
  public void stop() {
    stopped = true;
    tick.cancel();
    scheduler.stop();
    for (EndpointSession s : sessions.values()) {
      s.stop();
    }
  }
}
