package dev.nvmemi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.LogPageGuidMismatchException;
import dev.nvmemi.mi.admin.IdentifyController;
import dev.nvmemi.mi.admin.OcpLatencyMonitorLog;
import dev.nvmemi.mi.admin.OcpLogOptions;
import dev.nvmemi.mi.admin.OcpSmartExtendedLog;
import dev.nvmemi.mi.admin.SmartLog;
import dev.nvmemi.mi.admin.UuidList;
import dev.nvmemi.mi.client.MiController;
import dev.nvmemi.mi.client.MiEndpoint;
import dev.nvmemi.mi.client.MiResult;
import dev.nvmemi.simulator.model.DriveHealth;
import dev.nvmemi.simulator.model.OcpProfile;
import dev.nvmemi.simulator.scenario.Scenario;
import dev.nvmemi.simulator.scenario.ScenarioReader;
import dev.nvmemi.simulator.scenario.StateChange;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * Drives that serve the OCP datacenter logs C0h/C3h ({@code ocp-logs.md}) and drives that do not:
 * what an agent reads through the client API, and how the values evolve with the drive model.
 */
class OcpDriveTest {
  private static final BigInteger DATA_UNIT = BigInteger.valueOf(512_000);
  private final VirtualClock clock = new VirtualClock();

  /** A busy drive (30 units/s written) at 35 °C with the given OCP profile and scenario. */
  private MiController drive(OcpProfile ocp, Scenario scenario) {
    SimulatedFleet fleet = SimulatedFleet.builder().clock(clock).seed(3).identity(Fixtures.vectorDrive())
        .health(new DriveHealth(35, 3, 100, 10, 12345, 57, 7, 1234567, 2345678, 20, 30, 0, 0)).ocp(ocp)
        .scenario(scenario).build();
    return new MiEndpoint(fleet.endpoint(1, 0x10)).controller(0);
  }

  private MiController drive(OcpProfile ocp) {
    return drive(ocp, Scenario.NONE);
  }

  private static <T> T ok(CompletionStage<MiResult<T>> s) {
    return s.toCompletableFuture().join().orElseThrow();
  }

  private static <T> MiResult<T> result(CompletionStage<MiResult<T>> s) {
    return s.toCompletableFuture().join();
  }

  private static OcpSmartExtendedLog c0(MiController c, int uidx) {
    return ok(c.ocpSmartExtendedLog(uidx, OcpLogOptions.DEFAULTS));
  }

  @Test
  void anOcpDriveServesC0WithItsLogPageVersionAtTheOcpUuidIndexAndAtZero() {
    MiController c = drive(OcpProfile.typical().withUuidIndex(2).withLogPageVersion(5));

    assertThat(c0(c, 2).logPageVersion()).isEqualTo(5);
    assertThat(c0(c, 2).totalMediaDies()).isEqualTo(256);
    assertThat(c0(c, 0).logPageVersion()).as("UUID index 0 reaches the page too (UUID-5)").isEqualTo(5);
    assertThat(result(c.ocpSmartExtendedLog(1, OcpLogOptions.DEFAULTS)))
        .as("index 1 is a vendor UUID: not the OCP page").isInstanceOf(MiResult.NvmeError.class);
  }

  @Test
  void aDriveWithoutOcpAnswersInvalidLogPageAndLogsTheError() {
    MiController c = drive(OcpProfile.NONE);
    long before = ok(c.smartLog()).neile().longValue();

    MiResult<OcpSmartExtendedLog> r = result(c.ocpSmartExtendedLog(0, OcpLogOptions.DEFAULTS));

    assertThat(r).isInstanceOfSatisfying(MiResult.NvmeError.class,
        e -> assertThat(e.status().statusField() & 0x7FF).as("SCT 1, SC 09h Invalid Log Page").isEqualTo(0x109));
    assertThat(ok(c.smartLog()).neile().longValue()).isEqualTo(before + 1);
    assertThat(result(c.ocpLatencyMonitorLog(0))).isInstanceOf(MiResult.NvmeError.class);
  }

  @Test
  void theUuidListNamesTheOcpIndexAndCtrattAdvertisesIt() {
    MiController c = drive(OcpProfile.typical().withUuidIndex(3));

    IdentifyController id = ok(c.identifyController());
    assertThat(id.ctratt() & 0x200).isNotZero();
    UuidList list = ok(c.uuidList());
    assertThat(list.entries()).hasSize(3);
    assertThat(list.ocpUuidIndex()).isEqualTo(3);
  }

