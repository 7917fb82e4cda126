package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.check128;
import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.LogPageGuidMismatchException;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * The OCP Datacenter NVMe SSD "SMART / Health Information Extended" log, LID C0h, 512 bytes
 * ({@code ocp-logs.md} §3). Component names are nvme-cli's {@code struct ocp_smart_extended_log}
 * members in lower camel case (typos corrected: {@code incompleteShutdowns},
 * {@code pcieLinkRetrainingCount}).
 *
 * <p><b>By log page version.</b> Every field has the first log page version (LPV, LE16 at 494) that
 * carries it. A field newer than the page's LPV is {@code null} ("absent", never 0). The LPV 2 set
 * (the Cloud SSD 1.0 fields) is always decoded, also for LPV 0 and 1 (as nvme-cli does). The group
 * DSSD version / NVMe base errata / link retrains / power state changes starts at LPV 3, or at LPV 2
 * with {@link OcpLogOptions#NVME_CLI} (§8 item 1). A page with an LPV above 6 (a newer release)
 * gets every known field, and the whole page is kept in {@link #unknownVersionPage} so that the
 * fields this codec does not know yet are not lost. The LPV never causes a rejection.
 *
 * <p><b>GUID.</b> The page is the OCP layout only when bytes 496..511 hold
 * {@link LogPageGuid#OCP_SMART_EXTENDED}; anything else is a {@link LogPageGuidMismatchException}.
 *
 * <p>Units: media units are <b>bytes</b>; "normalized" values are percent (100 when new, 0 = no
 * longer reliable); counters saturate. LE64 and LE128 counters are unsigned {@link BigInteger}s.
 *
 * <p>Immutable; thread-safe.
 *
 * @param physicalMediaUnitsWritten bytes written to NAND, user + system, 0..15, LPV 2
 * @param physicalMediaUnitsRead bytes read from NAND, 16..31, LPV 2
 * @param badUserNandBlocksRaw user blocks retired, LE48 at 32, LPV 2
 * @param badUserNandBlocksNormalized % of user spare left, 38, LPV 2
 * @param badSystemNandBlocksRaw system blocks retired, LE48 at 40, LPV 2 (see {@link #systemNandBlocksValid()})
 * @param badSystemNandBlocksNormalized % of system spare left, 46, LPV 2
 * @param xorRecoveryCount XOR recoveries invoked, LE64 at 48, LPV 2
 * @param uncorrectableReadErrorCount reads failing every recovery level, LE64 at 56, LPV 2
 * @param softEccErrorCount reads needing more than first-level ECC, LE64 at 64, LPV 2
 * @param endToEndDetectedErrors internal end-to-end errors detected, LE32 at 72, LPV 2
 * @param endToEndCorrectedErrors of those, corrected, LE32 at 76, LPV 2
 * @param systemDataPercentUsed system-area wear, % of rated cycles (may exceed 100), 80, LPV 2
 * @param refreshCount blocks relocated for data integrity, LE56 at 81, LPV 2
 * @param userDataEraseCountMax highest user-block erase count, LE32 at 88, LPV 2
 * @param userDataEraseCountMin lowest user-block erase count, LE32 at 92, LPV 2
 * @param thermalThrottlingEventCount throttling entries (stops at 255), 96, LPV 2
 * @param thermalThrottlingStatus current throttling: 0 none, 1..3 level, 97, LPV 2
 * @param dssdVersion DSSD specification version claimed, 98..103, LPV 3 (or 2)
 * @param pcieCorrectableErrorCount PCIe correctable errors, LE64 at 104, LPV 2
 * @param incompleteShutdowns shutdowns without a full flush, LE32 at 112, LPV 2
 * @param percentFreeBlocks free spare blocks, %, 120, LPV 2
 * @param capacitorHealth PLP hold-up margin %, above 100 when new; FFFFh = no PLP, LE16 at 128, LPV 2
 * @param nvmeBaseErrataVersion NVMe base errata letter (ASCII, 0 = none), 130, LPV 3 (or 2)
 * @param nvmeCmdsetErrataVersion NVM command set errata letter, 131, LPV 4
 * @param nvmeOverPcieErrataVersion PCIe transport errata letter, 132, LPV 5
 * @param nvmeMiErrataVersion NVMe-MI errata letter, 133, LPV 5
 * @param proactiveDieRetirements dies retired proactively (DSSD 2.7; nvme-cli: reserved), LE16 at 134, LPV 6
 * @param unalignedIo writes not on an indirection-unit boundary (resets at power cycle), LE64 at 136, LPV 2
 * @param securityVersion anti-rollback security version of the running firmware, LE64 at 144, LPV 2
 * @param totalNuse sum of namespace NUSE, logical blocks, LE64 at 152, LPV 2
 * @param plpStartCount PLP activations, LE128 at 160, LPV 2
 * @param enduranceEstimate lifetime writable bytes at WAF 1, LE128 at 176, LPV 2
 * @param pcieLinkRetrainingCount PCIe link retrains, LE64 at 192, LPV 3 (or 2)
 * @param powerStateChangeCount NVMe power state changes, LE64 at 200, LPV 3 (or 2)
 * @param lowestPermittedFwRev the 8 bytes at 208 as a raw LE64 (nvme-cli's number); the ASCII reading
 *     of the specification is {@link #lowestPermittedFirmware()} (§8 item 2), LPV 4
 * @param totalMediaDies dies in the device, LE16 at 216, LPV 5
 * @param totalDieFailureTolerance dies allowed to fail, LE16 at 218, LPV 5
 * @param mediaDiesOffline dies permanently retired, LE16 at 220, LPV 5
 * @param maxTemperatureRecorded lifetime maximum composite temperature, °C, 222, LPV 5
 * @param formFactor NVMe-MI 2.1 form-factor code (not decoded, §8 item 7), 223, LPV 6
 * @param nandAvgEraseCount mean erase count over all blocks, LE64 at 224, LPV 5
 * @param commandTimeouts limited-retry commands that exceeded TLER, LE32 at 232, LPV 5
 * @param sysAreaProgramFailCountRaw system-area program failures, LE32 at 236, LPV 5
 * @param sysAreaProgramFailCountNormalized % allowance left, 240, LPV 5
 * @param sysAreaUncorrReadCountRaw system-area uncorrectable reads, LE32 at 244, LPV 5
 * @param sysAreaUncorrReadCountNormalized % allowance left, 248, LPV 5
 * @param sysAreaEraseFailCountRaw system-area erase failures, LE32 at 252, LPV 5
 * @param sysAreaEraseFailCountNormalized % allowance left, 256, LPV 5
 * @param maxPeakPowerCapability PS0 worst-case peak power, W, LE16 at 260, LPV 5
 * @param currentMaxAvgPower current average power (1 s window), W, LE16 at 262, LPV 5
 * @param lifetimePowerConsumed energy consumed, kWh (saturating), LE48 at 264, LPV 5
 * @param dssdFirmwareRevision "major.minor.release", trailing spaces trimmed, 270..277, LPV 5
 * @param dssdFirmwareBuildUuid per-build UUID, bytes in stored order, 278..293, LPV 5
 * @param dssdFirmwareBuildLabel free text, trailing NULs/spaces trimmed ("" = all zero), 294..357, LPV 5
 * @param dieInUseBadNandBlockRaw retired blocks on dies still in use, LE48 at 358, LPV 6
 * @param dieInUseBadNandBlockNormalized % of usable spare left, LE16 at 364, LPV 6
 * @param logPageVersion LPV, LE16 at 494
 * @param unknownVersionPage the whole 512-byte page when the LPV is above 6 (a release this codec
 *     does not know), else null
 */
public record OcpSmartExtendedLog(
    BigInteger physicalMediaUnitsWritten, BigInteger physicalMediaUnitsRead,
    long badUserNandBlocksRaw, int badUserNandBlocksNormalized,
    long badSystemNandBlocksRaw, int badSystemNandBlocksNormalized,
    BigInteger xorRecoveryCount, BigInteger uncorrectableReadErrorCount, BigInteger softEccErrorCount,
    long endToEndDetectedErrors, long endToEndCorrectedErrors, int systemDataPercentUsed, long refreshCount,
    long userDataEraseCountMax, long userDataEraseCountMin, int thermalThrottlingEventCount,
    int thermalThrottlingStatus, DssdVersion dssdVersion, BigInteger pcieCorrectableErrorCount,
    long incompleteShutdowns, int percentFreeBlocks, int capacitorHealth,
    Integer nvmeBaseErrataVersion, Integer nvmeCmdsetErrataVersion, Integer nvmeOverPcieErrataVersion,
    Integer nvmeMiErrataVersion, Integer proactiveDieRetirements,
    BigInteger unalignedIo, BigInteger securityVersion, BigInteger totalNuse, BigInteger plpStartCount,
    BigInteger enduranceEstimate, BigInteger pcieLinkRetrainingCount, BigInteger powerStateChangeCount,
    Long lowestPermittedFwRev, Integer totalMediaDies, Integer totalDieFailureTolerance,
    Integer mediaDiesOffline, Integer maxTemperatureRecorded, Integer formFactor, BigInteger nandAvgEraseCount,
    Long commandTimeouts, Long sysAreaProgramFailCountRaw, Integer sysAreaProgramFailCountNormalized,
    Long sysAreaUncorrReadCountRaw, Integer sysAreaUncorrReadCountNormalized, Long sysAreaEraseFailCountRaw,
    Integer sysAreaEraseFailCountNormalized, Integer maxPeakPowerCapability, Integer currentMaxAvgPower,
    Long lifetimePowerConsumed, String dssdFirmwareRevision, UUID dssdFirmwareBuildUuid,
    String dssdFirmwareBuildLabel, Long dieInUseBadNandBlockRaw, Integer dieInUseBadNandBlockNormalized,
    int logPageVersion, byte[] unknownVersionPage) implements AdminPayload {

  /** Size of the page. */
  public static final int LENGTH = 512;
  /** Offset of the log page version (LE16). */
  public static final int LPV_OFFSET = 494;
  /** Offset of the log page GUID (16 bytes). */
  public static final int GUID_OFFSET = 496;
  /** The highest log page version whose layout this codec knows (DSSD 2.7). */
  public static final int LATEST_KNOWN_VERSION = 6;
  /** Capacitor health value meaning "the drive has no power-loss protection". */
  public static final int NO_PLP = 0xFFFF;

  static final String PAGE = "OCP SMART / Health Information Extended log (C0h)";

  /**
   * The DSSD specification version a drive claims (bytes 98..103: errata 98, point LE16 99, minor
   * LE16 101, major 103).
   *
   * @param major major version
   * @param minor minor version
   * @param point point version
   * @param errata errata version
   */
  public record DssdVersion(int major, int minor, int point, int errata) {
    public DssdVersion {
      checkBits(major, 8, "major");
      checkBits(minor, 16, "minor");
      checkBits(point, 16, "point");
      checkBits(errata, 8, "errata");
    }

    /** "major.minor.point.errata", e.g. "2.5.0.0". */
    @Derived
    public String text() {
      return major + "." + minor + "." + point + "." + errata;
    }
  }

  public OcpSmartExtendedLog {
    check128(physicalMediaUnitsWritten, "physicalMediaUnitsWritten");
    check128(physicalMediaUnitsRead, "physicalMediaUnitsRead");
    checkBits(badUserNandBlocksRaw, 48, "badUserNandBlocksRaw");
    checkBits(badUserNandBlocksNormalized, 16, "badUserNandBlocksNormalized");
    checkBits(badSystemNandBlocksRaw, 48, "badSystemNandBlocksRaw");
    checkBits(badSystemNandBlocksNormalized, 16, "badSystemNandBlocksNormalized");
    check64(xorRecoveryCount, "xorRecoveryCount");
    check64(uncorrectableReadErrorCount, "uncorrectableReadErrorCount");
    check64(softEccErrorCount, "softEccErrorCount");
    checkBits(endToEndDetectedErrors, 32, "endToEndDetectedErrors");
    checkBits(endToEndCorrectedErrors, 32, "endToEndCorrectedErrors");
    checkBits(systemDataPercentUsed, 8, "systemDataPercentUsed");
    checkBits(refreshCount, 56, "refreshCount");
    checkBits(userDataEraseCountMax, 32, "userDataEraseCountMax");
    checkBits(userDataEraseCountMin, 32, "userDataEraseCountMin");
    checkBits(thermalThrottlingEventCount, 8, "thermalThrottlingEventCount");
    checkBits(thermalThrottlingStatus, 8, "thermalThrottlingStatus");
    check64(pcieCorrectableErrorCount, "pcieCorrectableErrorCount");
    checkBits(incompleteShutdowns, 32, "incompleteShutdowns");
    checkBits(percentFreeBlocks, 8, "percentFreeBlocks");
    checkBits(capacitorHealth, 16, "capacitorHealth");
    check64(unalignedIo, "unalignedIo");
    check64(securityVersion, "securityVersion");
    check64(totalNuse, "totalNuse");
    check128(plpStartCount, "plpStartCount");
    check128(enduranceEstimate, "enduranceEstimate");
    checkBits(logPageVersion, 16, "logPageVersion");

    int v = logPageVersion;
    boolean g3 = dssdVersion != null;
    if (v >= 3 && !g3 || v < 2 && g3) {
      throw new IllegalArgumentException("dssdVersion " + (g3 ? "present" : "absent") + " at LPV " + v
          + " (expected: present from LPV 3, optional at LPV 2)");
    }
    present(nvmeBaseErrataVersion, g3, "nvmeBaseErrataVersion (the LPV 3 group)");
    present(pcieLinkRetrainingCount, g3, "pcieLinkRetrainingCount (the LPV 3 group)");
    present(powerStateChangeCount, g3, "powerStateChangeCount (the LPV 3 group)");
    boolean g4 = v >= 4;
    present(nvmeCmdsetErrataVersion, g4, "nvmeCmdsetErrataVersion (LPV 4)");
    present(lowestPermittedFwRev, g4, "lowestPermittedFwRev (LPV 4)");
    boolean g5 = v >= 5;
    for (Object[] f : new Object[][] {
        {nvmeOverPcieErrataVersion, "nvmeOverPcieErrataVersion"}, {nvmeMiErrataVersion, "nvmeMiErrataVersion"},
        {totalMediaDies, "totalMediaDies"}, {totalDieFailureTolerance, "totalDieFailureTolerance"},
        {mediaDiesOffline, "mediaDiesOffline"}, {maxTemperatureRecorded, "maxTemperatureRecorded"},
        {nandAvgEraseCount, "nandAvgEraseCount"}, {commandTimeouts, "commandTimeouts"},
        {sysAreaProgramFailCountRaw, "sysAreaProgramFailCountRaw"},
        {sysAreaProgramFailCountNormalized, "sysAreaProgramFailCountNormalized"},
        {sysAreaUncorrReadCountRaw, "sysAreaUncorrReadCountRaw"},
        {sysAreaUncorrReadCountNormalized, "sysAreaUncorrReadCountNormalized"},
        {sysAreaEraseFailCountRaw, "sysAreaEraseFailCountRaw"},
        {sysAreaEraseFailCountNormalized, "sysAreaEraseFailCountNormalized"},
        {maxPeakPowerCapability, "maxPeakPowerCapability"}, {currentMaxAvgPower, "currentMaxAvgPower"},
        {lifetimePowerConsumed, "lifetimePowerConsumed"}, {dssdFirmwareRevision, "dssdFirmwareRevision"},
        {dssdFirmwareBuildUuid, "dssdFirmwareBuildUuid"}, {dssdFirmwareBuildLabel, "dssdFirmwareBuildLabel"}}) {
      present(f[0], g5, f[1] + " (LPV 5)");
    }
    boolean g6 = v >= 6;
    present(proactiveDieRetirements, g6, "proactiveDieRetirements (LPV 6)");
    present(formFactor, g6, "formFactor (LPV 6)");
    present(dieInUseBadNandBlockRaw, g6, "dieInUseBadNandBlockRaw (LPV 6)");
    present(dieInUseBadNandBlockNormalized, g6, "dieInUseBadNandBlockNormalized (LPV 6)");

    if (nvmeBaseErrataVersion != null) {
      checkBits(nvmeBaseErrataVersion, 8, "nvmeBaseErrataVersion");
      check64(pcieLinkRetrainingCount, "pcieLinkRetrainingCount");
      check64(powerStateChangeCount, "powerStateChangeCount");
    }
    if (g4) {
      checkBits(nvmeCmdsetErrataVersion, 8, "nvmeCmdsetErrataVersion");
    }
    if (g5) {
      checkBits(nvmeOverPcieErrataVersion, 8, "nvmeOverPcieErrataVersion");
      checkBits(nvmeMiErrataVersion, 8, "nvmeMiErrataVersion");
      checkBits(totalMediaDies, 16, "totalMediaDies");
      checkBits(totalDieFailureTolerance, 16, "totalDieFailureTolerance");
      checkBits(mediaDiesOffline, 16, "mediaDiesOffline");
      checkBits(maxTemperatureRecorded, 8, "maxTemperatureRecorded");
      check64(nandAvgEraseCount, "nandAvgEraseCount");
      checkBits(commandTimeouts, 32, "commandTimeouts");
      checkBits(sysAreaProgramFailCountRaw, 32, "sysAreaProgramFailCountRaw");
      checkBits(sysAreaProgramFailCountNormalized, 8, "sysAreaProgramFailCountNormalized");
      checkBits(sysAreaUncorrReadCountRaw, 32, "sysAreaUncorrReadCountRaw");
      checkBits(sysAreaUncorrReadCountNormalized, 8, "sysAreaUncorrReadCountNormalized");
      checkBits(sysAreaEraseFailCountRaw, 32, "sysAreaEraseFailCountRaw");
      checkBits(sysAreaEraseFailCountNormalized, 8, "sysAreaEraseFailCountNormalized");
      checkBits(maxPeakPowerCapability, 16, "maxPeakPowerCapability");
      checkBits(currentMaxAvgPower, 16, "currentMaxAvgPower");
      checkBits(lifetimePowerConsumed, 48, "lifetimePowerConsumed");
      LittleEndian.checkAscii(dssdFirmwareRevision, 8, "dssdFirmwareRevision");
      LittleEndian.checkAscii(dssdFirmwareBuildLabel, 64, "dssdFirmwareBuildLabel");
    }
    if (g6) {
      checkBits(proactiveDieRetirements, 16, "proactiveDieRetirements");
      checkBits(formFactor, 8, "formFactor");
      checkBits(dieInUseBadNandBlockRaw, 48, "dieInUseBadNandBlockRaw");
      checkBits(dieInUseBadNandBlockNormalized, 16, "dieInUseBadNandBlockNormalized");
    }
    if (v > LATEST_KNOWN_VERSION) {
      Objects.requireNonNull(unknownVersionPage, "unknownVersionPage (LPV above " + LATEST_KNOWN_VERSION + ")");
      if (unknownVersionPage.length != LENGTH) {
        throw new IllegalArgumentException("unknownVersionPage: " + unknownVersionPage.length + " bytes (expected: "
            + LENGTH + ")");
      }
      unknownVersionPage = unknownVersionPage.clone();
    } else if (unknownVersionPage != null) {
      throw new IllegalArgumentException("unknownVersionPage at LPV " + v + " (expected: only above "
          + LATEST_KNOWN_VERSION + ")");
    }
  }

  /** Decodes the page with {@link OcpLogOptions#DEFAULTS}; see {@link #decode(byte[], OcpLogOptions)}. */
  public static OcpSmartExtendedLog decode(byte[] data) {
    return decode(data, OcpLogOptions.DEFAULTS);
  }

  /**
   * Decodes the 512-byte page: length, then the GUID, then every field the page's LPV carries.
   *
   * @throws MiProtocolException {@code LENGTH_MISMATCH} unless {@code data} is exactly 512 bytes;
   *     {@link LogPageGuidMismatchException} ({@code GUID_MISMATCH}) when bytes 496..511 are not the
   *     C0h GUID
   */
  public static OcpSmartExtendedLog decode(byte[] data, OcpLogOptions options) {
    checkPage(data, LENGTH, GUID_OFFSET, LogPageGuid.OCP_SMART_EXTENDED, PAGE);
    int v = LittleEndian.u16(data, LPV_OFFSET);
    boolean g3 = v >= options.lpv3GroupFrom();
    boolean g4 = v >= 4;
    boolean g5 = v >= 5;
    boolean g6 = v >= 6;
    return new OcpSmartExtendedLog(
        LittleEndian.u128(data, 0), LittleEndian.u128(data, 16),
        u48(data, 32), LittleEndian.u16(data, 38),
        u48(data, 40), LittleEndian.u16(data, 46),
        u64(data, 48), u64(data, 56), u64(data, 64),
        LittleEndian.u32(data, 72), LittleEndian.u32(data, 76), LittleEndian.u8(data, 80), u56(data, 81),
        LittleEndian.u32(data, 88), LittleEndian.u32(data, 92), LittleEndian.u8(data, 96),
        LittleEndian.u8(data, 97),
        g3 ? new DssdVersion(LittleEndian.u8(data, 103), LittleEndian.u16(data, 101), LittleEndian.u16(data, 99),
            LittleEndian.u8(data, 98)) : null,
        u64(data, 104), LittleEndian.u32(data, 112), LittleEndian.u8(data, 120), LittleEndian.u16(data, 128),
        g3 ? LittleEndian.u8(data, 130) : null, g4 ? LittleEndian.u8(data, 131) : null,
        g5 ? LittleEndian.u8(data, 132) : null, g5 ? LittleEndian.u8(data, 133) : null,
        g6 ? LittleEndian.u16(data, 134) : null,
        u64(data, 136), u64(data, 144), u64(data, 152), LittleEndian.u128(data, 160), LittleEndian.u128(data, 176),
        g3 ? u64(data, 192) : null, g3 ? u64(data, 200) : null,
        g4 ? LittleEndian.u64(data, 208) : null,
        g5 ? LittleEndian.u16(data, 216) : null, g5 ? LittleEndian.u16(data, 218) : null,
        g5 ? LittleEndian.u16(data, 220) : null, g5 ? LittleEndian.u8(data, 222) : null,
        g6 ? LittleEndian.u8(data, 223) : null,
        g5 ? u64(data, 224) : null, g5 ? LittleEndian.u32(data, 232) : null,
        g5 ? LittleEndian.u32(data, 236) : null, g5 ? LittleEndian.u8(data, 240) : null,
        g5 ? LittleEndian.u32(data, 244) : null, g5 ? LittleEndian.u8(data, 248) : null,
        g5 ? LittleEndian.u32(data, 252) : null, g5 ? LittleEndian.u8(data, 256) : null,
        g5 ? LittleEndian.u16(data, 260) : null, g5 ? LittleEndian.u16(data, 262) : null,
        g5 ? u48(data, 264) : null,
        g5 ? LittleEndian.ascii(data, 270, 8) : null, g5 ? uuid(data, 278) : null,
        g5 ? LittleEndian.ascii(data, 294, 64) : null,
        g6 ? u48(data, 358) : null, g6 ? LittleEndian.u16(data, 364) : null,
        v, v > LATEST_KNOWN_VERSION ? data.clone() : null);
  }

  /**
   * The 512-byte page: every present field, the LPV and the GUID; for an LPV above 6 the kept page
   * with the known fields written over it; reserved bytes zero otherwise.
   */
  public byte[] encode() {
    byte[] b = unknownVersionPage != null ? unknownVersionPage.clone() : new byte[LENGTH];
    LittleEndian.put128(b, 0, physicalMediaUnitsWritten);
    LittleEndian.put128(b, 16, physicalMediaUnitsRead);
    put48(b, 32, badUserNandBlocksRaw);
    LittleEndian.put16(b, 38, badUserNandBlocksNormalized);
    put48(b, 40, badSystemNandBlocksRaw);
    LittleEndian.put16(b, 46, badSystemNandBlocksNormalized);
    LittleEndian.put64(b, 48, xorRecoveryCount.longValue());
    LittleEndian.put64(b, 56, uncorrectableReadErrorCount.longValue());
    LittleEndian.put64(b, 64, softEccErrorCount.longValue());
    LittleEndian.put32(b, 72, endToEndDetectedErrors);
    LittleEndian.put32(b, 76, endToEndCorrectedErrors);
    b[80] = (byte) systemDataPercentUsed;
    put48(b, 81, refreshCount);
    b[87] = (byte) (refreshCount >>> 48);
    LittleEndian.put32(b, 88, userDataEraseCountMax);
    LittleEndian.put32(b, 92, userDataEraseCountMin);
    b[96] = (byte) thermalThrottlingEventCount;
    b[97] = (byte) thermalThrottlingStatus;
    if (dssdVersion != null) {
      b[98] = (byte) dssdVersion.errata();
      LittleEndian.put16(b, 99, dssdVersion.point());
      LittleEndian.put16(b, 101, dssdVersion.minor());
      b[103] = (byte) dssdVersion.major();
      b[130] = (byte) (int) nvmeBaseErrataVersion;
      LittleEndian.put64(b, 192, pcieLinkRetrainingCount.longValue());
      LittleEndian.put64(b, 200, powerStateChangeCount.longValue());
    }
    LittleEndian.put64(b, 104, pcieCorrectableErrorCount.longValue());
    LittleEndian.put32(b, 112, incompleteShutdowns);
    b[120] = (byte) percentFreeBlocks;
    LittleEndian.put16(b, 128, capacitorHealth);
    LittleEndian.put64(b, 136, unalignedIo.longValue());
    LittleEndian.put64(b, 144, securityVersion.longValue());
    LittleEndian.put64(b, 152, totalNuse.longValue());
    LittleEndian.put128(b, 160, plpStartCount);
    LittleEndian.put128(b, 176, enduranceEstimate);
    if (nvmeCmdsetErrataVersion != null) {
      b[131] = (byte) (int) nvmeCmdsetErrataVersion;
      LittleEndian.put64(b, 208, lowestPermittedFwRev);
    }
    if (totalMediaDies != null) {
      b[132] = (byte) (int) nvmeOverPcieErrataVersion;
      b[133] = (byte) (int) nvmeMiErrataVersion;
      LittleEndian.put16(b, 216, totalMediaDies);
      LittleEndian.put16(b, 218, totalDieFailureTolerance);
      LittleEndian.put16(b, 220, mediaDiesOffline);
      b[222] = (byte) (int) maxTemperatureRecorded;
      LittleEndian.put64(b, 224, nandAvgEraseCount.longValue());
      LittleEndian.put32(b, 232, commandTimeouts);
      LittleEndian.put32(b, 236, sysAreaProgramFailCountRaw);
      b[240] = (byte) (int) sysAreaProgramFailCountNormalized;
      LittleEndian.put32(b, 244, sysAreaUncorrReadCountRaw);
      b[248] = (byte) (int) sysAreaUncorrReadCountNormalized;
      LittleEndian.put32(b, 252, sysAreaEraseFailCountRaw);
      b[256] = (byte) (int) sysAreaEraseFailCountNormalized;
      LittleEndian.put16(b, 260, maxPeakPowerCapability);
      LittleEndian.put16(b, 262, currentMaxAvgPower);
      put48(b, 264, lifetimePowerConsumed);
      LittleEndian.putAsciiPadded(b, 270, 8, dssdFirmwareRevision, "dssdFirmwareRevision");
      LittleEndian.put64(b, 278, dssdFirmwareBuildUuid.getMostSignificantBits());
      reverse(b, 278, 8);
      LittleEndian.put64(b, 286, dssdFirmwareBuildUuid.getLeastSignificantBits());
      reverse(b, 286, 8);
      Arrays.fill(b, 294, 358, (byte) 0);
      byte[] label = dssdFirmwareBuildLabel.getBytes(StandardCharsets.ISO_8859_1);
      System.arraycopy(label, 0, b, 294, label.length);
    }
    if (formFactor != null) {
      LittleEndian.put16(b, 134, proactiveDieRetirements);
      b[223] = (byte) (int) formFactor;
      put48(b, 358, dieInUseBadNandBlockRaw);
      LittleEndian.put16(b, 364, dieInUseBadNandBlockNormalized);
    }
    LittleEndian.put16(b, LPV_OFFSET, logPageVersion);
    LogPageGuid.OCP_SMART_EXTENDED.write(b, GUID_OFFSET);
    return b;
  }

  /** False when bytes 40..47 are all FFh: the drive does not report system blocks (user counts all). */
  @Derived
  public boolean systemNandBlocksValid() {
    return !(badSystemNandBlocksRaw == 0xFFFF_FFFF_FFFFL && badSystemNandBlocksNormalized == 0xFFFF);
  }

  /** False when the capacitor health is FFFFh: the drive has no power-loss protection. */
  @Derived
  public boolean plpPresent() {
    return capacitorHealth != NO_PLP;
  }

  /** True when the drive is throttling for temperature now (status 1..3). */
  @Derived
  public boolean thermalThrottlingActive() {
    return thermalThrottlingStatus >= 1 && thermalThrottlingStatus <= 3;
  }

  /** NVMe base errata letter ("c"), "none" for 0, null when absent (§8 item 3: ASCII per SP and WD). */
  @Derived
  public String nvmeBaseErrata() {
    return errata(nvmeBaseErrataVersion);
  }

  /** NVM command set errata letter, "none", or null when absent. */
  @Derived
  public String nvmeCmdsetErrata() {
    return errata(nvmeCmdsetErrataVersion);
  }

  /** NVMe over PCIe transport errata letter, "none", or null when absent. */
  @Derived
  public String nvmeOverPcieErrata() {
    return errata(nvmeOverPcieErrataVersion);
  }

  /** NVMe-MI errata letter, "none", or null when absent. */
  @Derived
  public String nvmeMiErrata() {
    return errata(nvmeMiErrataVersion);
  }

  /**
   * The lowest permitted firmware revision read as the specification's 8 ASCII characters, trailing
   * spaces trimmed ("" = unrestricted); null when absent (LPV below 4). nvme-cli prints the same bytes
   * as the number {@link #lowestPermittedFwRev()} (§8 item 2).
   */
  @Derived
  public String lowestPermittedFirmware() {
    if (lowestPermittedFwRev == null) {
      return null;
    }
    byte[] b = new byte[8];
    LittleEndian.put64(b, 0, lowestPermittedFwRev);
    return LittleEndian.ascii(b, 0, 8);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof OcpSmartExtendedLog other)) {
      return false;
    }
    // Compare through the encoding: every component is in it, byte for byte.
    return logPageVersion == other.logPageVersion && Objects.equals(dssdVersion, other.dssdVersion)
        && Arrays.equals(encode(), other.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "OcpSmartExtendedLog[lpv=" + logPageVersion + ", pmuw=" + physicalMediaUnitsWritten + ", pmur="
        + physicalMediaUnitsRead + ", badUser=" + badUserNandBlocksRaw + "/" + badUserNandBlocksNormalized
        + "%, throttling=" + thermalThrottlingStatus + ", capacitor=" + capacitorHealth + "]";
  }

  /**
   * The checks every GUID-tagged page gets, in this order: exact length, then the GUID.
   *
   * @throws MiProtocolException {@code LENGTH_MISMATCH}, or {@link LogPageGuidMismatchException}
   */
  static void checkPage(byte[] data, int length, int guidOffset, LogPageGuid expected, String page) {
    if (data.length != length) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH,
          page + " length: " + data.length + " bytes (expected: " + length + ")");
    }
    LogPageGuid actual = LogPageGuid.read(data, guidOffset);
    if (!actual.equals(expected)) {
      throw new LogPageGuidMismatchException(page, expected, actual);
    }
  }

  private static String errata(Integer v) {
    if (v == null) {
      return null;
    }
    return v == 0 ? "none" : String.valueOf((char) (int) v);
  }

  private static void present(Object v, boolean expected, String name) {
    if (expected && v == null) {
      throw new NullPointerException(name + " (expected: present at this log page version)");
    }
    if (!expected && v != null) {
      throw new IllegalArgumentException(name + ": present (expected: absent below its log page version)");
    }
  }

  private static void check64(BigInteger v, String name) {
    Objects.requireNonNull(v, name);
    if (v.signum() < 0 || v.bitLength() > 64) {
      throw new IllegalArgumentException(name + ": " + v + " (expected: 0 ~ 2^64-1)");
    }
  }

  static BigInteger u64(byte[] b, int off) {
    long v = LittleEndian.u64(b, off);
    return v >= 0 ? BigInteger.valueOf(v) : BigInteger.valueOf(v).add(BigInteger.ONE.shiftLeft(64));
  }

  static long u48(byte[] b, int off) {
    return LittleEndian.u32(b, off) | (long) LittleEndian.u16(b, off + 4) << 32;
  }

  private static long u56(byte[] b, int off) {
    return u48(b, off) | (long) LittleEndian.u8(b, off + 6) << 48;
  }

  private static void put48(byte[] b, int off, long v) {
    LittleEndian.put32(b, off, v);
    LittleEndian.put16(b, off + 4, (int) (v >>> 32));
  }

  private static UUID uuid(byte[] b, int off) {
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = msb << 8 | (b[off + i] & 0xFF);
      lsb = lsb << 8 | (b[off + 8 + i] & 0xFF);
    }
    return new UUID(msb, lsb);
  }

  private static void reverse(byte[] b, int off, int len) {
    for (int i = 0, j = off + len - 1; i < len / 2; i++, j--) {
      byte t = b[off + i];
      b[off + i] = b[j];
      b[j] = t;
    }
  }
}
