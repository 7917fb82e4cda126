package dev.nvmemi.simulator.responder;

import static dev.nvmemi.simulator.Msg.admin;
import static dev.nvmemi.simulator.Msg.control;
import static dev.nvmemi.simulator.Msg.hex;
import static dev.nvmemi.simulator.Msg.le16;
import static dev.nvmemi.simulator.Msg.le32;
import static dev.nvmemi.simulator.Msg.mi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.internal.Mic;
import dev.nvmemi.simulator.Fixtures;
import dev.nvmemi.simulator.SimulatedEndpoint;
import dev.nvmemi.simulator.VirtualClock;
import dev.nvmemi.simulator.model.SimulatedDrive;
import dev.nvmemi.simulator.scenario.Scenario;
import dev.nvmemi.simulator.scenario.StateChange;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MiResponderTest {
  private final VirtualClock clock = new VirtualClock();

  private SimulatedEndpoint endpoint(Scenario scenario) {
    return Fixtures.vectorFleet(clock).scenario(scenario).build().allEndpoints().get(0);
  }

  private SimulatedEndpoint endpoint() {
    return endpoint(Scenario.NONE);
  }

  private static byte[] answer(SimulatedEndpoint ep, byte[] request) {
    byte[] r = ep.process(request).response();
    assertThat(r).isNotNull();
    assertThat(Mic.verify(r)).isTrue();
    return r;
  }

  private static int status(byte[] r) {
    return r[4] & 0xFF;
  }

  private static int pelOffset(byte[] r) {
    return le16(r, 6);
  }

  private static int ccs(byte[] healthResponse) {
    return le16(healthResponse, 12);
  }

  // ---- admin tunnel -----------------------------------------------------------------------

  @Test
  void answersLibnvmesIdentifyProbeWithTheFirst72BytesOfIdentifyController() {
    // vectors.json #22: request and the exact 96-byte response for this drive identity
    String req = "841000000601000000000000000000000000000000000000000000000000000048000000000000000000000001000000"
        + "000000000000000000000000000000000000000056d3712e";
    String resp = "84900000000000000000000000000000000000004d144d14533445574e5830523132333435362020202020204558414d"
        + "504c45204e564d45205353442031544220202020202020202020202020202020202020203142325145584d37bbc70a8c";
    assertThat(hex(answer(endpoint(), hex(req)))).isEqualTo(resp);
  }

  @Test
  void slicesIdentifyWithDofstAndDlen() {
    SimulatedEndpoint ep = endpoint();
    byte[] full = answer(ep, admin(0x06, 0, 0, 0, 4096, 0x01));
    byte[] part = answer(ep, admin(0x06, 0, 0, 256, 16, 0x01));
    assertThat(part.length).isEqualTo(20 + 16 + 4);
    assertThat(Arrays.copyOfRange(part, 20, 36)).isEqualTo(Arrays.copyOfRange(full, 20 + 256, 20 + 272));
  }

  @Test
  void getLogPageWithLpoGivesTheSameBytesInChunks() {
    SimulatedEndpoint ep = endpoint();
    byte[] full = answer(ep, admin(0x02, 0, -1, 0, 512, 0x007F0002));
    byte[] joined = new byte[512];
    for (int off = 0; off < 512; off += 128) {
      // NUMDL = 31 (32 dwords), LPO = off, RAE on all but the last chunk (libnvme's rule)
      int dw10 = 31 << 16 | (off < 384 ? 1 << 15 : 0) | 0x02;
      byte[] chunk = answer(ep, admin(0x02, 0, -1, 0, 128, dw10, 0, off, 0));
      assertThat(chunk.length).isEqualTo(20 + 128 + 4);
      System.arraycopy(chunk, 20, joined, off, 128);
    }
    assertThat(joined).isEqualTo(Arrays.copyOfRange(full, 20, 20 + 512));
  }

  @Test
  void getLogPageOffsetWithBit63SetIsAnInvalidField() {
    // Found by MiResponderFuzzTest (corpus input crash-701dd68c…): an LPO of 2^63 or more was taken
    // as a negative offset and the responder threw instead of answering.
    byte[] r = answer(endpoint(), admin(0x02, 0, -1, 0, 512, 0x007F0002, 0, 0x00FFFF00, 0x80000000));
    assertThat(status(r)).isZero();
    assertThat(le32(r, 16) >>> 17).as("NVMe status field").isEqualTo(0x4002);
    assertThat(r).hasSize(24);
  }

  @Test
  void smartLogReportsTheDriveModel() {
    SimulatedEndpoint ep = endpoint();
    byte[] r = answer(ep, admin(0x02, 0, -1, 0, 512, 0x007F0002));
    int base = 20;
    assertThat(le16(r, base + 1)).isBetween(273 + 34, 273 + 36);
    assertThat(r[base + 3]).isEqualTo((byte) 100);
    assertThat(r[base + 4]).isEqualTo((byte) 10);
    assertThat(r[base + 5]).isEqualTo((byte) 3);
    assertThat(le32(r, base + 112)).isEqualTo(57);
    assertThat(le32(r, base + 128)).isEqualTo(12345);
  }

  @Test
  void invalidCnsFailsInsideTheControllerAndAddsAnErrorLogEntry() {
    SimulatedEndpoint ep = endpoint();
    long before = ep.inspect(SimulatedDrive::errorLogEntriesLifetime);
    byte[] r = answer(ep, admin(0x06, 0, 0, 0, 4096, 0xFF));
    // vectors.json #26: MI status 0, CQE DW3 = 80040000h (SC 02h Invalid Field, DNR)
    assertThat(status(r)).isZero();
    assertThat(le32(r, 16)).isEqualTo(0x80040000);
    assertThat(r).hasSize(24);
    assertThat(ep.inspect(SimulatedDrive::errorLogEntriesLifetime)).isEqualTo(before + 1);
    byte[] log = answer(ep, admin(0x02, 0, -1, 0, 64, 15 << 16 | 0x01));
    assertThat(log[20 + 31]).as("opcode of the newest entry").isEqualTo((byte) 0x06);
    assertThat(le16(log, 20 + 12) >>> 1).isEqualTo(0x4002);
  }

  @Test
  void unalignedDlenIsAnInvalidParameterAtItsByteOffset() {
    byte[] r = answer(endpoint(), admin(0x06, 0, 0, 0, 70, 0x01));
    assertThat(status(r)).isEqualTo(0x04);
    assertThat(pelOffset(r)).isEqualTo(32);
  }

  @Test
  void dataOffsetOf2To31OrMoreIsAnInvalidParameterAtDofst() {
    // Found by MiResponderFuzzTest (corpus input crash-4cd8beb5…): DOFST FFF80000h was taken as a
    // negative offset and the responder threw instead of answering.
    byte[] r = answer(endpoint(), admin(0x06, 0, 0, 0xFFF80000, 16, 0x01));
    assertThat(status(r)).isEqualTo(0x04);
    assertThat(pelOffset(r)).isEqualTo(28);
  }

  @Test
  void unknownControllerIsAnInvalidParameterAtCtlid() {
    byte[] r = answer(endpoint(), admin(0x06, 7, 0, 0, 72, 0x01));
    assertThat(status(r)).isEqualTo(0x04);
    assertThat(pelOffset(r)).isEqualTo(6);
  }

  @Test
  void prohibitedAdminOpcodeIsAnInvalidCommandOpcode() {
    assertThat(status(answer(endpoint(), admin(0x18, 0, 0, 0, 0)))).isEqualTo(0x03);
  }

  @Test
  void unsupportedOptionalAdminOpcodeFailsWithNvmeInvalidOpcode() {
    byte[] r = answer(endpoint(), admin(0x80, 0, 1, 0, 0));
    assertThat(status(r)).isZero();
    assertThat(le32(r, 16) >>> 17).isEqualTo(0x4001);
  }

  @Test
  void shortAdminRequestIsAnInvalidCommandSize() {
    byte[] m = new byte[40];
    m[0] = (byte) 0x84;
    m[1] = 0x10;
    m[4] = 0x06;
    Mic.seal(m);
    assertThat(status(answer(endpoint(), m))).isEqualTo(0x05);
  }

  @Test
  void setFeaturesTemperatureThresholdChangesGetFeaturesAndTheWarning() {
    SimulatedEndpoint ep = endpoint();
    assertThat(le32(answer(ep, admin(0x0A, 0, 0, 0, 0, 0x04)), 8)).isEqualTo(343);
    assertThat(le32(answer(ep, admin(0x09, 0, 0, 0, 0, 0x04, 300)), 16)).isZero();
    assertThat(le32(answer(ep, admin(0x0A, 0, 0, 0, 0, 0x04)), 8)).isEqualTo(300);
    // 35 °C = 308 K is now above the over-temperature threshold: TAUT asserted (SW bit 1 clear)
    byte[] health = answer(ep, mi(0, 0x01, 0, 0));
    assertThat(health[9] & 0x02).isZero();
  }

  // ---- MI command set ---------------------------------------------------------------------

  @Test
  void reservedOpcodeIsAnInvalidCommandOpcode() {
    assertThat(status(answer(endpoint(), mi(0, 0x0D, 0, 0)))).isEqualTo(0x03);
    assertThat(status(answer(endpoint(), mi(1, 0x08, 0, 0)))).as("SES Receive is prohibited").isEqualTo(0x03);
  }

  @Test
  void reservedDataStructureTypeIsAnInvalidParameterAtTheDtypByte() {
    byte[] r = answer(endpoint(), mi(0, 0x00, 0x06 << 24, 0));
    assertThat(status(r)).isEqualTo(0x04);
    assertThat(pelOffset(r)).isEqualTo(11);
  }

  @Test
  void unknownPortIsAnInvalidParameterAtThePortId() {
    byte[] r = answer(endpoint(), mi(0, 0x00, 0x01 << 24 | 5 << 16, 0));
    assertThat(status(r)).isEqualTo(0x04);
    assertThat(pelOffset(r)).isEqualTo(10);
  }

  @Test
  void commandShorterThanItsFixedPartIsAnInvalidCommandSize() {
    byte[] m = Arrays.copyOf(mi(0, 0x01, 0, 0), 16);
    Mic.seal(m);
    assertThat(status(answer(endpoint(), m))).isEqualTo(0x05);
  }

  @Test
  void requestDataOnCommandsThatTakeNoneIsRejected() {
    assertThat(status(answer(endpoint(), mi(0, 0x00, 0, 0, new byte[4])))).isEqualTo(0x06);
    assertThat(status(answer(endpoint(), mi(0, 0x01, 0, 0, new byte[4])))).isEqualTo(0x05);
  }

  @Test
  void answersInTheRequestsCommandSlot() {
    byte[] r = answer(endpoint(), mi(1, 0x01, 0, 0));
    assertThat(r[1] & 0xFF).isEqualTo(0x89);
  }

  @Test
  void controllerListStartsAtCtrlid() {
    byte[] r = answer(endpoint(), mi(0, 0x00, 0x02 << 24 | 1, 0));
    assertThat(le16(r, 5)).as("RDL").isEqualTo(4);
    assertThat(le16(r, 8)).as("NUMIDS").isEqualTo(1);
    assertThat(le16(r, 10)).isEqualTo(1);
  }

  @Test
  void controllerStateChangeSetsCcsAndClearStatusClearsItAfterReporting() {
    SimulatedEndpoint ep = endpoint(Scenario.builder("t")
        .at(Duration.ofSeconds(1), 0, new StateChange.ControllerFatal(1, true)).build());
    clock.advance(Duration.ofSeconds(2));
    byte[] first = answer(ep, mi(0, 0x01, 0, 1 << 31));
    assertThat(first[8] & 0x20).as("NSS DF with a fatal controller").isZero();
    assertThat(ccs(first)).isEqualTo(SimulatedDrive.CCS_CFS | SimulatedDrive.CCS_CSTS);
    assertThat(ccs(answer(ep, mi(0, 0x01, 0, 0)))).isZero();
  }

  @Test
  void configurationSetHealthStatusChangeUsesTheContiguousMask() {
    SimulatedEndpoint ep = endpoint(Scenario.builder("t")
        .at(Duration.ofSeconds(1), 0, new StateChange.ControllerReady(0, false)).build());
    clock.advance(Duration.ofSeconds(2));
    assertThat(ccs(answer(ep, mi(0, 0x01, 0, 0))))
        .isEqualTo(SimulatedDrive.CCS_RDY | SimulatedDrive.CCS_CECO | SimulatedDrive.CCS_CSTS);
    // vectors.json #17: NMD1 = 11h clears RDY (bit 0) and CECO (HSC bit 4 = CCS bit 5)
    assertThat(status(answer(ep, mi(0, 0x03, 0x02, 0x11)))).isZero();
    assertThat(ccs(answer(ep, mi(0, 0x01, 0, 0)))).isEqualTo(SimulatedDrive.CCS_CSTS);
  }

  @Test
  void hostPowerOffLeavesControllersNotEnabledWithTheLinkDownAndPowerOnRestoresThem() {
    SimulatedEndpoint ep = endpoint(Scenario.builder("t")
        .at(Duration.ofSeconds(1), 0, new StateChange.HostPower(false))
        .at(Duration.ofSeconds(3), 0, new StateChange.HostPower(true)).build());
    clock.advance(Duration.ofSeconds(2));
    // ALL=1, MAXRENT 0: controller 0's entry; CSTS at byte 10 of the answer
    byte[] off = answer(ep, mi(0, 0x02, 1 << 31, 0));
    assertThat(le16(off, 10) & 0x03).as("CSTS.RDY and CFS while the host is off").isZero();
    byte[] port = answer(ep, mi(0, 0x00, 0x01 << 24, 0));
    assertThat(port[8 + 10]).as("PCIe current link speed: link down").isZero();
    assertThat(port[8 + 12]).as("PCIe negotiated link width").isZero();
    assertThat(answer(ep, mi(0, 0x01, 0, 0))[8] & 0x20).as("NSS DF: the drive is functional").isNotZero();
    clock.advance(Duration.ofSeconds(2));
    assertThat(le16(answer(ep, mi(0, 0x02, 1 << 31, 0)), 10) & 0x01).as("CSTS.RDY after power on").isEqualTo(1);
    assertThat(answer(ep, mi(0, 0x00, 0x01 << 24, 0))[8 + 10]).as("link up again").isEqualTo((byte) 4);
  }

  @Test
  void controllerHealthPollReportsChangedControllersAndCcfClearsTheirFlags() {
    SimulatedEndpoint ep = endpoint(Scenario.builder("t")
        .at(Duration.ofSeconds(1), 0, new StateChange.ControllerFatal(1, true)).build());
    clock.advance(Duration.ofSeconds(2));
    // INCF, MAXRENT 3 (4 entries), CSTS selector, CCF
    int nmd0 = 1 << 24 | 3 << 16;
    byte[] r = answer(ep, mi(0, 0x02, nmd0, 1 << 31 | 1));
    assertThat(r[7]).as("RENT").isEqualTo((byte) 1);
    assertThat(le16(r, 8)).as("CTLID").isEqualTo(1);
    assertThat(le16(r, 10) & 0x02).as("CSTS.CFS").isEqualTo(0x02);
    assertThat(le16(r, 8 + 9)).as("CHSC").isEqualTo(SimulatedDrive.CCS_CFS | SimulatedDrive.CCS_CSTS);
    assertThat(answer(ep, mi(0, 0x02, nmd0, 1))[7]).as("flags cleared by CCF").isZero();
  }

  @Test
  void controllerHealthPollWithAllReportsEveryControllerFromSctlid() {
    SimulatedEndpoint ep = endpoint();
    byte[] r = answer(ep, mi(0, 0x02, 1 << 31 | 2 << 16, 0));
    assertThat(r[7]).isEqualTo((byte) 2);
    assertThat(r).hasSize(8 + 32 + 4);
    byte[] from1 = answer(ep, mi(0, 0x02, 1 << 31 | 2 << 16 | 1, 0));
    assertThat(from1[7]).isEqualTo((byte) 1);
  }

  @Test
  void configurationGetAndSetKeepSmbusFrequencyAndMtu() {
    SimulatedEndpoint ep = endpoint();
    assertThat(le16(answer(ep, mi(0, 0x04, 1 << 24 | 0x01, 0)), 5)).isEqualTo(1);
    assertThat(status(answer(ep, mi(0, 0x03, 1 << 24 | 3 << 8 | 0x01, 0)))).isZero();
    assertThat(le16(answer(ep, mi(0, 0x04, 1 << 24 | 0x01, 0)), 5)).isEqualTo(3);
    assertThat(status(answer(ep, mi(0, 0x03, 1 << 24 | 0x03, 128)))).isZero();
    assertThat(le16(answer(ep, mi(0, 0x04, 1 << 24 | 0x03, 0)), 5)).isEqualTo(128);
    byte[] pcie = answer(ep, mi(0, 0x03, 0x01 | 2 << 8, 0));
    assertThat(status(pcie)).as("SMBus frequency on the PCIe port").isEqualTo(0x04);
    assertThat(pelOffset(pcie)).isEqualTo(11);
    assertThat(status(answer(ep, mi(0, 0x03, 1 << 24 | 0x03, 32)))).as("MTU below 64").isEqualTo(0x04);
    assertThat(status(answer(ep, mi(0, 0x04, 0x09, 0)))).as("reserved CID").isEqualTo(0x04);
  }

  @Test
  void everyPortThatReportsAnMmtusAnswersItsCurrentTransmissionUnit() {
    SimulatedEndpoint ep = endpoint();
    for (int port = 0; port <= 1; port++) {
      byte[] info = answer(ep, mi(0, 0x00, 1 << 24 | port << 16, 0));
      assertThat(le16(info, 8 + 2)).as("port %d MMTUS", port).isPositive();
      byte[] get = answer(ep, mi(0, 0x04, port << 24 | 0x03, 0));
      assertThat(status(get)).as("port %d", port).isZero();
      assertThat(le16(get, 5)).as("port %d reset default", port).isEqualTo(64);
    }
  }

  @Test
  void transmissionUnitSetIsValidatedAgainstThatPortsMmtus() {
    SimulatedEndpoint ep = endpoint();
    byte[] pcieTooBig = answer(ep, mi(0, 0x03, 0x03, 65));
    assertThat(status(pcieTooBig)).as("PCIe MMTUS is 64").isEqualTo(0x04);
    assertThat(pelOffset(pcieTooBig)).isEqualTo(12);
    assertThat(status(answer(ep, mi(0, 0x03, 0x03, 64)))).isZero();
    assertThat(status(answer(ep, mi(0, 0x03, 1 << 24 | 0x03, 250)))).as("2-Wire MMTUS is 250").isZero();
    assertThat(status(answer(ep, mi(0, 0x03, 1 << 24 | 0x03, 251)))).isEqualTo(0x04);
    assertThat(le16(answer(ep, mi(0, 0x04, 1 << 24 | 0x03, 0)), 5)).isEqualTo(250);
    assertThat(le16(answer(ep, mi(0, 0x04, 0x03, 0)), 5)).as("ports keep their own MTU").isEqualTo(64);
    byte[] noPort = answer(ep, mi(0, 0x04, 2 << 24 | 0x03, 0));
    assertThat(status(noPort)).as("port 2 does not exist").isEqualTo(0x04);
    assertThat(pelOffset(noPort)).isEqualTo(11);
  }

  @Test
  void vpdWritesSucceedUntilTheBudgetIsUsedUp() {
    SimulatedEndpoint ep = Fixtures.vectorFleet(clock).vpdWriteBudget(2).build().allEndpoints().get(0);
    byte[] data = {1, 2, 3, 4};
    assertThat(status(answer(ep, mi(0, 0x06, 16, 4, data)))).isZero();
    assertThat(status(answer(ep, mi(0, 0x06, 20, 4, data)))).isZero();
    assertThat(status(answer(ep, mi(0, 0x06, 24, 4, data)))).isEqualTo(0x20);
    byte[] read = answer(ep, mi(0, 0x05, 16, 8));
    assertThat(Arrays.copyOfRange(read, 8, 16)).containsExactly(1, 2, 3, 4, 1, 2, 3, 4);
    assertThat(status(answer(ep, mi(0, 0x06, 0, 8, data)))).as("DLEN differs from the data").isEqualTo(0x06);
    assertThat(status(answer(ep, mi(0, 0x05, 250, 16)))).as("beyond the VPD").isEqualTo(0x04);
  }

  @Test
  void subsystemResetGivesNoAnswerAndReportsNssro() {
    SimulatedEndpoint ep = endpoint();
    assertThat(ep.process(mi(0, 0x07, 0, 0)).response()).isNull();
    assertThat(ccs(answer(ep, mi(0, 0x01, 0, 0))) & SimulatedDrive.CCS_NSSRO).isNotZero();
  }

  @Test
  void shutdownCompletesOnEveryController() {
    SimulatedEndpoint ep = endpoint();
    assertThat(status(answer(ep, mi(0, 0x0C, 0, 0)))).isZero();
    byte[] r = answer(ep, mi(0, 0x02, 1 << 31 | 1 << 16, 0));
    assertThat(le16(r, 10) >>> 2 & 3).as("SHST").isEqualTo(2);
  }

  // ---- control primitives -----------------------------------------------------------------

  @Test
  void pauseShowsInGetStateUntilResume() {
    SimulatedEndpoint ep = endpoint();
    assertThat(status(answer(ep, control(0x00, 3, 0)))).isZero();
    byte[] state = answer(ep, control(0x03, 4, 0));
    assertThat(state[5]).isEqualTo((byte) 4);
    assertThat(le16(state, 6) & 0x8000).isNotZero();
    answer(ep, control(0x01, 5, 0));
    assertThat(le16(answer(ep, control(0x03, 6, 0)), 6) & 0x8000).isZero();
  }

  @Test
  void getStateReportsABadMicUntilCleared() {
    SimulatedEndpoint ep = endpoint();
    byte[] bad = mi(0, 0x01, 0, 0);
    bad[bad.length - 1] ^= 1;
    assertThat(ep.process(bad).response()).isNull();
    assertThat(le16(answer(ep, control(0x03, 0, 1)), 6) & 0x10).as("BMICE, then cleared by CESF").isNotZero();
    assertThat(le16(answer(ep, control(0x03, 0, 0)), 6) & 0x10).isZero();
  }

  @Test
  void replayReportsRrOnlyWhenTheSlotHasAResponseToReplay() {
    SimulatedEndpoint ep = endpoint();
    assertThat(le16(answer(ep, control(0x04, 1, 0)), 6)).as("nothing to replay yet").isZero();
    byte[] poll = answer(ep, mi(0, 0x01, 0, 0));
    assertThat(le16(answer(ep, control(0x04, 2, 0)), 6)).as("RR").isEqualTo(1);
    assertThat(ep.takeReplay().message()).isEqualTo(poll);
    assertThat(ep.takeReplay()).as("taken once").isNull();
  }

  @Test
  void reservedControlPrimitiveIsAnInvalidCommandOpcodeWithTheTagEchoed() {
    byte[] r = answer(endpoint(), control(0x05, 9, 0));
    assertThat(status(r)).isEqualTo(0x03);
    assertThat(r[5]).isEqualTo((byte) 9);
  }

  // ---- asynchronous events ----------------------------------------------------------------

  private static byte[] enableList(int... aeeis) {
    byte[] d = new byte[5 + 3 * aeeis.length];
    d[0] = (byte) aeeis.length;
    d[2] = (byte) d.length;
    d[4] = 5;
    for (int i = 0; i < aeeis.length; i++) {
      d[5 + 3 * i] = 3;
      d[6 + 3 * i] = (byte) aeeis[i];
      d[7 + 3 * i] = (byte) (aeeis[i] >>> 8);
    }
    return d;
  }

  @Test
  void temperatureEventIsSentAfterAemdRetriedEveryAerdAndAcknowledged() {
    SimulatedEndpoint ep = endpoint(Scenario.builder("hot")
        .at(Duration.ofSeconds(10), 0, new StateChange.Temperature(75, Duration.ZERO)).build());
    // Config Set AE: AEMD 1 s, AERD 5 (500 ms), enable AE 06h (composite temperature)
    byte[] sync = answer(ep, mi(0, 0x03, 1 << 16 | 5 << 8 | 0x04, 0, enableList(0x8006)));
    assertThat(status(sync)).isZero();
    assertThat(sync[8]).as("NUMAEO: current temperature of both controllers").isEqualTo((byte) 2);
    assertThat(sync[8 + 6] >>> 3).as("AEMGN").isEqualTo(1);
    byte[] supported = answer(ep, mi(0, 0x04, 0x04, 0));
    assertThat(supported[8]).as("NUMAES").isEqualTo((byte) AemEngine.SUPPORTED.length);
    clock.advance(Duration.ofSeconds(10));
    assertThat(ep.dueAem()).as("AEMD not yet elapsed").isNull();
    clock.advance(Duration.ofSeconds(1));
    byte[] aem = ep.dueAem();
    assertThat(aem).isNotNull();
    assertThat(Mic.verify(aem)).isTrue();
    assertThat(aem[1]).isEqualTo((byte) 0x28);
    assertThat(aem[4]).as("NUMAEO").isEqualTo((byte) 2);
    assertThat(aem[4 + 6] & 0xFF).as("AEMGN 2, retry 0").isEqualTo(2 << 3);
    assertThat(aem[4 + 7 + 3]).as("AEOI").isEqualTo((byte) 0x06);
    assertThat(aem[4 + 7 + 9]).as("specific info: CTEMP").isEqualTo((byte) 75);
    clock.advance(Duration.ofMillis(500));
    byte[] retry = ep.dueAem();
    assertThat(retry[4 + 6] & 0xFF).as("same generation, retry 1").isEqualTo(2 << 3 | 1);
    byte[] ack = answer(ep, mi(0, 0x03, 0x04, 0, enableList()));
    assertThat(hex(Arrays.copyOfRange(ack, 8, 15))).isEqualTo("00000700000710");
    clock.advance(Duration.ofSeconds(5));
    assertThat(ep.dueAem()).isNull();
  }

  @Test
  void unsupportedEventIdInTheEnableListIsAnInvalidParameter() {
    byte[] r = answer(endpoint(), mi(0, 0x03, 0x04, 0, enableList(0x800E)));
    assertThat(status(r)).isEqualTo(0x04);
    assertThat(pelOffset(r)).isEqualTo(22);
  }
}