  @Test
  void aDriveWithoutUuidListClearsCtrattBit9AndRejectsCns17() {
    MiController c = drive(OcpProfile.typical().withUuidIndex(0));

    assertThat(ok(c.identifyController()).ctratt() & 0x200).isZero();
    assertThat(result(c.uuidList())).isInstanceOf(MiResult.NvmeError.class);
    assertThat(c0(c, 0).logPageVersion()).isEqualTo(4);
  }

  @Test
  void aDriveWithTheWrongGuidFailsTheGuidCheck() {
    MiController c = drive(OcpProfile.typical().withWrongGuid(true));

    MiResult<OcpSmartExtendedLog> r = result(c.ocpSmartExtendedLog(1, OcpLogOptions.DEFAULTS));

    assertThat(r).isInstanceOfSatisfying(MiResult.Failure.class,
        f -> assertThat(f.cause()).isInstanceOf(LogPageGuidMismatchException.class)
            .hasMessageContaining("0xc5af1028eabff2a49c4f6f7cc914d5af"));
  }

  @Test
  void nandWritesGrowByTheWriteAmplificationOfHostWrites() {
    MiController c = drive(OcpProfile.typical().withWriteAmplification(2.5));
    OcpSmartExtendedLog first = c0(c, 1);
    SmartLog firstSmart = ok(c.smartLog());

    clock.advance(Duration.ofHours(1));
    OcpSmartExtendedLog second = c0(c, 1);
    SmartLog secondSmart = ok(c.smartLog());

    BigInteger hostBytes = secondSmart.duw().multiply(DATA_UNIT);
    assertThat(ratio(second.physicalMediaUnitsWritten(), hostBytes)).as("lifetime WAF").isEqualByComparingTo("2.5");
    BigInteger hostDelta = secondSmart.duw().subtract(firstSmart.duw()).multiply(DATA_UNIT);
    BigInteger mediaDelta = second.physicalMediaUnitsWritten().subtract(first.physicalMediaUnitsWritten());
    assertThat(hostDelta).as("30 units/s for an hour").isEqualTo(BigInteger.valueOf(30L * 3600).multiply(DATA_UNIT));
    assertThat(ratio(mediaDelta, hostDelta)).as("windowed WAF").isEqualByComparingTo("2.5");
  }

  private static BigDecimal ratio(BigInteger a, BigInteger b) {
    return new BigDecimal(a).divide(new BigDecimal(b), new MathContext(6));
  }

  @Test
  void aHotDriveThrottlesAndCountsOneEventPerEntry() throws Exception {
    MiController c = drive(OcpProfile.typical(), ScenarioReader.read(Path.of("scenarios/overheat.json")));
    assertThat(c0(c, 1).thermalThrottlingStatus()).isZero();

    clock.advance(Duration.ofSeconds(20)); // past CCTEMP
    OcpSmartExtendedLog hot = c0(c, 1);
    assertThat(hot.thermalThrottlingStatus()).isEqualTo(3);
    assertThat(hot.thermalThrottlingActive()).isTrue();
    assertThat(hot.thermalThrottlingEventCount()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(100)); // cooled down
    OcpSmartExtendedLog cool = c0(c, 1);
    assertThat(cool.thermalThrottlingStatus()).isZero();
    assertThat(cool.thermalThrottlingEventCount()).isEqualTo(1);
    assertThat(cool.maxTemperatureRecorded()).as("LPV 4 has no max temperature").isNull();
  }

  @Test
  void capacitorFailureScenarioRampsCapacitorHealthDown() throws Exception {
    MiController c = drive(OcpProfile.typical(), ScenarioReader.read(Path.of("scenarios/capacitor-failure.json")));
    assertThat(c0(c, 1).capacitorHealth()).isEqualTo(120);

    clock.advance(Duration.ofSeconds(35));
    int midway = c0(c, 1).capacitorHealth();
    clock.advance(Duration.ofSeconds(60));

    assertThat(midway).isBetween(40, 119);
    assertThat(c0(c, 1).capacitorHealth()).isEqualTo(30);
  }

  @Test
  void aDriveWithoutPlpReportsFfffAndIgnoresCapacitorFailure() {
    OcpProfile noPlp = new OcpProfile(true, 6, 1.2, 1, false, OcpProfile.NO_PLP, true);
    MiController c = drive(noPlp, Scenario.builder("t")
        .at(Duration.ofSeconds(1), 0, new StateChange.Capacitor(10, Duration.ZERO)).build());

    clock.advance(Duration.ofSeconds(2));

    assertThat(c0(c, 1).plpPresent()).isFalse();
  }

