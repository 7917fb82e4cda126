package dev.nvmemi.agent.poll;

import dev.nvmemi.transport.discovery.BusEndpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.drive.ControllerIdentity;
import dev.nvmemi.agent.drive.DriveClient;
import dev.nvmemi.agent.drive.ErrorEntry;
import dev.nvmemi.agent.drive.SmartSnapshot;
import dev.nvmemi.agent.time.ManualTimers;
import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.NvmeStatus;
import dev.nvmemi.mi.admin.OcpLatencyMonitorLog;
import dev.nvmemi.mi.admin.OcpSmartExtendedLog;
import dev.nvmemi.mi.client.MiResult;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.ControllerInfo;
import dev.nvmemi.mi.command.ControllerList;
import dev.nvmemi.mi.command.NvmSubsystemInfo;
import dev.nvmemi.mi.command.PortInfo;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Session rules that need a drive the simulator does not offer (commands it rejects): a scripted
 * {@link DriveClient} (the seam) on a virtual clock.
 */
class EndpointSessionTest {
  private final ManualTimers timers = new ManualTimers();
  private final List<String> calls = new ArrayList<>();

  /** What the scripted drive answers to every command once identified: nothing special by default. */
  private MiStatus everythingAfterIdentify;
  /** What the scripted drive answers to the full Controller Health Status Poll (null: success). */
  private MiStatus fullControllerHealth;
  private boolean identified;

  private <T> CompletionStage<MiResult<T>> answer(MiResult<T> normal) {
    if (identified && everythingAfterIdentify != null) {
      return done(new MiResult.MiError<>(everythingAfterIdentify, null));
    }
    return done(normal);
  }

  /** A healthy single-controller drive that rejects Read Port Info and the error log. */
  private final class ScriptedDrive implements DriveClient {
    @Override
    public CompletionStage<MiResult<NvmSubsystemInfo>> readSubsystemInfo() {
      calls.add("subsystem_info");
      return done(new MiResult.Success<>(new NvmSubsystemInfo(1, 1, 2, 0)));
    }

    @Override
    public CompletionStage<MiResult<PortInfo>> readPortInfo(int portId) {
      calls.add("port_info");
      return done(new MiResult.MiError<>(MiStatus.INVALID_COMMAND_OPCODE, null));
    }

    @Override
    public CompletionStage<MiResult<ControllerList>> readControllerList() {
      calls.add("controller_list");
      return done(new MiResult.Success<>(ControllerList.of(List.of(0))));
    }

    @Override
    public CompletionStage<MiResult<ControllerInfo>> readControllerInfo(int controllerId) {
      calls.add("controller_info");
      return done(new MiResult.Success<>(new ControllerInfo(0, 0, 0, 0x144d, 0xa80a, 0x144d, 0xa801, 0)));
    }

    @Override
    public CompletionStage<MiResult<ControllerIdentity>> identifyController(int controllerId) {
      calls.add("identify");
      identified = true;
      return done(new MiResult.Success<>(new ControllerIdentity(0, 0x144d, "S1", "M", "F1", 343, 353,
          BigInteger.TEN, 4, 0)));
    }

    @Override
    public CompletionStage<MiResult<SubsystemHealthStatus>> pollSubsystemHealth(boolean clearStatus) {
      calls.add("subsystem_health cs=" + clearStatus);
      return answer(new MiResult.Success<>(new SubsystemHealthStatus(0x38, 0x3F, 35, 3, 0)));
    }

    @Override
    public CompletionStage<MiResult<List<ControllerHealthStatus>>> pollControllerHealth(boolean clearChanged) {
      calls.add("controller_health ccf=" + clearChanged);
      if (fullControllerHealth != null) {
        return done(new MiResult.MiError<>(fullControllerHealth, null));
      }
      return answer(new MiResult.Success<>(List.of(new ControllerHealthStatus(0, 0x21, 308, 3, 100, 0, 0))));
    }

    int smartReads;

