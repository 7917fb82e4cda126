package dev.nvmemi.agent;


import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.discovery.EndpointSource;
import dev.nvmemi.agent.http.SnapshotJson;
import dev.nvmemi.agent.http.StatusServer;
import dev.nvmemi.agent.http.StatusSource;
import dev.nvmemi.agent.pipeline.AgentPipeline;
import dev.nvmemi.agent.poll.BusScheduler;
import dev.nvmemi.transport.discovery.BusEndpoint;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.EndpointState;
import dev.nvmemi.agent.poll.Fleet;
import dev.nvmemi.agent.telemetry.AgentTelemetry;
import dev.nvmemi.agent.time.Timers;
import dev.nvmemi.agent.time.VertxTimers;
import dev.nvmemi.transport.mctp.MctpIo;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The whole agent core as one Vert.x verticle (issue #7 item 1): the {@link AgentPipeline}
 * (discovery source → fleet of endpoint sessions → bus scheduler → endpoint clients) with
 * telemetry on the given {@link OpenTelemetry}, plus the
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
  private final MctpIo io;
  private AgentPipeline pipeline;
  private Timers timers;
  private Fleet fleet;
  private AgentTelemetry telemetry;
  private StatusServer server;
  private volatile boolean started;

  public AgentVerticle(AgentConfig config, OpenTelemetry otel, EndpointSource source) {
    this(config, otel, source, MctpIo.kernel());
  }

  /**
   * With the AF_MCTP I/O lanes to use ({@link MctpIo#kernel()}, or simulated sockets in tests and
   * benchmarks); they are closed when the verticle stops.
   */
  public AgentVerticle(AgentConfig config, OpenTelemetry otel, EndpointSource source, MctpIo io) {
    this.config = Objects.requireNonNull(config, "config");
    this.otel = Objects.requireNonNull(otel, "otel");
    this.source = Objects.requireNonNull(source, "source");
    this.io = Objects.requireNonNull(io, "io");
  }

  @Override
  public Future<?> start() {
    timers = new VertxTimers(vertx, context);
    pipeline = AgentPipeline.builder(config).timers(timers).source(source).mctpIo(io)
        .build(f -> telemetry = new AgentTelemetry(otel, timers, config.poll(), config.ocp(),
            // an exporter may collect while the pipeline is still being built: nothing to report yet
            () -> f.get() == null ? java.util.List.of() : f.get().sessions(),
            () -> f.get() == null ? java.util.Map.of() : f.get().lanes(), config.telemetry().commandDurationPerDrive()));
    fleet = pipeline.fleet();
    telemetry.observeAem(fleet.aemStats());
    Future<?> http = Future.succeededFuture();
    if (config.http().enabled()) {
      server = new StatusServer(vertx, this);
      http = server.listen(config.http().host(), config.http().port());
    }
    Future<Void> discovery = Future.fromCompletionStage(pipeline.start(), context);
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
    if (pipeline != null) {
      pipeline.close(); // AEM routing, polling, source, clients (sockets)
    } else {
      source.close();
    }
    if (telemetry != null) {
      telemetry.close();
    }
    io.close();
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

  private JsonObject discoveryStatus() {
    JsonObject d = new JsonObject().put("source", source.name()).put("connected", source.connected());
    String problem = source.connected() ? "" : source.problem();
    return problem.isEmpty() ? d : d.put("problem", problem);
  }

  /** The {@code /status} document. */
  @Override
  public JsonObject status() {
    long now = timers.nanoTime();
    long epoch = timers.epochNanos();
    DriveSnapshot.Freshness freshness = AgentTelemetry.freshness(config.poll(), config.ocp());
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
        .put("discovery", discoveryStatus())
        .put("ready", ready())
        .put("endpoints", endpoints)
        .put("buses", buses);
  }
}