  @Test
  void blocksRetireAsTheSpareWearsOut() throws Exception {
    MiController c = drive(OcpProfile.typical().withLogPageVersion(6),
        ScenarioReader.read(Path.of("scenarios/wear-out.json")));
    OcpSmartExtendedLog fresh = c0(c, 1);

    clock.advance(Duration.ofMinutes(5));
    OcpSmartExtendedLog worn = c0(c, 1);

    assertThat(worn.badUserNandBlocksRaw()).isGreaterThan(fresh.badUserNandBlocksRaw());
    assertThat(worn.badUserNandBlocksNormalized()).isLessThan(fresh.badUserNandBlocksNormalized())
        .isEqualTo(ok(c.smartLog()).avsp());
    assertThat(worn.dieInUseBadNandBlockNormalized()).isEqualTo(worn.badUserNandBlocksNormalized());
    assertThat(worn.userDataEraseCountMax()).isGreaterThan(fresh.userDataEraseCountMax());
  }

  @Test
  void powerLossCountsPlpStartsAndIncompleteShutdowns() {
    MiController c = drive(OcpProfile.typical(), Scenario.builder("t")
        .at(Duration.ofSeconds(1), 0, new StateChange.PowerCycle(true)).build());
    OcpSmartExtendedLog before = c0(c, 1);

    clock.advance(Duration.ofSeconds(2));
    OcpSmartExtendedLog after = c0(c, 1);

    assertThat(after.plpStartCount()).isEqualTo(before.plpStartCount().add(BigInteger.ONE));
    assertThat(after.incompleteShutdowns()).isEqualTo(before.incompleteShutdowns() + 1);
  }

  @Test
  void newFirmwareCanStartOrStopServingTheOcpLogs() {
    MiController c = drive(OcpProfile.typical().withServed(false), Scenario.builder("t")
        .at(Duration.ofSeconds(1), 0, new StateChange.FirmwareActivate("OCP1", 2, true))
        .at(Duration.ofSeconds(2), 0, new StateChange.FirmwareActivate("NOOCP2", 3, false)).build());
    assertThat(result(c.ocpSmartExtendedLog(0, OcpLogOptions.DEFAULTS))).isInstanceOf(MiResult.NvmeError.class);

    clock.advance(Duration.ofSeconds(1));
    assertThat(c0(c, 0).dssdFirmwareRevision()).as("LPV 4: no firmware revision field").isNull();
    assertThat(c0(c, 0).logPageVersion()).isEqualTo(4);

    clock.advance(Duration.ofSeconds(1));
    assertThat(result(c.ocpSmartExtendedLog(0, OcpLogOptions.DEFAULTS))).isInstanceOf(MiResult.NvmeError.class);
  }

  @Test
  void eachLogPageVersionIsServedWithExactlyItsFields() {
    for (int lpv = 2; lpv <= 7; lpv++) {
      OcpSmartExtendedLog l = c0(drive(OcpProfile.typical().withLogPageVersion(lpv)), 1);
      assertThat(l.logPageVersion()).isEqualTo(lpv);
      assertThat(l.dssdVersion() != null).isEqualTo(lpv >= 3);
      assertThat(l.lowestPermittedFirmware() != null).isEqualTo(lpv >= 4);
      assertThat(l.dssdFirmwareRevision() != null).isEqualTo(lpv >= 5);
      assertThat(l.formFactor() != null).isEqualTo(lpv >= 6);
    }
  }

  @Test
  void theLatencyMonitorCountsCommandsWhenEnabledAndIsEmptyWhenNot() {
    MiController on = drive(OcpProfile.typical());
    clock.advance(Duration.ofHours(1));
    OcpLatencyMonitorLog l = ok(on.ocpLatencyMonitorLog(1));
    assertThat(l.enabled()).isTrue();
    assertThat(l.active().buckets().get(0).readCount()).isPositive();
    assertThat(l.activeThresholdsMillis()).containsExactly(30, 100, 155, 235);

    OcpLatencyMonitorLog off = ok(drive(OcpProfile.typical().withLatencyMonitor(false)).ocpLatencyMonitorLog(1));
    assertThat(off.enabled()).isFalse();
    assertThat(off.active().totalCount()).isZero();
  }

