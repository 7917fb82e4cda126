package dev.nvmemi.mi.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.LogPageGuidMismatchException;
import dev.nvmemi.mi.MiCodec;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OCP datacenter logs C0h and C3h and the UUID list ({@code ocp-logs.md}): the known-answer
 * fixtures A and B (§7) field by field and byte for byte, every log page version, the rejections
 * C1–C5, the C3h layout, the OCP UUID index.
 */
class OcpLogsTest {

  private static byte[] fixtureA() {
    return AdminFixtures.load("../ocp/c0-a-lpv4.hex");
  }

  private static byte[] fixtureB() {
    return AdminFixtures.load("../ocp/c0-b-lpv6.hex");
  }

  private static byte[] withLpv(byte[] page, int lpv) {
    byte[] b = page.clone();
    b[494] = (byte) lpv;
    b[495] = (byte) (lpv >>> 8);
    return b;
  }

  @Test
  void fixtureADecodesEveryKnownAnswer() {
    OcpSmartExtendedLog l = OcpSmartExtendedLog.decode(fixtureA());

    assertThat(l.physicalMediaUnitsWritten()).isEqualTo(new BigInteger("38400000000000"));
    assertThat(l.physicalMediaUnitsRead()).isEqualTo(new BigInteger("51200000000000"));
    assertThat(l.badUserNandBlocksRaw()).isEqualTo(37);
    assertThat(l.badUserNandBlocksNormalized()).isEqualTo(98);
    assertThat(l.badSystemNandBlocksRaw()).isEqualTo(2);
    assertThat(l.badSystemNandBlocksNormalized()).isEqualTo(100);
    assertThat(l.systemNandBlocksValid()).isTrue();
    assertThat(l.xorRecoveryCount()).isEqualTo(BigInteger.valueOf(1000));
    assertThat(l.uncorrectableReadErrorCount()).isEqualTo(BigInteger.valueOf(3));
    assertThat(l.softEccErrorCount()).isEqualTo(BigInteger.valueOf(123_456));
    assertThat(l.endToEndDetectedErrors()).isEqualTo(5);
    assertThat(l.endToEndCorrectedErrors()).isEqualTo(4);
    assertThat(l.systemDataPercentUsed()).isEqualTo(7);
    assertThat(l.refreshCount()).isEqualTo(1_193_046);
    assertThat(l.userDataEraseCountMax()).isEqualTo(1500);
    assertThat(l.userDataEraseCountMin()).isEqualTo(1200);
    assertThat(l.thermalThrottlingEventCount()).isEqualTo(12);
    assertThat(l.thermalThrottlingStatus()).isEqualTo(1);
    assertThat(l.thermalThrottlingActive()).isTrue();
    assertThat(l.dssdVersion().text()).isEqualTo("2.5.0.0");
    assertThat(l.pcieCorrectableErrorCount()).isEqualTo(BigInteger.valueOf(42));
    assertThat(l.incompleteShutdowns()).isEqualTo(1);
    assertThat(l.percentFreeBlocks()).isEqualTo(35);
    assertThat(l.capacitorHealth()).isEqualTo(120);
    assertThat(l.plpPresent()).isTrue();
    assertThat(l.nvmeBaseErrataVersion()).isEqualTo(99);
    assertThat(l.nvmeBaseErrata()).isEqualTo("c");
    assertThat(l.nvmeCmdsetErrataVersion()).isEqualTo(98);
    assertThat(l.nvmeCmdsetErrata()).isEqualTo("b");
    assertThat(l.unalignedIo()).isEqualTo(BigInteger.valueOf(987_654));
    assertThat(l.securityVersion()).isEqualTo(BigInteger.valueOf(3));
    assertThat(l.totalNuse()).isEqualTo(BigInteger.valueOf(1_953_125_000L));
    assertThat(l.plpStartCount()).isEqualTo(BigInteger.valueOf(17));
    assertThat(l.enduranceEstimate()).isEqualTo(new BigInteger("7008000000000000"));
    assertThat(l.pcieLinkRetrainingCount()).isEqualTo(BigInteger.valueOf(2));
    assertThat(l.powerStateChangeCount()).isEqualTo(BigInteger.valueOf(650));
    assertThat(l.lowestPermittedFirmware()).isEqualTo("1.2.0");
    assertThat(l.lowestPermittedFwRev()).isEqualTo(2314885599773994545L); // nvme-cli's number
    assertThat(l.logPageVersion()).isEqualTo(4);
    assertThat(l.unknownVersionPage()).isNull();
  }

