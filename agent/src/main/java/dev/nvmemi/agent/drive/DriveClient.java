package dev.nvmemi.agent.drive;

import dev.nvmemi.mi.client.MiResult;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.ControllerInfo;
import dev.nvmemi.mi.command.ControllerList;
import dev.nvmemi.mi.command.NvmSubsystemInfo;
import dev.nvmemi.mi.command.PortInfo;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The commands the agent issues to one management endpoint (design §4). Implemented over
 * {@code MiEndpoint}/{@code MiController} ({@link MiDriveClient}); every method sends exactly one
 * exchange, so that the bus scheduler can account for it. Never throws: every outcome is a
 * {@link MiResult}. Completions run on the transport's thread.
 */
public interface DriveClient extends AutoCloseable {

  CompletionStage<MiResult<NvmSubsystemInfo>> readSubsystemInfo();

  CompletionStage<MiResult<PortInfo>> readPortInfo(int portId);

  CompletionStage<MiResult<ControllerList>> readControllerList();

  CompletionStage<MiResult<ControllerInfo>> readControllerInfo(int controllerId);

  CompletionStage<MiResult<ControllerIdentity>> identifyController(int controllerId);

  /** NVM Subsystem Health Status Poll; {@code clearStatus} sets CS (only with poll.clear_status). */
  CompletionStage<MiResult<SubsystemHealthStatus>> pollSubsystemHealth(boolean clearStatus);

  /** Controller Health Status Poll of every controller (ALL=1); {@code clearChanged} sets CCF. */
  CompletionStage<MiResult<List<ControllerHealthStatus>>> pollControllerHealth(boolean clearChanged);

  /** Get Log Page 02h (512 bytes, one exchange). */
  CompletionStage<MiResult<SmartSnapshot>> readSmartLog(int controllerId);

  /**
   * One chunk (at most 4096 bytes, a multiple of 64) of the Error Information log, at byte
   * {@code offset}; RAE set unless {@code last}.
   */
  CompletionStage<MiResult<List<ErrorEntry>>> readErrorLog(int controllerId, int offset, int length, boolean last);

  /** A readable description of the endpoint ("mctp: net 1 eid 9"). */
  String describe();

  @Override
  void close();
}