    @Override
    public CompletionStage<MiResult<SmartSnapshot>> readSmartLog(int controllerId) {
      calls.add("smart");
      smartReads++;
      if (identified && everythingAfterIdentify != null) {
        return answer(null);
      }
      BigInteger errors = BigInteger.valueOf(smartReads); // the error count grows on every read
      return done(new MiResult.Success<>(new SmartSnapshot(0, 308, 100, 10, 3, BigInteger.ONE, BigInteger.ONE,
          BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO, errors, List.of(0, 0, 0, 0, 0, 0, 0, 0))));
    }

    @Override
    public CompletionStage<MiResult<List<ControllerHealthStatus>>> pollControllerHealthBasic(boolean clearChanged) {
      calls.add("controller_health_basic ccf=" + clearChanged);
      return answer(new MiResult.Success<>(List.of(new ControllerHealthStatus(0, 0x21, 308, 3, 100, 0, 0))));
    }

    @Override
    public CompletionStage<MiResult<List<ErrorEntry>>> readErrorLog(int controllerId, int offset, int length) {
      calls.add("error_log");
      return done(new MiResult.NvmeError<>(new NvmeStatus(0x02, 0, 0, false, true)) /* Invalid Field in Command */);
    }

    @Override
    public CompletionStage<MiResult<dev.nvmemi.mi.command.AsyncEventConfig>> configGetAsyncEvent() {
      calls.add("config_get_async_event");
      return done(new MiResult.MiError<>(MiStatus.INVALID_PARAMETER, null));
    }

    @Override
    public CompletionStage<MiResult<dev.nvmemi.mi.event.AeOccurrenceList>> configSetAsyncEvent(
        dev.nvmemi.mi.event.AsyncEventSettings settings, dev.nvmemi.mi.event.AeEnableList delta) {
      calls.add("config_set_async_event");
      return done(new MiResult.MiError<>(MiStatus.INVALID_PARAMETER, null));
    }

    @Override
    public CompletionStage<MiResult<dev.nvmemi.mi.event.AeOccurrenceList>> acknowledgeAsyncEvents() {
      calls.add("aem_ack");
      return done(new MiResult.MiError<>(MiStatus.INVALID_PARAMETER, null));
    }

    @Override
    public CompletionStage<MiResult<Integer>> readUuidList(int controllerId) {
      calls.add("uuid_list");
      return done(new MiResult.NvmeError<>(new NvmeStatus(0x02, 0, 0, false, true)));
    }

    @Override
    public CompletionStage<MiResult<OcpSmartExtendedLog>> readOcpSmartExtendedLog(int controllerId, int uuidIndex) {
      calls.add("ocp_c0");
      return done(new MiResult.NvmeError<>(new NvmeStatus(0x09, 1, 0, false, true))); // Invalid Log Page
    }

    @Override
    public CompletionStage<MiResult<OcpLatencyMonitorLog>> readOcpLatencyMonitorLog(int controllerId, int uuidIndex) {
      calls.add("ocp_c3");
      return done(new MiResult.NvmeError<>(new NvmeStatus(0x09, 1, 0, false, true)));
    }

    @Override
    public String describe() {
      return "scripted";
    }

    @Override
    public void close() {
    }
  }

  private static <T> CompletionStage<T> done(T v) {
    return CompletableFuture.completedFuture(v);
  }

  private EndpointSession session(Map<String, ?> settings) {
    AgentConfig config = ConfigLoader.build(settings);
    EndpointSession s = new EndpointSession(BusEndpoint.of(1, 9, "mctpi2c0"), new ScriptedDrive(), timers,
        new BusScheduler(timers, config.bus()), config, 1, false);
    s.start();
    return s;
  }

  @Test
  void identifiesWithEveryDataStructureThenIdentifyController() {
    EndpointSession s = session(Map.of());
    timers.advance(1, TimeUnit.SECONDS);
    assertThat(calls.subList(0, 6)).containsExactly("subsystem_info", "port_info", "controller_list",
        "controller_info", "identify", calls.get(5));
    assertThat(s.state()).isEqualTo(EndpointState.ACTIVE);
    assertThat(s.snapshot().identity().hwId()).isEqualTo("144d-S1");
  }

