package dev.nvmemi.simulator;

import dev.nvmemi.mi.client.MiTransport;
import dev.nvmemi.simulator.model.DriveHealth;
import dev.nvmemi.simulator.model.DriveIdentity;
import dev.nvmemi.simulator.model.OcpProfile;
import dev.nvmemi.simulator.model.SimulatedDrive;
import dev.nvmemi.simulator.responder.MctpControlResponder;
import dev.nvmemi.simulator.scenario.Scenario;
import dev.nvmemi.simulator.scenario.ScenarioEvent;
import dev.nvmemi.simulator.timing.Bus;
import dev.nvmemi.simulator.timing.BusTiming;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fleet of simulated NVMe drives behind MCTP: N drives generated from a seed, grouped onto buses,
 * driven by a scenario on a clock, reachable through the in-process transport. This is the
 * simulator's endpoint constructor, the counterpart of {@code MctpTransport.open(network, eid)}:
 * <pre>{@code
 * SimulatedFleet fleet = SimulatedFleet.builder().drives(8).seed(42).scenario(s).build();
 * MiTransport t = fleet.endpoint(1, fleet.endpoints().get(0).eid());
 * }</pre>
 *
 * <p>Drive {@code i} gets EID {@code firstEid + i} (or {@code eids[i]}) on network {@code network},
 * on bus {@code mctpi2c<i / drivesPerBus>}. EID 0 means "not yet assigned": such a drive answers
 * MCTP control Get Endpoint ID with 0 until a bus owner sends Set Endpoint ID (over the serial front
 * end), and is listed and reachable only from then on, at the assigned EID. Thread-safe; see
 * {@link SimulatedTransport} for which thread completes exchanges.
 */
public final class SimulatedFleet implements AutoCloseable {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(SimulatedFleet.class.getName());
  private final SimClock clock;
  private final boolean ownsClock;
  private final Scenario scenario;
  private final long seed;
  private final List<SimulatedEndpoint> endpoints;
  private final List<Bus> buses;
  private AemPump aemPump;

  private SimulatedFleet(Builder b) {
    this.ownsClock = b.clock == null;
    this.clock = b.clock != null ? b.clock : new SystemClock();
    this.scenario = b.scenario;
    this.seed = b.seed;
    List<MctpControlResponder> controls = b.controlResponders();
    FleetGenerator gen = new FleetGenerator(b.seed);
    List<Bus> busList = new ArrayList<>();
    List<SimulatedEndpoint> eps = new ArrayList<>();
    long start = clock.nanos();
    for (int i = 0; i < b.drives; i++) {
      int busIndex = i / b.drivesPerBus;
      if (busIndex == busList.size()) {
        busList.add(new Bus(b.busPrefix + busIndex, b.timing));
      }
      DriveIdentity id = i < b.identities.size() ? b.identities.get(i) : gen.identity(i);
      DriveHealth health = i < b.healths.size() ? b.healths.get(i) : gen.health(i);
      // A fixed identity without a fixed OCP profile is not one of the generated models: no OCP logs.
      OcpProfile ocp = i < b.ocps.size() ? b.ocps.get(i)
          : i < b.identities.size() ? OcpProfile.NONE : gen.ocp(i);
      long driveSeed = Builder.driveSeed(b.seed, i);
      SimulatedDrive drive = new SimulatedDrive(id, health, ocp, driveSeed, start);
      EndpointInfo info = new EndpointInfo(i, b.network, b.eid(i), busList.get(busIndex).name());
      eps.add(new SimulatedEndpoint(info, clock, drive, scenario.eventsFor(i), driveSeed, b.vpdWriteBudget,
          Math.max(64, Math.min(250, b.timing.mtu())), controls.get(i)));
    }
    warnUnmatched(scenario, b.drives);
    this.endpoints = Collections.unmodifiableList(eps);
    this.buses = Collections.unmodifiableList(busList);
  }

  /** Starts a fleet description. */
  public static Builder builder() {
    return new Builder();
  }

  /** The clock everything runs on. */
  public SimClock clock() {
    return clock;
  }

  /** The scenario in effect. */
  public Scenario scenario() {
    return scenario;
  }

  /** The seed the fleet was generated from. */
  public long seed() {
    return seed;
  }

  /**
   * Every endpoint that is present now, at its current EID (a removed endpoint is not listed while
   * it is gone, nor an endpoint still waiting for Set Endpoint ID: a bus owner would not publish it).
   */
  public List<EndpointInfo> endpoints() {
    List<EndpointInfo> out = new ArrayList<>();
    for (SimulatedEndpoint e : endpoints) {
      EndpointInfo info = e.info();
      if (!info.unassigned() && e.isPresent()) {
        out.add(info);
      }
    }
    return out;
  }

