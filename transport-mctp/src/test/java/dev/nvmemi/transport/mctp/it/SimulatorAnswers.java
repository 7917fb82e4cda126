package dev.nvmemi.transport.mctp.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.admin.ErrorLogEntry;
import dev.nvmemi.mi.admin.PowerManagement;
import dev.nvmemi.mi.admin.SmartLog;
import dev.nvmemi.mi.admin.TemperatureThreshold;
import dev.nvmemi.mi.client.MiController;
import dev.nvmemi.mi.client.MiEndpoint;
import dev.nvmemi.mi.client.MiResult;
import dev.nvmemi.mi.client.ParameterErrorLocation;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.PortInfo;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import dev.nvmemi.mi.control.AbortResponse;
import dev.nvmemi.mi.control.ReplayResponse;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the simulated drive at EID 9 (seed 1) must answer to every command of the MI client API
 * (MiEndpoint, MiController): success with the data the drive holds — compared with a
 * {@link ReferenceDrive} of the same EID and seed, within the range the drive's age allows for what
 * moves with time — or the specific status the specification requires (shared/spec/nvme-mi.md:
 * Invalid Parameter with its error location for a bad port, controller, structure type; Invalid
 * Command Opcode for an optional command the drive lacks; the NVMe status of an admin command it
 * does not support). Never a transport or protocol failure. The far end is chosen by the subclass:
 * {@link SimulatorIT} reaches a simulator process through the real kernel (in the QEMU guest),
 * {@link SimulatorAnswersTest} the simulator in this JVM (every build). Runs on the JUnit thread.
 */
abstract class SimulatorAnswers {
  /** NVMe generic status 02h Invalid Field in Command (SCT 0). */
  private static final int INVALID_FIELD = 0x002;
  /** NVMe command specific status 09h Invalid Log Page (SCT 1, Get Log Page). */
  private static final int INVALID_LOG_PAGE = 0x109;
  /** Byte offsets in the request message (NMD0 is bytes 8–11, NMD1 12–15). */
  private static final int CTRLID_BYTE = 8;
  private static final int PORTID_BYTE = 10;
  private static final int NMD0_BITS_31_24 = 11;

  static MiEndpoint endpoint;
  static MiController controller;
  static ReferenceDrive reference;
  static MiEndpoint ref;
  static MiController refController;
  /** The reference's health, controller health and SMART readings at every second of the drive's age. */
  static final List<Reading> readings = new ArrayList<>();

  record Reading(SubsystemHealthStatus health, List<ControllerHealthStatus> controllers, SmartLog smart) {}

  /** Asks {@code far} from now on, and a fresh reference copy of the drive. */
  static void connect(MiEndpoint far) throws Exception {
    endpoint = far;
    readings.clear();
    reference = new ReferenceDrive(1, GuestNetwork.SIM_EID, 1);
    ref = reference.endpoint();
    int first = ReferenceDrive.ok(ref.readControllerList(0)).ids().get(0);
    controller = endpoint.controller(first);
    refController = ref.controller(first);
  }

  /** Closes what {@link #connect} opened (as far as it got). */
  static void disconnect() {
    if (endpoint != null) {
      endpoint.close();
    }
    if (reference != null) {
      reference.close();
    }
  }

  /** The answer from the far end; a transport or protocol failure fails the test. */
  static <T> MiResult<T> answer(CompletionStage<MiResult<T>> stage) throws Exception {
    MiResult<T> r = stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    if (r instanceof MiResult.Failure<T> f) {
      throw new AssertionError("exchange failed: " + f.cause().getMessage(), f.cause());
    }
    return r;
  }

  /** The value of a success answer from the far end. */
  static <T> T ok(CompletionStage<MiResult<T>> stage) throws Exception {
    MiResult<T> r = answer(stage);
    assertThat(r).as("answer").isInstanceOf(MiResult.Success.class);
    return r.orElseThrow();
  }

  static void invalidParameter(CompletionStage<? extends MiResult<?>> stage, int byteOffset) throws Exception {
    MiResult<?> r = answer(cast(stage));
    assertThat(r).isEqualTo(new MiResult.MiError<>(MiStatus.INVALID_PARAMETER,
        new ParameterErrorLocation(byteOffset, 0)));
  }

