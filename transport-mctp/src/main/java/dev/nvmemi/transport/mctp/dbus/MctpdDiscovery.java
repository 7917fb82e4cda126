package dev.nvmemi.transport.mctp.dbus;

import dev.nvmemi.transport.discovery.Connectivity;
import dev.nvmemi.transport.discovery.DiscoveredEndpoint;
import dev.nvmemi.transport.discovery.DiscoveryException;
import dev.nvmemi.transport.discovery.DiscoverySource;
import dev.nvmemi.transport.discovery.EndpointEvent;
import dev.nvmemi.transport.discovery.EndpointKey;
import dev.nvmemi.transport.discovery.EndpointTable;
import io.reactivex.rxjava3.core.Flowable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.IDisconnectCallback;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.matchrules.DBusMatchRuleBuilder;
import org.freedesktop.dbus.types.Variant;

/**
 * Follows mctpd on D-Bus and reports its NVMe-MI endpoints (spec mctp.md §3, §4).
 *
 * <p>What it does, in order, on every (re)connection: register match rules for
 * {@code InterfacesAdded}/{@code InterfacesRemoved} on the ObjectManager path, {@code PropertiesChanged}
 * under it, and {@code NameOwnerChanged} for both mctpd bus names; then ask the bus who owns
 * {@code au.com.codeconstruct.MCTP1} (else {@code xyz.openbmc_project.MCTP}, the v1 model); then
 * {@code GetManagedObjects} from that owner. Handlers first, scan second, and every later signal
 * applied as an idempotent upsert or delete keyed by path: the race-free order of mctpd's
 * {@code docs/endpoint-recovery.md}. Signals from any sender but the current owner are dropped.
 *
 * <p>Only objects with {@code xyz.openbmc_project.MCTP.Endpoint} whose SupportedMessageTypes contain
 * 4 count; local EIDs (types [0], or listed in {@code Network1.LocalEIDs}) and sd-bus's built-in
 * interfaces are ignored. Malformed objects are logged once and counted ({@link #malformedCount()}),
 * never fatal.
 *
 * <p>When mctpd leaves the bus, or the bus connection drops, its endpoints become
 * {@link Connectivity#UNKNOWN}; they vanish when the grace period ends unless mctpd publishes them
 * again (mctpd re-publishes remote endpoints only after whoever set them up does so again, §3.4).
 * mctpd coming back triggers a rescan. dbus-java does not reconnect by itself (§4.2), so a dropped
 * connection is rebuilt, handlers and all, with exponential backoff and jitter, then rescanned.
 *
 * <p>Threads: dbus-java's signal thread only hands signals to the "mctpd-dbus" thread (one per
 * source), which makes every D-Bus call and tracks the connection and the bus-name owners; it posts
 * immutable updates, in order, to the Vert.x context given at construction, which owns all
 * endpoint state and emits every event. Public methods may be called from any thread.
 */
public final class MctpdDiscovery implements DiscoverySource {
  /** The {@code source} value of this source's events. */
  public static final String NAME = "mctpd";

  private static final System.Logger LOG = System.getLogger(MctpdDiscovery.class.getName());
  private static final int CONNECT_TIMEOUT_MS = 1000;
  private static final String DBUS_NAME = "org.freedesktop.DBus";
  private static final String DBUS_PATH = "/org/freedesktop/DBus";
  private static final String PROPERTIES = "org.freedesktop.DBus.Properties";

  private final MctpdDiscoveryOptions options;
  private final Context context;
  private final EndpointTable table;
  private final ScheduledExecutorService dbusThread;
  private final DoubleSupplier random;
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong scans = new AtomicLong();
  private final Promise<Void> started = Promise.promise();

  // ---- confined to the "mctpd-dbus" thread ----
  private DBusConnection connection;
  private long epoch;
  private int failures;
  private boolean everConnected;
  private boolean startRequested;
  private boolean closing;
  private ScheduledFuture<?> reconnectTask;
  private final Map<MctpdObjectModel, String> owners = new EnumMap<>(MctpdObjectModel.class);
  private MctpdObjectModel active;
  private String activeOwner;
  private volatile MctpdObjectModel following;
  /** Why no mctpd is followed now (names the bus address), or null while one is. */
  private volatile String problem = "not started";

