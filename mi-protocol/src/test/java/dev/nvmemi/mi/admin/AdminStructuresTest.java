package dev.nvmemi.mi.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.NvmeStatus;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The NVMe data structures of spec sheet §7: hex fixtures, derived values and round trips. */
class AdminStructuresTest {

  // ---- SMART / Health log (§7.1) ----

  @Test
  void smartLogFixtureDecodesEveryField() {
    SmartLog s = SmartLog.decode(AdminFixtures.load("smart-log.hex"));
    assertThat(s.critWarn()).isZero();
    assertThat(s.critWarnActive()).isEmpty();
    assertThat(s.ctemp()).isEqualTo(311);
    assertThat(s.avsp()).isEqualTo(100);
    assertThat(s.avspt()).isEqualTo(10);
    assertThat(s.pused()).isEqualTo(3);
    assertThat(s.egcws()).isZero();
    assertThat(s.dur()).isEqualTo(BigInteger.valueOf(1234567));
    assertThat(s.duw()).isEqualTo(BigInteger.valueOf(2345678));
    assertThat(s.hrc()).isEqualTo(BigInteger.valueOf(98765432));
    assertThat(s.hwc()).isEqualTo(BigInteger.valueOf(87654321));
    assertThat(s.cbt()).isEqualTo(BigInteger.valueOf(4321));
    assertThat(s.pwrc()).isEqualTo(BigInteger.valueOf(57));
    assertThat(s.poh()).isEqualTo(BigInteger.valueOf(12345));
    assertThat(s.unsafeShutdowns()).isEqualTo(BigInteger.valueOf(7));
    assertThat(s.mdie()).isEqualTo(BigInteger.ZERO);
    assertThat(s.neile()).isEqualTo(BigInteger.valueOf(3));
    assertThat(s.wctt()).isZero();
    assertThat(s.cctt()).isZero();
    assertThat(s.tsen()).containsExactly(313, 305, 0, 0, 0, 0, 0, 0);
    assertThat(s.tmt1tc()).isZero();
    assertThat(s.ttftmt2()).isZero();
  }

  @Test
  void smartLogDerivesCelsiusBytesAndEndurance() {
    SmartLog s = SmartLog.decode(AdminFixtures.load("smart-log.hex"));
    assertThat(s.ctempCelsius()).isEqualTo(38);
    assertThat(s.tsenCelsius()).isEqualTo(Map.of(1, 40, 2, 32));
    assertThat(s.dataReadBytes()).isEqualTo(BigInteger.valueOf(632_098_304_000L));
    assertThat(s.dataWrittenBytes()).isEqualTo(BigInteger.valueOf(2345678L * 512_000));
    assertThat(s.powerOnSeconds()).isEqualTo(BigInteger.valueOf(12345L * 3600));
    assertThat(s.enduranceRemaining()).isEqualTo(0.97);
  }

  @Test
  void smartLogFixtureRoundTrips() {
    byte[] fixture = AdminFixtures.load("smart-log.hex");
    assertThat(SmartLog.decode(fixture).encode()).isEqualTo(fixture);
  }

  @Test
  void smartLogReadsCriticalWarningBitsByName() {
    byte[] b = AdminFixtures.load("smart-log.hex");
    b[0] = 0x0A; // TAUT | RO
    b[6] = 0x0D; // EGCWS: spare, reliability, read-only
    SmartLog s = SmartLog.decode(b);
    assertThat(s.critWarnActive()).containsExactlyInAnyOrder(CriticalWarning.TAUT, CriticalWarning.RO);
    assertThat(s.egcwsActive()).containsExactlyInAnyOrder(CriticalWarning.ST, CriticalWarning.RD, CriticalWarning.RO);
    assertThat(CriticalWarning.toBits(s.critWarnActive())).isEqualTo(0x0A);
  }

