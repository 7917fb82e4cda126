package dev.nvmemi.agent.discovery;

import dev.nvmemi.mi.client.UnsolicitedListener;
import dev.nvmemi.transport.mctp.MctpAemReceiver;
import dev.nvmemi.transport.mctp.MctpBusLookup;
import dev.nvmemi.transport.mctp.MctpClock;
import dev.nvmemi.transport.mctp.MctpIo;
import dev.nvmemi.transport.mctp.jna.Errno;
import dev.nvmemi.transport.mctp.jna.ErrnoException;
import dev.nvmemi.transport.mctp.jna.JnaSocketOps;
import dev.nvmemi.transport.mctp.jna.SocketOps;
import java.util.function.BiPredicate;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.transport.discovery.BusEndpoint;
import dev.nvmemi.agent.time.Timers;
import dev.nvmemi.transport.discovery.BusId;
import dev.nvmemi.transport.discovery.Connectivity;
import dev.nvmemi.transport.discovery.DiscoveredEndpoint;
import dev.nvmemi.transport.discovery.DiscoveryException;
import dev.nvmemi.transport.discovery.DiscoverySource;
import dev.nvmemi.transport.discovery.EndpointEvent;
import dev.nvmemi.transport.discovery.EndpointKey;
import dev.nvmemi.transport.discovery.StaticDiscoverySource;
import dev.nvmemi.transport.discovery.StaticEndpoint;
import dev.nvmemi.transport.mctp.dbus.MctpdDiscovery;
import dev.nvmemi.transport.mctp.dbus.MctpdDiscoveryOptions;
import io.reactivex.rxjava3.disposables.Disposable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import dev.nvmemi.agent.log.LogFields;
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
 * <p>What mctpd says about an endpoint becomes what the session layer consumes: {@code appeared}
 * for a new endpoint; {@code connectivity(key, true)} when mctpd reports it {@code Degraded} (it is
 * recovering the endpoint) and {@code connectivity(key, false)} when it is {@code Available} again;
 * a changed UUID at the same (network, EID) is another endpoint, so the old one {@code vanished}
 * and the new one {@code appeared} (a different serial on its identify is a replacement); removal
 * is {@code vanished}. {@link Connectivity#UNKNOWN} (mctpd or the bus connection gone) changes
 * nothing: the kernel route may still work, and the endpoint vanishes after the grace period
 * unless mctpd publishes it again.
 *
 * <p>Readiness ({@link #connected()}) for mctpd is live: true only while mctpd is followed on the
 * bus. A service ({@link #forService}) starts without D-Bus or without mctpd: it is not ready, the
 * source retries with backoff, and {@link #problem()} names the address tried; {@code once}
 * ({@link #forConfig}) fails at start instead.
 *
 * <p>Events arrive on the verticle's context (the discovery source delivers there).
 */
public final class MctpDiscoverySource implements EndpointSource {
  private static final Logger LOG = Logger.getLogger(MctpDiscoverySource.class.getName());

  private final String name;
  private final Function<Context, DiscoverySource> factory;
  private final MctpBusLookup lookup = MctpBusLookup.kernel();
  private final boolean retryAtStart;
  /** The AEM receivers' syscalls (tests fake a failing bind). */
  private final SocketOps ops;
  /** Endpoints mctpd last reported {@code Degraded} (context-confined). */
  private final Set<EndpointKey> degraded = new HashSet<>();
  private DiscoverySource source;
  private Disposable subscription;
  private Vertx vertx;
  private volatile boolean connected;

  private MctpDiscoverySource(String name, Function<Context, DiscoverySource> factory, boolean retryAtStart) {
    this(name, factory, retryAtStart, JnaSocketOps.instance());
  }

  private MctpDiscoverySource(String name, Function<Context, DiscoverySource> factory, boolean retryAtStart,
      SocketOps ops) {
    this.name = name;
    this.factory = factory;
    this.retryAtStart = retryAtStart;
    this.ops = Objects.requireNonNull(ops, "ops");
  }

  /**
   * mctpd on the D-Bus at {@code discovery.dbus.address} (empty: the system bus); start fails when
   * the first connection does ({@code once}).
   */
  public static MctpDiscoverySource mctpd(AgentConfig config) {
    return mctpd(defaultOptions(config), false);
  }

  private static MctpdDiscoveryOptions defaultOptions(AgentConfig config) {
    return MctpdDiscoveryOptions.defaults(
        MctpdDiscoveryOptions.resolveBusAddress(config.discovery().dbusAddress(), System::getenv));
  }

  /**
   * mctpd with these options; with {@code retryAtStart} the start completes even when D-Bus or
   * mctpd is not there (not ready; retried with backoff), failing only for a permanent problem.
   */
  static MctpDiscoverySource mctpd(MctpdDiscoveryOptions options, boolean retryAtStart) {
    Objects.requireNonNull(options, "options");
    return new MctpDiscoverySource("mctpd", ctx -> new MctpdDiscovery(ctx, options), retryAtStart);
  }

  /** The static list of {@code discovery.static}. */
  public static MctpDiscoverySource fixed(AgentConfig config) {
    return fixed(config, JnaSocketOps.instance());
  }

  /** The static list, its AEM receivers over {@code ops} (tests). */
  static MctpDiscoverySource fixed(AgentConfig config, SocketOps ops) {
    List<StaticEndpoint> list = new ArrayList<>();
    for (AgentConfig.StaticEndpoint e : config.discovery().staticEndpoints()) {
      list.add(new StaticEndpoint(new dev.nvmemi.transport.discovery.EndpointKey(e.network(), e.eid()), e.bus()));
    }
    return new MctpDiscoverySource("static", ctx -> new StaticDiscoverySource(ctx, list), false, ops);
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
        LogFields.of("endpoint", e.network() + ":" + e.eid()).log(LOG, Level.WARNING,
            () -> "cannot open " + e.endpoint() + ": " + err.getMessage(), err);
      }
    },
        err -> {
          connected = false;
          LOG.log(Level.WARNING, name + " discovery failed: " + err.getMessage(), err);
        });
    // Complete once the endpoints known at start have appeared: each waits for its kernel route
    // lookup (a worker-pool round trip), and `once` must not decide "no endpoints" before that.
    io.vertx.core.Future<Void> first = source.start();
    if (retryAtStart) {
      first = first.recover(err -> {
        if (err instanceof DiscoveryException d && d.permanent()) {
          return io.vertx.core.Future.failedFuture(err);
        }
        LOG.warning(name + " discovery is not ready: " + err.getMessage() + "; retrying with backoff, /readyz"
            + " reports not ready until it is connected");
        return io.vertx.core.Future.succeededFuture();
      });
    }
    return first.onSuccess(v -> connected = true).toCompletionStage()
        .thenCompose(v -> CompletableFuture.allOf(pendingAppearances.toArray(CompletableFuture[]::new))
            .handle((x, err) -> (Void) null));
  }

  /** Appearances whose bus lookup is still running (event-loop confined). */
  private final List<CompletableFuture<Void>> pendingAppearances = new ArrayList<>();

  private void onEvent(EndpointEvent e, Timers timers, Listener listener) {
    if (e instanceof EndpointEvent.Vanished) {
      degraded.remove(e.key());
      listener.vanished(e.key());
      return;
    }
    if (e instanceof EndpointEvent.Changed c) {
      if (isReplacement(c)) {
        LOG.info(() -> name + ": " + c.key() + " changed UUID from " + c.previous().uuid() + " to "
            + c.endpoint().uuid() + ": another endpoint at the same address (a replacement)");
        degraded.remove(c.key());
        listener.vanished(c.key());
        appear(c.endpoint(), timers, listener);
      } else {
        connectivity(c.endpoint(), listener);
      }
      return;
    }
    appear(e.endpoint(), timers, listener);
  }

  /** Another UUID at the same (network, EID): mctpd re-enumerated another device there. */
  private static boolean isReplacement(EndpointEvent.Changed c) {
    String before = c.previous().uuid();
    String after = c.endpoint().uuid();
    return before != null && after != null && !before.equalsIgnoreCase(after);
  }

  /**
   * Passes a connectivity change on: {@code Degraded} and back to {@code Available}. Unknown (mctpd
   * or the bus gone) is no news about the endpoint itself.
   */
  private void connectivity(DiscoveredEndpoint d, Listener listener) {
    if (d.connectivity() == Connectivity.UNKNOWN) {
      return;
    }
    boolean isDegraded = d.connectivity() == Connectivity.DEGRADED;
    boolean changed = isDegraded ? degraded.add(d.key()) : degraded.remove(d.key());
    if (changed) {
      LOG.info(() -> name + ": " + d.key() + " connectivity " + d.connectivity().wireName());
      // an endpoint whose appearance is still pending gets it right after appeared (see appear)
      listener.connectivity(d.key(), isDegraded);
    }
  }

  private void appear(DiscoveredEndpoint d, Timers timers, Listener listener) {
    int network = (int) d.network();
    int eid = d.eid();
    if (d.connectivity() == Connectivity.DEGRADED) {
      degraded.add(d.key());
    }
    String known = d.bus();
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
      listener.appeared(new BusEndpoint(d.key(), lane));
      if (degraded.contains(d.key())) {
        listener.connectivity(d.key(), true);
      }
      pendingAppearances.remove(appeared);
      appeared.complete(null);
    }));
  }

  // AEMs ---------------------------------------------------------------------------------------

  private UnsolicitedListener aemListener;
  private BiPredicate<Long, Integer> aemKnown;
  private UnsolicitedDrops aemStats;
  private final Map<Integer, MctpAemReceiver> aemReceivers = new ConcurrentHashMap<>();
  private volatile MctpIo aemIo;

  /** The pipeline's AF_MCTP I/O: the AEM receivers use its syscall seam and clock. */
  @Override
  public void mctpIo(MctpIo mctpIo) {
    this.aemIo = Objects.requireNonNull(mctpIo, "io");
  }

  /** Each network's last bind attempt: pending, receiving, or failed with the reason (agent context). */
  private final Map<Integer, CompletableFuture<AemReception>> aemReception = new ConcurrentHashMap<>();

  /**
   * One {@link MctpAemReceiver} per MCTP network whose drives are about to get AEMs enabled (the
   * first {@link #aemReception} for it), bound (on a worker: socket calls never run on the event
   * loop) and read on its own thread. Whether a network's bind worked
   * is {@link #aemReception}: a network whose socket cannot be bound (EACCES: no
   * CAP_NET_BIND_SERVICE; EADDRINUSE: another process receives NVMe-MI requests there) gets no AEMs
   * enabled on its drives, and the bind is tried again when a drive there identifies next.
   */
  @Override
  public AutoCloseable unsolicited(UnsolicitedListener l, BiPredicate<Long, Integer> known, UnsolicitedDrops stats) {
    this.aemListener = Objects.requireNonNull(l, "listener");
    this.aemKnown = Objects.requireNonNull(known, "known");
    this.aemStats = Objects.requireNonNull(stats, "stats");
    return this::closeAemReceivers;
  }

  /**
   * The network's last bind: pending while it runs, else whether it worked. A failed bind is tried
   * again (on a worker) by this call, whose caller still gets the failure: the next caller sees
   * the new attempt, so a process that gave the socket up lets the next identify enable AEMs.
   */
  @Override
  public CompletionStage<AemReception> aemReception(long network) {
    if (aemListener == null || vertx == null) {
      return CompletableFuture.completedFuture(AemReception.failed("the AEM receiver is not started"));
    }
    int net = (int) network;
    // a bind started by this very call may already have failed (a worker that finished before its
    // result handler was added runs it at once): that failure is this call's answer, not a retry's cue
    boolean bindingNow = ensureAemReceiver(net);
    CompletableFuture<AemReception> last = aemReception.get(net);
    if (!bindingNow && last.isDone() && !last.join().receiving()) {
      bind(net, aemReceivers.get(net));
    }
    return last;
  }

  /** Creates and binds the network's receiver unless it exists; whether it started a bind now. */
  private boolean ensureAemReceiver(int network) {
    if (aemListener == null || vertx == null || aemReceivers.containsKey(network)) {
      return false;
    }
    // the pipeline's AF_MCTP I/O (its syscall seam and clock: simulated sockets in the bench and
    // wire tests, the kernel's in production); sockets given to this source itself (tests) win
    MctpIo through = aemIo;
    MctpAemReceiver r = through != null && ops == JnaSocketOps.instance()
        ? through.aemReceiver(network, (net, e) -> aemKnown.test((long) net, e), aemListener, 500)
        : new MctpAemReceiver(ops, MctpClock.SYSTEM, network, (net, e) -> aemKnown.test((long) net, e), aemListener, 500);
    aemReceivers.put(network, r);
    for (MctpAemReceiver.Drop d : MctpAemReceiver.Drop.values()) {
      aemStats.external(d.name().toLowerCase(java.util.Locale.ROOT), () -> r.dropped(d));
    }
    bind(network, r);
    return true;
  }

  /** Binds (again) on a worker; the result is handed back on this context. */
  private void bind(int network, MctpAemReceiver r) {
    CompletableFuture<AemReception> attempt = new CompletableFuture<>();
    CompletableFuture<AemReception> before = aemReception.put(network, attempt);
    vertx.executeBlocking(() -> {
      r.start(); // a failed open leaves the receiver unopened: it can be started again
      return null;
    }, false).onComplete(ar -> {
      if (ar.succeeded()) {
        LOG.info(() -> "receiving AEMs on MCTP network " + network);
        attempt.complete(AemReception.RECEIVING);
        return;
      }
      AemReception failed = AemReception.failed(bindFailure(ar.cause()));
      boolean news = before == null || !before.isDone() || !failed.equals(before.getNow(null));
      LOG.log(news ? Level.WARNING : Level.FINE, () -> "cannot receive AEMs on MCTP network " + network + ": "
          + failed.reason() + "; AEMs are not enabled on its drives, which are polled only");
      attempt.complete(failed);
    });
  }

  /** What a failed bind means, for {@code /status}: the errno's name and its likely cause. */
  static String bindFailure(Throwable t) {
    if (t instanceof ErrnoException e) {
      switch (e.errno()) {
        case Errno.EACCES:
        case Errno.EPERM:
          return Errno.name(e.errno()) + ": CAP_NET_BIND_SERVICE missing (see README, Asynchronous Event Messages)";
        case Errno.EADDRINUSE:
          return "EADDRINUSE: another process receives NVMe-MI requests on this MCTP network";
        case Errno.EAFNOSUPPORT:
          return "EAFNOSUPPORT: the kernel has no AF_MCTP";
        default:
          return e.getMessage();
      }
    }
    return String.valueOf(t.getMessage());
  }

  private void closeAemReceivers() {
    aemReceivers.values().forEach(MctpAemReceiver::close);
    aemReceivers.clear();
    aemReception.clear();
  }


  /** For mctpd: whether mctpd is followed on the bus right now; else whether the source started. */
  @Override
  public boolean connected() {
    DiscoverySource s = source;
    if (s instanceof MctpdDiscovery m) {
      return m.following().isPresent();
    }
    return connected;
  }

  /** Why the source is not connected (for mctpd: names the D-Bus address tried), or empty. */
  @Override
  public String problem() {
    DiscoverySource s = source;
    if (s instanceof MctpdDiscovery m) {
      return m.problem().orElse("");
    }
    return connected ? "" : name + " discovery is not connected";
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

  /** Picks the source of {@code discovery.mode}; an mctpd source fails at start without D-Bus ({@code once}). */
  public static EndpointSource forConfig(AgentConfig config) {
    return forConfig(config, false);
  }

  /**
   * Picks the source of {@code discovery.mode} for the long-running agent: an mctpd source starts
   * even without D-Bus or mctpd (not ready, retrying with backoff), so the process never exits for
   * it.
   */
  public static EndpointSource forService(AgentConfig config) {
    return forConfig(config, true);
  }

  private static EndpointSource forConfig(AgentConfig config, boolean service) {
    switch (config.discovery().mode()) {
      case SIMULATE:
        return SimulatedEndpointSource.fromConfig(config, null);
      case STATIC:
        return fixed(config);
      default:
        return mctpd(defaultOptions(config), service);
    }
  }
}
