package dev.nvmemi.agent.drive;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.admin.AdminOptions;
import dev.nvmemi.mi.admin.ErrorLog;
import dev.nvmemi.mi.admin.ErrorLogEntry;
import dev.nvmemi.mi.admin.GetLogPage;
import dev.nvmemi.mi.admin.IdentifyController;
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
 * <p>Completions run on the transport's thread; the client itself is thread-safe.
 */
public final class MiDriveClient implements DriveClient {
  /** MAXRENT for the Controller Health Status Poll (0's based 254 = 255 entries). */
  private static final int MAX_ENTRIES = 255;

  private final MiEndpoint endpoint;
  private final MiEndpointOptions options;
  private final Map<Integer, MiController> controllers = new ConcurrentHashMap<>();

  public MiDriveClient(MiTransport transport, AgentConfig.Poll poll) {
    this.options = new MiEndpointOptions(0, MiCodecOptions.DEFAULTS, poll.timeout(), poll.mprWaitCap(),
        poll.mprMax(), MiTransport.InterimListener.NONE);
    this.endpoint = MiEndpoint.over(transport, options);
  }

  private MiController controller(int id) {
    return controllers.computeIfAbsent(id, i -> new MiController(endpoint::submit, i, 0, AdminOptions.DEFAULTS,
        options.exchange("NVMe Admin", true)));
  }

  @Override
  public CompletionStage<MiResult<NvmSubsystemInfo>> readSubsystemInfo() {
    return endpoint.readNvmSubsystemInfo();
  }

  @Override
  public CompletionStage<MiResult<PortInfo>> readPortInfo(int portId) {
    return endpoint.readPortInfo(portId);
  }

  @Override
  public CompletionStage<MiResult<ControllerList>> readControllerList() {
    return endpoint.readControllerList(0);
  }

  @Override
  public CompletionStage<MiResult<ControllerInfo>> readControllerInfo(int controllerId) {
    return endpoint.readControllerInfo(controllerId);
  }

  @Override
  public CompletionStage<MiResult<ControllerIdentity>> identifyController(int controllerId) {
    return controller(controllerId).identifyController().thenApply(r -> r.map(MiDriveClient::identity));
  }

  static ControllerIdentity identity(IdentifyController id) {
    return new ControllerIdentity(id.cntlid(), id.vid(), id.sn(), id.mn(), id.fr(), id.wctemp(), id.cctemp(),
        id.tnvmcap(), id.elpe() + 1);
  }

  @Override
  public CompletionStage<MiResult<SubsystemHealthStatus>> pollSubsystemHealth(boolean clearStatus) {
    return endpoint.pollSubsystemHealth(clearStatus);
  }

  @Override
  public CompletionStage<MiResult<List<ControllerHealthStatus>>> pollControllerHealth(boolean clearChanged) {
    if (!clearChanged) {
      return endpoint.pollControllerHealth(0, MAX_ENTRIES);
    }
    return endpoint.pollControllerHealth(0, MAX_ENTRIES, false, false, false, true, Set.of(), true);
  }

  @Override
  public CompletionStage<MiResult<SmartSnapshot>> readSmartLog(int controllerId) {
    return controller(controllerId).smartLog().thenApply(r -> r.map(MiDriveClient::smart));
  }

  static SmartSnapshot smart(SmartLog s) {
    return new SmartSnapshot(s.critWarn(), s.ctemp(), s.avsp(), s.avspt(), s.pused(), s.dur(), s.duw(), s.pwrc(),
        s.poh(), s.unsafeShutdowns(), s.mdie(), s.neile(), s.tsen());
  }

  @Override
  public CompletionStage<MiResult<List<ErrorEntry>>> readErrorLog(int controllerId, int offset, int length,
      boolean last) {
    MiController.LogPageArgs args = MiController.LogPageArgs.of(GetLogPage.LID_ERROR_INFORMATION,
        GetLogPage.NSID_ALL, length).withLpo(offset).withRae(!last);
    return controller(controllerId).getLogPage(args, length).thenApply(r -> {
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
  public String describe() {
    return endpoint.describe();
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