  @Test
  void smartLogKeepsFull128BitCounters() {
    byte[] b = AdminFixtures.load("smart-log.hex");
    Arrays.fill(b, 144, 160, (byte) 0xFF);
    SmartLog s = SmartLog.decode(b);
    assertThat(s.unsafeShutdowns()).isEqualTo(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE));
    assertThat(s.encode()).isEqualTo(b);
  }

  @Test
  void smartLogEnduranceIsFlooredAtZero() {
    byte[] b = AdminFixtures.load("smart-log.hex");
    b[5] = (byte) 180;
    assertThat(SmartLog.decode(b).enduranceRemaining()).isZero();
  }

  @Test
  void rejectsSmartLogOfWrongLength() {
    assertThatThrownBy(() -> SmartLog.decode(new byte[511]))
        .isInstanceOfSatisfying(MiProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(MiErrorKind.LENGTH_MISMATCH))
        .hasMessageContaining("511 bytes (expected: 512)");
  }

  @Test
  void smartLogRejectsCountersBeyond128Bits() {
    SmartLog s = SmartLog.decode(AdminFixtures.load("smart-log.hex"));
    assertThatThrownBy(() -> new SmartLog(0, 0, 0, 0, 0, 0, BigInteger.ONE.shiftLeft(128), s.duw(), s.hrc(), s.hwc(),
        s.cbt(), s.pwrc(), s.poh(), s.unsafeShutdowns(), s.mdie(), s.neile(), 0, 0, s.tsen(), 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dur");
  }

  // ---- Identify Controller (§7.2) ----

  @Test
  void identifyControllerFixtureDecodesEveryField() {
    IdentifyController c = IdentifyController.decode(AdminFixtures.load("identify-controller.hex"));
    assertThat(c.vid()).isEqualTo(0x144d);
    assertThat(c.ssvid()).isEqualTo(0x144d);
    assertThat(c.sn()).isEqualTo("S4EWNX0R123456");
    assertThat(c.mn()).isEqualTo("EXAMPLE NVME SSD 1TB");
    assertThat(c.fr()).isEqualTo("1B2QEXM7");
    assertThat(c.rab()).isEqualTo(2);
    assertThat(c.ieee()).isEqualTo(0x002538);
    assertThat(c.cmic()).isZero();
    assertThat(c.mdts()).isEqualTo(9);
    assertThat(c.cntlid()).isEqualTo(6);
    assertThat(c.ver()).isEqualTo(0x00010400L);
    assertThat(c.rtd3r()).isEqualTo(500_000);
    assertThat(c.rtd3e()).isEqualTo(2_000_000);
    assertThat(c.oaes()).isEqualTo(0x200);
    assertThat(c.ctratt()).isEqualTo(0x10);
    assertThat(c.cntrltype()).isEqualTo(1);
    assertThat(c.fguid()).isEqualTo("101112131415161718191a1b1c1d1e1f");
    assertThat(c.nvmsr()).isEqualTo(1);
    assertThat(c.vwci()).isEqualTo(0x85);
    assertThat(c.mec()).isEqualTo(1);
    assertThat(c.oacs()).isEqualTo(0x17);
    assertThat(c.acl()).isEqualTo(7);
    assertThat(c.aerl()).isEqualTo(3);
    assertThat(c.frmw()).isEqualTo(0x16);
    assertThat(c.lpa()).isEqualTo(0x0e);
    assertThat(c.elpe()).isEqualTo(63);
    assertThat(c.npss()).isEqualTo(1);
    assertThat(c.wctemp()).isEqualTo(352);
    assertThat(c.cctemp()).isEqualTo(355);
    assertThat(c.mtfa()).isZero();
    assertThat(c.tnvmcap()).isEqualTo(BigInteger.valueOf(1_000_204_886_016L));
    assertThat(c.unvmcap()).isEqualTo(BigInteger.ZERO);
    assertThat(c.edstt()).isEqualTo(85);
    assertThat(c.fwug()).isEqualTo(1);
    assertThat(c.hctma()).isEqualTo(1);
    assertThat(c.mntmt()).isEqualTo(273);
    assertThat(c.mxtmt()).isEqualTo(343);
    assertThat(c.sanicap()).isEqualTo(2);
    assertThat(c.sqes()).isEqualTo(0x66);
    assertThat(c.cqes()).isEqualTo(0x44);
    assertThat(c.nn()).isEqualTo(1);
    assertThat(c.oncs()).isEqualTo(0x5f);
    assertThat(c.vwc()).isEqualTo(1);
    assertThat(c.subnqn()).isEqualTo("nqn.1994-11.com.example:nvme:EXAMPLE-1TB:S4EWNX0R123456");
    assertThat(c.psd()).containsExactly(
        new PowerStateDescriptor(2500, false, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        new PowerStateDescriptor(1800, false, false, 50, 100, 1, 1, 1, 1, 500, 2, 1200, 2, 1));
  }

  @Test
  void identifyControllerDerivesReadableValues() {
    IdentifyController c = IdentifyController.decode(AdminFixtures.load("identify-controller.hex"));
    assertThat(c.wctempCelsius()).isEqualTo(79);
    assertThat(c.cctempCelsius()).isEqualTo(82);
    assertThat(c.version()).isEqualTo("1.4.0");
    assertThat(c.ieeeOui()).isEqualTo("002538");
    assertThat(c.errorLogEntries()).isEqualTo(64);
    assertThat(c.cntrltypeName()).isEqualTo("I/O controller");
    assertThat(c.psd().get(0).maxPowerWatts()).isEqualTo(25.0);
    assertThat(c.summary()).isEqualTo(new IdentifyControllerSummary(0x144d, 0x144d, "S4EWNX0R123456",
        "EXAMPLE NVME SSD 1TB", "1B2QEXM7"));
  }

  @Test
  void identifyControllerFixtureRoundTrips() {
    byte[] fixture = AdminFixtures.load("identify-controller.hex");
    assertThat(IdentifyController.decode(fixture).encode()).isEqualTo(fixture);
  }

  @Test
  void identifyControllerReportsMissingThresholdsAsNull() {
    byte[] b = AdminFixtures.load("identify-controller.hex");
    b[266] = 0;
    b[267] = 0;
    b[268] = 0;
    b[269] = 0;
    IdentifyController c = IdentifyController.decode(b);
    assertThat(c.wctempCelsius()).isNull();
    assertThat(c.cctempCelsius()).isNull();
  }

  @Test
  void identifyControllerTrimsTrailingNulsAsWellAsSpaces() {
    byte[] b = AdminFixtures.load("identify-controller.hex");
    Arrays.fill(b, 4 + 14, 24, (byte) 0); // SN NUL padded instead of space padded
    assertThat(IdentifyController.decode(b).sn()).isEqualTo("S4EWNX0R123456");
  }

  @Test
  void identifyControllerReadsAtMost32PowerStates() {
    byte[] b = AdminFixtures.load("identify-controller.hex");
    b[263] = (byte) 0xFF;
    IdentifyController c = IdentifyController.decode(b);
    assertThat(c.psd()).hasSize(32);
    assertThat(IdentifyController.decode(c.encode())).isEqualTo(c);
  }

  @Test
  void rejectsIdentifyControllerOfWrongLength() {
    assertThatThrownBy(() -> IdentifyController.decode(new byte[4092]))
        .isInstanceOfSatisfying(MiProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(MiErrorKind.LENGTH_MISMATCH));
  }

  @Test
  void rejectsSubnqnThatIsNotUtf8() {
    byte[] b = AdminFixtures.load("identify-controller.hex");
    b[768] = (byte) 0xC3;
    b[769] = (byte) 0x28;
    assertThatThrownBy(() -> IdentifyController.decode(b))
        .isInstanceOfSatisfying(MiProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(MiErrorKind.INVALID_FIELD))
        .hasMessageContaining("SUBNQN");
  }

  @Test
  void identifyControllerSummaryNeeds72Bytes() {
    byte[] b = AdminFixtures.load("identify-controller.hex");
    assertThat(IdentifyControllerSummary.decode(Arrays.copyOf(b, 72)).encode()).isEqualTo(Arrays.copyOf(b, 72));
    assertThatThrownBy(() -> IdentifyControllerSummary.decode(new byte[68]))
        .isInstanceOfSatisfying(MiProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(MiErrorKind.LENGTH_MISMATCH));
  }

  @Test
  void identifyControllerRejectsUntrimmedStrings() {
    IdentifyControllerSummary ok = new IdentifyControllerSummary(1, 1, "A", "B", "C");
    assertThat(ok.sn()).isEqualTo("A");
    assertThatThrownBy(() -> new IdentifyControllerSummary(1, 1, "A ", "B", "C"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IdentifyControllerSummary(1, 1, "A", "B", "123456789"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- Error Information log (§7.3) ----

  private static final ErrorLogEntry ENTRY = new ErrorLogEntry(0x0102030405060708L, 1, 0x0042, 0x4002 << 1 | 1,
      0x0328, 0x1122334455667788L, 1, 0x02, 0x01, 0x00, 0x06, 0xCAFEL, 0x0003, 1);

  @Test
  void errorLogEntryPutsEveryFieldAtItsOffset() {
    byte[] b = ENTRY.encode();
    assertThat(b).hasSize(64);
    assertThat(b[0]).isEqualTo((byte) 0x08);
    assertThat(b[7]).isEqualTo((byte) 0x01);
    assertThat(b[8]).isEqualTo((byte) 1);
    assertThat(b[10]).isEqualTo((byte) 0x42);
    assertThat(b[12] & 0xFF | (b[13] & 0xFF) << 8).isEqualTo(0x8005);
    assertThat(b[14]).isEqualTo((byte) 0x28);
    assertThat(b[15]).isEqualTo((byte) 0x03);
    assertThat(b[16]).isEqualTo((byte) 0x88);
    assertThat(b[24]).isEqualTo((byte) 1);
    assertThat(b[28]).isEqualTo((byte) 2);
    assertThat(b[29]).isEqualTo((byte) 1);
    assertThat(b[31]).isEqualTo((byte) 6);
    assertThat(b[32]).isEqualTo((byte) 0xFE);
    assertThat(b[40]).isEqualTo((byte) 3);
    assertThat(b[63]).isEqualTo((byte) 1);
  }

  @Test
  void errorLogEntryDerivesStatusAndLocation() {
    assertThat(ENTRY.nvmeStatus()).isEqualTo(new NvmeStatus(2, 0, 0, false, true));
    assertThat(ENTRY.pelByte()).isEqualTo(0x28);
    assertThat(ENTRY.pelBit()).isEqualTo(3);
    assertThat(ENTRY.used()).isTrue();
    assertThat(ENTRY.opcName()).isEqualTo("Identify");
    assertThat(ENTRY.errcntUnsigned()).isEqualTo("72623859790382856");
  }

  @Test
  void errorLogRoundTripsWithUnusedEntries() {
    ErrorLogEntry unused = ErrorLogEntry.decode(new byte[64], 0);
    ErrorLog log = new ErrorLog(List.of(ENTRY, unused));
    assertThat(ErrorLog.decode(log.encode())).isEqualTo(log);
    assertThat(log.usedEntries()).containsExactly(ENTRY);
  }

  @Test
  void rejectsErrorLogThatIsNotWholeEntries() {
    assertThatThrownBy(() -> ErrorLog.decode(new byte[100]))
        .isInstanceOfSatisfying(MiProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(MiErrorKind.LENGTH_MISMATCH));
    assertThatThrownBy(() -> ErrorLog.decode(new byte[0]))
        .isInstanceOf(MiProtocolException.class);
  }

  // ---- feature values and lists ----

  @Test
  void temperatureThresholdRoundTripsThroughItsDword() {
    TemperatureThreshold t = new TemperatureThreshold(351, 0xF, TemperatureThreshold.THSEL_UNDER);
    assertThat(TemperatureThreshold.fromDword(t.toDword())).isEqualTo(t);
    assertThat(t.tmpselName()).isEqualTo("all");
    assertThat(t.thselName()).isEqualTo("under");
    assertThat(new TemperatureThreshold(351, 3, 0).tmpselName()).isEqualTo("sensor 3");
  }

  @Test
  void featureDwordsRoundTrip() {
    assertThat(Arbitration.fromDword(new Arbitration(7, 255, 128, 1).toDword())).isEqualTo(new Arbitration(7, 255, 128, 1));
    assertThat(PowerManagement.fromDword(new PowerManagement(31, 7).toDword())).isEqualTo(new PowerManagement(31, 7));
    assertThat(ErrorRecovery.fromDword(new ErrorRecovery(65535, true).toDword())).isEqualTo(new ErrorRecovery(65535, true));
    assertThat(VolatileWriteCache.fromDword(new VolatileWriteCache(true).toDword())).isEqualTo(new VolatileWriteCache(true));
    NumberOfQueues q = new NumberOfQueues(63, 31);
    assertThat(NumberOfQueues.fromDword(q.toDword())).isEqualTo(q);
    assertThat(q.submissionQueues()).isEqualTo(64);
  }

  @Test
  void timestampRoundTripsAndReadsMilliseconds() {
    Timestamp t = new Timestamp(1_700_000_000_123L, true, 1);
    assertThat(Timestamp.decode(t.encode())).isEqualTo(t);
    assertThat(t.instant()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
    assertThatThrownBy(() -> Timestamp.decode(new byte[7])).isInstanceOf(MiProtocolException.class);
  }

  @Test
  void namespaceIdListEndsAtTheFirstZero() {
    byte[] b = new byte[4096];
    b[0] = 1;
    b[4] = 7;
    b[12] = 9; // after the terminating zero at entry 2: not part of the list
    NamespaceIdList l = NamespaceIdList.decode(b);
    assertThat(l.nsids()).containsExactly(1L, 7L);
    assertThat(NamespaceIdList.decode(l.encode())).isEqualTo(l);
  }

  @Test
  void controllerIdListRoundTrips() {
    ControllerIdList l = new ControllerIdList(List.of(1, 2, 0xFFFE));
    assertThat(ControllerIdList.decode(l.encode())).isEqualTo(l);
    assertThatThrownBy(() -> ControllerIdList.decode(new byte[100])).isInstanceOf(MiProtocolException.class);
  }

  @Test
  void powerStateDescriptorRoundTrips() {
    PowerStateDescriptor p = new PowerStateDescriptor(65535, true, true, 0xFFFFFFFFL, 1, 31, 30, 29, 28, 65535, 3,
        65535, 7, 3);
    byte[] b = new byte[32];
    p.encode(b, 0);
    assertThat(PowerStateDescriptor.decode(b, 0)).isEqualTo(p);
    assertThat(p.maxPowerWatts()).isEqualTo(6.5535, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void criticalWarningNamesMatchTheirBits() {
    assertThat(CriticalWarning.fromBits(0xFF)).hasSize(6);
    assertThat(CriticalWarning.fromBits(0x01)).isEqualTo(Set.of(CriticalWarning.ST));
    assertThat(CriticalWarning.PMRE.mask()).isEqualTo(0x20);
  }
}
