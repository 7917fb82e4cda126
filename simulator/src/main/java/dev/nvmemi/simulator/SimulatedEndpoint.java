package dev.nvmemi.simulator;

import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.internal.Mic;
import dev.nvmemi.simulator.model.SimulatedDrive;
import dev.nvmemi.simulator.responder.MctpControlResponder;
import dev.nvmemi.simulator.responder.MiResponder;
import dev.nvmemi.simulator.scenario.Fault;
import dev.nvmemi.simulator.scenario.ScenarioEvent;
import dev.nvmemi.simulator.scenario.StateChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One simulated drive's management endpoint: the drive model, the NVMe-MI and MCTP control
 * responders, this drive's scenario events and the fault engine that bends the responder's
 * answers (no answer, slow, More Processing Required, corrupted MIC, truncated, wrong CSI,
 * removed, error status).
 *
 * <p>Scenario events are applied lazily, in time order, whenever the endpoint is used or asked
 * about, so the state depends only on the clock readings at which it is used, never on thread
 * timing. Rates (MIC corruption, truncation) draw from a random generator seeded per endpoint, and
 * only while the fault is active, so the same seed, scenario and request sequence give the same
 * bytes.
 *
 * <p>Thread-safe: every public method holds the endpoint's lock (no I/O, no blocking inside).
 */
public final class SimulatedEndpoint {
  private static final Logger LOG = Logger.getLogger(SimulatedEndpoint.class.getName());

  private final EndpointInfo info;
  private final SimClock clock;
  private final SimulatedDrive drive;
  private final MiResponder responder;
  private final MctpControlResponder control;
  /** Scenario events in time order: the file's, then any added at run time ({@link #schedule}). */
  private final ArrayList<ScenarioEvent> events;
  private final SplittableRandom random;
  private int nextEvent;

  private long unresponsiveUntil = Long.MIN_VALUE;
  private long slowUntil = Long.MIN_VALUE;
  private long slowDelay;
  private long corruptUntil = Long.MIN_VALUE;
  private double corruptRate;
  private long truncateUntil = Long.MIN_VALUE;
  private double truncateRate;
  private int truncateKeep;
  private long removedUntil = Long.MIN_VALUE;
  private long aemAckLostUntil = Long.MIN_VALUE;
  private int mprLeft;
  private int mprt;
  private int wrongCsiLeft;
  /** Error-status faults in force (or expired, dropped when seen), oldest first. */
  private final ArrayList<ActiveError> errorStatuses = new ArrayList<>();
  private long exchanges;

  private record ActiveError(Fault.ErrorStatus fault, long until) {}

  SimulatedEndpoint(EndpointInfo info, SimClock clock, SimulatedDrive drive, List<ScenarioEvent> events, long seed,
      int vpdWriteBudget, int transmissionUnit, MctpControlResponder control) {
    this.info = Objects.requireNonNull(info, "info");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.drive = Objects.requireNonNull(drive, "drive");
    this.responder = new MiResponder(drive, vpdWriteBudget, transmissionUnit);
    this.control = Objects.requireNonNull(control, "control");
    this.events = new ArrayList<>(events);
    this.random = new SplittableRandom(seed);
  }

  /**
   * The MCTP control responder of the drive with this per-drive seed: it starts at {@code eid} (0 =
   * unassigned) and has a UUID derived from the seed. Cheap, so a front end can answer MCTP control
   * before the rest of the endpoint is built.
   */
  static MctpControlResponder controlResponder(int eid, long driveSeed) {
    return new MctpControlResponder(eid, uuidFor(driveSeed));
  }

