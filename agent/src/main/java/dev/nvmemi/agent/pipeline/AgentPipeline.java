package dev.nvmemi.agent.pipeline;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.discovery.ClientFactory;
import dev.nvmemi.agent.discovery.EndpointSource;
import dev.nvmemi.agent.discovery.MctpDiscoverySource;
import dev.nvmemi.agent.drive.DriveClient;
import dev.nvmemi.agent.poll.Fleet;
import dev.nvmemi.agent.poll.SessionObserver;
import dev.nvmemi.agent.poll.UnsolicitedRouter;
import dev.nvmemi.agent.time.Timers;
import dev.nvmemi.transport.mctp.MctpIo;
import dev.nvmemi.transport.discovery.EndpointKey;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's pipeline, built in one place: discovery source (and its unsolicited AEM routing,
 * {@link UnsolicitedRouter}) → {@link Fleet} (endpoint sessions)
 * → {@link dev.nvmemi.agent.poll.BusScheduler} (the one admission point) → endpoint clients
 * (AF_MCTP through {@link MctpClients}, or the source's in-process clients) → the
 * {@link SessionObserver} (telemetry). {@code run} (through the AgentVerticle), {@code once}, the
 * bench harness and the tests build it with {@link #builder(AgentConfig)}.
 *
 * <p>Built, started and stopped on the agent context ({@link Timers}).
 */
public final class AgentPipeline implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AgentPipeline.class.getName());
  private final EndpointSource source;
  private final Fleet fleet;
  private final MctpIo io;
  private final boolean ownsIo;
  private final Timers timers;
  private final AgentConfig config;
  private AutoCloseable aemRouting = () -> { };
  private boolean closed;

  private final Map<EndpointKey, DriveClient> clients;

  private AgentPipeline(Builder b, Fleet fleet, Map<EndpointKey, DriveClient> clients) {
    this.clients = clients;
    this.source = b.source;
    this.fleet = fleet;
    this.io = b.io;
    this.ownsIo = b.ownsIo;
    this.timers = b.timers;
    this.config = b.config;
  }

  /** A builder over {@code config}. */
  public static Builder builder(AgentConfig config) {
    return new Builder(config);
  }

  /**
   * Starts the fleet's housekeeping and the discovery source; the stage completes when the source
   * has delivered its initial endpoints (or fails when it cannot connect).
   */
  public CompletionStage<Void> start() {
    fleet.start();
    aemRouting = UnsolicitedRouter.attach(config, source, fleet, timers);
    return source.start(timers, fleet);
  }

  public Fleet fleet() {
    return fleet;
  }

  public EndpointSource source() {
    return source;
  }

  /** The AF_MCTP I/O lanes (thread counts for diagnostics and benchmarks); empty for in-process endpoints. */
  public Optional<MctpIo> io() {
    return Optional.ofNullable(io);
  }

  /** Stops polling, closes the source, its endpoints' clients and the I/O lanes it owns. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      aemRouting.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "stopping AEM routing", e);
    }
    fleet.stop();
    source.close();
    clients.values().forEach(DriveClient::close); // exchanges in flight fail with CLOSED; sockets are released
    if (ownsIo && io != null) {
      io.close();
    }
  }

  /** Builds an {@link AgentPipeline}; not thread-safe. */
  public static final class Builder {
    private final AgentConfig config;
    private Timers timers;
    private EndpointSource source;
    private SessionObserver listener = SessionObserver.NONE;
    private boolean oneShot;
    private MctpIo io;
    private boolean ownsIo;
    private ClientFactory clients;
    private Long seed;

    private Builder(AgentConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The agent context's timers (required). */
    public Builder timers(Timers t) {
      this.timers = Objects.requireNonNull(t, "timers");
      return this;
    }

    /** The discovery source; default: the one {@code discovery.mode} names. */
    public Builder source(EndpointSource s) {
      this.source = Objects.requireNonNull(s, "source");
      return this;
    }

    /** Who hears about sessions (telemetry); default none. */
    public Builder listener(SessionObserver l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /** {@code once}: identify and poll every endpoint once. */
    public Builder oneShot(boolean o) {
      this.oneShot = o;
      return this;
    }

    /**
     * The AF_MCTP I/O lanes and their syscall seam (tests and benchmarks pass simulated sockets);
     * default: the kernel's, owned and closed by the pipeline.
     */
    public Builder mctpIo(MctpIo i) {
      this.io = Objects.requireNonNull(i, "io");
      return this;
    }

    /**
     * The endpoint clients; default: the source's in-process clients, else AF_MCTP through
     * {@link MctpClients} (tests wrap the simulator's transports to record what goes out).
     */
    public Builder clients(ClientFactory c) {
      this.clients = Objects.requireNonNull(c, "clients");
      return this;
    }

    /** Seed of the poll-plan jitter; default {@code simulate.seed}. */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /**
     * Builds with a listener that reads the fleet (telemetry reads its sessions and lanes): it gets
     * a supplier of the fleet, valid once built.
     */
    public AgentPipeline build(Function<Supplier<Fleet>, SessionObserver> listenerOfFleet) {
      Fleet[] holder = new Fleet[1];
      return build(listenerOfFleet.apply(() -> holder[0]), holder);
    }

    public AgentPipeline build() {
      return build(listener, new Fleet[1]);
    }

    private AgentPipeline build(SessionObserver l, Fleet[] holder) {
      Objects.requireNonNull(timers, "timers (the agent context) must be set");
      if (source == null) {
        source = MctpDiscoverySource.forConfig(config);
      }
      Optional<ClientFactory> given = clients != null ? Optional.of(clients) : source.inProcessClients();
      if (io == null && given.isEmpty()) {
        io = MctpIo.kernel();
        ownsIo = true;
      }
      if (io != null) {
        source.mctpIo(io); // the source's own sockets (AEM receivers) on the same seam
      }
      ClientFactory base = given.orElseGet(() -> new MctpClients(config.poll(), io));
      // the current client of each endpoint (a removed endpoint's session closed its own)
      Map<EndpointKey, DriveClient> opened = new ConcurrentHashMap<>();
      ClientFactory tracked = at -> {
        DriveClient c = base.open(at);
        opened.put(at.key(), c);
        return c;
      };
      Fleet fleet = new Fleet(timers, config, tracked, l, seed != null ? seed : config.simulate().seed(), oneShot);
      holder[0] = fleet;
      return new AgentPipeline(this, fleet, opened);
    }
  }
}
