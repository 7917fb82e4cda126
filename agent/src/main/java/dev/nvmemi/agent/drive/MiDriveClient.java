package dev.nvmemi.agent.drive;

import dev.nvmemi.mi.command.AsyncEventConfig;
import dev.nvmemi.mi.event.AeEnableList;
import dev.nvmemi.mi.event.AeOccurrenceList;
import dev.nvmemi.mi.event.AsyncEventSettings;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.admin.AdminOptions;
import dev.nvmemi.mi.admin.ErrorLog;
import dev.nvmemi.mi.admin.ErrorLogEntry;
import dev.nvmemi.mi.admin.GetLogPage;
import dev.nvmemi.mi.admin.IdentifyController;
import dev.nvmemi.mi.admin.OcpLatencyMonitorLog;
import dev.nvmemi.mi.admin.OcpLogOptions;
import dev.nvmemi.mi.admin.OcpSmartExtendedLog;
import dev.nvmemi.mi.admin.UuidList;
import dev.nvmemi.mi.admin.SmartLog;
import dev.nvmemi.mi.client.MiController;
import dev.nvmemi.mi.client.MiEndpoint;
import dev.nvmemi.mi.client.MiEndpointOptions;
import dev.nvmemi.mi.client.MiResult;
import dev.nvmemi.mi.client.MiTransport;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.ControllerInfo;
import dev.nvmemi.mi.command.ControllerList;
import dev.nvmemi.mi.command.NvmSubsystemInfo;
import dev.nvmemi.mi.command.PortInfo;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link DriveClient} over {@link MiEndpoint} and {@link MiController} (mi-protocol): the only place
 * where the agent touches the codec's records for Identify, SMART and the error log.
 *
 * <p>Each command is sent with the response timeout of its class (design §5): health polls
 * {@code poll.health_timeout}, data structures and Identify {@code poll.identify_timeout}, log page
 * chunks {@code poll.log_timeout}.
 *
 * <p>Completions run on the transport's thread; the client itself is thread-safe.
 */
public final class MiDriveClient implements DriveClient {
  /** MAXRENT for the Controller Health Status Poll (0's based 254 = 255 entries). */
  private static final int MAX_ENTRIES = 255;

  /** Views of one endpoint with the timeout of each command class (poll.*_timeout). */
  private final MiEndpoint health;
  private final MiEndpoint identify;
  private final MiEndpoint logs;
  private final Map<Integer, MiController> identifyControllers = new ConcurrentHashMap<>();
  private final Map<Integer, MiController> logControllers = new ConcurrentHashMap<>();

  public MiDriveClient(MiTransport transport, AgentConfig.Poll poll) {
    MiEndpointOptions options = new MiEndpointOptions(0, MiCodecOptions.DEFAULTS, poll.identifyTimeout(),
        poll.mprWaitCap(), poll.mprMax(), MiTransport.InterimListener.NONE);
    this.identify = MiEndpoint.over(transport, options);
    this.health = identify.withOptions(options.withTimeout(poll.healthTimeout()));
    this.logs = identify.withOptions(options.withTimeout(poll.logTimeout()));
  }

  private static MiController controller(Map<Integer, MiController> cache, MiEndpoint view, int id) {
    return cache.computeIfAbsent(id, i -> new MiController(view::submit, i, view.csi(), AdminOptions.DEFAULTS,
        view.options().exchange("NVMe Admin", true)));
  }

  @Override
  public CompletionStage<MiResult<AsyncEventConfig>> configGetAsyncEvent() {
    return identify.configGetAsyncEvent();
  }

  @Override
  public CompletionStage<MiResult<AeOccurrenceList>> configSetAsyncEvent(AsyncEventSettings settings,
      AeEnableList delta) {
    return identify.configSetAsyncEvent(settings.envfa(), settings.enpfa(), settings.encfa(), settings.aemd(),
        settings.aerd(), delta);
  }

  @Override
  public CompletionStage<MiResult<AeOccurrenceList>> acknowledgeAsyncEvents() {
    return health.acknowledgeAsyncEvents();
  }

  @Override
  public CompletionStage<MiResult<NvmSubsystemInfo>> readSubsystemInfo() {
    return identify.readNvmSubsystemInfo();
  }

  @Override
  public CompletionStage<MiResult<PortInfo>> readPortInfo(int portId) {
    return identify.readPortInfo(portId);
  }

