package dev.nvmemi.agent.poll;

import dev.nvmemi.transport.discovery.BusEndpoint;
import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.AgentConfig.BusParameters;
import dev.nvmemi.agent.drive.ControllerIdentity;
import dev.nvmemi.agent.drive.DriveClient;
import dev.nvmemi.agent.drive.DriveIdentity;
import dev.nvmemi.agent.drive.ErrorEntry;
import dev.nvmemi.agent.drive.SmartSnapshot;
import dev.nvmemi.agent.telemetry.HealthDerivation;
import dev.nvmemi.agent.time.Timers;
import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.NvmeStatus;
import dev.nvmemi.mi.client.MiResult;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One management endpoint's lifecycle (design §4): {@code DISCOVERED → IDENTIFYING → ACTIVE ⇄
 * BACKOFF → LOST} and {@code REMOVED}. Identifies the drive (subsystem info, every port, controller
 * list, every controller's info, Identify Controller per controller), then runs the poll plan
 * (subsystem health, controller health, SMART, error log when its entry count grows, identify
 * again), all through its bus lane. The {@link BusScheduler} decides when each exchange starts (one
 * in flight per endpoint, at most {@code bus.concurrency} per bus); the session only keeps its
 * pending work in priority order and hands the most urgent one over when the lane asks.
 *
 * <p>Read-only by default: Clear Status / CCF only with {@code poll.clear_status}. A command the
 * drive rejects with Invalid Command Opcode / Invalid Parameter (or the NVMe equivalents) is
 * remembered and never re-issued. A different serial number at this (network, eid) is a drive
 * replacement; a different firmware revision a firmware change.
 *
 * <p>Runs on the agent context ({@link Timers}); {@link #snapshot()} may be read from any thread.
 */
public final class EndpointSession implements BusScheduler.Schedulable {
  private static final Logger LOG = Logger.getLogger(EndpointSession.class.getName());
  /** Log chunk of the error log (libnvme's transfer size). */
  static final int LOG_CHUNK = 4096;
  private static final int MAX_ERRORS_KEPT = 16;

  private final BusEndpoint key;
  private final DriveClient client;
  private final Timers timers;
  private final BusScheduler.Lane lane;
  private final AgentConfig.Poll poll;
  private final BusParameters bus;
  private final SessionListener listener;
  private final SplittableRandom random;
  private final boolean oneShot;

  private final PriorityQueue<Work<?>> pending = new PriorityQueue<>();
  private final Map<Command, Timers.Cancellable> planTimers = new EnumMap<>(Command.class);
  private final EnumSet<Command> unsupported = EnumSet.noneOf(Command.class);
  private final CompletableFuture<DriveSnapshot> onceResult = new CompletableFuture<>();
  private volatile DriveSnapshot snapshot;
  private int queuedAtPriority = Integer.MAX_VALUE;
  private boolean identifying;
  private int consecutiveFailures;
  private Timers.Cancellable backoffTimer = Timers.Cancellable.NONE;
  private long seq;
  private int epoch;
  private DriveIdentity priorIdentity;

  /**
   * @param oneShot {@code once} mode: identify and poll everything once, then complete
   *     {@link #onceResult()}; no plan, no retries
   */
  public EndpointSession(BusEndpoint key, DriveClient client, Timers timers, BusScheduler scheduler,
      AgentConfig config, SessionListener listener, long seed, boolean oneShot) {
    this.key = Objects.requireNonNull(key, "key");
    this.client = Objects.requireNonNull(client, "client");
    this.timers = Objects.requireNonNull(timers, "timers");
    this.lane = scheduler.lane(key.bus());
    this.poll = config.poll();
    this.bus = config.bus().forBus(key.bus().name());
    this.listener = Objects.requireNonNull(listener, "listener");
    this.random = new SplittableRandom(seed ^ ((long) key.network() << 32) ^ key.eid());
    this.oneShot = oneShot;
    this.snapshot = DriveSnapshot.initial(key);
  }

  public BusEndpoint key() {
    return key;
  }

  /** The latest values; any thread. */
  public DriveSnapshot snapshot() {
    return snapshot;
  }

  public EndpointState state() {
    return snapshot.state();
  }

  /** Completes when a {@code once} session is done (failed endpoints complete too, with lastError set). */
  public CompletionStage<DriveSnapshot> onceResult() {
    return onceResult;
  }

  /**
   * The identity of the drive that answered at this (network, eid) before the endpoint was removed
   * and rediscovered: a different serial number on the next identify is a replacement.
   */
  public void inheritIdentity(DriveIdentity previous) {
    this.priorIdentity = previous;
  }

  /** Starts identification. */
  public void start() {
    identify();
  }

  /** Discovery dropped the endpoint: stop everything, state REMOVED. */
  public void remove() {
    if (state() == EndpointState.REMOVED) {
      return;
    }
    epoch++;
    cancelPlan();
    backoffTimer.cancel();
    pending.clear();
    setState(EndpointState.REMOVED);
    listener.removed(this);
    onceResult.complete(snapshot.withLastError(snapshot.lastError().isEmpty() ? "removed" : snapshot.lastError()));
    client.close();
  }

  /** Stops polling without changing state (shutdown). */
  public void stop() {
    epoch++;
    cancelPlan();
    backoffTimer.cancel();
    pending.clear();
  }

  // Work queue --------------------------------------------------------------------------------

  private final class Work<T> implements Comparable<Work<?>> {
    final Command command;
    final long order = seq++;
    final int workEpoch = epoch;
    final Supplier<CompletionStage<MiResult<T>>> call;
    final CompletableFuture<MiResult<T>> result = new CompletableFuture<>();
    final long modelNanos;

    Work(Command command, long modelNanos, Supplier<CompletionStage<MiResult<T>>> call) {
      this.command = command;
      this.call = call;
      this.modelNanos = modelNanos;
    }

    @Override
    public int compareTo(Work<?> o) {
      int c = Integer.compare(command.priority(), o.command.priority());
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }

  /**
   * Queues one exchange; the returned stage completes on the agent context with the result, after
   * the common handling (failure → backoff, unsupported → cache). It never completes if the work
   * is dropped (backoff, removal).
   */
  private <T> CompletionStage<MiResult<T>> submit(Command command, long modelNanos,
      Supplier<CompletionStage<MiResult<T>>> call) {
    Work<T> w = new Work<>(command, modelNanos, call);
    pending.add(w);
    requestSlot();
    return w.result;
  }

  private <T> CompletionStage<MiResult<T>> submit(Command command, Supplier<CompletionStage<MiResult<T>>> call) {
    return submit(command, BusTimeModel.exchangeNanos(command, bus), call);
  }

  private void requestSlot() {
    if (pending.isEmpty()) {
      return;
    }
    int p = pending.peek().command.priority();
    if (p < queuedAtPriority) {
      queuedAtPriority = p;
      lane.enqueue(this, p);
    }
  }

  @Override
  public BusScheduler.Started startNext() {
    queuedAtPriority = Integer.MAX_VALUE;
    Work<?> w = pending.poll();
    if (w == null) {
      return null;
    }
    return new BusScheduler.Started(w.command, w.modelNanos, run(w));
  }

  /** Runs {@code w}; the stage completes with whether the endpoint answered (any status). */
  private <T> CompletionStage<Boolean> run(Work<T> w) {
    long t0 = timers.nanoTime();
    CompletionStage<MiResult<T>> stage;
    try {
      stage = w.call.get();
    } catch (RuntimeException e) {
      stage = CompletableFuture.completedFuture(new MiResult.Failure<>(new MiTransportException(
          MiTransportException.Reason.IO, client.describe(), 0, "command failed to start: " + e, e)));
    }
    return stage.handle((r, err) -> {
      long elapsed = timers.nanoTime() - t0;
      MiResult<T> res = r != null ? r : new MiResult.Failure<>(asMiException(err));
      timers.execute(() -> completed(w, res, elapsed));
      return !(res instanceof MiResult.Failure);
    });
  }

  private dev.nvmemi.mi.MiException asMiException(Throwable err) {
    Throwable t = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
    if (t instanceof dev.nvmemi.mi.MiException me) {
      return me;
    }
    return new MiTransportException(MiTransportException.Reason.IO, client.describe(), 0, String.valueOf(t), t);
  }

  private <T> void completed(Work<T> w, MiResult<T> r, long elapsed) {
    listener.commandCompleted(this, w.command, r.errorType(), elapsed);
    if (w.workEpoch != epoch || state() == EndpointState.REMOVED) {
      requestSlot();
      return;
    }
    if (r instanceof MiResult.Failure<T> f) {
      failed(w.command, f);
      return;
    }
    if (isUnsupported(r) && unsupported.add(w.command)) {
      LOG.info(() -> key + ": " + w.command.attribute() + " is not supported by the drive (" + r + "); not issuing it again");
      publish(snapshot.withUnsupported(unsupported.stream().map(Command::attribute).toList()));
    }
    answered();
    w.result.complete(r);
    requestSlot();
  }

  static boolean isUnsupported(MiResult<?> r) {
    if (r instanceof MiResult.MiError<?> e) {
      return e.status().equals(MiStatus.INVALID_COMMAND_OPCODE) || e.status().equals(MiStatus.INVALID_PARAMETER);
    }
    if (r instanceof MiResult.NvmeError<?> e) {
      NvmeStatus s = e.status();
      return s.sct() == 0 && (s.sc() == 0x01 || s.sc() == 0x02);
    }
    return false;
  }

  // Lifecycle ---------------------------------------------------------------------------------

  private void setState(EndpointState s) {
    EndpointState from = state();
    if (from == s) {
      return;
    }
    publish(snapshot.withState(s));
    listener.stateChanged(this, from, s);
  }

  private void publish(DriveSnapshot s) {
    snapshot = s;
  }

  private void answered() {
    EndpointState s = state();
    if (consecutiveFailures == 0 && s != EndpointState.BACKOFF && s != EndpointState.LOST) {
      if (!snapshot.lastError().isEmpty()) {
        publish(snapshot.withLastError(""));
      }
      return;
    }
    boolean wasLost = s == EndpointState.LOST;
    consecutiveFailures = 0;
    publish(snapshot.withLastError(""));
    if (wasLost) {
      listener.recovered(this, timers.nanoTime());
    }
    if (snapshot.identity() == null || wasLost) {
      // after a loss the drive may have been swapped: identify again before trusting the plan
      setState(snapshot.identity() == null ? EndpointState.IDENTIFYING : EndpointState.ACTIVE);
      identify();
    } else {
      setState(EndpointState.ACTIVE);
      armPlan();
    }
  }

  private void failed(Command command, MiResult.Failure<?> f) {
    consecutiveFailures++;
    String type = f.cause().errorType();
    int n = consecutiveFailures;
    LOG.log(Level.FINE, () -> key + ": " + command.attribute() + " failed (" + n + " consecutive): " + f.cause().getMessage());
    epoch++;
    pending.clear();
    cancelPlan();
    identifying = false;
    if (oneShot) {
      publish(snapshot.withLastError(type));
      onceResult.complete(snapshot);
      return;
    }
    EndpointState from = state();
    EndpointState to = consecutiveFailures >= poll.lostAfter() || from == EndpointState.LOST
        ? EndpointState.LOST : EndpointState.BACKOFF;
    // state and error in one snapshot: readers never see one without the other
    publish(snapshot.withLastError(type).withState(to));
    if (from != to) {
      listener.stateChanged(this, from, to);
      if (to == EndpointState.LOST) {
        listener.lost(this, type, timers.nanoTime());
      }
    }
    long delay = backoffNanos(consecutiveFailures);
    backoffTimer.cancel();
    backoffTimer = timers.schedule(delay, this::probe);
  }

  /** Exponential backoff with equal jitter: base = initial × 2^(n−1) capped, delay in [base/2, base]. */
  long backoffNanos(int failures) {
    long initial = poll.backoffInitial().toNanos();
    long max = poll.backoffMax().toNanos();
    long base = initial;
    for (int i = 1; i < failures && base < max; i++) {
      base = base * 2;
    }
    base = Math.min(base, max);
    long half = base / 2;
    return half + (half > 0 ? random.nextLong(half + 1) : 0);
  }

  private void probe() {
    if (state() == EndpointState.REMOVED) {
      return;
    }
    if (snapshot.identity() == null) {
      identify();
    } else {
      pollSubsystemHealth(false);
    }
  }

  // Identify ----------------------------------------------------------------------------------

  private void identify() {
    if (identifying) {
      return;
    }
    identifying = true;
    if (snapshot.identity() == null) {
      setState(EndpointState.IDENTIFYING);
    }
    long observed = timers.nanoTime();
    submit(Command.READ_SUBSYSTEM_INFO, client::readSubsystemInfo).thenAccept(info -> {
      int ports = info instanceof MiResult.Success<?> s
          ? ((dev.nvmemi.mi.command.NvmSubsystemInfo) s.value()).nump() + 1 : 1;
      int major = info instanceof MiResult.Success<?> s ? ((dev.nvmemi.mi.command.NvmSubsystemInfo) s.value()).mjr() : 0;
      int minor = info instanceof MiResult.Success<?> s ? ((dev.nvmemi.mi.command.NvmSubsystemInfo) s.value()).mnr() : 0;
      readPorts(0, ports, () -> submit(Command.READ_CONTROLLER_LIST, client::readControllerList).thenAccept(list -> {
        List<Integer> ids = list instanceof MiResult.Success<?> s
            ? ((dev.nvmemi.mi.command.ControllerList) s.value()).ids() : List.of(0);
        if (ids.isEmpty()) {
          ids = List.of(0);
        }
        identifyControllers(ids, 0, new LinkedHashMap<>(), new ArrayList<>(), result -> {
          identifying = false;
          if (result.isEmpty()) {
            LOG.warning(() -> key + ": no controller answered Identify Controller; retrying at the identify interval");
            identifiedNone();
            return;
          }
          identified(new DriveIdentity(major, minor, ports, result), observed);
        });
      }));
    });
  }

  private void readPorts(int port, int ports, Runnable then) {
    if (port >= ports || unsupported.contains(Command.READ_PORT_INFO)) {
      then.run();
      return;
    }
    submit(Command.READ_PORT_INFO, () -> client.readPortInfo(port)).thenAccept(r -> readPorts(port + 1, ports, then));
  }

  private void identifyControllers(List<Integer> ids, int i, Map<Integer, Integer> vendorIds,
      List<ControllerIdentity> out, java.util.function.Consumer<List<ControllerIdentity>> then) {
    if (i >= ids.size()) {
      then.accept(out);
      return;
    }
    int id = ids.get(i);
    Runnable identifyOne = () -> submit(Command.IDENTIFY_CONTROLLER, () -> client.identifyController(id)).thenAccept(r -> {
      if (r instanceof MiResult.Success<ControllerIdentity> s) {
        out.add(s.value());
      }
      identifyControllers(ids, i + 1, vendorIds, out, then);
    });
    if (unsupported.contains(Command.READ_CONTROLLER_INFO)) {
      identifyOne.run();
    } else {
      submit(Command.READ_CONTROLLER_INFO, () -> client.readControllerInfo(id)).thenAccept(r -> identifyOne.run());
    }
  }

  private void identifiedNone() {
    if (oneShot) {
      publish(snapshot.withLastError("identify"));
      onceResult.complete(snapshot);
      return;
    }
    setState(EndpointState.ACTIVE);
    arm(Command.IDENTIFY_CONTROLLER, poll.identifyInterval().toNanos());
  }

  private void identified(DriveIdentity current, long observedNanos) {
    boolean rediscovered = snapshot.identity() == null && priorIdentity != null;
    DriveIdentity previous = snapshot.identity() != null ? snapshot.identity() : priorIdentity;
    priorIdentity = null;
    if (rediscovered && previous.sameDriveAs(current) && previous.firmware().equals(current.firmware())) {
      previous = null; // the same drive came back after a removal: discovered again
    }
    if (previous != null && !previous.sameDriveAs(current)) {
      // a different drive answers at the same (network, eid): forget the old one's values
      publish(snapshot.cleared());
    }
    publish(snapshot.withIdentity(current));
    setState(EndpointState.ACTIVE);
    listener.identified(this, previous, current, observedNanos);
    if (oneShot) {
      pollOnce();
      return;
    }
    armPlan();
  }

  // Poll plan ---------------------------------------------------------------------------------

  private void armPlan() {
    cancelPlan();
    // random phase within the first interval spreads a fleet discovered at once over the bus
    arm(Command.SUBSYSTEM_HEALTH, phase(poll.subsystemHealthInterval().toNanos()));
    arm(Command.CONTROLLER_HEALTH, phase(poll.controllerHealthInterval().toNanos()));
    arm(Command.SMART_LOG, phase(poll.smartInterval().toNanos()));
    arm(Command.IDENTIFY_CONTROLLER, jittered(poll.identifyInterval().toNanos()));
  }

  private long phase(long interval) {
    return snapshot.lastHealthNanos() == 0 && snapshot.smart() == null ? random.nextLong(Math.max(1, interval / 10))
        : random.nextLong(Math.max(1, interval));
  }

  private long jittered(long interval) {
    double j = poll.jitter();
    return (long) (interval * (1.0 + j * (2 * random.nextDouble() - 1)));
  }

  private void cancelPlan() {
    planTimers.values().forEach(Timers.Cancellable::cancel);
    planTimers.clear();
  }

  private void arm(Command command, long delay) {
    if (unsupported.contains(command) || oneShot) {
      return;
    }
    Timers.Cancellable old = planTimers.remove(command);
    if (old != null) {
      old.cancel();
    }
    int armEpoch = epoch;
    planTimers.put(command, timers.schedule(delay, () -> {
      if (armEpoch != epoch) {
        return;
      }
      planTimers.remove(command);
      fire(command);
    }));
  }

  private void fire(Command command) {
    switch (command) {
      case SUBSYSTEM_HEALTH: pollSubsystemHealth(true); break;
      case CONTROLLER_HEALTH: pollControllerHealth(true); break;
      case SMART_LOG: readSmart(true); break;
      case IDENTIFY_CONTROLLER: identifyAgain(); break;
      default: break;
    }
  }

  private void identifyAgain() {
    identify();
    arm(Command.IDENTIFY_CONTROLLER, jittered(poll.identifyInterval().toNanos()));
  }

  private CompletionStage<Void> pollSubsystemHealth(boolean rearm) {
    return submit(Command.SUBSYSTEM_HEALTH, () -> client.pollSubsystemHealth(poll.clearStatus())).thenAccept(r -> {
      long now = timers.nanoTime();
      if (r instanceof MiResult.Success<SubsystemHealthStatus> s) {
        DriveSnapshot before = snapshot;
        publish(derive(snapshot.withSubsystemHealth(s.value(), now)));
        listener.healthUpdated(this, before, snapshot, now);
      }
      if (rearm || planTimers.get(Command.SUBSYSTEM_HEALTH) == null) {
        arm(Command.SUBSYSTEM_HEALTH, jittered(poll.subsystemHealthInterval().toNanos()));
      }
    });
  }

  private CompletionStage<Void> pollControllerHealth(boolean rearm) {
    return submit(Command.CONTROLLER_HEALTH, () -> client.pollControllerHealth(poll.clearStatus())).thenAccept(r -> {
      if (r instanceof MiResult.Success<List<ControllerHealthStatus>> s) {
        long now = timers.nanoTime();
        DriveSnapshot before = snapshot;
        publish(derive(snapshot.withControllers(s.value())));
        listener.healthUpdated(this, before, snapshot, now);
      }
      if (rearm) {
        arm(Command.CONTROLLER_HEALTH, jittered(poll.controllerHealthInterval().toNanos()));
      }
    });
  }

  private CompletionStage<Void> readSmart(boolean rearm) {
    DriveIdentity id = snapshot.identity();
    int ctrl = id == null ? 0 : id.primary().controllerId();
    return submit(Command.SMART_LOG, () -> client.readSmartLog(ctrl)).thenAccept(r -> {
      if (r instanceof MiResult.Success<SmartSnapshot> s) {
        long now = timers.nanoTime();
        DriveSnapshot before = snapshot;
        publish(derive(snapshot.withSmart(s.value())));
        listener.healthUpdated(this, before, snapshot, now);
        SmartSnapshot prev = before.smart();
        if (!oneShot && prev != null && s.value().errorLogEntries().compareTo(prev.errorLogEntries()) > 0) {
          readErrorLog(() -> { });
        }
      }
      if (rearm) {
        arm(Command.SMART_LOG, jittered(poll.smartInterval().toNanos()));
      }
    });
  }

  /** Reads the whole Error Information log in 4 KiB chunks, each its own exchange. */
  private void readErrorLog(Runnable then) {
    DriveIdentity id = snapshot.identity();
    if (id == null || unsupported.contains(Command.ERROR_LOG)) {
      then.run();
      return;
    }
    int total = Math.max(1, id.primary().errorLogEntries()) * 64;
    readErrorChunk(id.primary().controllerId(), 0, total, new ArrayList<>(), then);
  }

  private void readErrorChunk(int ctrl, int offset, int total, List<ErrorEntry> acc, Runnable then) {
    int len = Math.min(LOG_CHUNK, total - offset);
    boolean last = offset + len >= total;
    long estimate = BusTimeModel.exchangeNanos(Command.ERROR_LOG.requestBytes(), 24 + len, bus);
    submit(Command.ERROR_LOG, estimate, () -> client.readErrorLog(ctrl, offset, len, last)).thenAccept(r -> {
      if (r instanceof MiResult.Success<List<ErrorEntry>> s) {
        for (ErrorEntry e : s.value()) {
          if (e.errorCount() != 0) {
            acc.add(e);
          }
        }
        if (!last && s.value().size() * 64 >= len) {
          readErrorChunk(ctrl, offset + len, total, acc, then);
          return;
        }
      }
      acc.sort(Comparator.comparingLong(ErrorEntry::errorCount).reversed());
      publish(snapshot.withErrors(acc.subList(0, Math.min(MAX_ERRORS_KEPT, acc.size()))));
      then.run();
    });
  }

  private DriveSnapshot derive(DriveSnapshot s) {
    Map<Integer, String> ctrl = new LinkedHashMap<>();
    for (ControllerHealthStatus c : s.controllers()) {
      ctrl.put(c.ctlid(), HealthDerivation.controllerState(c));
    }
    String hw = s.subsystemHealth() == null && s.controllers().isEmpty() && s.smart() == null ? null
        : HealthDerivation.driveState(s.subsystemHealth(), s.controllers(), s.smart());
    return s.withDerived(hw, ctrl);
  }

  // once --------------------------------------------------------------------------------------

  private void pollOnce() {
    pollSubsystemHealth(false)
        .thenCompose(v -> pollControllerHealth(false))
        .thenCompose(v -> readSmart(false))
        .thenAccept(v -> {
          SmartSnapshot smart = snapshot.smart();
          if (smart != null && smart.errorLogEntries().signum() > 0) {
            readErrorLog(() -> onceResult.complete(snapshot));
          } else {
            onceResult.complete(snapshot);
          }
        });
  }
}