  // ---- confined to the Vert.x context ----
  private MctpdObjectModel model = MctpdObjectModel.V2;
  private final Map<String, Map<String, Map<String, Variant<?>>>> objects = new HashMap<>();
  private final Map<String, EndpointKey> pathKeys = new HashMap<>();
  private final Map<String, Set<String>> reported = new HashMap<>();
  private Map<Long, Set<Integer>> localEids = Map.of();
  private final Map<EndpointKey, Long> unknownBatchOf = new HashMap<>();
  private long unknownBatch;

  /** A source for the given options, delivering on {@code context} (an event-loop context). */
  public MctpdDiscovery(Context context, MctpdDiscoveryOptions options) {
    this(context, options, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** As above, with the random source for reconnect jitter (tests make it fixed). */
  MctpdDiscovery(Context context, MctpdDiscoveryOptions options, DoubleSupplier random) {
    this.context = Objects.requireNonNull(context, "context");
    this.options = Objects.requireNonNull(options, "options");
    this.random = random;
    this.table = new EndpointTable(context);
    ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "mctpd-dbus");
      t.setDaemon(true);
      return t;
    });
    ex.setRemoveOnCancelPolicy(true);
    this.dbusThread = ex;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Connects and scans. Completes (on the context) once the first scan has been applied, or once it
   * is known that no mctpd is on the bus; fails if the first connection attempt failed. After a
   * failure the source keeps retrying in the background, except for a permanent
   * {@link DiscoveryException} (no machine id), which ends it.
   */
  @Override
  public Future<Void> start() {
    dbusThread.execute(() -> {
      if (!startRequested && !closing) {
        startRequested = true;
        connect();
      }
    });
    return started.future();
  }

  @Override
  public Flowable<EndpointEvent> events() {
    return table.events();
  }

  @Override
  public Future<List<DiscoveredEndpoint>> endpoints() {
    Promise<List<DiscoveredEndpoint>> p = Promise.promise();
    context.runOnContext(v -> p.complete(table.current()));
    return p.future();
  }

  /**
   * The object model being followed, or empty while no mctpd is on the bus (or the bus is not
   * connected). Accurate once {@link #start()} has completed; any thread.
   */
  public java.util.Optional<MctpdObjectModel> following() {
    return java.util.Optional.ofNullable(following);
  }

  /**
   * Why no mctpd is being followed right now, naming the D-Bus address ("cannot follow mctpd on
   * D-Bus at unix:path=…: …", "mctpd is not on the bus at …"), or empty while one is; any thread.
   */
  public java.util.Optional<String> problem() {
    return following != null ? java.util.Optional.empty() : java.util.Optional.ofNullable(problem);
  }

  /** Distinct malformed objects and unusable optional properties seen so far (each logged once). */
  public long malformedCount() {
    return malformed.get();
  }

  /** Successful reconnections after a lost or failed connection. */
  public long reconnectCount() {
    return reconnects.get();
  }

  /** Completed {@code GetManagedObjects} scans. */
  public long scanCount() {
    return scans.get();
  }

  @Override
  public Future<Void> shutdown() {
    Promise<Void> p = Promise.promise();
    try {
      dbusThread.execute(() -> {
        closing = true;
        if (reconnectTask != null) {
          reconnectTask.cancel(false);
        }
        teardown();
        dbusThread.shutdown();
        context.runOnContext(v -> {
          started.tryFail(new DiscoveryException("mctpd discovery closed before its first scan", true, null));
          table.close();
          p.complete();
        });
      });
    } catch (java.util.concurrent.RejectedExecutionException alreadyClosed) {
      p.complete();
    }
    return p.future();
  }

  // =====================================================================================
  // "mctpd-dbus" thread: the connection, the owners, the calls
  // =====================================================================================

