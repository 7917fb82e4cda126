package dev.nvmemi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.admin.IdentifyController;
import dev.nvmemi.mi.admin.SmartLog;
import dev.nvmemi.mi.client.MiController;
import dev.nvmemi.mi.client.MiEndpoint;
import dev.nvmemi.mi.client.MiResult;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import dev.nvmemi.mi.event.AeEnable;
import dev.nvmemi.mi.event.AeEnableList;
import dev.nvmemi.simulator.scenario.Fault;
import dev.nvmemi.simulator.scenario.Scenario;
import dev.nvmemi.simulator.scenario.StateChange;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The in-process transport with the foundation's client API (MiEndpoint, MiController): every
 * command the simulator implements decodes to a success of the right type; the others to the MI
 * or NVMe error a real drive gives.
 */
class ClientApiTest {
  private final VirtualClock clock = new VirtualClock();
  private final SimulatedFleet fleet = Fixtures.vectorFleet(clock).build();
  private final MiEndpoint ep = new MiEndpoint(fleet.endpoint(1, 0x10));
  private final MiController ctrl = ep.controller(0);

  private static <T> T ok(CompletionStage<MiResult<T>> stage) {
    MiResult<T> r = stage.toCompletableFuture().join();
    assertThat(r).isInstanceOf(MiResult.Success.class);
    return r.orElseThrow();
  }

  private static <T> MiResult<T> result(CompletionStage<MiResult<T>> stage) {
    return stage.toCompletableFuture().join();
  }

  @Test
  void readsEveryDataStructure() {
    assertThat(ok(ep.readNvmSubsystemInfo())).isNotNull();
    assertThat(ok(ep.readPortInfo(0))).isNotNull();
    assertThat(ok(ep.readPortInfo(1))).isNotNull();
    assertThat(ok(ep.readControllerList(0))).isNotNull();
    assertThat(ok(ep.readControllerInfo(1))).isNotNull();
    assertThat(ok(ep.readOptionalCommandList(0))).isNotNull();
    assertThat(result(ep.readPortInfo(2))).isInstanceOf(MiResult.MiError.class);
    assertThat(result(ep.readMebCommandSupportList(0))).as("no MEB").isInstanceOf(MiResult.MiError.class);
  }

  @Test
  void pollsHealth() {
    SubsystemHealthStatus s = ok(ep.pollSubsystemHealth(false));
    assertThat(s.ctempCelsius()).isBetween(34, 36);
    assertThat(s.warningsActive()).isEmpty();
    assertThat(s.driveFunctional()).isTrue();
    assertThat(ok(ep.pollControllerHealth(0, 4))).hasSize(2);
  }

  @Test
  void configurationGetAndSet() {
    assertThat(ok(ep.configGetSmbusFrequency(1))).isNotNull();
    assertThat(ok(ep.configSetSmbusFrequency(1, 2))).isNotNull();
    assertThat(ok(ep.configGetMctpTransmissionUnitSize(1))).isEqualTo(64);
    assertThat(ok(ep.configSetMctpTransmissionUnitSize(1, 128))).isNotNull();
    assertThat(ok(ep.configGetMctpTransmissionUnitSize(1))).isEqualTo(128);
    assertThat(ok(ep.configGetHealthStatusChange())).isNotNull();
    assertThat(ok(ep.configSetHealthStatusChange(java.util.Set.of()))).isNotNull();
  }

  @Test
  void asynchronousEventConfiguration() {
    assertThat(ok(ep.configGetAsyncEvent())).isNotNull();
    var occurrences = ok(ep.configSetAsyncEvent(false, false, false, 1, 10,
        AeEnableList.of(List.of(AeEnable.of(0x06, true)))));
    assertThat(occurrences.numaeo()).isEqualTo(2);
    assertThat(ok(ep.acknowledgeAsyncEvents()).numaeo()).isZero();
  }

  @Test
  void vpdAndShutdown() {
    assertThat(ok(ep.vpdRead(0, 16))).hasSize(16);
    assertThat(ok(ep.vpdWrite(16, new byte[] {1, 2, 3, 4}))).isNotNull();
    assertThat(ok(ep.shutdown(0))).isNotNull();
  }

  @Test
  void controlPrimitives() {
    assertThat(ok(ep.pause())).isNotNull();
    assertThat(ok(ep.getState(false))).isNotNull();
    assertThat(ok(ep.resume())).isNotNull();
    assertThat(ok(ep.abort())).isNotNull();
    assertThat(ok(ep.replay(0))).isNotNull();
  }

  @Test
  void adminCommandsThroughTheController() {
    IdentifyController id = ok(ctrl.identifyController());
    assertThat(id.sn()).isEqualTo("S4EWNX0R123456");
    assertThat(id.mn()).isEqualTo("EXAMPLE NVME SSD 1TB");
    assertThat(id.wctemp()).isEqualTo(343);
    assertThat(ok(ctrl.identifyControllerSummary())).isNotNull();
    SmartLog smart = ok(ctrl.smartLog());
    assertThat(smart.avsp()).isEqualTo(100);
    assertThat(smart.pused()).isEqualTo(3);
    assertThat(ok(ctrl.errorLog(64))).hasSize(64);
    assertThat(ok(ctrl.firmwareSlotLog())).hasSize(512);
    assertThat(ok(ctrl.getFeaturesSimple(0x04, 0))).isEqualTo(343L);
    assertThat(ok(ctrl.identifyActiveNamespaceList(0))).isNotNull();
    assertThat(ok(ctrl.identifyNamespace(1))).hasSize(4096);
    assertThat(result(ctrl.supportedLogPages())).as("LID 00h not implemented").isInstanceOf(MiResult.NvmeError.class);
  }

  @Test
  void secondControllerIsReachable() {
    assertThat(ok(ep.controller(1).identifyController()).cntlid()).isEqualTo(1);
  }

  @Test
  void faultsSurfaceAsTheClientsOwnOutcomes() {
    SimulatedFleet flaky = SimulatedFleet.builder().clock(clock).seed(1).scenario(Scenario.builder("f")
        .at(Duration.ZERO, 0, new Fault.CorruptMic(1.0, Duration.ofSeconds(1)))
        .at(Duration.ofSeconds(1), 0, new StateChange.Temperature(90, Duration.ZERO)).build()).build();
    MiEndpoint e = new MiEndpoint(flaky.endpoint(1, 0x10));
    assertThat(result(e.pollSubsystemHealth(false))).isInstanceOf(MiResult.Failure.class);
    clock.advance(Duration.ofSeconds(1));
    SubsystemHealthStatus s = ok(e.pollSubsystemHealth(false));
    assertThat(s.ctempCelsius()).isBetween(89, 91);
    assertThat(s.warningsActive()).isNotEmpty();
  }
}
