package dev.nvmemi.agent.discovery;

import dev.nvmemi.agent.poll.AemStats;
import dev.nvmemi.mi.client.UnsolicitedListener;
import dev.nvmemi.transport.mctp.MctpAemReceiver;
import dev.nvmemi.transport.mctp.MctpBusLookup;
import dev.nvmemi.transport.mctp.jna.JnaSocketOps;
import java.util.function.BiPredicate;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.transport.discovery.BusEndpoint;
import dev.nvmemi.agent.time.Timers;
import dev.nvmemi.transport.discovery.BusId;
import dev.nvmemi.transport.discovery.DiscoverySource;
import dev.nvmemi.transport.discovery.EndpointEvent;
import dev.nvmemi.transport.discovery.StaticDiscoverySource;
import dev.nvmemi.transport.discovery.StaticEndpoint;
import dev.nvmemi.transport.mctp.dbus.MctpdDiscovery;
import dev.nvmemi.transport.mctp.dbus.MctpdDiscoveryOptions;
import io.reactivex.rxjava3.disposables.Disposable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Real endpoints over AF_MCTP: a {@code dev.nvmemi.transport.discovery} source (mctpd over D-Bus,
 * or the static list) delivers endpoint events; each appeared endpoint is reported with its bus
 * ({@link BusId}): the one discovery gave ({@code net:eid@bus}), else the kernel's route
 * ({@link MctpBusLookup}, an rtnetlink read on a worker thread), else the network's fallback lane.
 * That bus names both the scheduler's lane and the transport's I/O lane. Transports are not built
 * here: the pipeline builds them from the configuration ({@code dev.nvmemi.agent.pipeline.MctpClients}).
 *
 * <p>Events arrive on the verticle's context (the discovery source delivers there).
 */
public final class MctpDiscoverySource implements EndpointSource {
  private static final Logger LOG = Logger.getLogger(MctpDiscoverySource.class.getName());

  private final String name;
  private final Function<Context, DiscoverySource> factory;
  private final MctpBusLookup lookup = MctpBusLookup.kernel();
  private DiscoverySource source;
  private Disposable subscription;
  private Vertx vertx;
  private volatile boolean connected;

  private MctpDiscoverySource(String name, Function<Context, DiscoverySource> factory) {
    this.name = name;
    this.factory = factory;
  }

  /** mctpd on the D-Bus at {@code discovery.dbus.address} (empty: the system bus). */
  public static MctpDiscoverySource mctpd(AgentConfig config) {
    String address = MctpdDiscoveryOptions.resolveBusAddress(config.discovery().dbusAddress(), System::getenv);
    return new MctpDiscoverySource("mctpd",
        ctx -> new MctpdDiscovery(ctx, MctpdDiscoveryOptions.defaults(address)));
  }