  private void connect() {
    if (closing) {
      return;
    }
    try {
      MachineId.locate();
    } catch (DiscoveryException e) {
      LOG.log(Level.ERROR, "mctpd discovery cannot start: " + e.getMessage());
      post(() -> started.tryFail(e));
      return;
    }
    long my = ++epoch;
    try {
      connection = DBusConnectionBuilder.forAddress(options.busAddress())
          .withShared(false)
          .withDisconnectCallback(new DisconnectCallback(my))
          // dbus-java retries a refused or missing socket every 500 ms for this long (default 10 s)
          // inside build(); our own backoff does the retrying, so fail fast.
          .transportConfig().withTimeout(CONNECT_TIMEOUT_MS).back()
          .build();
      for (MctpdObjectModel m : MctpdObjectModel.values()) {
        subscribe(my, m);
      }
      DBus bus = connection.getRemoteObject(DBUS_NAME, DBUS_PATH, DBus.class);
      owners.clear();
      for (MctpdObjectModel m : MctpdObjectModel.values()) {
        if (bus.NameHasOwner(m.busName())) {
          owners.put(m, bus.GetNameOwner(m.busName()));
        }
      }
      if (everConnected) {
        reconnects.incrementAndGet();
        LOG.log(Level.INFO, "reconnected to D-Bus at " + options.busAddress());
      }
      everConnected = true;
      failures = 0;
      active = null;
      activeOwner = null;
      followOwners();
      post(() -> started.tryComplete());
    } catch (DBusException | RuntimeException e) {
      String msg = "cannot follow mctpd on D-Bus at " + options.busAddress() + ": " + describe(e);
      LOG.log(Level.WARNING, msg + " (retrying with backoff)");
      problem = msg;
      teardown();
      post(() -> lost("D-Bus connection failed"));
      DiscoveryException failure = new DiscoveryException(msg, false, e);
      post(() -> started.tryFail(failure));
      scheduleReconnect();
    }
  }

  /**
   * Registers the four handlers for one object model. The rules are built with
   * {@code withType(SignalClass)}: besides setting interface and member, that teaches dbus-java
   * 5.2.2 which Java class a signal maps to. A rule built from strings alone registers fine, but its
   * signals are dropped unless dbus-java learned the class some other way (a proxy of the declaring
   * interface, or constructing the signal locally); nothing teaches it {@code NameOwnerChanged}
   * (verified against dbus-daemon 1.14; {@code SeparateProcessDiscoveryTest} guards it).
   */
  private void subscribe(long my, MctpdObjectModel m) throws DBusException {
    connection.addSigHandler(DBusMatchRuleBuilder.create().withType(ObjectManager.InterfacesAdded.class)
            .withPath(m.rootPath()).build(),
        (ObjectManager.InterfacesAdded s) -> onSignal(my, m, s.getSource(), () -> {
          String path = s.getSignalSource().getPath();
          Map<String, Map<String, Variant<?>>> ifaces = copy(s.getInterfaces());
          return () -> interfacesAdded(path, ifaces);
        }));
    connection.addSigHandler(DBusMatchRuleBuilder.create().withType(ObjectManager.InterfacesRemoved.class)
            .withPath(m.rootPath()).build(),
        (ObjectManager.InterfacesRemoved s) -> onSignal(my, m, s.getSource(), () -> {
          String path = s.getSignalSource().getPath();
          List<String> names = List.copyOf(s.getInterfaces());
          return () -> interfacesRemoved(path, names);
        }));
    connection.addSigHandler(DBusMatchRuleBuilder.create().withType(Properties.PropertiesChanged.class)
            .withPathNamespace(m.rootPath()).build(),
        (Properties.PropertiesChanged s) -> onSignal(my, m, s.getSource(), () -> {
          String path = s.getPath();
          String iface = s.getInterfaceName();
          Map<String, Variant<?>> changed = new LinkedHashMap<>(s.getPropertiesChanged());
          List<String> invalidated = List.copyOf(s.getPropertiesRemoved());
          return () -> propertiesChanged(path, iface, changed, invalidated);
        }));
    // arg0 keeps the system bus's other name changes away from us.
    connection.addSigHandler(DBusMatchRuleBuilder.create().withType(DBus.NameOwnerChanged.class)
            .withArg0123(0, m.busName()).build(),
        (DBus.NameOwnerChanged s) -> {
          String name = s.name;
          String newOwner = s.newOwner;
          executeQuietly(() -> ownerChanged(my, name, newOwner));
        });
  }

  /** Runs on dbus-java's signal thread: only reads the signal and hands over to the mctpd-dbus thread. */
  private void onSignal(long my, MctpdObjectModel m, String sender, SignalReader reader) {
    Runnable update;
    String unreadable;
    try {
      update = reader.read();
      unreadable = null;
    } catch (RuntimeException e) {
      // e.g. a body of the wrong D-Bus type: dbus-java builds the signal, the maps hold other types.
      update = null;
      unreadable = describe(e);
    }
    Runnable u = update;
    String problem = unreadable;
    executeQuietly(() -> {
      if (my != epoch || m != active || activeOwner == null || !activeOwner.equals(sender)) {
        return; // a stale connection, another model, or a sender that is not mctpd
      }
      if (problem != null) {
        malformed.incrementAndGet();
        LOG.log(Level.WARNING, "malformed signal from mctpd ignored: " + problem);
        return;
      }
      post(u);
    });
  }