  /** Every endpoint, present or not. */
  public List<SimulatedEndpoint> allEndpoints() {
    return endpoints;
  }

  /** The buses, in order. */
  public List<Bus> buses() {
    return buses;
  }

  /** The simulated endpoint at (network, eid) by its current EID, if any (none for EID 0, unassigned). */
  public Optional<SimulatedEndpoint> find(int network, int eid) {
    if (eid == 0) {
      return Optional.empty();
    }
    for (SimulatedEndpoint e : endpoints) {
      EndpointInfo info = e.info();
      if (info.network() == network && info.eid() == eid) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * Opens an in-process transport to the endpoint at (network, eid).
   *
   * @throws IllegalArgumentException when no simulated endpoint has that address
   */
  public MiTransport endpoint(int network, int eid) {
    SimulatedEndpoint ep = find(network, eid).orElseThrow(() -> new IllegalArgumentException(
        "no simulated endpoint at net " + network + " eid " + eid + " (expected: one of " + addresses() + ")"));
    Bus bus = null;
    for (Bus b : buses) {
      if (b.name().equals(ep.info().bus())) {
        bus = b;
      }
    }
    return new SimulatedTransport(ep, Objects.requireNonNull(bus, "bus"), clock);
  }

  private String addresses() {
    List<String> a = new ArrayList<>();
    for (SimulatedEndpoint e : endpoints) {
      EndpointInfo info = e.info();
      a.add(info.network() + ":" + (info.unassigned() ? "unassigned" : info.eid()));
    }
    return a.toString();
  }

  /**
   * Sends every AEM of this fleet's endpoints to {@code listener} from now on (with the source's
   * network and current EID), the in-process counterpart of the AEM socket: the management
   * controller that enables events receives them. Replaces an earlier listener. Close the returned
   * handle (or the fleet) to stop. AEMs take no simulated bus time.
   */
  public AutoCloseable onUnsolicited(dev.nvmemi.mi.client.UnsolicitedListener listener) {
    AemPump pump = new AemPump(clock, endpoints, listener);
    synchronized (this) {
      if (aemPump != null) {
        aemPump.close();
      }
      aemPump = pump;
    }
    pump.start();
    return pump;
  }

  /**
   * Applies {@code s} from now on (a control stream's step, see the simulator README): its events'
   * times count from this moment on the fleet's clock instead of from the start. Thread-safe.
   */
  public void schedule(Scenario s) {
    long now = clock.nanos();
    warnUnmatched(s, endpoints.size());
    for (int i = 0; i < endpoints.size(); i++) {
      List<ScenarioEvent> shifted = new ArrayList<>();
      for (var e : s.eventsFor(i)) {
        shifted.add(new ScenarioEvent(e.at().plusNanos(now), e.drive(), e.action()));
      }
      if (!shifted.isEmpty()) {
        endpoints.get(i).schedule(shifted);
      }
    }
  }

  private static void warnUnmatched(Scenario scenario, int drives) {
    for (var e : scenario.events()) {
      if (e.drive() >= drives) {
        // Not an error: one scenario file may serve fleets of several sizes. Say so once per event.
        LOG.warning("scenario \"" + scenario.name() + "\": event at " + e.at() + " (" + e.action().kind()
            + ") is for drive " + e.drive() + " but the fleet has " + drives + " drive(s) (expected: 0 ~ "
            + (drives - 1) + "); it is ignored");
      }
    }
  }

  /** Stops the AEM pump and the clock's timer thread if the fleet created it. */
  @Override
  public void close() {
    synchronized (this) {
      if (aemPump != null) {
        aemPump.close();
      }
    }
    if (ownsClock && clock instanceof SystemClock s) {
      s.close();
    }
  }

  /** Describes a fleet; not thread-safe. */
  public static final class Builder {
    private int drives = 1;
    private long seed = 1;
    private Scenario scenario = Scenario.NONE;
    private SimClock clock;
    private BusTiming timing = BusTiming.NONE;
    private int drivesPerBus = 4;
    private int network = 1;
    private int firstEid = 0x10;
    private String busPrefix = "mctpi2c";
    private int vpdWriteBudget = 16;
    private int[] eids;
    private final List<DriveIdentity> identities = new ArrayList<>();
    private final List<DriveHealth> healths = new ArrayList<>();
    private final List<OcpProfile> ocps = new ArrayList<>();
    private List<MctpControlResponder> controls;
    private String controlsFor;

    private Builder() {
    }

    static long driveSeed(long fleetSeed, int index) {
      return fleetSeed * 31 + index;
    }

    int eid(int index) {
      return eids != null ? eids[index] : firstEid + index;
    }

    /**
     * The MCTP control responders of the drives this builder describes, one per drive in order, the
     * very ones {@link #build()} gives the endpoints (so an EID assigned before the build stays). They
     * are cheap: a serial front end answers MCTP control with them at once and builds the fleet
     * after. The drive count, EIDs and seed must not change afterwards.
     */
    public List<MctpControlResponder> controlResponders() {
      String key = describeAddressing();
      if (controls == null) {
        List<MctpControlResponder> list = new ArrayList<>(drives);
        for (int i = 0; i < drives; i++) {
          list.add(SimulatedEndpoint.controlResponder(eid(i), driveSeed(seed, i)));
        }
        controls = Collections.unmodifiableList(list);
        controlsFor = key;
      } else if (!key.equals(controlsFor)) {
        throw new IllegalStateException("drives, EIDs or seed changed after controlResponders(): " + key
            + " (expected: " + controlsFor + ")");
      }
      return controls;
    }

    private String describeAddressing() {
      return "drives " + drives + ", EIDs " + (eids != null ? java.util.Arrays.toString(eids) : "from " + firstEid)
          + ", seed " + seed;
    }

    /** Number of drives, 1..239 (default 1). */
    public Builder drives(int n) {
      if (n < 1 || n > 239) {
        throw new IllegalArgumentException("drives: " + n + " (expected: 1 ~ 239)");
      }
      this.drives = n;
      this.eids = null;
      return this;
    }

    /** Seed for identities, health, noise and fault draws (default 1). */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    public Builder scenario(Scenario s) {
      this.scenario = Objects.requireNonNull(s, "scenario");
      return this;
    }

    /** The clock (default: a new {@link SystemClock}, closed with the fleet). */
    public Builder clock(SimClock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** Bus timing (default {@link BusTiming#NONE}, zero latency). */
    public Builder busTiming(BusTiming t) {
      this.timing = Objects.requireNonNull(t, "timing");
      return this;
    }

    /** Drives that share one bus (default 4). */
    public Builder drivesPerBus(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("drivesPerBus: " + n + " (expected: >= 1)");
      }
      this.drivesPerBus = n;
      return this;
    }

    /** MCTP network ID (default 1). */
    public Builder network(int n) {
      this.network = n;
      return this;
    }

    /** EID of drive 0 (default 0x10). */
    public Builder firstEid(int eid) {
      this.firstEid = eid;
      return this;
    }

    /**
     * Gives the drives these EIDs, in order; sets the number of drives to {@code eids.length}. EID 0
     * (any number of times) leaves a drive unassigned until a bus owner's Set Endpoint ID.
     */
    public Builder eids(int... list) {
      if (list.length < 1 || list.length > 239) {
        throw new IllegalArgumentException("eids: " + list.length + " (expected: 1 ~ 239)");
      }
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (int e : list) {
        if (e != 0 && (e < 8 || e > 0xFE || !seen.add(e))) {
          throw new IllegalArgumentException("eid: " + e
              + " (expected: 0 for unassigned, or distinct values within 8 ~ 254)");
        }
      }
      this.eids = list.clone();
      this.drives = list.length;
      return this;
    }

    /** Bus name prefix (default {@code mctpi2c}). */
    public Builder busPrefix(String p) {
      this.busPrefix = Objects.requireNonNull(p, "busPrefix");
      return this;
    }

    /** VPD Write commands each endpoint accepts before status 20h (default 16). */
    public Builder vpdWriteBudget(int n) {
      this.vpdWriteBudget = n;
      return this;
    }

    /** Fixes the identity of the next drive (in order) instead of generating it. */
    public Builder identity(DriveIdentity id) {
      identities.add(Objects.requireNonNull(id, "identity"));
      return this;
    }

    /**
     * Fixes whether and how the next drive (in order) serves the OCP datacenter logs, instead of
     * the generated model's profile ({@link OcpProfile#NONE}: Invalid Log Page).
     */
    public Builder ocp(OcpProfile p) {
      ocps.add(Objects.requireNonNull(p, "ocp"));
      return this;
    }

    /** Fixes the starting health of the next drive (in order) instead of generating it. */
    public Builder health(DriveHealth h) {
      healths.add(Objects.requireNonNull(h, "health"));
      return this;
    }

    public SimulatedFleet build() {
      if (eids == null && (firstEid < 8 || firstEid + drives - 1 > 0xFE)) {
        throw new IllegalArgumentException("EIDs " + firstEid + ".." + (firstEid + drives - 1)
            + " (expected: within 8 ~ 254)");
      }
      return new SimulatedFleet(this);
    }
  }
}