  static void miStatus(CompletionStage<? extends MiResult<?>> stage, MiStatus status) throws Exception {
    assertThat(answer(cast(stage))).isEqualTo(new MiResult.MiError<>(status, null));
  }

  static void nvmeStatus(CompletionStage<? extends MiResult<?>> stage, int sctSc) throws Exception {
    MiResult<?> r = answer(cast(stage));
    assertThat(r).isInstanceOfSatisfying(MiResult.NvmeError.class, e -> {
      assertThat(e.status().sct() << 8 | e.status().sc()).as("SCT/SC of %s", e.status()).isEqualTo(sctSc);
      assertThat(e.status().dnr()).as("DNR").isTrue();
    });
  }

  @SuppressWarnings("unchecked")
  private static <T> CompletionStage<MiResult<T>> cast(CompletionStage<? extends MiResult<?>> stage) {
    return (CompletionStage<MiResult<T>>) (CompletionStage<?>) stage;
  }

  /** The reference's readings from age 0 up to the far drive's current maximum age. */
  static synchronized List<Reading> readings() throws Exception {
    long maxAge = ReferenceDrive.maxAgeOfTheSimulatorProcess();
    readings.addAll(reference.overAge(maxAge, SimulatorAnswers::reading));
    return readings;
  }

  private static CompletionStage<MiResult<Reading>> reading(MiEndpoint e) {
    return e.pollSubsystemHealth(false).thenCompose(h -> e.pollControllerHealth(0, 255).thenCompose(c ->
        refController.smartLog().thenApply(s ->
            (MiResult<Reading>) new MiResult.Success<>(new Reading(h.orElseThrow(), c.orElseThrow(), s.orElseThrow())))));
  }

  /** {@code value} lies within what the reference readings held for it. */
  static void withinReadings(String what, long value, ToLongFunction<Reading> field) throws Exception {
    long min = readings().stream().mapToLong(field).min().orElseThrow();
    long max = readings().stream().mapToLong(field).max().orElseThrow();
    assertThat(value).as("%s (the drive served %d ~ %d over its age)", what, min, max).isBetween(min, max);
  }

  static Reading first() throws Exception {
    return readings().get(0);
  }

  // ---------------------------------------------------------------- Read NVMe-MI Data Structure

  @Test
  void readsTheSubsystemInformationThePortsTheControllerListAndTheControllerInformation() throws Exception {
    assertThat(ok(endpoint.readNvmSubsystemInfo())).isEqualTo(ReferenceDrive.ok(ref.readNvmSubsystemInfo()));
    int ports = ReferenceDrive.ok(ref.readNvmSubsystemInfo()).nump() + 1;
    for (int port = 0; port < ports; port++) {
      assertThat(ok(endpoint.readPortInfo(port))).as("port %d", port)
          .usingRecursiveComparison().isEqualTo(ReferenceDrive.ok(ref.readPortInfo(port)));
    }
    assertThat(ok(endpoint.readControllerList(0))).isEqualTo(ReferenceDrive.ok(ref.readControllerList(0)));
    assertThat(ok(endpoint.readControllerInfo(controller.id())))
        .usingRecursiveComparison().isEqualTo(ReferenceDrive.ok(ref.readControllerInfo(controller.id())));
    assertThat(ok(endpoint.readOptionalCommandList(0)))
        .usingRecursiveComparison().isEqualTo(ReferenceDrive.ok(ref.readOptionalCommandList(0)));
  }

  @Test
  void aPortOrControllerThatDoesNotExistIsAnInvalidParameterAtItsSelector() throws Exception {
    int ports = ReferenceDrive.ok(ref.readNvmSubsystemInfo()).nump() + 1;
    invalidParameter(endpoint.readPortInfo(ports), PORTID_BYTE);
    invalidParameter(endpoint.readControllerInfo(0x7F), CTRLID_BYTE);
  }

  @Test
  void theMebCommandSupportListOfADriveWithoutAManagementEndpointBufferIsAnInvalidParameterAtDtyp()
      throws Exception {
    // §3.5: list 05h exists only when MEBS != 0; DTYP is NMD0 bits 31:24 (byte 11)
    for (int port = 0; port <= ReferenceDrive.ok(ref.readNvmSubsystemInfo()).nump(); port++) {
      assertThat(ok(endpoint.readPortInfo(port)).mebs()).as("MEBS of port %d", port).isZero();
    }
    invalidParameter(endpoint.readMebCommandSupportList(0), NMD0_BITS_31_24);
  }

