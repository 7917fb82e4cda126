package dev.nvmemi.agent.drive;

import dev.nvmemi.mi.command.AsyncEventConfig;
import dev.nvmemi.mi.event.AeEnableList;
import dev.nvmemi.mi.event.AeOccurrenceList;
import dev.nvmemi.mi.event.AsyncEventSettings;

import dev.nvmemi.mi.admin.OcpLatencyMonitorLog;
import dev.nvmemi.mi.admin.OcpSmartExtendedLog;
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

  /**
   * Controller Health Status Poll of every controller (ALL=1, PCI functions, SR-IOV physical and
   * virtual functions included); {@code clearChanged} sets CCF.
   */
  CompletionStage<MiResult<List<ControllerHealthStatus>>> pollControllerHealth(boolean clearChanged);

  /**
   * The basic form of the Controller Health Status Poll, for drives that reject the full one:
   * ALL=1 with only INCF (no SR-IOV include bits); {@code clearChanged} sets CCF.
   */
  CompletionStage<MiResult<List<ControllerHealthStatus>>> pollControllerHealthBasic(boolean clearChanged);

  /** Get Log Page 02h (512 bytes, one exchange), RAE=1: the host's pending asynchronous events stay. */
  CompletionStage<MiResult<SmartSnapshot>> readSmartLog(int controllerId);

  /**
   * One chunk (at most 4096 bytes, a multiple of 64) of the Error Information log, at byte
   * {@code offset}; RAE=1 on every chunk, the last included (the agent never clears the host's
   * pending asynchronous events).
   */
  CompletionStage<MiResult<List<ErrorEntry>>> readErrorLog(int controllerId, int offset, int length);

  /** Configuration Get, Asynchronous Event (CID 04h): the AE Supported List with what is enabled. */
  CompletionStage<MiResult<AsyncEventConfig>> configGetAsyncEvent();

  /**
   * Configuration Set, Asynchronous Event (CID 04h) with an enable-list delta and {@code settings}
   * in NMD0; the answer is the AE Occurrence List (the state of the events enabled by it).
   */
  CompletionStage<MiResult<AeOccurrenceList>> configSetAsyncEvent(AsyncEventSettings settings, AeEnableList delta);

  /** The AEM Acknowledgement: Configuration Set CID 04h, empty list; the answer may carry further occurrences. */
  CompletionStage<MiResult<AeOccurrenceList>> acknowledgeAsyncEvents();

  /** Identify CNS 17h (UUID List): the OCP UUID index (0 when the list has no OCP entry). */
  CompletionStage<MiResult<Integer>> readUuidList(int controllerId);

  /**
   * Get Log Page C0h (OCP SMART / Health Information Extended, 512 bytes, RAE=1) with the OCP UUID
   * index; a page with another GUID is a failure with the codec's {@code LogPageGuidMismatchException}.
   */
  CompletionStage<MiResult<OcpSmartExtendedLog>> readOcpSmartExtendedLog(int controllerId, int uuidIndex);

  /** Get Log Page C3h (OCP Latency Monitor, first 512 bytes, RAE=1) with the OCP UUID index. */
  CompletionStage<MiResult<OcpLatencyMonitorLog>> readOcpLatencyMonitorLog(int controllerId, int uuidIndex);

  /** A readable description of the endpoint ("mctp: net 1 eid 9"). */
  String describe();

  @Override
  void close();
}
