package dev.nvmemi.agent;

import dev.nvmemi.agent.poll.UnsolicitedRouter;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.discovery.EndpointSource;
import dev.nvmemi.agent.http.SnapshotJson;
import dev.nvmemi.agent.http.StatusServer;
import dev.nvmemi.agent.http.StatusSource;
import dev.nvmemi.agent.poll.BusScheduler;
import dev.nvmemi.transport.discovery.BusEndpoint;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.EndpointState;
import dev.nvmemi.agent.poll.Fleet;
import dev.nvmemi.agent.telemetry.AgentTelemetry;
import dev.nvmemi.agent.time.Timers;
import dev.nvmemi.agent.time.VertxTimers;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The whole agent core as one Vert.x verticle (issue #7 item 1): discovery source → fleet of
 * endpoint sessions → bus scheduler → telemetry on the given {@link OpenTelemetry}, plus the
 * {@code /healthz}, {@code /readyz}, {@code /status} HTTP endpoints when {@code http.enabled}.
 * Any Vert.x application can deploy it with its own SDK; {@code run} is one host of it.
 *
 * <p>Everything runs on the verticle's event loop; transports complete on their own threads and
 * hand results back through the context. Undeploying stops polling; flushing the exporters is the
 * owner of the {@link OpenTelemetry} instance's job (the {@code run} command does it within 5 s).
 */
public final class AgentVerticle extends VerticleBase implements StatusSource {
  private static final Logger LOG = Logger.getLogger(AgentVerticle.class.getName());

  private final AgentConfig config;
  private final OpenTelemetry otel;
  private final EndpointSource source;
  private Timers timers;
  private Fleet fleet;
  private AgentTelemetry telemetry;
  private StatusServer server;
  private AutoCloseable aemRouting = () -> { };
  private volatile boolean started;

  public AgentVerticle(AgentConfig config, OpenTelemetry otel, EndpointSource source) {
    this.config = Objects.requireNonNull(config, "config");
    this.otel = Objects.requireNonNull(otel, "otel");
    this.source = Objects.requireNonNull(source, "source");
  }

  @Override
  public Future<?> start() {
    timers = new VertxTimers(vertx, context);
    telemetry = new AgentTelemetry(otel, timers, config.poll(), () -> fleet.sessions(), () -> fleet.lanes());
    fleet = new Fleet(timers, config, source.clients(), telemetry, config.simulate().seed(), false);
    telemetry.observeAem(fleet.aemStats());
    fleet.start();
    Future<?> http = Future.succeededFuture();
    if (config.http().enabled()) {
      server = new StatusServer(vertx, this);
      http = server.listen(config.http().host(), config.http().port());
    }
    aemRouting = UnsolicitedRouter.attach(config, source, fleet, timers);
    Future<Void> discovery = Future.fromCompletionStage(source.start(timers, fleet), context);
    return Future.all(http, discovery).onSuccess(v -> {
      started = true;
      LOG.info(() -> "nvme-mi-agent polling endpoints from " + source.name()
          + (server != null ? "; status on http://" + config.http().host() + ":" + server.port() + "/status" : ""));
    });
  }

  /** How long a graceful stop waits for the drives to answer the AEM disable. */
  static final long AEM_DISABLE_WAIT_MS = 3000;

  @Override
  public Future<?> stop() {
    if (fleet == null || !config.events().aem()) {
      return stopNow();
    }
    // graceful: give the AEM destination back (disable what we enabled) before the bus goes quiet
    return Future.fromCompletionStage(fleet.disableAsyncEvents(), context)
        .timeout(AEM_DISABLE_WAIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
        .otherwise((Void) null)
        .compose(v -> stopNow());
  }

  private Future<?> stopNow() {
    try {
      aemRouting.close();
    } catch (Exception e) {
      LOG.log(java.util.logging.Level.FINE, "stopping AEM routing", e);
    }
    if (fleet != null) {
      fleet.stop();
    }
    source.close();
    if (telemetry != null) {
      telemetry.close();
    }
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The fleet (tests, embedding applications); valid after start. */
  public Fleet fleet() {
    return fleet;
  }

  /** The bound HTTP port, or -1 when the server is disabled or not started. */
  public int httpPort() {
    return server == null ? -1 : server.port();
  }

  /** Readiness: discovery connected and at least one poll cycle done, or no endpoints at all. */
  @Override
  public boolean ready() {
    return started && source.connected()
        && (fleet.pollCycleDone() || fleet.sessions().stream().noneMatch(s -> s.snapshot().state()
            != EndpointState.REMOVED));
  }

  /** The {@code /status} document. */
  @Override
  public JsonObject status() {
    long now = timers.nanoTime();
    long epoch = timers.epochNanos();
    DriveSnapshot.Freshness freshness = AgentTelemetry.freshness(config.poll());
    JsonArray endpoints = new JsonArray();
    fleet.sessions().stream().map(EndpointSession::snapshot)
        .sorted(Comparator.comparingLong((DriveSnapshot s) -> s.key().network()).thenComparingInt(s -> s.key().eid()))
        .forEach(s -> endpoints.add(SnapshotJson.endpoint(s, now, epoch, freshness)));
    java.util.Map<String, Long> oldest = new java.util.HashMap<>();
    for (EndpointSession s : fleet.sessions()) {
      DriveSnapshot snap = s.snapshot();
      if (snap.state().reachable() && snap.lastHealthNanos() != 0) {
        oldest.merge(snap.key().bus().name(), snap.lastHealthNanos(), Math::min);
      }
    }
    JsonArray buses = new JsonArray();
    for (BusScheduler.Lane lane : fleet.lanes().values()) {
      Long o = oldest.get(lane.bus());
      buses.add(new JsonObject()
          .put("bus", lane.bus())
          .put("stalenessSeconds", o == null ? null : (now - o) / 1e9)
          .put("utilization", lane.utilization())
          .put("maxUtilization", lane.parameters().maxUtilization())
          .put("frequencyHz", lane.parameters().frequencyHz())
          .put("exchanges", lane.exchanges()));
    }
    return new JsonObject()
        .put("discovery", new JsonObject().put("source", source.name()).put("connected", source.connected()))
        .put("ready", ready())
        .put("endpoints", endpoints)
        .put("buses", buses);
  }
}