  /** The static list of {@code discovery.static}. */
  public static MctpDiscoverySource fixed(AgentConfig config) {
    List<StaticEndpoint> list = new ArrayList<>();
    for (AgentConfig.StaticEndpoint e : config.discovery().staticEndpoints()) {
      list.add(new StaticEndpoint(new dev.nvmemi.transport.discovery.EndpointKey(e.network(), e.eid()), e.bus()));
    }
    return new MctpDiscoverySource("static", ctx -> new StaticDiscoverySource(ctx, list));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CompletionStage<Void> start(Timers timers, Listener listener) {
    Context ctx = Vertx.currentContext();
    if (ctx == null) {
      return CompletableFuture.failedFuture(new IllegalStateException(
          "the " + name + " discovery source must be started on a Vert.x context (deploy the AgentVerticle)"));
    }
    vertx = ctx.owner();
    source = factory.apply(ctx);
    subscription = source.events().subscribe(e -> {
      try {
        onEvent(e, timers, listener);
      } catch (RuntimeException err) {
        // one endpoint that cannot be opened must not end discovery for the others
        LOG.log(Level.WARNING, "cannot open " + e.endpoint() + ": " + err.getMessage(), err);
      }
    },
        err -> {
          connected = false;
          LOG.log(Level.WARNING, name + " discovery failed: " + err.getMessage(), err);
        });
    // Complete once the endpoints known at start have appeared: each waits for its kernel route
    // lookup (a worker-pool round trip), and `once` must not decide "no endpoints" before that.
    return source.start().onSuccess(v -> connected = true).toCompletionStage()
        .thenCompose(v -> CompletableFuture.allOf(pendingAppearances.toArray(CompletableFuture[]::new))
            .handle((x, err) -> (Void) null));
  }

  /** Appearances whose bus lookup is still running (event-loop confined). */
  private final List<CompletableFuture<Void>> pendingAppearances = new ArrayList<>();

  private void onEvent(EndpointEvent e, Timers timers, Listener listener) {
    int network = (int) e.network();
    int eid = e.eid();
    if (e instanceof EndpointEvent.Vanished) {
      listener.vanished(e.endpoint().key());
      return;
    }
    if (!(e instanceof EndpointEvent.Appeared)) {
      return;
    }
    ensureAemReceiver(network);
    String known = e.endpoint().bus();
    CompletionStage<BusId> bus = known != null && !known.isBlank()
        ? CompletableFuture.completedFuture(BusId.of(known))
        : vertx.<BusId>executeBlocking(() -> lookup.resolve(network, eid), false).toCompletionStage();
    CompletableFuture<Void> appeared = new CompletableFuture<>();
    pendingAppearances.add(appeared);
    bus.whenComplete((b, err) -> timers.execute(() -> {
      BusId lane = b != null ? b : BusId.networkFallback(network); // MctpBusLookup's fallback lane
      if (err != null) {
        LOG.log(Level.FINE, () -> "no MCTP route for net " + network + " eid " + eid + "; scheduling on " + lane);
      }
      listener.appeared(new BusEndpoint(e.endpoint().key(), lane));
      pendingAppearances.remove(appeared);
      appeared.complete(null);
    }));
  }

  // AEMs ---------------------------------------------------------------------------------------

  private UnsolicitedListener aemListener;
  private BiPredicate<Long, Integer> aemKnown;
  private AemStats aemStats;
  private final Map<Integer, MctpAemReceiver> aemReceivers = new ConcurrentHashMap<>();

  /**
   * One {@link MctpAemReceiver} per MCTP network an endpoint appears on, bound (on a worker: socket
   * calls never run on the event loop) and read on its own thread. A network whose socket cannot be
   * bound (no CAP_NET_BIND_SERVICE; another process receives NVMe-MI requests there: EADDRINUSE) is
   * logged once; its drives fall back to polling when their acknowledgements are not needed because
   * no AEM ever arrives (the polls go on regardless).
   */
  @Override
  public AutoCloseable unsolicited(UnsolicitedListener l, BiPredicate<Long, Integer> known, AemStats stats) {
    this.aemListener = Objects.requireNonNull(l, "listener");
    this.aemKnown = Objects.requireNonNull(known, "known");
    this.aemStats = Objects.requireNonNull(stats, "stats");
    return this::closeAemReceivers;
  }

  private void ensureAemReceiver(int network) {
    if (aemListener == null || vertx == null || aemReceivers.containsKey(network)) {
      return;
    }
    MctpAemReceiver r = new MctpAemReceiver(JnaSocketOps.instance(), network, (net, e) -> aemKnown.test((long) net, e), aemListener, 500);
    aemReceivers.put(network, r);
    for (MctpAemReceiver.Drop d : MctpAemReceiver.Drop.values()) {
      aemStats.external(d.name().toLowerCase(java.util.Locale.ROOT), () -> r.dropped(d));
    }
    vertx.executeBlocking(() -> {
      r.start();
      return null;
    }).onFailure(e -> LOG.log(Level.WARNING, "cannot receive AEMs on MCTP network " + network + " (" + e.getMessage()
        + "); its drives are polled only", e));
  }

  private void closeAemReceivers() {
    aemReceivers.values().forEach(MctpAemReceiver::close);
    aemReceivers.clear();
  }


  @Override
  public boolean connected() {
    return connected;
  }

  @Override
  public void close() {
    connected = false;
    if (subscription != null) {
      subscription.dispose();
    }
    if (source != null) {
      source.shutdown();
    }
    closeAemReceivers();
  }

  /** Picks the source of {@code discovery.mode}. */
  public static EndpointSource forConfig(AgentConfig config) {
    switch (config.discovery().mode()) {
      case SIMULATE:
        return SimulatedEndpointSource.fromConfig(config, null);
      case STATIC:
        return fixed(config);
      default:
        return mctpd(config);
    }
  }
}