  @Test
  void aDriveCanServeC0WhileAnsweringC3WithInvalidLogPage() {
    MiController c = drive(OcpProfile.typical().withLatencyMonitorServed(false));
    assertThat(c0(c, 1).logPageVersion()).isEqualTo(4);
    assertThat(result(c.ocpLatencyMonitorLog(1))).isInstanceOfSatisfying(MiResult.NvmeError.class,
        e -> assertThat(e.status().statusField() & 0x7FF).as("SCT 1, SC 09h Invalid Log Page").isEqualTo(0x109));
  }

  @Test
  void latencyBucketsOnlyGrowWithinTheWindowThroughThrottlingAndCooling() {
    MiController c = drive(OcpProfile.typical(), Scenario.builder("hot-then-cool")
        .at(Duration.ofSeconds(1), 0, new StateChange.Temperature(90, Duration.ofSeconds(10)))
        .at(Duration.ofHours(2), 0, new StateChange.Temperature(40, Duration.ofSeconds(30))).build());
    long[] last = new long[12];
    boolean jumped = false;
    for (int step = 0; step < 18; step++) {
      clock.advance(Duration.ofMinutes(10));
      List<OcpLatencyMonitorLog.LatencyBucket> buckets = ok(c.ocpLatencyMonitorLog(1)).active().buckets();
      for (int b = 0; b < 4; b++) {
        OcpLatencyMonitorLog.LatencyBucket x = buckets.get(b);
        long[] now = {x.readCount(), x.writeCount(), x.deallocateCount()};
        for (int op = 0; op < 3; op++) {
          assertThat(now[op]).as("bucket %d op %d at step %d", b, op, step).isGreaterThanOrEqualTo(last[3 * b + op]);
          jumped |= b == 1 && op == 0 && now[op] > last[3 * b + op];
          last[3 * b + op] = now[op];
        }
      }
    }
    assertThat(jumped).as("bucket 1 reads counted while the drive throttled").isTrue();
  }

  @Test
  void aFirmwareActivationRestartsTheLatencyWindow() {
    MiController c = drive(OcpProfile.typical(), Scenario.builder("t")
        .at(Duration.ofHours(2), 0, new StateChange.FirmwareActivate("OCP2", 2, true)).build());
    clock.advance(Duration.ofMinutes(110));
    OcpLatencyMonitorLog before = ok(c.ocpLatencyMonitorLog(1));
    assertThat(before.activeBucketTimer()).as("5-minute units").isEqualTo(22);

    clock.advance(Duration.ofMinutes(15));
    OcpLatencyMonitorLog after = ok(c.ocpLatencyMonitorLog(1));
    assertThat(after.activeBucketTimer()).isEqualTo(1);
    assertThat(after.active().totalCount()).isLessThan(before.active().totalCount());
    assertThat(after.staticWindow().totalCount()).as("static buckets zeroed too").isZero();
  }

  @Test
  void afterSevenDaysTheActiveWindowBecomesTheStaticOneAndStartsOver() {
    MiController c = drive(OcpProfile.typical());
    clock.advance(Duration.ofDays(7).minusMinutes(30));
    OcpLatencyMonitorLog late = ok(c.ocpLatencyMonitorLog(1));
    assertThat(late.activeBucketTimer()).isEqualTo(0x07E0 - 6);
    assertThat(late.staticWindow().totalCount()).as("no completed window yet").isZero();

    clock.advance(Duration.ofMinutes(40)); // 10 min past the 7-day boundary
    OcpLatencyMonitorLog rolled = ok(c.ocpLatencyMonitorLog(1));
    assertThat(rolled.activeBucketTimer()).as("the new window's age, 5-minute units").isEqualTo(2);
    assertThat(rolled.staticWindow().totalCount()).isGreaterThanOrEqualTo(late.active().totalCount());
    assertThat(rolled.active().totalCount()).isLessThan(late.active().totalCount());
    assertThat(rolled.staticWindow().buckets().get(0).readCount())
        .isGreaterThanOrEqualTo(late.active().buckets().get(0).readCount());
  }

  @Test
  void generatedFleetsMixOcpAndNonOcpModels() {
    FleetGenerator gen = new FleetGenerator(7);
    int ocp = 0;
    for (int i = 0; i < 40; i++) {
      OcpProfile p = gen.ocp(i);
      if (p.served()) {
        ocp++;
        assertThat(p.writeAmplification()).isBetween(1.1, 3.0);
        assertThat(p.logPageVersion()).isBetween(3, 6);
      }
      assertThat(gen.ocp(i)).as("same seed and index, same profile").isEqualTo(p);
    }
    assertThat(ocp).isBetween(5, 35);
  }
}
