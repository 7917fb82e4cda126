package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.LogPageGuidMismatchException;
import dev.nvmemi.mi.MiProtocolException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The OCP Datacenter NVMe SSD Latency Monitor log, LID C3h, 512 bytes, controller scope
 * ({@code ocp-logs.md} §4). The layout is the specification's, nvme-cli's and pydiskcmd's (illumos
 * reverses the counter and stamp order, §8 item 5: not followed). DSSD 2.7 declares reserved bytes up
 * to 4095; only the first 512 are read. The page is shaped by Set Features C5h, which this project
 * never sends (it would zero another owner's buckets); the thresholds are re-read from each page.
 *
 * <p>Buckets: 0 = [A, B), 1 = [B, C), 2 = [C, D), 3 = ≥ D; latencies below A are not counted.
 * Operation {@code op}: 0 read, 1 write, 2 deallocate; {@code k = 3·bucket + op} numbers the
 * 12 bits of the masks ({@link #activeLatencyConfig}, stamp units, debug trigger).
 *
 * <p>Immutable; thread-safe.
 *
 * @param featureStatus 0x000: bit 0 enabled (0: the page means nothing), bit 1 latency mode 1
 *     supported, bit 2 measured latency supported, bit 3 debug log in telemetry format (2.7)
 * @param activeBucketTimer 0x002: age of the active window in 5-minute units (saturates at FFFFh)
 * @param activeBucketTimerThreshold 0x004: window length in 5-minute units, 0 = never rolls
 * @param activeThresholds 0x006..0x009: thresholds A..D, each (v + 1) × 5 ms
 * @param activeLatencyConfig 0x00A: bit k, 0 = keep the first event of the window, 1 = the largest
 * @param activeLatencyMinWindow 0x00C: minimum gap between recorded events, 100 ms units, 0 = off
 * @param active the active window: counters at 0x020, stamps at 0x060, latencies at 0x0C0, units 0x0D8
 * @param staticWindow the previous, completed window: 0x0F0, 0x130, 0x190, 0x1A8
 * @param debugLogSize 0x1B4, LE96: size of the latency debug log (LID CAh) in dwords; null below LPV 4
 * @param debugLogTriggerEnable 0x1C0: bit k arms a one-shot debug capture
 * @param debugLogMeasuredLatency 0x1C2: ms, 0 = invalid, FFFFh = saturated
 * @param debugLogLatencyStamp 0x1C4: timestamp of the debug capture (raw LE64)
 * @param debugLogPtr 0x1CC: LID of the debug log
 * @param debugLogCounterTrigger 0x1CE: one-hot bit k that fired, 0 = no valid debug log
 * @param debugLogStampUnits 0x1D0: bit 0, 1 = host timestamp, 0 = power-on hours
 * @param logPageVersion 0x1EE: 2.0 → 1, 2.5 → 4, 2.7 → 5
 */
public record OcpLatencyMonitorLog(int featureStatus, int activeBucketTimer, int activeBucketTimerThreshold,
    List<Integer> activeThresholds, int activeLatencyConfig, int activeLatencyMinWindow, LatencyWindow active,
    LatencyWindow staticWindow, BigInteger debugLogSize, int debugLogTriggerEnable, int debugLogMeasuredLatency,
    long debugLogLatencyStamp, int debugLogPtr, int debugLogCounterTrigger, int debugLogStampUnits,
    int logPageVersion) implements AdminPayload {

  /** Size of the page read (2.7's reserved tail up to 4095 is not read). */
  public static final int LENGTH = 512;
  /** Offset of the log page version (LE16). */
  public static final int LPV_OFFSET = 0x1EE;
  /** Offset of the GUID (16 bytes). */
  public static final int GUID_OFFSET = 0x1F0;
  /** Number of latency buckets. */
  public static final int BUCKETS = 4;
  /** Raw stamp value meaning "no event recorded". */
  public static final long NO_STAMP = -1L;

  static final String PAGE = "OCP Latency Monitor log (C3h)";
  private static final BigInteger TWO_POW_96 = BigInteger.ONE.shiftLeft(96);

  /**
   * One latency bucket of a window, by operation.
   *
   * @param readCount reads that took this long (LE32 at +12 of the bucket's 16-byte group)
   * @param writeCount writes (+8)
   * @param deallocateCount deallocates / TRIM (+4)
   * @param readStamp stamp of the kept read event, raw LE64 ({@link #NO_STAMP} = none)
   * @param writeStamp stamp of the kept write event
   * @param deallocateStamp stamp of the kept deallocate event
   * @param readLatency measured latency of the kept read event, ms (0 = none)
   * @param writeLatency of the kept write event, ms
   * @param deallocateLatency of the kept deallocate event, ms
   */
  public record LatencyBucket(long readCount, long writeCount, long deallocateCount, long readStamp,
      long writeStamp, long deallocateStamp, int readLatency, int writeLatency, int deallocateLatency) {
    public LatencyBucket {
      checkBits(readCount, 32, "readCount");
      checkBits(writeCount, 32, "writeCount");
      checkBits(deallocateCount, 32, "deallocateCount");
      checkBits(readLatency, 16, "readLatency");
      checkBits(writeLatency, 16, "writeLatency");
      checkBits(deallocateLatency, 16, "deallocateLatency");
    }
  }

  /**
   * A window (active or static) of four buckets.
   *
   * @param buckets buckets 0..3
   * @param stampUnits bit k: 1 = the stamp is from the host-set Timestamp feature, 0 = from power-on hours
   */
  public record LatencyWindow(List<LatencyBucket> buckets, int stampUnits) {
    public LatencyWindow {
      Objects.requireNonNull(buckets, "buckets");
      if (buckets.size() != BUCKETS) {
        throw new IllegalArgumentException("buckets: " + buckets.size() + " (expected: 4)");
      }
      buckets = List.copyOf(buckets);
      checkBits(stampUnits, 16, "stampUnits");
    }

    static LatencyWindow decode(byte[] b, int counters, int stamps, int latencies, int units) {
      List<LatencyBucket> list = new ArrayList<>(BUCKETS);
      for (int bucket = 0; bucket < BUCKETS; bucket++) {
        int g = counters + 16 * bucket;
        list.add(new LatencyBucket(LittleEndian.u32(b, g + 12), LittleEndian.u32(b, g + 8), LittleEndian.u32(b, g + 4),
            LittleEndian.u64(b, stampOffset(stamps, bucket, 0)), LittleEndian.u64(b, stampOffset(stamps, bucket, 1)),
            LittleEndian.u64(b, stampOffset(stamps, bucket, 2)),
            LittleEndian.u16(b, latencyOffset(latencies, bucket, 0)),
            LittleEndian.u16(b, latencyOffset(latencies, bucket, 1)),
            LittleEndian.u16(b, latencyOffset(latencies, bucket, 2))));
      }
      return new LatencyWindow(list, LittleEndian.u16(b, units));
    }

    void encode(byte[] b, int counters, int stamps, int latencies, int units) {
      for (int bucket = 0; bucket < BUCKETS; bucket++) {
        LatencyBucket x = buckets.get(bucket);
        int g = counters + 16 * bucket;
        LittleEndian.put32(b, g + 4, x.deallocateCount());
        LittleEndian.put32(b, g + 8, x.writeCount());
        LittleEndian.put32(b, g + 12, x.readCount());
        LittleEndian.put64(b, stampOffset(stamps, bucket, 0), x.readStamp());
        LittleEndian.put64(b, stampOffset(stamps, bucket, 1), x.writeStamp());
        LittleEndian.put64(b, stampOffset(stamps, bucket, 2), x.deallocateStamp());
        LittleEndian.put16(b, latencyOffset(latencies, bucket, 0), x.readLatency());
        LittleEndian.put16(b, latencyOffset(latencies, bucket, 1), x.writeLatency());
        LittleEndian.put16(b, latencyOffset(latencies, bucket, 2), x.deallocateLatency());
      }
      LittleEndian.put16(b, units, stampUnits);
    }

    /** Counted events of this window, all buckets and operations. */
    @Derived
    public long totalCount() {
      long n = 0;
      for (LatencyBucket x : buckets) {
        n += x.readCount() + x.writeCount() + x.deallocateCount();
      }
      return n;
    }
  }

  public OcpLatencyMonitorLog {
    checkBits(featureStatus, 8, "featureStatus");
    checkBits(activeBucketTimer, 16, "activeBucketTimer");
    checkBits(activeBucketTimerThreshold, 16, "activeBucketTimerThreshold");
    Objects.requireNonNull(activeThresholds, "activeThresholds");
    if (activeThresholds.size() != 4) {
      throw new IllegalArgumentException("activeThresholds: " + activeThresholds.size() + " (expected: 4, A..D)");
    }
    for (Integer t : activeThresholds) {
      checkBits(Objects.requireNonNull(t, "threshold"), 8, "threshold");
    }
    activeThresholds = List.copyOf(activeThresholds);
    checkBits(activeLatencyConfig, 16, "activeLatencyConfig");
    checkBits(activeLatencyMinWindow, 8, "activeLatencyMinWindow");
    Objects.requireNonNull(active, "active");
    Objects.requireNonNull(staticWindow, "staticWindow");
    if (logPageVersion >= 4) {
      Objects.requireNonNull(debugLogSize, "debugLogSize (expected: present from LPV 4)");
      if (debugLogSize.signum() < 0 || debugLogSize.compareTo(TWO_POW_96) >= 0) {
        throw new IllegalArgumentException("debugLogSize: " + debugLogSize + " (expected: 0 ~ 2^96-1)");
      }
    } else if (debugLogSize != null) {
      throw new IllegalArgumentException("debugLogSize: present at LPV " + logPageVersion + " (expected: from LPV 4)");
    }
    checkBits(debugLogTriggerEnable, 16, "debugLogTriggerEnable");
    checkBits(debugLogMeasuredLatency, 16, "debugLogMeasuredLatency");
    checkBits(debugLogPtr, 16, "debugLogPtr");
    checkBits(debugLogCounterTrigger, 16, "debugLogCounterTrigger");
    checkBits(debugLogStampUnits, 8, "debugLogStampUnits");
    checkBits(logPageVersion, 16, "logPageVersion");
  }

  /**
   * Decodes the 512-byte page: length, then the GUID, then the fields.
   *
   * @throws MiProtocolException {@code LENGTH_MISMATCH} unless {@code data} is exactly 512 bytes;
   *     {@link LogPageGuidMismatchException} when bytes 0x1F0..0x1FF are not the C3h GUID
   */
  public static OcpLatencyMonitorLog decode(byte[] data) {
    OcpSmartExtendedLog.checkPage(data, LENGTH, GUID_OFFSET, LogPageGuid.OCP_LATENCY_MONITOR, PAGE);
    int lpv = LittleEndian.u16(data, LPV_OFFSET);
    BigInteger debugSize = null;
    if (lpv >= 4) {
      byte[] be = new byte[12];
      for (int i = 0; i < 12; i++) {
        be[i] = data[0x1B4 + 11 - i];
      }
      debugSize = new BigInteger(1, be);
    }
    return new OcpLatencyMonitorLog(LittleEndian.u8(data, 0), LittleEndian.u16(data, 2), LittleEndian.u16(data, 4),
        List.of(LittleEndian.u8(data, 6), LittleEndian.u8(data, 7), LittleEndian.u8(data, 8), LittleEndian.u8(data, 9)),
        LittleEndian.u16(data, 0x0A), LittleEndian.u8(data, 0x0C),
        LatencyWindow.decode(data, 0x020, 0x060, 0x0C0, 0x0D8),
        LatencyWindow.decode(data, 0x0F0, 0x130, 0x190, 0x1A8),
        debugSize, LittleEndian.u16(data, 0x1C0), LittleEndian.u16(data, 0x1C2), LittleEndian.u64(data, 0x1C4),
        LittleEndian.u16(data, 0x1CC), LittleEndian.u16(data, 0x1CE), LittleEndian.u8(data, 0x1D0), lpv);
  }

  /** The 512-byte page; reserved bytes zero. */
  public byte[] encode() {
    byte[] b = new byte[LENGTH];
    b[0] = (byte) featureStatus;
    LittleEndian.put16(b, 2, activeBucketTimer);
    LittleEndian.put16(b, 4, activeBucketTimerThreshold);
    for (int i = 0; i < 4; i++) {
      b[6 + i] = (byte) (int) activeThresholds.get(i);
    }
    LittleEndian.put16(b, 0x0A, activeLatencyConfig);
    b[0x0C] = (byte) activeLatencyMinWindow;
    active.encode(b, 0x020, 0x060, 0x0C0, 0x0D8);
    staticWindow.encode(b, 0x0F0, 0x130, 0x190, 0x1A8);
    if (debugLogSize != null) {
      byte[] be = debugLogSize.toByteArray();
      for (int i = 0; i < 12; i++) {
        int src = be.length - 1 - i;
        b[0x1B4 + i] = src >= 0 ? be[src] : 0;
      }
    }
    LittleEndian.put16(b, 0x1C0, debugLogTriggerEnable);
    LittleEndian.put16(b, 0x1C2, debugLogMeasuredLatency);
    LittleEndian.put64(b, 0x1C4, debugLogLatencyStamp);
    LittleEndian.put16(b, 0x1CC, debugLogPtr);
    LittleEndian.put16(b, 0x1CE, debugLogCounterTrigger);
    b[0x1D0] = (byte) debugLogStampUnits;
    LittleEndian.put16(b, LPV_OFFSET, logPageVersion);
    LogPageGuid.OCP_LATENCY_MONITOR.write(b, GUID_OFFSET);
    return b;
  }

  /** Feature status bit 0: the monitor runs; when false the page means nothing. */
  @Derived
  public boolean enabled() {
    return (featureStatus & 1) != 0;
  }

  /** The bucket edges A..D in milliseconds: (v + 1) × 5. */
  @Derived
  public List<Integer> activeThresholdsMillis() {
    return activeThresholds.stream().map(v -> (v + 1) * 5).toList();
  }

  /** Offset of the stamp of (bucket, op): stored in reverse, slot j holds k = 11 − j. */
  static int stampOffset(int base, int bucket, int op) {
    return base + 8 * (11 - (3 * bucket + op));
  }

  /** Offset of the measured latency of (bucket, op), same reverse order. */
  static int latencyOffset(int base, int bucket, int op) {
    return base + 2 * (11 - (3 * bucket + op));
  }
}
