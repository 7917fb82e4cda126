package dev.nvmemi.agent.poll;

import dev.nvmemi.mi.command.SubsystemHealthStatus;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.discovery.AemReception;
import dev.nvmemi.agent.drive.DriveClient;
import dev.nvmemi.agent.drive.DriveIdentity;
import dev.nvmemi.agent.drive.OcpHealth;
import dev.nvmemi.agent.time.Timers;
import dev.nvmemi.transport.discovery.BusEndpoint;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.flowables.ConnectableFlowable;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import dev.nvmemi.agent.log.LogFields;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One management endpoint (design §4): publishes every observation of it as one stream of
 * {@link PollOutcome}s, folds that stream through the {@link DriveModel} into
 * {@link DriveUpdate}s (the {@link EndpointState} machine included), and reacts to the resulting
 * transitions: backoff probes after failures, identify again after a loss, the {@link PollPlan}
 * while active, nothing while mctpd reports degraded connectivity or after removal. The work
 * itself is split: {@link WorkQueue} (exchanges through the bus lane), {@link IdentifyProcedure},
 * {@link PollPlan} with its items ({@link PlanItems}) and poll actions ({@link PollActions}), {@link CommandRetries} (commands
 * that failed alone), {@link OutcomeStream}, {@link OnceMode}.
 *
 * <p>Threads: everything runs on the agent context ({@link Timers}); transport completions are
 * handed back by the work queue. The outcome stream is emitted on the agent context only, never
 * re-entrantly (a trampoline serialises outcomes recorded while one is being delivered); it is
 * buffered (bounded, oldest dropped and counted) ahead of the fold, so a slow subscriber never
 * blocks the event loop. {@link #snapshot()} may be read from any thread.
 */
public final class EndpointSession {
  private static final Logger LOG = Logger.getLogger(EndpointSession.class.getName());
  /** Outcomes buffered ahead of the fold; a session has at most one exchange in flight, so a handful suffice. */
  static final int OUTCOME_BUFFER = 1024;

  private final BusEndpoint key;
  private final DriveClient client;
  private final Timers timers;
  private final AgentConfig.Poll poll;
  private final SplittableRandom random;
  private final boolean oneShot;
  private final Set<Command> unsupported = EnumSet.noneOf(Command.class);
  private final CommandRetries retries;
  private final WorkQueue work;
  private final IdentifyProcedure identifyProcedure;
  private final PollActions actions;
  private final OcpPoll ocp;
  private final boolean ocpEnabled;
  private final PollPlan plan;
  private final AsyncEventProcedure aem;
  private final OutcomeStream outcomes = new OutcomeStream();
  private final ConnectableFlowable<DriveUpdate> updates;
  private final CompletableFuture<DriveSnapshot> onceResult = new CompletableFuture<>();
  private volatile DriveSnapshot snapshot;
  private boolean identifying;
  private Timers.Cancellable backoffTimer = Timers.Cancellable.NONE;
  private DriveIdentity priorIdentity;

  /**
   * @param oneShot {@code once} mode: identify and poll everything once (every command, whatever
   *     the others answered), then complete {@link #onceResult()}; no plan, no retries
   */
  public EndpointSession(BusEndpoint key, DriveClient client, Timers timers, BusScheduler scheduler,
      AgentConfig config, long seed, boolean oneShot) {
    this(key, client, timers, scheduler, config, seed, oneShot, new AemStats());
  }

  /** @param aemStats the fleet's AEM counters */
  public EndpointSession(BusEndpoint key, DriveClient client, Timers timers, BusScheduler scheduler,
      AgentConfig config, long seed, boolean oneShot, AemStats aemStats) {
    this(key, client, timers, scheduler, config, seed, oneShot, aemStats,
        () -> CompletableFuture.completedFuture(AemReception.RECEIVING));
  }

  /**
   * @param aemStats the fleet's AEM counters
   * @param aemReception whether this endpoint's AEMs reach the agent (its network's receiver):
   *     AEMs are enabled on the drive only when they do
   */
  public EndpointSession(BusEndpoint key, DriveClient client, Timers timers, BusScheduler scheduler,
      AgentConfig config, long seed, boolean oneShot, AemStats aemStats,
      Supplier<CompletionStage<AemReception>> aemReception) {
    this.key = Objects.requireNonNull(key, "key");
    this.client = Objects.requireNonNull(client, "client");
    this.timers = Objects.requireNonNull(timers, "timers");
    this.poll = config.poll();
    this.random = new SplittableRandom(seed ^ (key.network() << 32) ^ key.eid());
    this.oneShot = oneShot;
    this.work = new WorkQueue(timers, scheduler.lane(key.bus()), config.bus().forBus(key.bus().name()), client.describe(),
        this::record);
    this.identifyProcedure = new IdentifyProcedure(work, client, unsupported);
    this.actions = new PollActions(work, client, poll.clearStatus(), unsupported, this::snapshot);
    this.ocp = new OcpPoll(work, client, unsupported, this::snapshot, () -> actions.readSmart(false));
    this.ocpEnabled = config.ocp().enabled();
    this.retries = new CommandRetries(poll.backoffInitial().toNanos(), poll.backoffMax().toNanos(), random);
    this.plan = new PollPlan(timers, random, poll.jitter(), retries::retryDelay);
    this.aem = new AsyncEventProcedure(work, client, config.events(), this::record, timers::nanoTime, smart -> {
      actions.pollSubsystemHealth();
      actions.pollControllerHealth();
      if (smart) {
        actions.readSmart(false);
      }
    }, aemStats, client.describe(), aemReception, timers::execute);
    PlanItems.add(plan, config, unsupported, actions, ocp, this::identify);

    DriveModel model = new DriveModel(poll.lostAfter(),
        new OcpHealth.Thresholds(config.ocp().capacitorHealthMin(), config.ocp().spareBlocksMin()));
    DriveSnapshot initial = DriveSnapshot.initial(key, timers.nanoTime());
    this.snapshot = initial;
    this.updates = outcomes.buffered(OUTCOME_BUFFER, () -> LogFields.endpoint(key).log(LOG, Level.WARNING,
            () -> key + ": outcome buffer full (" + OUTCOME_BUFFER + "); oldest outcome dropped"))
        .scan(new DriveUpdate(initial, new PollOutcome.Lifecycle(PollOutcome.Signal.DISCOVERED, initial.stateSinceNanos()),
            initial), (u, o) -> new DriveUpdate(u.after(), o, model.apply(u.after(), o)))
        .skip(1)
        .publish();
    updates.subscribe(this::react, e -> LogFields.endpoint(key).log(LOG, Level.SEVERE, () -> key + ": drive model failed; session stopped", e));
    updates.connect();
  }

  public BusEndpoint key() {
    return key;
  }

  /** The latest fold of the outcome stream; any thread. */
  public DriveSnapshot snapshot() {
    return snapshot;
  }

  public EndpointState state() {
    return snapshot.state();
  }

  /**
   * The raw outcome stream (hot: from subscription on), emitted on the agent context. Terminates
   * when the endpoint is removed.
   */
  public Flowable<PollOutcome> outcomes() {
    return outcomes.raw();
  }

  /**
   * The outcome stream after the drive model (hot: from subscription on), emitted on the agent
   * context right after the session's own state has been updated. Terminates on removal.
   */
  public Flowable<DriveUpdate> updates() {
    return updates;
  }

  /** Outcomes dropped because the buffer ahead of the fold was full (0 unless a subscriber stalled). */
  public long droppedOutcomes() {
    return outcomes.dropped();
  }

  /** Completes when a {@code once} session is done (failed endpoints complete too, their failures listed). */
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

  /** Discovery dropped the endpoint: everything stops, state {@code removed}, the stream completes. */
  public void remove() {
    if (state() == EndpointState.REMOVED) {
      return;
    }
    record(new PollOutcome.Lifecycle(PollOutcome.Signal.REMOVED, timers.nanoTime()));
  }

  /** Discovery reports the endpoint's connectivity: {@code Degraded} (true) or {@code Available}. */
  public void connectivity(boolean degraded) {
    record(new PollOutcome.Lifecycle(degraded ? PollOutcome.Signal.CONNECTIVITY_DEGRADED
        : PollOutcome.Signal.CONNECTIVITY_AVAILABLE, timers.nanoTime()));
  }

  /**
   * An unsolicited message (an AEM) from this endpoint, on the agent context: checked, turned into
   * an outcome and a health refresh, acknowledged (see {@link AsyncEventProcedure}).
   */
  public void unsolicited(byte[] message) {
    if (state() == EndpointState.REMOVED || oneShot) {
      return;
    }
    aem.message(message);
  }

  /**
   * Disables the asynchronous events this agent enabled on the drive (graceful shutdown); completes
   * when the drive answered or the exchange failed, never when the work was dropped.
   */
  public CompletionStage<Void> disableAsyncEvents() {
    return aem.disable();
  }

  /** Stops polling without changing state (shutdown). */
  public void stop() {
    halt();
  }

  private void halt() {
    plan.cancel();
    backoffTimer.cancel();
    work.drop();
    identifying = false;
  }

  /** Publishes {@code o} on the outcome stream; agent context only; never re-entrant. */
  void record(PollOutcome o) {
    outcomes.record(o);
  }

  // Reactions to the drive model ---------------------------------------------------------------

  private void react(DriveUpdate u) {
    DriveSnapshot before = u.before();
    DriveSnapshot after = u.after();
    snapshot = after;
    PollOutcome o = u.outcome();
    if (o instanceof PollOutcome.Unsupported x && unsupported.add(x.command())) {
      LogFields.endpoint(key).with("command", x.command().attribute()).log(LOG, Level.INFO,
          () -> key + ": " + x.command().attribute() + " is not supported by the drive (" + x.status()
          + "); not issuing it again");
    }
    if (o instanceof PollOutcome.Identified i && i.previous() != null
        && (!i.previous().sameDriveAs(i.identity()) || DriveModel.firmwareChanged(i.previous(), i.identity()))) {
      // another drive or new firmware: whether it has the OCP logs is asked again
      boolean wasOff = unsupported.contains(Command.OCP_SMART_EXTENDED);
      ocp.reprobe();
      if (wasOff && ocpEnabled && !oneShot && after.state().polls() && !plan.isArmed(Command.OCP_SMART_EXTENDED)) {
        plan.arm(false);
      }
    } else if (o instanceof PollOutcome.Identified) {
      ocp.identifiedAgain();
    }
    EndpointState from = before.state();
    EndpointState to = after.state();
    if (to == EndpointState.REMOVED) {
      if (from != EndpointState.REMOVED) {
        halt();
        client.close();
        onceResult.complete(after);
        outcomes.completeAfterThis();
      }
      return;
    }
    // an error status to the full controller health poll: the specification allows a simpler form,
    // retried at once without the SR-IOV include bits (after the failure handling below)
    boolean simplerForm = o instanceof PollOutcome.ErrorStatus x && x.command() == Command.CONTROLLER_HEALTH;
    if (oneShot) {
      // once: no backoff, no plan; OnceMode runs every command whatever the answers, but an
      // endpoint that does not answer at all is done
      if (o instanceof PollOutcome.TransportFailure && !to.reachable()) {
        halt();
        onceResult.complete(after);
      } else if (simplerForm) {
        actions.fullControllerHealthFailed();
      }
      return;
    }
    if (to == EndpointState.DEGRADED_CONNECTIVITY) {
      if (from != to) {
        halt(); // mctpd is recovering the endpoint: stay off the bus until it is Available again
      }
      return;
    }
    if (from == EndpointState.DEGRADED_CONNECTIVITY) {
      identify(); // Available again: what answers may have changed
      if (after.identity() != null) {
        plan.arm(true);
      }
      return;
    }
    if (o instanceof PollOutcome.Answer a && a.value() instanceof SubsystemHealthStatus h) {
      aem.subsystemHealth(h);
    }
    if (o instanceof PollOutcome.Exchange x && !x.command().asyncEvents()) {
      if (x instanceof PollOutcome.Answer || x instanceof PollOutcome.Unsupported) {
        if (retries.answered(x.command()) && to == EndpointState.ACTIVE && after.identity() != null) {
          aem.identified(after.identity()); // the drive may have reset while it did not answer: enable again
        }
      } else if (to == EndpointState.ACTIVE) {
        // a failure of that command alone: the drive answers its health polls; the command is
        // retried on its own backoff (PollPlan), the rest of the plan goes on
        int n = retries.failed(x.command(), x instanceof PollOutcome.TransportFailure);
        LogFields.endpoint(key).with("command", x.command().attribute()).log(LOG, Level.FINE,
            () -> key + ": " + x.command().attribute() + " failed (" + n + " in a row; the drive answers): "
            + after.lastError());
        if (simplerForm) {
          actions.fullControllerHealthFailed();
        }
        if (x instanceof PollOutcome.TransportFailure) {
          probe(); // unanswered: whether the drive still answers at all, its health poll says at once
        }
        return;
      }
    }
    if (o instanceof PollOutcome.Exchange x && (x instanceof PollOutcome.ErrorStatus
        || x instanceof PollOutcome.TransportFailure) && !x.command().asyncEvents()) {
      LogFields.endpoint(key).with("command", x.command().attribute()).log(LOG, Level.FINE,
          () -> key + ": " + x.command().attribute() + " failed (" + after.consecutiveFailures()
          + " consecutive): " + after.lastError());
      halt();
      long delay = Backoff.delayNanos(after.consecutiveFailures(), poll.backoffInitial().toNanos(),
          poll.backoffMax().toNanos(), random);
      backoffTimer = timers.schedule(delay, this::probe);
      if (simplerForm) {
        actions.fullControllerHealthFailed();
      }
      return;
    }
    if (from != to && (from == EndpointState.BACKOFF || from == EndpointState.LOST)) {
      backoffTimer.cancel();
      if (from == EndpointState.BACKOFF && after.identity() != null) {
        aem.identified(after.identity()); // a drive that stopped answering may have reset: enable again
      }
      if (to == EndpointState.IDENTIFYING || from == EndpointState.LOST) {
        // after a loss the drive may have been swapped: identify again before trusting the plan
        identify();
      }
      if (after.identity() != null) {
        plan.arm(!after.hasHealth()); // identify keeps its schedule
      }
      return;
    }
    if (o instanceof PollOutcome.Identified && before.identity() == null) {
      plan.arm(true);
    }
  }

  private void probe() {
    if (!state().polls()) {
      return;
    }
    if (snapshot.identity() == null) {
      identify();
    } else if (!unsupported.contains(Command.SUBSYSTEM_HEALTH)) {
      actions.pollSubsystemHealth();
    } else {
      actions.pollControllerHealth();
    }
  }

  // Identify ------------------------------------------------------------------------------------

  private CompletionStage<?> identify() {
    if (identifying) {
      return CompletableFuture.completedFuture(null);
    }
    identifying = true;
    record(new PollOutcome.Lifecycle(PollOutcome.Signal.IDENTIFY, timers.nanoTime()));
    return identifyProcedure.run().thenAccept(this::identified);
  }

  private void identified(Optional<DriveIdentity> result) {
    identifying = false;
    if (result.isEmpty()) {
      LogFields.endpoint(key).log(LOG, Level.WARNING, () -> key + ": no controller answered Identify Controller; retrying at the identify interval");
      if (oneShot) {
        onceResult.complete(snapshot);
      } else {
        timers.schedule(poll.identifyInterval().toNanos(), this::identify);
      }
      return;
    }
    DriveIdentity current = result.get();
    DriveIdentity previous = snapshot.identity() != null ? snapshot.identity() : priorIdentity;
    priorIdentity = null;
    actions.identified();
    record(new PollOutcome.Identified(current, previous, timers.nanoTime()));
    if (oneShot) {
      new OnceMode(actions, ocpEnabled ? ocp::run : null).run().whenComplete((v, e) -> onceResult.complete(snapshot));
    } else {
      aem.identified(current);
    }
  }
}
