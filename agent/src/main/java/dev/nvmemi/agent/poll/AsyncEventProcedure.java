package dev.nvmemi.agent.poll;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.discovery.AemReception;
import dev.nvmemi.agent.drive.DriveClient;
import dev.nvmemi.agent.drive.DriveIdentity;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.command.AsyncEventConfig;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import dev.nvmemi.mi.event.AeEnable;
import dev.nvmemi.mi.event.AeEnableList;
import dev.nvmemi.mi.event.AeOccurrence;
import dev.nvmemi.mi.event.AeOccurrenceList;
import dev.nvmemi.mi.event.AeSupported;
import dev.nvmemi.mi.event.AemSession;
import dev.nvmemi.mi.event.AsyncEventId;
import dev.nvmemi.mi.event.AsyncEventSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One endpoint's Asynchronous Event Messages (spec sheet nvme-mi.md §8, issue #15): enables the
 * events that map to the telemetry contract after identify, checks each AEM against the
 * {@link AemSession} (enabled events, generation-number duplicates), turns its occurrences into a
 * {@link PollOutcome.AsyncEvent} and a refresh of the health values they concern, acknowledges every
 * AEM with a new request (Configuration Set CID 04h, empty AE Enable List), and falls back to
 * polling alone when acknowledgements go unanswered or the drive reports AEM transmission failure
 * (NSS ATF). Configuration and acknowledgement exchanges go through the endpoint's work queue, so the
 * bus scheduler admits them like any poll. Before enabling it asks whether the AEMs can reach the
 * agent at all ({@link AemReception}: the network's receiver is bound) and, when they cannot, leaves
 * the drive's AEM destination alone (another manager may use it) and falls back at once.
 *
 * <p>Runs on the agent context.
 */
final class AsyncEventProcedure {
  private static final Logger LOG = Logger.getLogger(AsyncEventProcedure.class.getName());

  /**
   * The events that map to the telemetry contract: controller status (ready, fatal, shutdown,
   * enable), composite temperature, percentage used, available spare, SMART critical warnings.
   */
  static final Set<Integer> WANTED = Set.of(AsyncEventId.CONTROLLER_READY, AsyncEventId.CONTROLLER_FATAL_STATUS,
      AsyncEventId.SHUTDOWN_STATUS, AsyncEventId.CONTROLLER_ENABLE, AsyncEventId.COMPOSITE_TEMPERATURE,
      AsyncEventId.PERCENTAGE_DRIVE_LIFE_USED, AsyncEventId.AVAILABLE_SPARE, AsyncEventId.SMART_WARNINGS);
  /** Events whose values the SMART / Health log carries beyond the health polls. */
  private static final Set<Integer> SMART_EVENTS = Set.of(AsyncEventId.PERCENTAGE_DRIVE_LIFE_USED,
      AsyncEventId.AVAILABLE_SPARE, AsyncEventId.SMART_WARNINGS);
  private static final int NSS_ATF = 0x80;

  /** What to refresh after an occurrence. */
  interface Refresh {
    /** Poll the health values now; {@code smart}: the SMART log too. */
    void now(boolean smart);
  }

  private final WorkQueue work;
  private final DriveClient client;
  private final AgentConfig.Events config;
  private final Consumer<PollOutcome> record;
  private final LongSupplier clock;
  private final Refresh refresh;
  private final AemStats stats;
  private final String endpoint;
  private final Supplier<CompletionStage<AemReception>> reception;
  private final Executor context;
  private final AemSession session = new AemSession();
  private AemStatus.Mode mode = AemStatus.Mode.OFF;
  private String reason = "";
  private int ackFailures;
  private int generation;

  AsyncEventProcedure(WorkQueue work, DriveClient client, AgentConfig.Events config, Consumer<PollOutcome> record,
      LongSupplier clock, Refresh refresh, AemStats stats, String endpoint) {
    this(work, client, config, record, clock, refresh, stats, endpoint,
        () -> CompletableFuture.completedFuture(AemReception.RECEIVING), Runnable::run);
  }

  /**
   * @param reception whether this endpoint's AEMs reach the agent (its network's receiver)
   * @param context the agent context, where a reception that completes later is handled
   */
  AsyncEventProcedure(WorkQueue work, DriveClient client, AgentConfig.Events config, Consumer<PollOutcome> record,
      LongSupplier clock, Refresh refresh, AemStats stats, String endpoint,
      Supplier<CompletionStage<AemReception>> reception, Executor context) {
    this.work = Objects.requireNonNull(work, "work");
    this.client = Objects.requireNonNull(client, "client");
    this.config = Objects.requireNonNull(config, "config");
    this.record = Objects.requireNonNull(record, "record");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refresh = Objects.requireNonNull(refresh, "refresh");
    this.stats = Objects.requireNonNull(stats, "stats");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.reception = Objects.requireNonNull(reception, "reception");
    this.context = Objects.requireNonNull(context, "context");
  }

  AemStatus.Mode mode() {
    return mode;
  }

  private void move(AemStatus.Mode to, Set<Integer> enabled, String reason) {
    mode = to;
    this.reason = reason;
    record.accept(new PollOutcome.AemChanged(to, enabled, reason, clock.getAsLong()));
  }

  /**
   * Identify finished (first time, again after a loss, hourly, after re-discovery): enable the
   * wanted events when the drive supports AEMs. Re-enabling each time also restores the setting
   * after a reset of the drive, which forgets it.
   */
  void identified(DriveIdentity identity) {
    if (!config.aem()) {
      return;
    }
    if (!identity.aemSupported()) {
      if (mode != AemStatus.Mode.UNSUPPORTED) {
        move(AemStatus.Mode.UNSUPPORTED, Set.of(), "no port reports AEM support (PRTCAP AEMS)");
      }
      return;
    }
    if (mode == AemStatus.Mode.ENABLING) {
      return;
    }
    int attempt = ++generation;
    CompletableFuture<AemReception> known = reception.get().toCompletableFuture();
    if (known.isDone()) {
      enableIfReceivable(attempt, known);
      return;
    }
    // the network's receiver is still binding: enable once its answer is known
    move(AemStatus.Mode.ENABLING, Set.of(), "waiting for the AEM receiver");
    known.whenComplete((r, err) -> context.execute(() -> enableIfReceivable(attempt, known)));
  }

  private void enableIfReceivable(int attempt, CompletableFuture<AemReception> known) {
    if (attempt != generation) {
      return;
    }
    AemReception r;
    try {
      r = known.join();
    } catch (RuntimeException e) {
      r = AemReception.failed("the AEM receiver failed: " + e.getMessage());
    }
    if (r.receiving()) {
      enable();
      return;
    }
    // nothing goes to the drive: its AEM destination stays with whoever has it
    String why = "AEMs cannot be received: " + r.reason();
    if (mode != AemStatus.Mode.FALLBACK || !why.equals(reason)) {
      LOG.warning(() -> endpoint + ": not enabling asynchronous events, polling alone: " + why);
      stats.fallback();
      move(AemStatus.Mode.FALLBACK, Set.of(), why);
    }
    disableOnDrive(); // only what this agent enabled before (nothing, unless reception was lost)
  }

  private void enable() {
    int attempt = ++generation;
    move(AemStatus.Mode.ENABLING, Set.of(), "");
    work.submit(Command.AEM_CONFIG, client::configGetAsyncEvent).thenAccept(got -> {
      if (attempt != generation) {
        return;
      }
      if (!(got instanceof PollOutcome.Answer a)) {
        notEnabled(got);
        return;
      }
      AsyncEventConfig cfg = (AsyncEventConfig) a.value();
      Set<Integer> wanted = new TreeSet<>();
      List<AeEnable> delta = new ArrayList<>();
      for (AeSupported s : cfg.aesl().items()) {
        if (WANTED.contains(s.aeid())) {
          wanted.add(s.aeid());
          delta.add(AeEnable.of(s.aeid(), true));
        } else if (s.enabled()) {
          delta.add(AeEnable.of(s.aeid(), false)); // ours now: only what we handle
        }
      }
      if (wanted.isEmpty()) {
        move(AemStatus.Mode.UNSUPPORTED, Set.of(), "the drive supports none of the events the agent uses");
        return;
      }
      AeEnableList list = AeEnableList.of(delta);
      AsyncEventSettings settings = new AsyncEventSettings(true, false, false, config.aemd(), config.aerd());
      work.submit(Command.AEM_CONFIG, () -> client.configSetAsyncEvent(settings, list)).thenAccept(set -> {
        if (attempt != generation) {
          return;
        }
        if (!(set instanceof PollOutcome.Answer ok)) {
          notEnabled(set);
          return;
        }
        session.reset();
        session.apply(list);
        ackFailures = 0;
        try {
          // the sync's occurrence list states the current state of each event: the polls have it
          session.acceptSyncResponse(((AeOccurrenceList) ok.value()).encode());
        } catch (MiProtocolException e) {
          stats.dropped("malformed");
          LOG.log(Level.FINE, () -> endpoint + ": AEM enable answer breaks the occurrence list rules: " + e.getMessage());
        }
        move(AemStatus.Mode.ENABLED, wanted, "");
        LOG.fine(() -> endpoint + ": asynchronous events enabled " + wanted);
      });
    });
  }

  private void notEnabled(PollOutcome.Exchange o) {
    String why = o instanceof PollOutcome.Unsupported u ? "the drive rejects the AE configuration (" + u.status() + ")"
        : o instanceof PollOutcome.ErrorStatus e ? "enabling failed: " + e.status()
        : o instanceof PollOutcome.TransportFailure f ? "enabling failed: " + f.errorType() : "enabling failed";
    move(o instanceof PollOutcome.Unsupported ? AemStatus.Mode.UNSUPPORTED : AemStatus.Mode.FALLBACK, Set.of(), why);
    if (!(o instanceof PollOutcome.Unsupported)) {
      stats.fallback();
    }
  }

  /** An unsolicited message from this endpoint (the AEM receiver, via the fleet). */
  void message(byte[] msg) {
    if (mode != AemStatus.Mode.ENABLED) {
      stats.dropped("unexpected");
      LOG.fine(() -> endpoint + ": unsolicited message while AEMs are " + mode.attribute() + "; dropped");
      return;
    }
    AemSession.Delivery d;
    try {
      d = session.acceptMessage(msg);
    } catch (MiProtocolException e) {
      stats.dropped("malformed");
      LOG.log(Level.FINE, () -> endpoint + ": malformed AEM dropped: " + e.getMessage());
      return;
    }
    stats.received(d.duplicate());
    deliver(d);
    if (d.shouldAcknowledge()) {
      acknowledge();
    }
  }

  private void deliver(AemSession.Delivery d) {
    List<Integer> ids = new ArrayList<>();
    for (AeOccurrence o : d.occurrences()) {
      ids.add(o.aeoi());
    }
    record.accept(new PollOutcome.AsyncEvent(ids, d.duplicate(), clock.getAsLong()));
    if (!ids.isEmpty()) {
      refresh.now(ids.stream().anyMatch(SMART_EVENTS::contains));
    }
  }

  private void acknowledge() {
    int attempt = generation;
    work.submit(Command.AEM_ACK, client::acknowledgeAsyncEvents).thenAccept(r -> {
      if (attempt != generation || mode != AemStatus.Mode.ENABLED) {
        return;
      }
      if (r instanceof PollOutcome.Answer a) {
        ackFailures = 0;
        try {
          deliver(session.acceptAckResponse(((AeOccurrenceList) a.value()).encode()));
        } catch (MiProtocolException e) {
          stats.dropped("malformed");
          LOG.log(Level.FINE, () -> endpoint + ": AEM ack answer breaks the occurrence list rules: " + e.getMessage());
        }
        return;
      }
      ackFailures++;
      stats.ackFailed();
      if (ackFailures >= config.aemAckFailures()) {
        fallback(ackFailures + " AEM acknowledgements in a row got no answer");
      }
    });
  }

  /** A subsystem health answer: the drive may report AEM transmission failure (NSS ATF). */
  void subsystemHealth(SubsystemHealthStatus s) {
    if (mode == AemStatus.Mode.ENABLED && (s.nss() & NSS_ATF) != 0) {
      fallback("the drive reports AEM transmission failure (NSS ATF)");
    }
  }

  private void fallback(String reason) {
    generation++;
    LOG.warning(() -> endpoint + ": falling back to polling alone: " + reason);
    stats.fallback();
    move(AemStatus.Mode.FALLBACK, Set.of(), reason);
    disableOnDrive(); // best effort: stop the drive re-sending to us
  }

  /** Disables the events this agent enabled (graceful shutdown); completes when done or failed. */
  CompletionStage<Void> disable() {
    if (mode != AemStatus.Mode.ENABLED && mode != AemStatus.Mode.ENABLING) {
      return CompletableFuture.completedFuture(null);
    }
    generation++;
    move(AemStatus.Mode.OFF, Set.of(), "disabled on shutdown");
    return disableOnDrive();
  }

  private CompletionStage<Void> disableOnDrive() {
    Set<Integer> ours = session.enabled();
    session.reset();
    if (ours.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<AeEnable> off = new ArrayList<>();
    for (int id : ours) {
      off.add(AeEnable.of(id, false));
    }
    AsyncEventSettings settings = new AsyncEventSettings(false, false, false, 1, 0);
    return work.submit(Command.AEM_CONFIG, () -> client.configSetAsyncEvent(settings, AeEnableList.of(off)))
        .thenApply(r -> null);
  }
}