  @Test
  void pollsAreReadOnlyByDefault() {
    session(Map.of());
    timers.advance(30, TimeUnit.SECONDS);
    assertThat(calls).contains("subsystem_health cs=false", "controller_health ccf=false")
        .doesNotContain("subsystem_health cs=true", "controller_health ccf=true");
  }

  @Test
  void clearStatusSetsCsAndCcfOnlyWhenConfigured() {
    session(Map.of("poll.clear_status", "true"));
    timers.advance(30, TimeUnit.SECONDS);
    assertThat(calls).contains("subsystem_health cs=true", "controller_health ccf=true")
        .doesNotContain("subsystem_health cs=false");
  }

  @Test
  void aCommandTheDriveRejectsIsNeverIssuedAgain() {
    EndpointSession s = session(Map.of("poll.identify_interval", "10s", "poll.smart_interval", "5s"));
    timers.advance(10, TimeUnit.MINUTES);
    // identify ran ~60 times; Read Port Info (Invalid Command Opcode) only the first time
    assertThat(calls.stream().filter(c -> c.equals("identify")).count()).isGreaterThan(30);
    assertThat(calls.stream().filter(c -> c.equals("port_info")).count()).isEqualTo(1);
    // the error log (NVMe Invalid Field in Command) was tried once, although the entry count kept growing
    assertThat(calls.stream().filter(c -> c.equals("error_log")).count()).isEqualTo(1);
    // the OCP C0h log (Invalid Log Page) was tried once, not at every ocp.interval
    assertThat(calls.stream().filter(c -> c.equals("ocp_c0")).count()).isEqualTo(1);
    assertThat(s.snapshot().unsupported()).containsExactlyInAnyOrder("read_port_info", "get_log_page.error",
        "get_log_page.ocp_smart_extended");
    assertThat(s.state()).isEqualTo(EndpointState.ACTIVE);
  }

  @Test
  void anErrorStatusToTheFullControllerHealthPollIsAFailureRetriedInTheBasicForm() {
    fullControllerHealth = MiStatus.INTERNAL_ERROR;
    EndpointSession s = session(Map.of());
    timers.advance(12, TimeUnit.SECONDS);
    int full = calls.indexOf("controller_health ccf=false");
    assertThat(full).isNotNegative();
    assertThat(calls.subList(full + 1, calls.size())).as("retried at once").contains("controller_health_basic ccf=false");
    assertThat(s.snapshot().controllers()).as("the basic form's answer is used").hasSize(1);
    assertThat(s.snapshot().unsupported()).as("an error status is no 'unsupported'").doesNotContain("controller_health_poll");
    assertThat(s.state()).isEqualTo(EndpointState.ACTIVE);
  }

  @Test
  void anUnsupportedFullControllerHealthPollIsReplacedByTheBasicFormForGood() {
    fullControllerHealth = MiStatus.INVALID_PARAMETER;
    EndpointSession s = session(Map.of());
    timers.advance(60, TimeUnit.SECONDS);
    assertThat(calls.stream().filter(c -> c.equals("controller_health ccf=false")).count()).isEqualTo(1);
    assertThat(calls.stream().filter(c -> c.equals("controller_health_basic ccf=false")).count()).isGreaterThan(5);
    assertThat(s.snapshot().unsupported()).contains("controller_health_poll").doesNotContain("controller_health_poll.basic");
  }

  @Test
  void aDriveAnsweringEverythingWithAnErrorStatusBacksOffAndIsLost() {
    everythingAfterIdentify = MiStatus.INTERNAL_ERROR;
    EndpointSession s = session(Map.of("poll.lost_after", "3"));
    timers.advance(2, TimeUnit.MINUTES);
    assertThat(s.state()).isEqualTo(EndpointState.LOST);
    assertThat(s.snapshot().lastError()).isEqualTo("mi_status");
    assertThat(s.snapshot().failures()).extracting(CommandFailure::detail).allMatch(d -> d.contains("Internal Error"));
    long polls = calls.stream().filter(c -> c.startsWith("subsystem_health")).count();
    assertThat(polls).as("backoff: far fewer than one poll per 5 s").isLessThan(12);
  }
}