  @Override
  public CompletionStage<MiResult<ControllerList>> readControllerList() {
    return identify.readControllerList(0);
  }

  @Override
  public CompletionStage<MiResult<ControllerInfo>> readControllerInfo(int controllerId) {
    return identify.readControllerInfo(controllerId);
  }

  @Override
  public CompletionStage<MiResult<ControllerIdentity>> identifyController(int controllerId) {
    return controller(identifyControllers, identify, controllerId).identifyController().thenApply(r -> r.map(MiDriveClient::identity));
  }

  static ControllerIdentity identity(IdentifyController id) {
    return new ControllerIdentity(id.cntlid(), id.vid(), id.sn(), id.mn(), id.fr(), id.wctemp(), id.cctemp(),
        id.tnvmcap(), id.elpe() + 1, id.ctratt());
  }

  @Override
  public CompletionStage<MiResult<SubsystemHealthStatus>> pollSubsystemHealth(boolean clearStatus) {
    return health.pollSubsystemHealth(clearStatus);
  }

  @Override
  public CompletionStage<MiResult<List<ControllerHealthStatus>>> pollControllerHealth(boolean clearChanged) {
    if (!clearChanged) {
      return health.pollControllerHealth(0, MAX_ENTRIES);
    }
    return health.pollControllerHealth(0, MAX_ENTRIES, true, true, true, true, Set.of(), true);
  }

  @Override
  public CompletionStage<MiResult<List<ControllerHealthStatus>>> pollControllerHealthBasic(boolean clearChanged) {
    return health.pollControllerHealth(0, MAX_ENTRIES, true, false, false, true, Set.of(), clearChanged);
  }

  @Override
  public CompletionStage<MiResult<SmartSnapshot>> readSmartLog(int controllerId) {
    return controller(logControllers, logs, controllerId).smartLog(GetLogPage.NSID_ALL, true)
        .thenApply(r -> r.map(MiDriveClient::smart));
  }

  static SmartSnapshot smart(SmartLog s) {
    return new SmartSnapshot(s.critWarn(), s.ctemp(), s.avsp(), s.avspt(), s.pused(), s.dur(), s.duw(), s.pwrc(),
        s.poh(), s.unsafeShutdowns(), s.mdie(), s.neile(), s.tsen());
  }

  @Override
  public CompletionStage<MiResult<List<ErrorEntry>>> readErrorLog(int controllerId, int offset, int length) {
    MiController.LogPageArgs args = MiController.LogPageArgs.of(GetLogPage.LID_ERROR_INFORMATION,
        GetLogPage.NSID_ALL, length).withLpo(offset).withRae(true);
    return controller(logControllers, logs, controllerId).getLogPage(args, length).thenApply(r -> {
      if (!(r instanceof MiResult.Success<byte[]> s)) {
        return r.map(b -> List.<ErrorEntry>of());
      }
      try {
        List<ErrorEntry> out = new ArrayList<>();
        for (ErrorLogEntry e : ErrorLog.decode(s.value()).entries()) {
          out.add(new ErrorEntry(e.errcnt(), e.sqid(), e.cid(), e.sf() >> 1, e.lba(), e.nsid(), e.opc()));
        }
        return new MiResult.Success<>(out);
      } catch (MiProtocolException e) {
        return new MiResult.Failure<>(e);
      }
    });
  }

  @Override
  public CompletionStage<MiResult<Integer>> readUuidList(int controllerId) {
    return controller(identifyControllers, identify, controllerId).uuidList().thenApply(r -> r.map(UuidList::ocpUuidIndex));
  }

  @Override
  public CompletionStage<MiResult<OcpSmartExtendedLog>> readOcpSmartExtendedLog(int controllerId, int uuidIndex) {
    return controller(logControllers, logs, controllerId).ocpSmartExtendedLog(uuidIndex, OcpLogOptions.DEFAULTS);
  }

  @Override
  public CompletionStage<MiResult<OcpLatencyMonitorLog>> readOcpLatencyMonitorLog(int controllerId, int uuidIndex) {
    return controller(logControllers, logs, controllerId).ocpLatencyMonitorLog(uuidIndex);
  }

  @Override
  public String describe() {
    return identify.describe();
  }

  @Override
  public void close() {
    identify.close();
  }
}
