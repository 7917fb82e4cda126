package dev.nvmemi.agent.cli;

import dev.nvmemi.transport.discovery.DiscoveredEndpoint;
import dev.nvmemi.transport.discovery.DiscoveryException;
import dev.nvmemi.transport.discovery.DiscoverySource;
import dev.nvmemi.transport.discovery.EndpointEvent;
import dev.nvmemi.transport.discovery.StaticDiscoverySource;
import dev.nvmemi.transport.discovery.StaticEndpoint;
import dev.nvmemi.transport.mctp.dbus.MctpdDiscovery;
import dev.nvmemi.transport.mctp.dbus.MctpdDiscoveryOptions;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nvme-mi-agent discover}: the MCTP endpoints that mctpd (and the static list) know.
 *
 * <p>Without {@code --watch}: prints the current endpoints as one JSON array, each
 * {@code {"network":1,"eid":9,"bus":…,"uuid":…,"connectivity":"available","source":"mctpd"}}
 * ({@code bus} and {@code uuid} only when known), and exits; exit status 1 when the bus cannot be
 * reached, 2 for bad options. With {@code --watch}: prints one JSON line per event,
 * {@code {"event":"appeared"|"changed"|"vanished", "network":…, …}}, starting with the current
 * endpoints as {@code appeared}, until interrupted; it keeps going when mctpd or the bus come and
 * go (bus problems are reported on stderr).
 *
 * <p>Runs on the main thread, which only waits; discovery runs on one Vert.x event loop (events,
 * printing) and its own "mctpd-dbus" thread (D-Bus calls).
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
    description = {"List the MCTP endpoints that mctpd knows (NVMe-MI capable only), as JSON.",
        "With --watch, print one JSON line per change until interrupted."})
public final class DiscoverCommand implements java.util.concurrent.Callable<Integer> {
  /** Exit status when discovery cannot run (bus unreachable, no machine id). */
  public static final int EXIT_UNAVAILABLE = 1;
  /** Environment variable for {@code discovery.static} (used when --static is absent). */
  public static final String STATIC_ENV = "NVME_MI_AGENT_DISCOVERY_STATIC";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  @Spec CommandSpec spec;

  @Option(names = "--dbus-address", paramLabel = "ADDRESS",
      description = "D-Bus address of the system bus (discovery.dbus.address; default: $"
          + MctpdDiscoveryOptions.ADDRESS_ENV + ", else $" + MctpdDiscoveryOptions.SYSTEM_BUS_ENV + ", else "
          + MctpdDiscoveryOptions.DEFAULT_ADDRESS + ").")
  String dbusAddress;

  @Option(names = "--static", paramLabel = "NET:EID[@BUS],...",
      description = "Also report these endpoints (source \"static\"), e.g. 1:9@mctpi2c3,1:10"
          + " (discovery.static; default: $" + STATIC_ENV + ").")
  String statics;

  @Option(names = "--no-mctpd", description = "Do not ask mctpd; report only --static endpoints.")
  boolean noMctpd;

  @Option(names = "--watch", description = "Print one JSON line per event until interrupted.")
  boolean watch;