  private void ownerChanged(long my, String name, String newOwner) {
    if (my != epoch || closing) {
      return;
    }
    for (MctpdObjectModel m : MctpdObjectModel.values()) {
      if (m.busName().equals(name)) {
        if (newOwner == null || newOwner.isEmpty()) {
          owners.remove(m);
          LOG.log(Level.INFO, name + " left the bus");
        } else {
          owners.put(m, newOwner);
          LOG.log(Level.INFO, name + " is now owned by " + newOwner);
        }
      }
    }
    try {
      followOwners();
    } catch (DBusException | RuntimeException e) {
      problem = "rescan of mctpd on D-Bus at " + options.busAddress() + " failed: " + describe(e)
          + " (reconnecting with backoff)";
      LOG.log(Level.WARNING, problem);
      teardown();
      post(() -> lost("rescan failed"));
      scheduleReconnect();
    }
  }

  /** Picks the model to follow (v2 before v1) and rescans when it or its owner changed. */
  private void followOwners() throws DBusException {
    MctpdObjectModel next = owners.containsKey(MctpdObjectModel.V2) ? MctpdObjectModel.V2
        : owners.containsKey(MctpdObjectModel.V1) ? MctpdObjectModel.V1 : null;
    String nextOwner = next == null ? null : owners.get(next);
    if (next == active && Objects.equals(nextOwner, activeOwner) && next != null) {
      return;
    }
    if (activeOwner != null || next == null) {
      // mctpd left, or was replaced by another process: what we knew is now unconfirmed.
      String why = next == null ? "mctpd is not on the bus" : "mctpd restarted";
      post(() -> lost(why));
    }
    active = next;
    activeOwner = nextOwner;
    problem = next == null ? "mctpd is not on the bus at " + options.busAddress()
        + " (expected: " + MctpdObjectModel.V2.busName() + " or " + MctpdObjectModel.V1.busName() + ")" : null;
    following = next;
    if (next != null) {
      scan();
    }
  }

  private void scan() throws DBusException {
    MctpdObjectModel m = active;
    ObjectManager om = connection.getRemoteObject(activeOwner, m.rootPath(), ObjectManager.class);
    Map<DBusPath, Map<String, Map<String, Variant<?>>>> reply = om.GetManagedObjects();
    Map<String, Map<String, Map<String, Variant<?>>>> snapshot = new HashMap<>();
    for (Map.Entry<DBusPath, Map<String, Map<String, Variant<?>>>> e : reply.entrySet()) {
      snapshot.put(e.getKey().getPath(), copy(e.getValue()));
    }
    scans.incrementAndGet();
    LOG.log(Level.DEBUG, () -> "GetManagedObjects from " + m.busName() + ": " + snapshot.size() + " objects");
    post(() -> applySnapshot(m, snapshot));
  }

