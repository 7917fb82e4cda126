package dev.nvmemi.agent.poll;

import dev.nvmemi.agent.drive.DriveClient;
import dev.nvmemi.agent.drive.DriveIdentity;
import dev.nvmemi.mi.admin.OcpLatencyMonitorLog;
import dev.nvmemi.mi.admin.OcpSmartExtendedLog;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The OCP datacenter logs of one drive ({@code ocp-logs.md}), one poll-plan item at
 * {@code ocp.interval}:
 * <ol>
 *   <li>once per drive and firmware, the OCP UUID index: Identify CNS 17h when CTRATT bit 9 says the
 *       controller has a UUID List, else index 0 (which also reaches the page, UUID-5);</li>
 *   <li>each run, the SMART log and then C0h, so the write amplification pairs two logs of the same
 *       poll cycle; a drive that answers C0h with Invalid Log Page or a page with another GUID is
 *       cached as unsupported (never asked again until its firmware changes);</li>
 *   <li>while the last C0h showed thermal throttling, C0h also after every SMART read of the plan
 *       ({@link #followUp()}), so the state clears within a SMART interval;</li>
 *   <li>C3h after C0h while the drive's latency monitor is enabled (feature status bit 0, the
 *       factory default); a disabled one is looked at again after each identify. The agent never configures it (no Set Features C5h: that would zero another
 *       owner's buckets) and never reads the debug log (CAh).</li>
 * </ol>
 * Every read is a Get Log Page with RAE=1. A failed read ends the run and counts like any other
 * failed command; the drive's other reads go on.
 *
 * <p>Runs on the agent context.
 */
final class OcpPoll {
  /** The commands whose unsupported verdict a firmware change or a new drive revokes. */
  static final List<Command> COMMANDS = List.of(Command.UUID_LIST, Command.OCP_SMART_EXTENDED,
      Command.OCP_LATENCY_MONITOR);

  private final WorkQueue work;
  private final DriveClient client;
  private final Set<Command> unsupported;
  private final Supplier<DriveSnapshot> snapshot;
  private final Supplier<CompletionStage<Void>> readSmart;
  private Integer uuidIndex;
  private Boolean latencyMonitorEnabled;
  private boolean throttling;

  /**
   * @param unsupported the session's unsupported-command cache (shared)
   * @param readSmart reads the SMART log (the host bytes written of the same poll cycle)
   */
  OcpPoll(WorkQueue work, DriveClient client, Set<Command> unsupported, Supplier<DriveSnapshot> snapshot,
      Supplier<CompletionStage<Void>> readSmart) {
    this.work = Objects.requireNonNull(work, "work");
    this.client = Objects.requireNonNull(client, "client");
    this.unsupported = Objects.requireNonNull(unsupported, "unsupported");
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    this.readSmart = Objects.requireNonNull(readSmart, "readSmart");
  }

  private static <T> CompletionStage<T> done(T v) {
    return CompletableFuture.completedFuture(v);
  }

  /** New firmware or another drive: probe again (UUID index, C0h and C3h support). */
  void reprobe() {
    uuidIndex = null;
    latencyMonitorEnabled = null;
    throttling = false;
    COMMANDS.forEach(unsupported::remove);
  }

  /**
   * The same drive and firmware identified again ({@code poll.identify_interval}): a latency monitor
   * found disabled is looked at again with the next C0h, since its owner (the host) may have enabled
   * it since; the agent still never configures it.
   */
  void identifiedAgain() {
    if (Boolean.FALSE.equals(latencyMonitorEnabled)) {
      latencyMonitorEnabled = null;
    }
  }

  /**
   * After a SMART read of the plan: while the last C0h page showed thermal throttling, C0h again
   * (without its own SMART read), so the degraded state ends within a SMART interval of the drive's
   * throttling ending rather than at the next {@code ocp.interval}.
   */
  CompletionStage<Void> followUp() {
    DriveIdentity id = snapshot.get().identity();
    if (!throttling || uuidIndex == null || id == null || unsupported.contains(Command.OCP_SMART_EXTENDED)) {
      return done(null);
    }
    int ctrl = id.primary().controllerId();
    return readC0(ctrl, uuidIndex).thenApply(o -> null);
  }

  private CompletionStage<PollOutcome.Exchange> readC0(int ctrl, int idx) {
    return work.submit(Command.OCP_SMART_EXTENDED, () -> client.readOcpSmartExtendedLog(ctrl, idx)).thenApply(o -> {
      if (o instanceof PollOutcome.Answer a) {
        throttling = ((OcpSmartExtendedLog) a.value()).thermalThrottlingActive();
      }
      return o;
    });
  }

  /** One run; completes when its reads have ended. */
  CompletionStage<Void> run() {
    DriveIdentity id = snapshot.get().identity();
    if (id == null || unsupported.contains(Command.OCP_SMART_EXTENDED)) {
      return done(null);
    }
    int ctrl = id.primary().controllerId();
    return uuidIndex(id).thenCompose(idx -> idx == null ? done(null) : readPages(ctrl, idx));
  }

  private CompletionStage<Integer> uuidIndex(DriveIdentity id) {
    if (uuidIndex != null) {
      return done(uuidIndex);
    }
    if (!id.primary().uuidListSupported() || unsupported.contains(Command.UUID_LIST)) {
      uuidIndex = 0;
      return done(0);
    }
    int ctrl = id.primary().controllerId();
    return work.submit(Command.UUID_LIST, () -> client.readUuidList(ctrl)).thenApply(o -> {
      if (o instanceof PollOutcome.Answer a) {
        uuidIndex = (Integer) a.value();
      } else if (o instanceof PollOutcome.Unsupported) {
        uuidIndex = 0; // no UUID list after all: index 0 reaches the page
      }
      return uuidIndex; // null after a failure: the run ends, the next one asks again
    });
  }

  private CompletionStage<Void> readPages(int ctrl, int idx) {
    return readSmart.get()
        .thenCompose(v -> readC0(ctrl, idx))
        .thenCompose(o -> o instanceof PollOutcome.Answer ? readLatencyMonitor(ctrl, idx) : done(null));
  }

  private CompletionStage<Void> readLatencyMonitor(int ctrl, int idx) {
    if (Boolean.FALSE.equals(latencyMonitorEnabled) || unsupported.contains(Command.OCP_LATENCY_MONITOR)) {
      return done(null);
    }
    return work.submit(Command.OCP_LATENCY_MONITOR, () -> client.readOcpLatencyMonitorLog(ctrl, idx))
        .thenApply(o -> {
          if (o instanceof PollOutcome.Answer a) {
            // not enabled: nobody configured the monitor; looked at again after the next identify
            latencyMonitorEnabled = ((OcpLatencyMonitorLog) a.value()).enabled();
          }
          return null;
        });
  }
}