  @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "" + MctpdDiscoveryOptions.DEFAULT_GRACE_SECONDS,
      description = "With --watch: how long endpoints stay \"unknown\" after mctpd or the bus went away "
          + "before they are reported vanished (default: ${DEFAULT-VALUE}).")
  long graceSeconds;

  /** The environment (tests replace it). */
  Function<String, String> env = System::getenv;

  /** The settings this command runs with, from its options and the environment (one place, see class doc). */
  record Settings(String busAddress, List<StaticEndpoint> statics, boolean mctpd, boolean watch, Duration grace) {}

  /**
   * Turns the options into settings.
   *
   * @throws IllegalArgumentException for a bad static list or grace
   */
  Settings settings() {
    List<StaticEndpoint> s = StaticEndpoint.parseList(statics != null ? statics : env.apply(STATIC_ENV));
    if (graceSeconds < 0) {
      throw new IllegalArgumentException("--grace " + graceSeconds + " (expected: seconds >= 0)");
    }
    if (noMctpd && s.isEmpty()) {
      throw new IllegalArgumentException("--no-mctpd without --static (expected: at least one net:eid)");
    }
    return new Settings(MctpdDiscoveryOptions.resolveBusAddress(dbusAddress, env), s, !noMctpd, watch,
        Duration.ofSeconds(graceSeconds));
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Settings settings;
    try {
      settings = settings();
    } catch (IllegalArgumentException e) {
      err.println("discover: " + e.getMessage());
      err.flush();
      return AgentMain.EXIT_USAGE;
    }
    Vertx vertx = Vertx.vertx();
    try {
      Context context = vertx.getOrCreateContext();
      List<DiscoverySource> sources = new ArrayList<>();
      MctpdDiscovery mctpd = null;
      if (settings.mctpd()) {
        mctpd = new MctpdDiscovery(context, MctpdDiscoveryOptions.defaults(settings.busAddress())
            .withGrace(settings.grace()));
        sources.add(mctpd);
      }
      if (!settings.statics().isEmpty()) {
        sources.add(new StaticDiscoverySource(context, settings.statics()));
      }
      try {
        return settings.watch() ? watch(sources, out, err) : once(sources, mctpd, out, err);
      } finally {
        for (DiscoverySource s : sources) {
          s.shutdown().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS);
        }
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS);
    }
  }

  private int once(List<DiscoverySource> sources, MctpdDiscovery mctpd, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    List<DiscoveredEndpoint> all = new ArrayList<>();
    for (DiscoverySource s : sources) {
      try {
        await(s.start());
        all.addAll(await(s.endpoints()));
      } catch (ExecutionException | TimeoutException e) {
        err.println("discover: " + reason(e));
        err.flush();
        return EXIT_UNAVAILABLE;
      }
    }
    if (mctpd != null && mctpd.following().isEmpty()) {
      err.println("discover: mctpd is not on the bus (neither au.com.codeconstruct.MCTP1 nor"
          + " xyz.openbmc_project.MCTP has an owner)");
      err.flush();
    }
    all.sort(Comparator.comparing(DiscoveredEndpoint::key).thenComparing(DiscoveredEndpoint::source));
    JsonArray array = new JsonArray();
    all.forEach(e -> array.add(toJson(e)));
    out.println(array.encodePrettily());
    out.flush();
    return 0;
  }

  private int watch(List<DiscoverySource> sources, PrintWriter out, PrintWriter err) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Flowable<EndpointEvent>> streams = new ArrayList<>();
    sources.forEach(s -> streams.add(s.events()));
    Disposable d = Flowable.merge(streams).subscribe(e -> {
      out.println(toJson(e).encode());
      out.flush();
    }, t -> {
      failure.set(t);
      done.countDown();
    }, done::countDown);
    try {
      for (DiscoverySource s : sources) {
        s.start().onFailure(t -> {
          // The source keeps retrying; a permanent problem (no machine id) ends the watch.
          err.println("discover: " + t.getMessage());
          err.flush();
          if (t instanceof DiscoveryException de && de.permanent()) {
            failure.set(t);
            done.countDown();
          }
        });
      }
      done.await();
      return failure.get() == null ? 0 : EXIT_UNAVAILABLE;
    } catch (InterruptedException e) {
      return 0; // interrupted: the normal end of a watch
    } finally {
      d.dispose();
    }
  }

  /** One endpoint as JSON: network, eid, bus and uuid when known, connectivity, source. */
  static JsonObject toJson(DiscoveredEndpoint e) {
    JsonObject o = new JsonObject().put("network", e.network()).put("eid", e.eid());
    if (e.bus() != null) {
      o.put("bus", e.bus());
    }
    if (e.uuid() != null) {
      o.put("uuid", e.uuid());
    }
    return o.put("connectivity", e.connectivity().wireName()).put("source", e.source());
  }

  /** One event as a JSON line: {@code {"event": kind, …endpoint}}; changes add {@code "previous"}. */
  static JsonObject toJson(EndpointEvent e) {
    JsonObject o = new JsonObject().put("event", e.kind());
    for (Map.Entry<String, Object> f : toJson(e.endpoint())) {
      o.put(f.getKey(), f.getValue());
    }
    if (e instanceof EndpointEvent.Changed c) {
      JsonObject prev = toJson(c.previous());
      prev.remove("network");
      prev.remove("eid");
      prev.remove("source");
      o.put("previous", prev);
    }
    return o;
  }

  private static <T> T await(Future<T> f) throws InterruptedException, ExecutionException, TimeoutException {
    return f.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static String reason(Exception e) {
    if (e instanceof TimeoutException) {
      return "no answer from the discovery source within " + START_TIMEOUT.toSeconds() + " s";
    }
    Throwable c = e.getCause() == null ? e : e.getCause();
    return c.getMessage();
  }
}