  private void onDisconnected(long my, IOException cause) {
    if (my != epoch || closing || connection == null) {
      return;
    }
    problem = "D-Bus connection to " + options.busAddress() + " lost: "
        + (cause == null ? "closed" : describe(cause)) + " (reconnecting with backoff)";
    LOG.log(Level.WARNING, problem);
    teardown();
    post(() -> lost("D-Bus connection lost"));
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (closing) {
      return;
    }
    long delay = backoffMillis(failures, options, random.getAsDouble());
    failures++;
    LOG.log(Level.DEBUG, () -> "reconnect attempt " + failures + " in " + delay + " ms");
    reconnectTask = dbusThread.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  /**
   * The delay before reconnect attempt {@code failures + 1}: the initial delay doubled per failure,
   * capped, then spread by ±jitter ({@code random} in [0, 1): 0.5 means no spread).
   */
  static long backoffMillis(int failures, MctpdDiscoveryOptions o, double random) {
    long initial = o.reconnectInitial().toMillis();
    long max = o.reconnectMax().toMillis();
    long base = initial << Math.min(failures, 20);
    if (base <= 0 || base > max) {
      base = max;
    }
    double spread = o.jitter() * (2 * random - 1);
    return Math.max(1, Math.round(base * (1 + spread)));
  }

  private void teardown() {
    epoch++;
    following = null;
    active = null;
    activeOwner = null;
    owners.clear();
    DBusConnection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.disconnect();
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "ignored error while closing a D-Bus connection", e);
      }
    }
  }

  private void executeQuietly(Runnable r) {
    try {
      dbusThread.execute(r);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // shutting down: late signals are dropped
    }
  }

  private void post(Runnable onContext) {
    context.runOnContext(v -> onContext.run());
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /** Copies a dict-of-dicts out of dbus-java's objects (the maps are handed to another thread). */
  private static Map<String, Map<String, Variant<?>>> copy(Map<String, Map<String, Variant<?>>> in) {
    Map<String, Map<String, Variant<?>>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Variant<?>>> e : in.entrySet()) {
      out.put(e.getKey(), e.getValue() == null ? Map.of() : new LinkedHashMap<>(e.getValue()));
    }
    return out;
  }

  @FunctionalInterface
  private interface SignalReader {
    /** Reads the signal on dbus-java's thread; returns the update to apply on the context. */
    Runnable read();
  }

  private final class DisconnectCallback implements IDisconnectCallback {
    private final long my;

    DisconnectCallback(long my) {
      this.my = my;
    }

    @Override
    public void disconnectOnError(IOException e) {
      executeQuietly(() -> onDisconnected(my, e));
    }

    @Override
    public void exceptionOnTerminate(IOException e) {
      executeQuietly(() -> onDisconnected(my, e));
    }
  }

  // =====================================================================================
  // Vert.x context: objects, endpoints, grace
  // =====================================================================================

  private void applySnapshot(MctpdObjectModel m, Map<String, Map<String, Map<String, Variant<?>>>> snapshot) {
    model = m;
    objects.clear();
    objects.putAll(snapshot);
    reported.keySet().retainAll(snapshot.keySet());
    localEids = computeLocalEids();
    pathKeys.clear();
    Map<EndpointKey, DiscoveredEndpoint> found = new java.util.TreeMap<>();
    for (Map.Entry<String, Map<String, Map<String, Variant<?>>>> e : snapshot.entrySet()) {
      DiscoveredEndpoint d = evaluate(e.getKey(), e.getValue());
      if (d != null) {
        pathKeys.put(e.getKey(), d.key());
        found.put(d.key(), d);
      }
    }
    for (DiscoveredEndpoint d : found.values()) {
      unknownBatchOf.remove(d.key());
      table.upsert(d);
    }
    for (DiscoveredEndpoint d : table.current()) {
      if (!found.containsKey(d.key()) && d.connectivity() != Connectivity.UNKNOWN) {
        table.remove(d.key());
      }
    }
  }

  private void interfacesAdded(String path, Map<String, Map<String, Variant<?>>> ifaces) {
    objects.computeIfAbsent(path, p -> new LinkedHashMap<>()).putAll(ifaces);
    if (ifaces.containsKey(MctpdObjectModel.NETWORK1_INTERFACE)) {
      reevaluateAll();
    } else {
      reevaluate(path);
    }
  }

  private void interfacesRemoved(String path, List<String> names) {
    Map<String, Map<String, Variant<?>>> obj = objects.get(path);
    if (obj == null) {
      return;
    }
    names.forEach(obj::remove);
    obj.keySet().removeIf(MctpdDiscovery::isBuiltin);
    if (obj.isEmpty()) {
      objects.remove(path);
      reported.remove(path);
    }
    if (names.contains(MctpdObjectModel.NETWORK1_INTERFACE)) {
      reevaluateAll();
    } else {
      reevaluate(path);
    }
  }

  private void propertiesChanged(String path, String iface, Map<String, Variant<?>> changed, List<String> invalidated) {
    Map<String, Map<String, Variant<?>>> obj = objects.get(path);
    if (obj == null || !obj.containsKey(iface)) {
      LOG.log(Level.DEBUG, () -> "PropertiesChanged for unknown " + path + " " + iface + " ignored");
      return;
    }
    Map<String, Variant<?>> merged = new LinkedHashMap<>(obj.get(iface));
    merged.putAll(changed);
    invalidated.forEach(merged::remove);
    obj.put(iface, merged);
    reevaluate(path);
  }

  private void reevaluateAll() {
    localEids = computeLocalEids();
    for (String path : List.copyOf(objects.keySet())) {
      reevaluate(path);
    }
    for (String path : List.copyOf(pathKeys.keySet())) {
      if (!objects.containsKey(path)) {
        reevaluate(path);
      }
    }
  }

  private void reevaluate(String path) {
    EndpointKey old = pathKeys.remove(path);
    Map<String, Map<String, Variant<?>>> obj = objects.get(path);
    DiscoveredEndpoint d = obj == null ? null : evaluate(path, obj);
    if (old != null && (d == null || !old.equals(d.key())) && !pathKeys.containsValue(old)) {
      table.remove(old);
      unknownBatchOf.remove(old);
    }
    if (d != null) {
      pathKeys.put(path, d.key());
      unknownBatchOf.remove(d.key());
      table.upsert(d);
    }
  }

  /** The endpoint an object describes, or null; reports what is wrong with it once. */
  private DiscoveredEndpoint evaluate(String path, Map<String, Map<String, Variant<?>>> obj) {
    MctpdObjectParser.Result r;
    try {
      r = MctpdObjectParser.parse(model, path, obj, localEids);
    } catch (RuntimeException e) {
      r = new MctpdObjectParser.Malformed("unreadable: " + describe(e));
    }
    if (r instanceof MctpdObjectParser.Malformed bad) {
      report(path, bad.reason(), "ignored");
      return null;
    }
    if (r instanceof MctpdObjectParser.Endpoint ep) {
      for (String problem : ep.problems()) {
        report(path, problem, "endpoint kept");
      }
      return new DiscoveredEndpoint(ep.key(), null, ep.uuid(), ep.connectivity(), NAME);
    }
    return null;
  }

  private void report(String path, String problem, String consequence) {
    if (reported.computeIfAbsent(path, p -> new HashSet<>()).add(problem)) {
      malformed.incrementAndGet();
      LOG.log(Level.WARNING, "malformed mctpd object " + path + ": " + problem + " (" + consequence + ")");
    }
  }

  private Map<Long, Set<Integer>> computeLocalEids() {
    Map<Long, Set<Integer>> out = new HashMap<>();
    for (Map.Entry<String, Map<String, Map<String, Variant<?>>>> e : objects.entrySet()) {
      long net = MctpdObjectModel.parseNetworkPath(e.getKey());
      Set<Integer> eids = net < 0 ? null : MctpdObjectParser.localEids(e.getValue());
      if (eids != null) {
        out.put(net, eids);
      }
    }
    return out;
  }

  /** mctpd (or our view of it) is gone: endpoints become unknown until seen again or the grace ends. */
  private void lost(String why) {
    objects.clear();
    pathKeys.clear();
    reported.clear();
    localEids = Map.of();
    long batch = ++unknownBatch;
    List<EndpointKey> marked = new ArrayList<>();
    for (DiscoveredEndpoint d : table.current()) {
      if (d.connectivity() != Connectivity.UNKNOWN) {
        unknownBatchOf.put(d.key(), batch);
        marked.add(d.key());
        table.upsert(d.withConnectivity(Connectivity.UNKNOWN));
      }
    }
    if (marked.isEmpty()) {
      return;
    }
    LOG.log(Level.INFO, marked.size() + " mctpd endpoints unknown (" + why + "); they vanish after "
        + options.grace().toMillis() + " ms unless republished");
    long ms = options.grace().toMillis();
    if (ms <= 0) {
      expire(batch);
    } else {
      context.owner().setTimer(ms, id -> expire(batch));
    }
  }

  private void expire(long batch) {
    List<EndpointKey> due = new ArrayList<>();
    unknownBatchOf.forEach((k, b) -> {
      if (b == batch) {
        due.add(k);
      }
    });
    due.sort(null);
    for (EndpointKey k : due) {
      unknownBatchOf.remove(k);
      DiscoveredEndpoint d = table.get(k);
      if (d != null && d.connectivity() == Connectivity.UNKNOWN) {
        table.remove(k);
      }
    }
  }

  private static boolean isBuiltin(String iface) {
    return iface.equals("org.freedesktop.DBus.Peer") || iface.equals("org.freedesktop.DBus.Introspectable")
        || iface.equals(PROPERTIES);
  }
}
