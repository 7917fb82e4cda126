package dev.nvmemi.transport.mctp.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.admin.PowerManagement;
import dev.nvmemi.mi.admin.TemperatureThreshold;
import dev.nvmemi.mi.client.MiController;
import dev.nvmemi.mi.client.MiEndpoint;
import dev.nvmemi.mi.client.MiResult;
import dev.nvmemi.mi.command.SmbusFrequencyConfig;
import dev.nvmemi.transport.mctp.MctpBusLanes;
import dev.nvmemi.transport.mctp.MctpTransport;
import dev.nvmemi.transport.mctp.MctpTransportOptions;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The MI client API (MiEndpoint, MiController) over the transport, the real kernel MCTP stack and
 * the simulator's MCTP-serial front end behind {@code mctpserial0} (EID 9). Every command of the
 * client API must come back as a decoded answer — success, or an MI/NVMe status the simulated drive
 * chose — never as a transport or protocol failure. Runs inside the QEMU guest only.
 */
@Tag("mctp")
class SimulatorIT {
  static Vertx vertx;
  static MctpTransport transport;
  static MiEndpoint endpoint;
  static MiController controller;

  @BeforeAll
  static void setUp() throws Exception {
    GuestNetwork.ensureSimulatorLink();
    vertx = Vertx.vertx();
    transport = MctpTransport.open(1, GuestNetwork.SIM_EID,
        MctpTransportOptions.defaults().withLanes(new MctpBusLanes()), vertx);
    endpoint = new MiEndpoint(transport);
    int first = ok(endpoint.readControllerList(0)).ids().get(0);
    controller = endpoint.controller(first);
  }

  @AfterAll
  static void tearDown() {
    endpoint.close();
    transport.close();
    vertx.close();
  }

  static <T> MiResult<T> answer(CompletionStage<MiResult<T>> stage) throws Exception {
    MiResult<T> r = stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    if (r instanceof MiResult.Failure<T> f) {
      throw new AssertionError("exchange failed over the kernel: " + f.cause().getMessage(), f.cause());
    }
    return r;
  }

  static <T> T ok(CompletionStage<MiResult<T>> stage) throws Exception {
    MiResult<T> r = answer(stage);
    assertThat(r).as("result").isInstanceOf(MiResult.Success.class);
    return r.orElseThrow();
  }

  @Test
  void readsEveryNvmeMiDataStructure() throws Exception {
    assertThat(ok(endpoint.readNvmSubsystemInfo())).isNotNull();
    assertThat(ok(endpoint.readPortInfo(0))).isNotNull();
    assertThat(ok(endpoint.readControllerList(0)).ids()).isNotEmpty();
    assertThat(ok(endpoint.readControllerInfo(controller.id()))).isNotNull();
    answer(endpoint.readOptionalCommandList(0));
    answer(endpoint.readMebCommandSupportList(0));
  }

  @Test
  void pollsSubsystemAndControllerHealth() throws Exception {
    assertThat(ok(endpoint.pollSubsystemHealth(false))).isNotNull();
    assertThat(ok(endpoint.pollControllerHealth(0, 255))).isNotEmpty();
  }

  @Test
  void getsAndSetsConfiguration() throws Exception {
    MiResult<SmbusFrequencyConfig> freq = answer(endpoint.configGetSmbusFrequency(0));
    answer(endpoint.configGetHealthStatusChange());
    MiResult<Integer> mtu = answer(endpoint.configGetMctpTransmissionUnitSize(0));
    answer(endpoint.configGetAsyncEvent());
    // write back what was read: the drive keeps its settings, the exchanges still cross the kernel
    if (freq instanceof MiResult.Success<SmbusFrequencyConfig> f) {
      answer(endpoint.configSetSmbusFrequency(0, f.value().sfreq()));
    }
    if (mtu instanceof MiResult.Success<Integer> m) {
      answer(endpoint.configSetMctpTransmissionUnitSize(0, m.value()));
    }
    answer(endpoint.configSetHealthStatusChange(Set.of()));
  }

  @Test
  void readsAndWritesTheManagementEndpointBuffer() throws Exception {
    MiResult<byte[]> meb = answer(endpoint.mebRead(0, 16));
    if (meb instanceof MiResult.Success<byte[]> m) {
      answer(endpoint.mebWrite(0, m.value()));
    }
  }

  @Test
  void readsAndWritesVitalProductData() throws Exception {
    byte[] vpd = ok(endpoint.vpdRead(0, 64));
    assertThat(vpd).hasSize(64);
    answer(endpoint.vpdWrite(0, vpd));
  }

  @Test
  void runsTheControlPrimitives() throws Exception {
    answer(endpoint.getState(false));
    answer(endpoint.pause());
    answer(endpoint.resume());
    answer(endpoint.abort());
    answer(endpoint.replay(0));
  }

  @Test
  void identifiesTheControllerThroughTheAdminTunnel() throws Exception {
    assertThat(ok(controller.identifyController())).isNotNull();
    answer(controller.identifyActiveNamespaceList(0));
  }

  @Test
  void readsTheSmartLogAndA4KiBErrorLogChunk() throws Exception {
    assertThat(ok(controller.smartLog())).isNotNull();
    // 64 entries x 64 bytes = one 4096-byte Get Log Page chunk, 65 serial packets each way
    assertThat(ok(controller.errorLog(64))).hasSize(64);
    answer(controller.supportedLogPages());
    answer(controller.firmwareSlotLog());
  }

  @Test
  void getsAndSetsFeatures() throws Exception {
    MiResult<TemperatureThreshold> threshold = answer(controller.temperatureThreshold(0, 0, 0));
    MiResult<PowerManagement> power = answer(controller.powerManagement(0));
    answer(controller.arbitration(0));
    answer(controller.getFeaturesSimple(0x07, 0)); // Number of Queues
    if (threshold instanceof MiResult.Success<TemperatureThreshold> t) {
      answer(controller.setTemperatureThreshold(t.value(), false));
    }
    if (power instanceof MiResult.Success<PowerManagement> p) {
      answer(controller.setPowerManagement(p.value(), false));
    }
  }

  @Test
  void readsTheOtherLogPagesAndIdentifyData() throws Exception {
    answer(controller.getLog(0x02, 512));
    answer(controller.deviceSelfTestLog());
    answer(controller.sanitizeStatusLog(false));
    answer(controller.commandsSupportedAndEffectsLog(0));
    answer(controller.identifyNamespace(1));
    answer(controller.identifyControllerList(0));
  }
}