  // ---------------------------------------------------------------- health polls

  @Test
  void pollsSubsystemHealthAsTheDriveHoldsIt() throws Exception {
    SubsystemHealthStatus h = ok(endpoint.pollSubsystemHealth(false));
    SubsystemHealthStatus r = first().health();
    assertThat(h.nss()).as("NSS").isEqualTo(r.nss());
    assertThat(h.sw()).as("SW").isEqualTo(r.sw());
    assertThat(h.pdlu()).as("PDLU").isEqualTo(r.pdlu());
    assertThat(h.ccs()).as("CCS").isEqualTo(r.ccs());
    withinReadings("CTEMP", h.ctemp(), x -> x.health().ctemp());
  }

  @Test
  void pollsControllerHealthAsTheDriveHoldsIt() throws Exception {
    List<ControllerHealthStatus> got = ok(endpoint.pollControllerHealth(0, 255));
    List<ControllerHealthStatus> want = first().controllers();
    assertThat(got).hasSameSizeAs(want);
    for (int i = 0; i < got.size(); i++) {
      ControllerHealthStatus g = got.get(i);
      ControllerHealthStatus w = want.get(i);
      assertThat(List.of(g.ctlid(), g.csts(), g.pdlu(), g.spare(), g.cwarn(), g.chsc()))
          .as("CTLID, CSTS, PDLU, SPARE, CWARN, CHSC of entry %d", i)
          .isEqualTo(List.of(w.ctlid(), w.csts(), w.pdlu(), w.spare(), w.cwarn(), w.chsc()));
      int entry = i;
      withinReadings("CTEMP of entry " + i, g.ctemp(), x -> x.controllers().get(entry).ctemp());
    }
  }

  // ---------------------------------------------------------------- Configuration Get / Set

  @Test
  void theSmbusFrequencyIsThe2WirePortsAndThePciePortHasNone() throws Exception {
    int twoWire = portOfType(2);
    int pcie = portOfType(1);
    int sfreq = ok(endpoint.configGetSmbusFrequency(twoWire)).sfreq();
    assertThat(sfreq).isEqualTo(ReferenceDrive.ok(ref.configGetSmbusFrequency(twoWire)).sfreq());
    assertThat(ok(endpoint.configSetSmbusFrequency(twoWire, sfreq)).status()).isEqualTo(MiStatus.SUCCESS);
    // §5: the port must be 2-Wire; PORTID is NMD0 bits 31:24 (byte 11)
    invalidParameter(endpoint.configGetSmbusFrequency(pcie), NMD0_BITS_31_24);
    invalidParameter(endpoint.configSetSmbusFrequency(pcie, sfreq), NMD0_BITS_31_24);
  }

  @Test
  void everyPortAnswersItsMctpTransmissionUnitSizeAndTakesItBack() throws Exception {
    int ports = ReferenceDrive.ok(ref.readNvmSubsystemInfo()).nump() + 1;
    for (int port = 0; port < ports; port++) {
      PortInfo info = ok(endpoint.readPortInfo(port));
      int mtu = ok(endpoint.configGetMctpTransmissionUnitSize(port));
      // §5: current MTUS, reset default 64, at most the port's MMTUS (§3.2)
      assertThat(mtu).as("MTUS of port %d (MMTUS %d)", port, info.mmtus()).isBetween(64, info.mmtus());
      assertThat(ok(endpoint.configSetMctpTransmissionUnitSize(port, mtu)).status()).isEqualTo(MiStatus.SUCCESS);
    }
  }

  @Test
  void getsAndClearsTheHealthStatusChangeAndGetsTheAsynchronousEventConfiguration() throws Exception {
    assertThat(answer(endpoint.configGetHealthStatusChange())).isInstanceOf(MiResult.Success.class);
    assertThat(ok(endpoint.configSetHealthStatusChange(Set.of())).status()).isEqualTo(MiStatus.SUCCESS);
    assertThat(ok(endpoint.configGetAsyncEvent()))
        .usingRecursiveComparison().isEqualTo(ReferenceDrive.ok(ref.configGetAsyncEvent()));
  }

  // ---------------------------------------------------------------- MEB, VPD

