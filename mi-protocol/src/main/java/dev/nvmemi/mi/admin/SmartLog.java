package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.check128;
import static dev.nvmemi.mi.admin.LittleEndian.checkBits;
import static dev.nvmemi.mi.admin.LittleEndian.put128;
import static dev.nvmemi.mi.admin.LittleEndian.put16;
import static dev.nvmemi.mi.admin.LittleEndian.put32;
import static dev.nvmemi.mi.admin.LittleEndian.u128;
import static dev.nvmemi.mi.admin.LittleEndian.u16;
import static dev.nvmemi.mi.admin.LittleEndian.u32;
import static dev.nvmemi.mi.admin.LittleEndian.u8;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The SMART / Health Information log (LID 02h), 512 bytes (spec sheet §7.1). Temperatures are in
 * Kelvin as on the wire, with °C helpers; 128-bit counters are {@link BigInteger}s. Names follow
 * the NVMe base specification's abbreviations (libnvme's names in parentheses below).
 *
 * <p>Immutable; thread-safe.
 *
 * @param critWarn Critical Warning, byte 0 (critical_warning); see {@link #critWarnActive()}
 * @param ctemp Composite Temperature in Kelvin, bytes 1–2 (temperature)
 * @param avsp Available Spare, %, byte 3 (avail_spare)
 * @param avspt Available Spare Threshold, %, byte 4 (spare_thresh)
 * @param pused Percentage Used, byte 5 (percent_used); may exceed 100, saturates at 255
 * @param egcws Endurance Group Critical Warning Summary, byte 6 (endu_grp_crit_warn_sumry)
 * @param dur Data Units Read, bytes 32–47, in units of 1000 × 512 bytes (data_units_read)
 * @param duw Data Units Written, bytes 48–63 (data_units_written)
 * @param hrc Host Read Commands, bytes 64–79 (host_reads)
 * @param hwc Host Write Commands, bytes 80–95 (host_writes)
 * @param cbt Controller Busy Time in minutes, bytes 96–111 (ctrl_busy_time)
 * @param pwrc Power Cycles, bytes 112–127 (power_cycles)
 * @param poh Power On Hours, bytes 128–143 (power_on_hours)
 * @param unsafeShutdowns Unsafe Shutdowns, bytes 144–159 (unsafe_shutdowns)
 * @param mdie Media and Data Integrity Errors, bytes 160–175 (media_errors)
 * @param neile Number of Error Information Log Entries over the life, bytes 176–191 (num_err_log_entries)
 * @param wctt Warning Composite Temperature Time in minutes, bytes 192–195 (warning_temp_time)
 * @param cctt Critical Composite Temperature Time in minutes, bytes 196–199 (critical_comp_time)
 * @param tsen Temperature Sensors 1–8 in Kelvin, bytes 200–215; 0 = not implemented (temp_sensor)
 * @param tmt1tc Thermal Management Temperature 1 Transition Count, bytes 216–219
 * @param tmt2tc Thermal Management Temperature 2 Transition Count, bytes 220–223
 * @param ttftmt1 Total Time For Thermal Management Temperature 1 in seconds, bytes 224–227
 * @param ttftmt2 Total Time For Thermal Management Temperature 2 in seconds, bytes 228–231
 */
public record SmartLog(int critWarn, int ctemp, int avsp, int avspt, int pused, int egcws, BigInteger dur,
    BigInteger duw, BigInteger hrc, BigInteger hwc, BigInteger cbt, BigInteger pwrc, BigInteger poh,
    BigInteger unsafeShutdowns, BigInteger mdie, BigInteger neile, long wctt, long cctt, List<Integer> tsen,
    long tmt1tc, long tmt2tc, long ttftmt1, long ttftmt2) implements AdminPayload {

  /** Size of the log. */
  public static final int LENGTH = 512;
  /** Number of temperature sensor fields. */
  public static final int SENSORS = 8;
  /** Bytes in one data unit: 1000 × 512. */
  public static final BigInteger DATA_UNIT_BYTES = BigInteger.valueOf(512_000);

  public SmartLog {
    checkBits(critWarn, 8, "critWarn");
    checkBits(ctemp, 16, "ctemp");
    checkBits(avsp, 8, "avsp");
    checkBits(avspt, 8, "avspt");
    checkBits(pused, 8, "pused");
    checkBits(egcws, 8, "egcws");
    check128(dur, "dur");
    check128(duw, "duw");
    check128(hrc, "hrc");
    check128(hwc, "hwc");
    check128(cbt, "cbt");
    check128(pwrc, "pwrc");
    check128(poh, "poh");
    check128(unsafeShutdowns, "unsafeShutdowns");
    check128(mdie, "mdie");
    check128(neile, "neile");
    checkBits(wctt, 32, "wctt");
    checkBits(cctt, 32, "cctt");
    Objects.requireNonNull(tsen, "tsen");
    if (tsen.size() != SENSORS) {
      throw new IllegalArgumentException("tsen: " + tsen.size() + " sensors (expected: 8)");
    }
    for (Integer t : tsen) {
      checkBits(Objects.requireNonNull(t, "tsen entry"), 16, "tsen entry");
    }
    tsen = List.copyOf(tsen);
    checkBits(tmt1tc, 32, "tmt1tc");
    checkBits(tmt2tc, 32, "tmt2tc");
    checkBits(ttftmt1, 32, "ttftmt1");
    checkBits(ttftmt2, 32, "ttftmt2");
  }

  /**
   * Decodes the 512-byte log.
   *
   * @throws MiProtocolException {@code LENGTH_MISMATCH} unless {@code data} is exactly 512 bytes
   */
  public static SmartLog decode(byte[] data) {
    if (data.length != LENGTH) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH,
          "SMART / Health log length: " + data.length + " bytes (expected: " + LENGTH + ")");
    }
    // An immutable list straight away, so that the constructor's List.copyOf keeps it as it is.
    List<Integer> tsen = List.of(u16(data, 200), u16(data, 202), u16(data, 204), u16(data, 206),
        u16(data, 208), u16(data, 210), u16(data, 212), u16(data, 214));
    return new SmartLog(u8(data, 0), u16(data, 1), u8(data, 3), u8(data, 4), u8(data, 5), u8(data, 6),
        u128(data, 32), u128(data, 48), u128(data, 64), u128(data, 80), u128(data, 96), u128(data, 112),
        u128(data, 128), u128(data, 144), u128(data, 160), u128(data, 176), u32(data, 192), u32(data, 196), tsen,
        u32(data, 216), u32(data, 220), u32(data, 224), u32(data, 228));
  }

  /** The 512-byte log; reserved bytes are zero. */
  public byte[] encode() {
    byte[] b = new byte[LENGTH];
    b[0] = (byte) critWarn;
    put16(b, 1, ctemp);
    b[3] = (byte) avsp;
    b[4] = (byte) avspt;
    b[5] = (byte) pused;
    b[6] = (byte) egcws;
    put128(b, 32, dur);
    put128(b, 48, duw);
    put128(b, 64, hrc);
    put128(b, 80, hwc);
    put128(b, 96, cbt);
    put128(b, 112, pwrc);
    put128(b, 128, poh);
    put128(b, 144, unsafeShutdowns);
    put128(b, 160, mdie);
    put128(b, 176, neile);
    put32(b, 192, wctt);
    put32(b, 196, cctt);
    for (int i = 0; i < SENSORS; i++) {
      put16(b, 200 + 2 * i, tsen.get(i));
    }
    put32(b, 216, tmt1tc);
    put32(b, 220, tmt2tc);
    put32(b, 224, ttftmt1);
    put32(b, 228, ttftmt2);
    return b;
  }

  /** The named Critical Warning bits that are set. */
  @Derived
  public Set<CriticalWarning> critWarnActive() {
    return CriticalWarning.fromBits(critWarn);
  }

  /** The Endurance Group Critical Warning Summary bits that are set (only ST, RD, RO are defined). */
  @Derived
  public Set<CriticalWarning> egcwsActive() {
    return CriticalWarning.fromBits(egcws & 0x0D);
  }

  /** Composite temperature in °C (Kelvin − 273). */
  @Derived
  public int ctempCelsius() {
    return ctemp - 273;
  }

  /** The implemented temperature sensors (1-based index) in °C; sensors reading 0 K are absent. */
  @Derived
  public Map<Integer, Integer> tsenCelsius() {
    Map<Integer, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < SENSORS; i++) {
      if (tsen.get(i) != 0) {
        m.put(i + 1, tsen.get(i) - 273);
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /** Data read in bytes (DUR × 512 000; the drive rounds units up). */
  @Derived
  public BigInteger dataReadBytes() {
    return dur.multiply(DATA_UNIT_BYTES);
  }

  /** Data written in bytes (DUW × 512 000). */
  @Derived
  public BigInteger dataWrittenBytes() {
    return duw.multiply(DATA_UNIT_BYTES);
  }

  /** Power-on time in seconds (POH × 3600). */
  @Derived
  public BigInteger powerOnSeconds() {
    return poh.multiply(BigInteger.valueOf(3600));
  }

  /** Remaining endurance as a fraction: 1 − PUSED / 100, floored at 0. */
  @Derived
  public double enduranceRemaining() {
    return Math.max(0.0, 1.0 - pused / 100.0);
  }
}