  private static byte[] uuidFor(long seed) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 7);
    byte[] u = new byte[16];
    for (int i = 0; i < 16; i++) {
      u[i] = (byte) r.nextInt(256);
    }
    u[6] = (byte) ((u[6] & 0x0F) | 0x40);
    u[8] = (byte) ((u[8] & 0x3F) | 0x80);
    return u;
  }

  /** Where this endpoint sits (network, current EID, bus); the EID changes with Set Endpoint ID. */
  public synchronized EndpointInfo info() {
    int eid = control.eid();
    return eid == info.eid() ? info : new EndpointInfo(info.index(), info.network(), eid, info.bus());
  }

  /**
   * The MCTP control responder; it may have answered (and been assigned an EID) before this
   * endpoint was built.
   */
  public MctpControlResponder controlResponder() {
    return control;
  }

  /**
   * The outcome of one request.
   *
   * @param response the final response, or null for no answer
   * @param interim a More Processing Required interim response sent first, or null
   * @param mprDelayNanos time between the interim and the final response
   * @param extraDelayNanos additional delay of the answer (slow fault)
   * @param removed true when the endpoint is gone (the exchange fails as unreachable)
   */
  public record Reply(byte[] response, byte[] interim, long mprDelayNanos, long extraDelayNanos, boolean removed) {
    static final Reply NO_ANSWER = new Reply(null, null, 0, 0, false);
    static final Reply REMOVED = new Reply(null, null, 0, 0, true);
  }

  /**
   * Adds scenario events at run time (a control stream, see {@link SimulatedFleet#schedule}). Each
   * applies at its {@code at} on this endpoint's clock, lazily like a scenario file's events; one
   * whose time has passed applies now. Events due before this call are applied first, so the new
   * ones never reorder what has already happened; among the pending ones, time order (stable).
   */
  public synchronized void schedule(List<ScenarioEvent> more) {
    long now = clock.nanos();
    sync(now);
    List<ScenarioEvent> pending = new ArrayList<>(events.subList(nextEvent, events.size()));
    for (ScenarioEvent e : more) {
      pending.add(e.at().toNanos() >= now ? e : new ScenarioEvent(Duration.ofNanos(now), e.drive(), e.action()));
    }
    pending.sort(Comparator.comparing(ScenarioEvent::at));
    events.subList(nextEvent, events.size()).clear();
    events.addAll(pending);
  }

  /** Applies every scenario event due by {@code now}. Caller holds the lock. */
  private void sync(long now) {
    while (nextEvent < events.size()) {
      ScenarioEvent e = events.get(nextEvent);
      long at = e.at().toNanos();
      if (at > now) {
        break;
      }
      nextEvent++;
      responder.aem().setNow(at);
      if (e.action() instanceof StateChange c) {
        drive.apply(at, c);
        if (c instanceof StateChange.Replace) {
          responder.resetEndpointState();
        }
      } else {
        activate(at, (Fault) e.action());
      }
      if (LOG.isLoggable(Level.FINE)) {
        LOG.fine(info().describe() + ": scenario event at " + e.at() + ": " + e.action());
      }
    }
    responder.aem().setNow(now);
    drive.advanceTo(now);
  }

  private void activate(long at, Fault f) {
    if (f instanceof Fault.Unresponsive u) {
      unresponsiveUntil = at + u.duration().toNanos();
    } else if (f instanceof Fault.Slow s) {
      slowUntil = at + s.duration().toNanos();
      slowDelay = s.delay().toNanos();
    } else if (f instanceof Fault.MoreProcessingRequired m) {
      mprLeft = m.exchanges();
      mprt = m.mprt();
    } else if (f instanceof Fault.CorruptMic c) {
      corruptUntil = at + c.duration().toNanos();
      corruptRate = c.rate();
    } else if (f instanceof Fault.Truncate t) {
      truncateUntil = at + t.duration().toNanos();
      truncateRate = t.rate();
      truncateKeep = t.keepBytes();
    } else if (f instanceof Fault.WrongCsi w) {
      wrongCsiLeft = w.exchanges();
    } else if (f instanceof Fault.Removed r) {
      removedUntil = r.duration().isZero() ? Long.MAX_VALUE : at + r.duration().toNanos();
    } else if (f instanceof Fault.AemAckLost a) {
      aemAckLostUntil = a.duration().isZero() ? Long.MAX_VALUE : at + a.duration().toNanos();
    } else if (f instanceof Fault.ErrorStatus e) {
      errorStatuses.add(new ActiveError(e, e.duration().isZero() ? Long.MAX_VALUE : at + e.duration().toNanos()));
    }
  }

  /** The status the latest error-status fault in force answers {@code request} with, or 0. */
  private int errorStatusFor(byte[] request, long now) {
    if (errorStatuses.isEmpty()) {
      return 0;
    }
    errorStatuses.removeIf(a -> now >= a.until());
    for (int i = errorStatuses.size() - 1; i >= 0; i--) {
      Fault.ErrorStatus f = errorStatuses.get(i).fault();
      if (f.command().matches(request)) {
        if (LOG.isLoggable(Level.FINE)) {
          LOG.fine(info().describe() + ": answering " + f.command().name() + " with status "
              + MiStatus.valueOf(f.status()) + " (error_status fault)");
        }
        return f.status();
      }
    }
    return 0;
  }

  /**
   * Whether an {@code error_status} fault in force now answers {@code request} (a whole NVMe-MI
   * message, type byte first) with an error status (ground truth for tests: which reads fail).
   */
  public synchronized boolean failsWithErrorStatus(byte[] request) {
    long now = clock.nanos();
    sync(now);
    return errorStatusFor(request, now) != 0;
  }

  /**
   * Whether the endpoint answers now: no {@code removed} and no {@code unresponsive} fault active
   * (ground truth for tests; answers may still be corrupted, slow or error statuses).
   */
  public synchronized boolean answers() {
    long now = clock.nanos();
    sync(now);
    return now >= removedUntil && now >= unresponsiveUntil;
  }

  /** True unless a {@code removed} fault is active now. */
  public synchronized boolean isPresent() {
    long now = clock.nanos();
    sync(now);
    return now >= removedUntil;
  }

  /**
   * Processes one NVMe-MI request at the current clock time.
   *
   * @param request the complete message (0x84 … MIC)
   */
  public synchronized Reply process(byte[] request) {
    long now = clock.nanos();
    sync(now);
    exchanges++;
    if (now < removedUntil) {
      return Reply.REMOVED;
    }
    if (now < unresponsiveUntil) {
      return Reply.NO_ANSWER;
    }
    if (now < aemAckLostUntil && MiResponder.isAemAcknowledgement(request)) {
      return Reply.NO_ANSWER; // lost on the way: neither processed nor answered
    }
    byte[] response = responder.respond(request, now, errorStatusFor(request, now));
    if (response == null) {
      return Reply.NO_ANSWER;
    }
    byte[] interim = null;
    long mprDelay = 0;
    if (mprLeft > 0 && MiResponder.mprAllowed(request)) {
      mprLeft--;
      interim = new byte[12];
      System.arraycopy(response, 0, interim, 0, 4);
      interim[4] = 0x01;
      interim[6] = (byte) mprt;
      interim[7] = (byte) (mprt >>> 8);
      Mic.seal(interim);
      mprDelay = mprt * 100_000_000L;
    }
    if (wrongCsiLeft > 0) {
      wrongCsiLeft--;
      response[1] ^= 1;
      Mic.seal(response);
    }
    if (now < corruptUntil && random.nextDouble() < corruptRate) {
      response[response.length - 1 - random.nextInt(4)] ^= (byte) (1 << random.nextInt(8));
    }
    if (now < truncateUntil && random.nextDouble() < truncateRate) {
      int keep = truncateKeep > 0 ? Math.min(truncateKeep, response.length - 1) : response.length / 2;
      response = Arrays.copyOf(response, keep);
    }
    long extra = now < slowUntil ? slowDelay : 0;
    if (extra + mprDelay > 0) {
      responder.occupySlot(request[1] & 1, now + extra + mprDelay);
    }
    if (interim == null && extra == 0) {
      return new Reply(response, null, 0, 0, false);
    }
    return new Reply(response, interim, mprDelay, extra, false);
  }

  /**
   * Answers an MCTP control message (type 0, byte 0 = 00h) at the current time; null for no answer.
   * Faults that silence the endpoint (unresponsive, removed) silence this too.
   */
  public synchronized byte[] processControl(byte[] message) {
    long now = clock.nanos();
    sync(now);
    if (now < removedUntil || now < unresponsiveUntil) {
      return null;
    }
    return control.respond(message);
  }

  /**
   * The response a Replay control primitive asked to send again (the serial front end sends it
   * after the primitive's own answer), once; null when none.
   */
  public synchronized MiResponder.PendingReplay takeReplay() {
    return responder.takeReplay();
  }

  /** The AEM due now (new occurrence after AEMD, or a retry), or null. */
  public synchronized byte[] dueAem() {
    long now = clock.nanos();
    sync(now);
    if (now < removedUntil || now < unresponsiveUntil) {
      return null;
    }
    return responder.aem().due(now);
  }

  /** True when at least one asynchronous event is enabled (an AEM may become due). */
  public synchronized boolean asyncEventsEnabled() {
    return responder.aem().anyEnabled();
  }

  /**
   * The earliest clock time after {@code now} at which an AEM may become due without a request:
   * the next scenario event (it may raise an occurrence) or the AEM engine's next delay / retry
   * time; {@link Long#MAX_VALUE} when neither. A gradual change (a temperature ramp) crosses its
   * threshold between these times; the in-process pump also looks every 100 ms for those.
   */
  public synchronized long nextAemWakeNanos(long now) {
    long next = Long.MAX_VALUE;
    if (nextEvent < events.size()) {
      next = Math.max(now + 1, events.get(nextEvent).at().toNanos());
    }
    long due = responder.aem().nextDue();
    if (due >= 0) {
      next = Math.min(next, Math.max(now + 1, due));
    }
    return next;
  }

  /** NSS ATF: an AEM reached the retry limit without an acknowledgement. */
  public synchronized boolean aemTransmissionFailed() {
    return responder.aem().transmissionFailure();
  }

  /**
   * The MCTP transmission unit the endpoint uses now: the bus timing's MTU at start, then whatever
   * Configuration Set (CID 03h) made it; the in-process transport times packets with it.
   */
  public synchronized int transmissionUnit() {
    return responder.mtu();
  }

  /** The MCTP EID the endpoint currently uses (changed by Set Endpoint ID). */
  public synchronized int currentEid() {
    return control.eid();
  }

  /** Requests processed so far (including dropped and unanswered ones). */
  public synchronized long exchanges() {
    return exchanges;
  }

  /** Current serial number (changes on a replacement). */
  public synchronized String serial() {
    sync(clock.nanos());
    return drive.identity().serial();
  }

  /** Runs {@code action} with the drive model synchronised to now, under the endpoint lock (tests). */
  public synchronized <T> T inspect(java.util.function.Function<SimulatedDrive, T> action) {
    sync(clock.nanos());
    return action.apply(drive);
  }
}
