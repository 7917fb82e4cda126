package dev.nvmemi.agent.poll;

import dev.nvmemi.mi.command.PortInfo;

import dev.nvmemi.agent.drive.ControllerIdentity;
import dev.nvmemi.agent.drive.DriveClient;
import dev.nvmemi.agent.drive.DriveIdentity;
import dev.nvmemi.mi.command.ControllerList;
import dev.nvmemi.mi.command.NvmSubsystemInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The identify sequence of design §4: Read NVMe-MI Data Structure (subsystem info, every port,
 * controller list, every controller's info), then Identify Controller per controller. A step the
 * drive does not support is skipped; the result is the drive's identity, empty when no controller
 * answered Identify.
 *
 * <p>Runs on the agent context; its stages complete there. A run whose work is dropped (backoff,
 * removal) never completes.
 */
final class IdentifyProcedure {
  private final WorkQueue work;
  private final DriveClient client;
  private final Set<Command> unsupported;

  /** @param unsupported the session's unsupported-command cache (read only here) */
  IdentifyProcedure(WorkQueue work, DriveClient client, Set<Command> unsupported) {
    this.work = Objects.requireNonNull(work, "work");
    this.client = Objects.requireNonNull(client, "client");
    this.unsupported = Objects.requireNonNull(unsupported, "unsupported");
  }

  /** Runs the sequence once. */
  CompletionStage<Optional<DriveIdentity>> run() {
    return work.submit(Command.READ_SUBSYSTEM_INFO, client::readSubsystemInfo).thenCompose(info -> {
      NvmSubsystemInfo si = info instanceof PollOutcome.Answer a ? (NvmSubsystemInfo) a.value() : null;
      int ports = si != null ? si.nump() + 1 : 1;
      boolean[] aems = new boolean[1];
      return readPorts(0, ports, aems)
          .thenCompose(v -> work.submit(Command.READ_CONTROLLER_LIST, client::readControllerList))
          .thenCompose(list -> {
            List<Integer> ids = list instanceof PollOutcome.Answer a ? ((ControllerList) a.value()).ids() : List.of();
            return identifyControllers(ids.isEmpty() ? List.of(0) : ids, 0, new ArrayList<>());
          })
          .thenApply(found -> found.isEmpty() ? Optional.<DriveIdentity>empty()
              : Optional.of(new DriveIdentity(si == null ? 0 : si.mjr(), si == null ? 0 : si.mnr(), ports, found,
                  aems[0])));
    });
  }

  /** Reads every port's information; {@code aems[0]} becomes true when a port supports AEMs (PRTCAP AEMS). */
  private CompletionStage<Void> readPorts(int port, int ports, boolean[] aems) {
    if (port >= ports || unsupported.contains(Command.READ_PORT_INFO)) {
      return CompletableFuture.completedFuture(null);
    }
    return work.submit(Command.READ_PORT_INFO, () -> client.readPortInfo(port))
        .thenCompose(r -> {
          if (r instanceof PollOutcome.Answer a && ((PortInfo) a.value()).aems()) {
            aems[0] = true;
          }
          return readPorts(port + 1, ports, aems);
        });
  }

  private CompletionStage<List<ControllerIdentity>> identifyControllers(List<Integer> ids, int i,
      List<ControllerIdentity> out) {
    if (i >= ids.size()) {
      return CompletableFuture.completedFuture(out);
    }
    int id = ids.get(i);
    CompletionStage<?> info = unsupported.contains(Command.READ_CONTROLLER_INFO)
        ? CompletableFuture.completedFuture(null)
        : work.submit(Command.READ_CONTROLLER_INFO, () -> client.readControllerInfo(id));
    return info.thenCompose(x -> work.submit(Command.IDENTIFY_CONTROLLER, () -> client.identifyController(id)))
        .thenCompose(r -> {
          if (r instanceof PollOutcome.Answer a) {
            out.add((ControllerIdentity) a.value());
          }
          return identifyControllers(ids, i + 1, out);
        });
  }
}