  @Test
  void fixtureALeavesTheFieldsOfLaterVersionsAbsentNotZero() {
    OcpSmartExtendedLog l = OcpSmartExtendedLog.decode(fixtureA());

    assertThat(l.nvmeOverPcieErrataVersion()).isNull();
    assertThat(l.nvmeMiErrataVersion()).isNull();
    assertThat(l.nvmeMiErrata()).isNull();
    assertThat(l.totalMediaDies()).isNull();
    assertThat(l.maxTemperatureRecorded()).isNull();
    assertThat(l.nandAvgEraseCount()).isNull();
    assertThat(l.commandTimeouts()).isNull();
    assertThat(l.lifetimePowerConsumed()).isNull();
    assertThat(l.dssdFirmwareRevision()).isNull();
    assertThat(l.dssdFirmwareBuildUuid()).isNull();
    assertThat(l.proactiveDieRetirements()).isNull();
    assertThat(l.formFactor()).isNull();
    assertThat(l.dieInUseBadNandBlockRaw()).isNull();
    assertThat(l.dieInUseBadNandBlockNormalized()).isNull();
  }

  @Test
  void fixtureARoundTripsByteForByte() {
    assertThat(OcpSmartExtendedLog.decode(fixtureA()).encode()).isEqualTo(fixtureA());
  }

  @Test
  void fixtureBDecodesTheEdgeValuesOfLpv6() {
    OcpSmartExtendedLog l = OcpSmartExtendedLog.decode(fixtureB());

    assertThat(l.physicalMediaUnitsWritten()).isEqualTo(BigInteger.ONE.shiftLeft(64));
    assertThat(l.dssdVersion().text()).isEqualTo("2.7.0.0");
    assertThat(l.capacitorHealth()).isEqualTo(0xFFFF);
    assertThat(l.plpPresent()).isFalse();
    assertThat(l.nvmeOverPcieErrata()).isEqualTo("none");
    assertThat(l.nvmeMiErrata()).isEqualTo("a");
    assertThat(l.proactiveDieRetirements()).isEqualTo(1);
    assertThat(l.totalMediaDies()).isEqualTo(256);
    assertThat(l.totalDieFailureTolerance()).isEqualTo(4);
    assertThat(l.mediaDiesOffline()).isEqualTo(1);
    assertThat(l.maxTemperatureRecorded()).isEqualTo(71);
    assertThat(l.formFactor()).isEqualTo(0);
    assertThat(l.nandAvgEraseCount()).isEqualTo(BigInteger.valueOf(1350));
    assertThat(l.commandTimeouts()).isEqualTo(0);
    assertThat(l.sysAreaProgramFailCountRaw()).isEqualTo(1);
    assertThat(l.sysAreaProgramFailCountNormalized()).isEqualTo(99);
    assertThat(l.sysAreaUncorrReadCountRaw()).isEqualTo(0);
    assertThat(l.sysAreaUncorrReadCountNormalized()).isEqualTo(100);
    assertThat(l.sysAreaEraseFailCountRaw()).isEqualTo(0);
    assertThat(l.sysAreaEraseFailCountNormalized()).isEqualTo(100);
    assertThat(l.maxPeakPowerCapability()).isEqualTo(25);
    assertThat(l.currentMaxAvgPower()).isEqualTo(14);
    assertThat(l.lifetimePowerConsumed()).isEqualTo(812);
    assertThat(l.dssdFirmwareRevision()).isEqualTo("1.4.2");
    assertThat(l.dssdFirmwareBuildUuid()).isEqualTo(UUID.fromString("12345678-9abc-4def-8123-456789abcdef"));
    assertThat(l.dssdFirmwareBuildLabel()).isEmpty();
    assertThat(l.dieInUseBadNandBlockRaw()).isEqualTo(30);
    assertThat(l.dieInUseBadNandBlockNormalized()).isEqualTo(98);
    assertThat(l.logPageVersion()).isEqualTo(6);
    // every other field as in A
    assertThat(l.softEccErrorCount()).isEqualTo(BigInteger.valueOf(123_456));
    assertThat(l.lowestPermittedFirmware()).isEqualTo("1.2.0");
  }

