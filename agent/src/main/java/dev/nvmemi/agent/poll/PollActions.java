package dev.nvmemi.agent.poll;

import dev.nvmemi.agent.drive.DriveClient;
import dev.nvmemi.agent.drive.DriveIdentity;
import dev.nvmemi.agent.drive.ErrorEntry;
import dev.nvmemi.agent.drive.ErrorLogRead;
import dev.nvmemi.agent.drive.SmartSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The reads of the poll plan and of {@code once}, each one or more exchanges through the work
 * queue: subsystem health, controller health (the full form, or the basic form where the drive
 * rejects the full one), SMART, and the Error Information log in 4 KiB chunks when its entry count
 * grew. Read-only: every log read sets RAE; CS/CCF only with {@code poll.clear_status}.
 *
 * <p>Runs on the agent context.
 */
final class PollActions {
  /** Log chunk of the error log (libnvme's transfer size). */
  static final int LOG_CHUNK = 4096;
  private static final int MAX_ERRORS_KEPT = 16;
  private static final int ERROR_ENTRY_BYTES = 64;

  private final WorkQueue work;
  private final DriveClient client;
  private final boolean clearStatus;
  private final Set<Command> unsupported;
  private final Supplier<DriveSnapshot> snapshot;
  /** The full Controller Health Status Poll was answered with an error status: use the basic form until the next identify. */
  private boolean basicPreferred;

  PollActions(WorkQueue work, DriveClient client, boolean clearStatus, Set<Command> unsupported,
      Supplier<DriveSnapshot> snapshot) {
    this.work = Objects.requireNonNull(work, "work");
    this.client = Objects.requireNonNull(client, "client");
    this.clearStatus = clearStatus;
    this.unsupported = Objects.requireNonNull(unsupported, "unsupported");
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
  }

  private static CompletionStage<Void> done() {
    return CompletableFuture.completedFuture(null);
  }

  private static CompletionStage<Void> ended(CompletionStage<?> stage) {
    return stage.thenApply(x -> null);
  }

  CompletionStage<Void> pollSubsystemHealth() {
    if (unsupported.contains(Command.SUBSYSTEM_HEALTH)) {
      return done();
    }
    return ended(work.submit(Command.SUBSYSTEM_HEALTH, () -> client.pollSubsystemHealth(clearStatus)));
  }

  /**
   * Controller Health Status Poll: the full form (ALL, every function type included); once the
   * drive rejected it as unsupported, the basic form (ALL with only the PCI functions, no SR-IOV
   * include bits). An error status to the full form is a failure; the session retries it at once
   * in the basic form ({@link #basicControllerHealth()}).
   */
  CompletionStage<Void> pollControllerHealth() {
    if (unsupported.contains(Command.CONTROLLER_HEALTH) || basicPreferred) {
      return basicControllerHealth();
    }
    return work.submit(Command.CONTROLLER_HEALTH, () -> client.pollControllerHealth(clearStatus))
        .thenCompose(o -> o instanceof PollOutcome.Unsupported ? basicControllerHealth() : done());
  }

  /**
   * The full form was answered with an error status (a failure): retry at once in the basic form
   * and keep to it until {@link #identified()} (the drive may have been updated or replaced).
   */
  CompletionStage<Void> fullControllerHealthFailed() {
    basicPreferred = true;
    return basicControllerHealth();
  }

  /** A new identification: try the full forms again. */
  void identified() {
    basicPreferred = false;
  }

  /** The basic form of the Controller Health Status Poll. */
  CompletionStage<Void> basicControllerHealth() {
    if (unsupported.contains(Command.CONTROLLER_HEALTH_BASIC)) {
      return done();
    }
    return ended(work.submit(Command.CONTROLLER_HEALTH_BASIC, () -> client.pollControllerHealthBasic(clearStatus)));
  }

  /**
   * SMART / Health log of the primary controller; then the error log when its entry count grew
   * since the previous read ({@code always}: when it counts any entry, for {@code once}).
   */
  CompletionStage<Void> readSmart(boolean always) {
    if (unsupported.contains(Command.SMART_LOG)) {
      return done();
    }
    DriveSnapshot s = snapshot.get();
    SmartSnapshot previous = s.smart();
    int ctrl = s.identity() == null ? 0 : s.identity().primary().controllerId();
    return work.submit(Command.SMART_LOG, () -> client.readSmartLog(ctrl)).thenCompose(o -> {
      if (!(o instanceof PollOutcome.Answer a)) {
        return done();
      }
      SmartSnapshot now = (SmartSnapshot) a.value();
      boolean grew = always ? now.errorLogEntries().signum() > 0
          : previous != null && now.errorLogEntries().compareTo(previous.errorLogEntries()) > 0;
      return grew ? readErrorLog() : done();
    });
  }

  /** The whole Error Information log in 4 KiB chunks, each its own exchange, every one with RAE=1. */
  CompletionStage<Void> readErrorLog() {
    DriveIdentity id = snapshot.get().identity();
    if (id == null || unsupported.contains(Command.ERROR_LOG)) {
      return done();
    }
    int total = Math.max(1, id.primary().errorLogEntries()) * ERROR_ENTRY_BYTES;
    return readErrorChunk(id.primary().controllerId(), 0, total, new ArrayList<>());
  }

  private CompletionStage<Void> readErrorChunk(int ctrl, int offset, int total, List<ErrorEntry> acc) {
    int len = Math.min(LOG_CHUNK, total - offset);
    boolean last = offset + len >= total;
    long estimate = BusTimeModel.exchangeNanos(Command.ERROR_LOG.requestBytes(), 24 + len, work.bus());
    return work.submit(Command.ERROR_LOG, estimate, () -> client.readErrorLog(ctrl, offset, len).thenApply(r -> r.map(
        entries -> {
          for (ErrorEntry e : entries) {
            if (e.errorCount() != 0) {
              acc.add(e);
            }
          }
          boolean end = last || entries.size() * ERROR_ENTRY_BYTES < len;
          if (!end) {
            return new ErrorLogRead(entries, List.of(), false);
          }
          List<ErrorEntry> sorted = new ArrayList<>(acc);
          sorted.sort(Comparator.comparingLong(ErrorEntry::errorCount).reversed());
          return new ErrorLogRead(entries, sorted.subList(0, Math.min(MAX_ERRORS_KEPT, sorted.size())), true);
        }))).thenCompose(o -> o instanceof PollOutcome.Answer a && !((ErrorLogRead) a.value()).complete()
            ? readErrorChunk(ctrl, offset + len, total, acc) : done());
  }
}