  @Test
  void managementEndpointBufferCommandsAreInvalidOpcodesOnADriveWithoutABuffer() throws Exception {
    // optional commands (§2.2) the drive does not implement (MEBS = 0 on every port)
    miStatus(endpoint.mebRead(0, 16), MiStatus.INVALID_COMMAND_OPCODE);
    miStatus(endpoint.mebWrite(0, new byte[16]), MiStatus.INVALID_COMMAND_OPCODE);
  }

  @Test
  void readsTheVitalProductDataAndWritesItBack() throws Exception {
    byte[] vpd = ok(endpoint.vpdRead(0, 64));
    assertThat(vpd).isEqualTo(ReferenceDrive.ok(ref.vpdRead(0, 64)));
    assertThat(ok(endpoint.vpdWrite(0, vpd)).status()).isEqualTo(MiStatus.SUCCESS);
  }

  // ---------------------------------------------------------------- control primitives

  @Test
  void runsTheControlPrimitives() throws Exception {
    assertThat(ok(endpoint.getState(false))).isEqualTo(ReferenceDrive.ok(ref.getState(false)));
    assertThat(ok(endpoint.pause()).status()).isEqualTo(MiStatus.SUCCESS);
    assertThat(ok(endpoint.resume()).status()).isEqualTo(MiStatus.SUCCESS);
    AbortResponse abort = ok(endpoint.abort());
    assertThat(abort.cpas()).as("nothing to abort").isEqualTo(AbortResponse.AbortStatus.COMPLETED_OR_NOTHING);
    ReplayResponse replay = ok(endpoint.replay(0));
    assertThat(replay.rr()).as("RR: the slot has a response to replay").isTrue();
  }

  // ---------------------------------------------------------------- admin commands

  @Test
  void identifiesTheControllerAndItsNamespaces() throws Exception {
    assertThat(ok(controller.identifyController()))
        .usingRecursiveComparison().isEqualTo(ReferenceDrive.ok(refController.identifyController()));
    assertThat(ok(controller.identifyActiveNamespaceList(0)))
        .isEqualTo(ReferenceDrive.ok(refController.identifyActiveNamespaceList(0)));
    assertThat(ok(controller.identifyNamespace(1))).isEqualTo(ReferenceDrive.ok(refController.identifyNamespace(1)));
  }

  @Test
  void anIdentifyTheDriveDoesNotImplementIsAnInvalidField() throws Exception {
    nvmeStatus(controller.identifyControllerList(0), INVALID_FIELD); // CNS 13h
  }

  @Test
  void readsTheSmartLogAsTheDriveHoldsIt() throws Exception {
    SmartLog s = ok(controller.smartLog());
    SmartLog r = first().smart();
    assertThat(List.of(s.critWarn(), s.avsp(), s.avspt(), s.pused(), s.egcws()))
        .as("critical warning, spare, threshold, percentage used, endurance group summary")
        .isEqualTo(List.of(r.critWarn(), r.avsp(), r.avspt(), r.pused(), r.egcws()));
    assertThat(List.of(s.pwrc(), s.unsafeShutdowns(), s.mdie()))
        .as("power cycles, unsafe shutdowns, media errors").isEqualTo(List.of(r.pwrc(), r.unsafeShutdowns(), r.mdie()));
    assertThat(s.neile()).as("error log entries (this run's failed admin commands add some)")
        .isGreaterThanOrEqualTo(r.neile());
    withinReadings("composite temperature", s.ctemp(), x -> x.smart().ctemp());
    for (int i = 0; i < s.tsen().size(); i++) {
      int sensor = i;
      withinReadings("sensor " + (i + 1), s.tsen().get(i), x -> x.smart().tsen().get(sensor));
    }
    withinReadings("data units read", s.dur().longValueExact(), x -> x.smart().dur().longValueExact());
    withinReadings("data units written", s.duw().longValueExact(), x -> x.smart().duw().longValueExact());
    withinReadings("host read commands", s.hrc().longValueExact(), x -> x.smart().hrc().longValueExact());
    withinReadings("host write commands", s.hwc().longValueExact(), x -> x.smart().hwc().longValueExact());
    withinReadings("controller busy time", s.cbt().longValueExact(), x -> x.smart().cbt().longValueExact());
    withinReadings("power-on hours", s.poh().longValueExact(), x -> x.smart().poh().longValueExact());
    // the same log through the generic Get Log Page: 512 bytes that decode to the same drive
    SmartLog generic = SmartLog.decode(ok(controller.getLog(0x02, 512)));
    assertThat(generic.avsp()).isEqualTo(r.avsp());
    assertThat(generic.pwrc()).isEqualTo(r.pwrc());
  }