  @Test
  void fixtureBRoundTripsByteForByte() {
    assertThat(OcpSmartExtendedLog.decode(fixtureB()).encode()).isEqualTo(fixtureB());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
  void eachLogPageVersionDecodesExactlyItsFields(int lpv) {
    OcpSmartExtendedLog l = OcpSmartExtendedLog.decode(withLpv(fixtureB(), lpv));

    assertThat(l.logPageVersion()).isEqualTo(lpv);
    assertThat(l.softEccErrorCount()).as("LPV 2 set, always").isEqualTo(BigInteger.valueOf(123_456));
    assertThat(l.dssdVersion() != null).as("LPV 3 group").isEqualTo(lpv >= 3);
    assertThat(l.nvmeBaseErrataVersion() != null).isEqualTo(lpv >= 3);
    assertThat(l.pcieLinkRetrainingCount() != null).isEqualTo(lpv >= 3);
    assertThat(l.powerStateChangeCount() != null).isEqualTo(lpv >= 3);
    assertThat(l.nvmeCmdsetErrataVersion() != null).as("LPV 4").isEqualTo(lpv >= 4);
    assertThat(l.lowestPermittedFwRev() != null).isEqualTo(lpv >= 4);
    assertThat(l.totalMediaDies() != null).as("LPV 5").isEqualTo(lpv >= 5);
    assertThat(l.dssdFirmwareBuildLabel() != null).isEqualTo(lpv >= 5);
    assertThat(l.formFactor() != null).as("LPV 6").isEqualTo(lpv >= 6);
    assertThat(l.proactiveDieRetirements() != null).isEqualTo(lpv >= 6);
    assertThat(l.dieInUseBadNandBlockRaw() != null).isEqualTo(lpv >= 6);
  }

  @Test
  void anUnknownNewerVersionKeepsTheKnownFieldsAndTheRawPage() {
    byte[] page = withLpv(fixtureB(), 7);
    page[400] = 0x5A; // a field this codec does not know yet, in today's reserved bytes

    OcpSmartExtendedLog l = OcpSmartExtendedLog.decode(page);

    assertThat(l.logPageVersion()).isEqualTo(7);
    assertThat(l.dieInUseBadNandBlockRaw()).isEqualTo(30);
    assertThat(l.totalMediaDies()).isEqualTo(256);
    assertThat(l.unknownVersionPage()).isEqualTo(page);
    assertThat(l.encode()).isEqualTo(page);
  }

  @Test
  void nvmeCliOptionReadsTheLpv3GroupFromLpv2() {
    byte[] page = withLpv(fixtureA(), 2);

    assertThat(OcpSmartExtendedLog.decode(page).dssdVersion()).isNull();
    OcpSmartExtendedLog cli = OcpSmartExtendedLog.decode(page, OcpLogOptions.NVME_CLI);
    assertThat(cli.dssdVersion().text()).isEqualTo("2.5.0.0");
    assertThat(cli.nvmeBaseErrata()).isEqualTo("c");
    assertThat(cli.powerStateChangeCount()).isEqualTo(BigInteger.valueOf(650));
    assertThat(cli.nvmeCmdsetErrataVersion()).isNull();
    assertThat(cli.encode()[103]).isEqualTo((byte) 2);
    assertThat(cli.encode()[131]).as("LPV 4 field, not part of an LPV 2 page").isZero();
  }

  @Test
  void rejectsAGuidWrittenBigEndianNamingBothGuids() { // fixture C1
    byte[] page = fixtureA();
    for (int i = 0; i < 8; i++) {
      byte t = page[496 + i];
      page[496 + i] = page[511 - i];
      page[511 - i] = t;
    }

    assertThatThrownBy(() -> OcpSmartExtendedLog.decode(page))
        .isInstanceOfSatisfying(LogPageGuidMismatchException.class, e -> {
          assertThat(e.kind()).isEqualTo(MiErrorKind.GUID_MISMATCH);
          assertThat(e.expected()).isEqualTo(LogPageGuid.OCP_SMART_EXTENDED);
          assertThat(e.actual()).isEqualTo(LogPageGuid.of("C5AF1028EABFF2A49C4F6F7CC914D5AF"));
        })
        .hasMessageContaining("0xc5af1028eabff2a49c4f6f7cc914d5af")
        .hasMessageContaining("expected: 0xafd514c97c6f4f9ca4f2bfea2810afc5");
  }

  @Test
  void rejectsTheBootSsdLayoutAndNamesIt() { // fixture C2
    byte[] page = withLpv(fixtureA(), 1);
    LogPageGuid.HYPERSCALE_BOOT_SSD_SMART.write(page, 496);
    assertThat(Arrays.copyOfRange(page, 496, 512)).isEqualTo(
        AdminFixtures.hex("65 43 88 78 AC D8 78 A1 66 42 1E 0F 92 D7 6D C4"));

    assertThatThrownBy(() -> OcpSmartExtendedLog.decode(page))
        .isInstanceOf(LogPageGuidMismatchException.class)
        .hasMessageContaining("Hyperscale Boot SSD");
  }

  @Test
  void rejectsAnAllZeroPageAsAnUnknownGuid() { // fixture C3
    assertThatThrownBy(() -> OcpSmartExtendedLog.decode(new byte[512]))
        .isInstanceOfSatisfying(LogPageGuidMismatchException.class,
            e -> assertThat(e.actual()).isEqualTo(new LogPageGuid(0, 0)));
  }

  @Test
  void rejectsAShortPage() { // fixture C4
    byte[] page = Arrays.copyOf(fixtureA(), 508);

    assertThatThrownBy(() -> OcpSmartExtendedLog.decode(page))
        .isInstanceOfSatisfying(MiProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(MiErrorKind.LENGTH_MISMATCH))
        .hasMessageContaining("508 bytes (expected: 512)");
  }

  @Test
  void acceptsLpv1WithTheRightGuidDecodingTheLpv2SetOnly() { // fixture C5
    OcpSmartExtendedLog l = OcpSmartExtendedLog.decode(withLpv(fixtureA(), 1));

    assertThat(l.logPageVersion()).isEqualTo(1);
    assertThat(l.physicalMediaUnitsWritten()).isEqualTo(new BigInteger("38400000000000"));
    assertThat(l.enduranceEstimate()).isEqualTo(new BigInteger("7008000000000000"));
    assertThat(l.dssdVersion()).isNull();
    assertThat(l.lowestPermittedFwRev()).isNull();
  }

  @Test
  void readsAllFfSystemBlocksAsNotReported() {
    byte[] page = fixtureA();
    Arrays.fill(page, 40, 48, (byte) 0xFF);

    assertThat(OcpSmartExtendedLog.decode(page).systemNandBlocksValid()).isFalse();
  }

  @Test
  void latencyMonitorFixtureDecodesBucketsStampsAndLatencies() {
    OcpLatencyMonitorLog l = OcpLatencyMonitorLog.decode(AdminFixtures.load("../ocp/c3-lpv5.hex"));

    assertThat(l.enabled()).isTrue();
    assertThat(l.featureStatus()).isEqualTo(7);
    assertThat(l.activeBucketTimer()).isEqualTo(16);
    assertThat(l.activeBucketTimerThreshold()).isEqualTo(0x7E0);
    assertThat(l.activeThresholdsMillis()).containsExactly(30, 100, 155, 235);
    assertThat(l.activeLatencyConfig()).isEqualTo(0xFFF);
    assertThat(l.activeLatencyMinWindow()).isEqualTo(10);
    OcpLatencyMonitorLog.LatencyBucket b0 = l.active().buckets().get(0);
    // the note's fixture: 0x20..0x2F -> bucket 0: Deallocate 7, Write 5, Read 3
    assertThat(b0.deallocateCount()).isEqualTo(7);
    assertThat(b0.writeCount()).isEqualTo(5);
    assertThat(b0.readCount()).isEqualTo(3);
    assertThat(b0.readStamp()).isEqualTo(1_700_000_000_000L);
    assertThat(b0.writeStamp()).isEqualTo(1_700_000_001_000L);
    assertThat(b0.deallocateStamp()).isEqualTo(OcpLatencyMonitorLog.NO_STAMP);
    assertThat(b0.readLatency()).isEqualTo(32);
    assertThat(b0.writeLatency()).isEqualTo(35);
    OcpLatencyMonitorLog.LatencyBucket b2 = l.active().buckets().get(2);
    assertThat(b2.readCount()).isEqualTo(1);
    assertThat(b2.readStamp()).isEqualTo(1_700_000_002_000L);
    assertThat(b2.readLatency()).isEqualTo(160);
    assertThat(l.active().stampUnits()).isEqualTo(0x43);
    assertThat(l.active().totalCount()).isEqualTo(19);
    assertThat(l.staticWindow().buckets().get(0).readCount()).isEqualTo(30);
    assertThat(l.staticWindow().totalCount()).isEqualTo(60);
    assertThat(l.debugLogSize()).isEqualTo(BigInteger.ZERO);
    assertThat(l.debugLogPtr()).isEqualTo(0xCA);
    assertThat(l.logPageVersion()).isEqualTo(5);
  }

  @Test
  void latencyMonitorFixtureRoundTripsByteForByte() {
    byte[] page = AdminFixtures.load("../ocp/c3-lpv5.hex");

    assertThat(OcpLatencyMonitorLog.decode(page).encode()).isEqualTo(page);
  }

  @Test
  void latencyMonitorBelowLpv4HasNoDebugLogSize() {
    byte[] page = AdminFixtures.load("../ocp/c3-lpv5.hex");
    page[0x1EE] = 1;

    assertThat(OcpLatencyMonitorLog.decode(page).debugLogSize()).isNull();
  }

  @Test
  void latencyMonitorRejectsTheC0Guid() {
    byte[] page = AdminFixtures.load("../ocp/c3-lpv5.hex");
    LogPageGuid.OCP_SMART_EXTENDED.write(page, 0x1F0);

    assertThatThrownBy(() -> OcpLatencyMonitorLog.decode(page))
        .isInstanceOfSatisfying(LogPageGuidMismatchException.class, e -> {
          assertThat(e.expected()).isEqualTo(LogPageGuid.OCP_LATENCY_MONITOR);
          assertThat(e.actual()).isEqualTo(LogPageGuid.OCP_SMART_EXTENDED);
        })
        .hasMessageContaining("0x85d45e58d4e643709c6c84d08cc07a92");
  }

  @Test
  void latencyMonitorRejectsAShortPage() {
    byte[] page = Arrays.copyOf(AdminFixtures.load("../ocp/c3-lpv5.hex"), 500);

    assertThatThrownBy(() -> OcpLatencyMonitorLog.decode(page))
        .isInstanceOfSatisfying(MiProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(MiErrorKind.LENGTH_MISMATCH));
  }

  @Test
  void uuidListFindsTheOcpIndexStoppingAtTheFirstZeroUuid() {
    UuidList l = UuidList.decode(AdminFixtures.load("../ocp/uuid-list.hex"));

    assertThat(l.entries()).hasSize(2);
    assertThat(l.entries().get(0).association()).isEqualTo(1);
    assertThat(l.entries().get(1).uuid()).isEqualTo(UuidList.OCP);
    assertThat(l.ocpUuidIndex()).isEqualTo(2);
  }

  @Test
  void uuidListWithoutTheOcpUuidGivesIndexZero() {
    UuidList l = new UuidList(java.util.List.of(new UuidList.Entry(0, UUID.randomUUID())));

    assertThat(l.ocpUuidIndex()).isZero();
    assertThat(UuidList.decode(new byte[4096]).ocpUuidIndex()).isZero();
  }

  @Test
  void uuidListIgnoresTheOcpUuidUnderAVendorAssociation() {
    UuidList l = new UuidList(java.util.List.of(new UuidList.Entry(1, UuidList.OCP)));

    assertThat(l.ocpUuidIndex()).isZero();
  }

  @Test
  void uuidListRoundTripsItsEntries() {
    UuidList l = UuidList.decode(AdminFixtures.load("../ocp/uuid-list.hex"));

    assertThat(UuidList.decode(l.encode())).isEqualTo(l);
  }

  @Test
  void ocpGetLogPageSetsRaeNsidAndTheUuidIndex() {
    AdminCommand c = GetLogPage.ocp(0, 0, GetLogPage.LID_OCP_SMART_EXTENDED, 2).toCommand();

    assertThat(c.cdw10()).isEqualTo(0x007F80C0L);
    assertThat(c.cdw1()).isEqualTo(0xFFFFFFFFL);
    assertThat(c.cdw14()).isEqualTo(2);
    assertThat(c.dlen()).isEqualTo(512);
    assertThat(GetLogPage.ocp(0, 0, GetLogPage.LID_OCP_LATENCY_MONITOR, 0).toCommand().cdw10())
        .isEqualTo(0x007F80C3L);
  }

  @Test
  void responseToAnOcpReadCarriesTheTypedPageWhenTheGuidMatches() {
    GetLogPage req = GetLogPage.ocp(0, 0, GetLogPage.LID_OCP_SMART_EXTENDED, 0);

    AdminResponse r = (AdminResponse) MiCodec.decodeResponse(AdminFixtures.adminSuccess(fixtureB()), req);

    assertThat(r.payload()).isEqualTo(OcpSmartExtendedLog.decode(fixtureB()));
  }

  @Test
  void responseWithAVendorPageAtC0KeepsTheDataRawWithoutPayload() {
    GetLogPage req = GetLogPage.ocp(0, 0, GetLogPage.LID_OCP_SMART_EXTENDED, 0);
    byte[] vendor = new byte[512];
    vendor[0] = 0x42;

    AdminResponse r = (AdminResponse) MiCodec.decodeResponse(AdminFixtures.adminSuccess(vendor), req);

    assertThat(r.payload()).isNull();
    assertThat(r.data()).isEqualTo(vendor);
  }

  @Test
  void responseToAUuidListIdentifyCarriesTheList() {
    Identify req = Identify.uuidList(0, 0);
    byte[] data = AdminFixtures.load("../ocp/uuid-list.hex");

    AdminResponse r = (AdminResponse) MiCodec.decodeResponse(AdminFixtures.adminSuccess(data), req);

    assertThat(r.payload()).isInstanceOfSatisfying(UuidList.class, l -> assertThat(l.ocpUuidIndex()).isEqualTo(2));
  }

  @Test
  void guidPrintsInNvmeCliNotationAndStoresLeastSignificantByteFirst() {
    assertThat(LogPageGuid.OCP_SMART_EXTENDED).hasToString("0xafd514c97c6f4f9ca4f2bfea2810afc5");
    assertThat(LogPageGuid.OCP_SMART_EXTENDED.storedHex()).isEqualTo("c5af1028eabff2a49c4f6f7cc914d5af");
    assertThat(LogPageGuid.OCP_LATENCY_MONITOR.storedHex()).isEqualTo("927ac08cd0846c9c7043e6d4585ed485");
  }
}