  @Test
  void readsTheWholeErrorLogIn4KiBWithTheDrivesOwnEntries() throws Exception {
    // 64 entries x 64 bytes = one 4096-byte Get Log Page chunk, 65 serial packets each way
    List<ErrorLogEntry> log = ok(controller.errorLog(64));
    assertThat(log).hasSize(64);
    BigInteger own = first().smart().neile();
    Map<Long, ErrorLogEntry> want = ReferenceDrive.ok(refController.errorLog(64)).stream()
        .filter(e -> e.errcnt() != 0).collect(Collectors.toMap(ErrorLogEntry::errcnt, Function.identity()));
    List<ErrorLogEntry> present = log.stream().filter(e -> e.errcnt() != 0)
        .sorted(Comparator.comparingLong(ErrorLogEntry::errcnt)).toList();
    for (ErrorLogEntry e : present) {
      if (BigInteger.valueOf(e.errcnt()).compareTo(own) <= 0) {
        assertThat(e).as("entry %d, which the drive had from the start", e.errcnt()).isEqualTo(want.get(e.errcnt()));
      } else {
        // added by this run's admin commands the drive does not implement
        assertThat(e.sf() >> 1 & 0x7FF).as("status of entry %d", e.errcnt()).isIn(INVALID_FIELD, INVALID_LOG_PAGE);
      }
    }
    assertThat(present.stream().map(ErrorLogEntry::errcnt).toList()).as("the drive's own entries")
        .containsAll(want.keySet());
  }

  @Test
  void readsTheFirmwareSlotLog() throws Exception {
    assertThat(ok(controller.firmwareSlotLog())).isEqualTo(ReferenceDrive.ok(refController.firmwareSlotLog()));
  }

  @Test
  void aLogPageTheDriveDoesNotImplementIsAnInvalidLogPage() throws Exception {
    nvmeStatus(controller.supportedLogPages(), INVALID_LOG_PAGE); // LID 00h
    nvmeStatus(controller.deviceSelfTestLog(), INVALID_LOG_PAGE); // LID 06h
    nvmeStatus(controller.sanitizeStatusLog(false), INVALID_LOG_PAGE); // LID 81h
    nvmeStatus(controller.commandsSupportedAndEffectsLog(0), INVALID_LOG_PAGE); // LID 05h
  }

  @Test
  void getsTheFeaturesTheDriveHoldsAndSetsTheTemperatureThresholdBack() throws Exception {
    TemperatureThreshold threshold = ok(controller.temperatureThreshold(0, 0, 0));
    assertThat(threshold).isEqualTo(ReferenceDrive.ok(refController.temperatureThreshold(0, 0, 0)));
    PowerManagement power = ok(controller.powerManagement(0));
    assertThat(power).isEqualTo(ReferenceDrive.ok(refController.powerManagement(0)));
    assertThat(ok(controller.getFeaturesSimple(0x07, 0))) // Number of Queues
        .isEqualTo(ReferenceDrive.ok(refController.getFeaturesSimple(0x07, 0)));
    assertThat(answer(controller.setTemperatureThreshold(threshold, false))).isInstanceOf(MiResult.Success.class);
  }

  @Test
  void aFeatureTheDriveDoesNotImplementIsAnInvalidField() throws Exception {
    // the simulated drive gets FIDs 02h, 04h, 06h, 07h, 0Bh and sets 04h only (simulator README)
    nvmeStatus(controller.arbitration(0), INVALID_FIELD); // Get Features FID 01h
    nvmeStatus(controller.setPowerManagement(ok(controller.powerManagement(0)), false), INVALID_FIELD); // Set FID 02h
  }

  private static int portOfType(int prttyp) throws Exception {
    int ports = ReferenceDrive.ok(ref.readNvmSubsystemInfo()).nump() + 1;
    for (int port = 0; port < ports; port++) {
      if (ReferenceDrive.ok(ref.readPortInfo(port)).prttyp() == prttyp) {
        return port;
      }
    }
    throw new AssertionError("the drive has no port of type " + prttyp);
  }
}
