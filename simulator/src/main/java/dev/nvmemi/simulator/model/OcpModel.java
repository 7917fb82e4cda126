package dev.nvmemi.simulator.model;

import dev.nvmemi.mi.admin.LogPageGuid;
import dev.nvmemi.mi.admin.OcpLatencyMonitorLog;
import dev.nvmemi.mi.admin.OcpLatencyMonitorLog.LatencyBucket;
import dev.nvmemi.mi.admin.OcpLatencyMonitorLog.LatencyWindow;
import dev.nvmemi.mi.admin.OcpSmartExtendedLog;
import dev.nvmemi.mi.admin.UuidList;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The OCP datacenter side of a simulated drive ({@code ocp-logs.md}): the C0h extended SMART log and
 * the C3h latency monitor, derived from the drive's own state so that both logs tell one story with
 * the standard SMART log:
 *
 * <ul>
 *   <li>NAND bytes written = host bytes written (SMART DUW × 512 000) × the profile's write
 *       amplification, so NAND writes grow faster than host writes and both the lifetime and any
 *       windowed WAF equal the profile's value (up to rounding to whole bytes);</li>
 *   <li>throttling follows the composite temperature: level 1 at WCTEMP, 2 half way to CCTEMP, 3 at
 *       CCTEMP; each entry into throttling counts one event (saturating at 255);</li>
 *   <li>blocks retire as the available spare falls (wear-out): user spare normalized = available
 *       spare, 64 retired blocks per spare percent; erase counts follow percentage used;</li>
 *   <li>capacitor health ramps under a scenario (capacitor failure); power cycles count PLP starts,
 *       unsafe ones incomplete shutdowns.</li>
 * </ul>
 *
 * <p>Not thread-safe: owned by its {@link SimulatedDrive}, which the endpoint's lock serialises.
 */
final class OcpModel {

  private static final BigInteger DATA_UNIT = BigInteger.valueOf(512_000);
  private static final int BLOCKS_PER_SPARE_PERCENT = 64;
  private static final int RATED_ERASE_CYCLES = 3000;
  /** Representative measured latencies of the kept events per bucket, ms. */
  private static final int[] BUCKET_LATENCY_MS = {42, 120, 190, 260};
  /** The factory active-window length: 07E0h × 5 min = 7 days (active_bucket_timer_threshold). */
  private static final int WINDOW_THRESHOLD = 0x07E0;
  private static final long TIMER_UNIT_NANOS = 300_000_000_000L;
  private static final long WINDOW_NANOS = WINDOW_THRESHOLD * TIMER_UNIT_NANOS;
  private static final List<LatencyBucket> EMPTY_BUCKETS = emptyBuckets();

  private final long seed;
  private OcpProfile profile;
  private double capacitorFrom;
  private double capacitorTo;
  private long capacitorStart;
  private long capacitorEnd;
  private int throttleEvents;
  private int lastThrottle;
  private int maxTemperature;
  private long plpStarts;
  private long windowStartReads;
  private long windowStartWrites;
  private long windowStartNanos;
  /** Host commands of the active window issued while the drive throttled (they land a bucket higher). */
  private long hotReads;
  private long hotWrites;
  private long lastReads;
  private long lastWrites;
  /** The previous, completed window (empty until the first rollover). */
  private List<LatencyBucket> staticBuckets = EMPTY_BUCKETS;

  OcpModel(OcpProfile profile, long seed) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.seed = seed;
  }

  /** Back to factory state at {@code now} (a replacement drive), keeping the profile. */
  void reset(long now, int celsius, long hostReads, long hostWrites) {
    double c = profile.capacitorHealth();
    capacitorFrom = c;
    capacitorTo = c;
    capacitorStart = now;
    capacitorEnd = now;
    throttleEvents = 0;
    lastThrottle = 0;
    maxTemperature = Math.max(0, celsius);
    plpStarts = 0;
    restartLatencyWindow(now, hostReads, hostWrites);
  }

  private static List<LatencyBucket> emptyBuckets() {
    List<LatencyBucket> none = new ArrayList<>();
    for (int b = 0; b < OcpLatencyMonitorLog.BUCKETS; b++) {
      none.add(new LatencyBucket(0, 0, 0, -1, -1, -1, 0, 0, 0));
    }
    return List.copyOf(none);
  }

  /**
   * The latency monitor's active and static windows start over at {@code now} with zero buckets: a
   * firmware activation does this on a real drive (LMLOG-14), as does a Set Features C5h (never sent
   * by the agent).
   */
  void restartLatencyWindow(long now, long hostReads, long hostWrites) {
    startWindow(now, hostReads, hostWrites);
    staticBuckets = EMPTY_BUCKETS;
  }

  private void startWindow(long now, long hostReads, long hostWrites) {
    windowStartReads = hostReads;
    windowStartWrites = hostWrites;
    windowStartNanos = now;
    hotReads = 0;
    hotWrites = 0;
    lastReads = hostReads;
    lastWrites = hostWrites;
  }

  OcpProfile profile() {
    return profile;
  }

  /** New firmware: the logs are served or not from now on. */
  void setServed(boolean served) {
    profile = profile.withServed(served);
  }

  /** The drive serves the OCP logs. */
  boolean served() {
    return profile.served();
  }

  /** Capacitor health ramps linearly to {@code percent} over {@code overNanos}. */
  void capacitor(long now, int percent, long overNanos) {
    if (profile.capacitorHealth() == OcpProfile.NO_PLP) {
      return; // no capacitors to fail
    }
    capacitorFrom = capacitorAt(now);
    capacitorTo = percent;
    capacitorStart = now;
    capacitorEnd = now + Math.max(0, overNanos);
  }

  private double capacitorAt(long t) {
    if (t >= capacitorEnd) {
      return capacitorTo;
    }
    if (t <= capacitorStart) {
      return capacitorFrom;
    }
    return capacitorFrom + (capacitorTo - capacitorFrom) * ((t - capacitorStart) / (double) (capacitorEnd - capacitorStart));
  }

  /** Capacitor health in percent now, or {@link OcpProfile#NO_PLP}. */
  int capacitorHealth(long now) {
    if (profile.capacitorHealth() == OcpProfile.NO_PLP) {
      return OcpProfile.NO_PLP;
    }
    return (int) Math.max(0, Math.min(255, Math.round(capacitorAt(now))));
  }

  /** Called at every change check: counts entries into throttling, tracks the hottest reading. */
  void observe(int throttleLevel, int celsius, long hostReads, long hostWrites, long now, long stampMs) {
    if (lastThrottle > 0) {
      // the commands since the last observation ran while throttled
      hotReads += Math.max(0, hostReads - lastReads);
      hotWrites += Math.max(0, hostWrites - lastWrites);
    }
    lastReads = hostReads;
    lastWrites = hostWrites;
    if (profile.latencyMonitor() && now - windowStartNanos >= WINDOW_NANOS) {
      // the active window expired: it becomes the static one and a new one starts at the boundary
      // (at the first model step past it, so that step's commands still count in the old window)
      List<LatencyBucket> completed = activeBuckets(hostReads, hostWrites, stampMs);
      startWindow(windowStartNanos + (now - windowStartNanos) / WINDOW_NANOS * WINDOW_NANOS, hostReads, hostWrites);
      staticBuckets = completed;
    }
    if (throttleLevel > 0 && lastThrottle == 0 && throttleEvents < 255) {
      throttleEvents++;
    }
    lastThrottle = throttleLevel;
    maxTemperature = Math.max(maxTemperature, Math.min(255, celsius));
  }

  /** The drive lost power: the capacitors flushed (one PLP start) when it has PLP. */
  void onPowerCycle() {
    if (profile.capacitorHealth() != OcpProfile.NO_PLP) {
      plpStarts++;
    }
  }

  /** NAND bytes written: host bytes × write amplification, rounded down. */
  static BigInteger mediaBytes(long dataUnits, double amplification) {
    return new BigDecimal(BigInteger.valueOf(dataUnits).multiply(DATA_UNIT)).multiply(BigDecimal.valueOf(amplification))
        .setScale(0, RoundingMode.FLOOR).toBigInteger();
  }

  /** The 512-byte C0h page as the drive's firmware writes it (wrong GUID when the profile says so). */
  byte[] smartExtendedLog(SimulatedDrive d, long now) {
    int lpv = profile.logPageVersion();
    boolean g3 = lpv >= 3;
    boolean g4 = lpv >= 4;
    boolean g5 = lpv >= 5;
    boolean g6 = lpv >= 6;
    int spare = d.availableSpare();
    int pdlu = d.pdlu();
    long badUser = 12 + (long) (100 - spare) * BLOCKS_PER_SPARE_PERCENT;
    long avgErase = (long) pdlu * RATED_ERASE_CYCLES / 100;
    long hours = d.powerOnHours();
    String fw = d.identity().firmware().strip();
    String fwRev = fw.length() > 8 ? fw.substring(0, 8) : fw;
    int throttle = throttleLevel(d);
    long lowestFw = le64("1.0.0   ");
    OcpSmartExtendedLog log = new OcpSmartExtendedLog(
        mediaBytes(d.dataUnitsWritten(), profile.writeAmplification()),
        mediaBytes(d.dataUnitsRead(), 1.02),
        badUser, spare, 2 + pdlu / 20, Math.max(0, 100 - pdlu / 10),
        big(d.mediaErrors() * 3 + hours / 1000), big(d.mediaErrors()), big(d.hostReadCommands() / 200_000),
        0, 0, Math.min(255, pdlu / 2), d.dataUnitsRead() / 5000 & 0xFF_FFFF_FFFF_FFFFL,
        avgErase + avgErase / 7 + 10, avgErase - avgErase / 7, throttleEvents, throttle,
        g3 ? new OcpSmartExtendedLog.DssdVersion(2, dssdMinor(lpv), 0, 0) : null,
        big(hours / 100), d.unsafeShutdowns(), 20 + spare / 5, capacitorHealth(now),
        g3 ? (int) 'c' : null, g4 ? (int) 'b' : null, g5 ? 0 : null, g5 ? (int) 'a' : null, g6 ? 0 : null,
        big(d.hostWriteCommands() / 1000), big(3),
        big(d.identity().tnvmcap().longValue() / 512 * 6 / 10), big(plpStarts),
        d.identity().tnvmcap().multiply(BigInteger.valueOf(1825)),
        g3 ? big(d.powerCycles()) : null, g3 ? big(hours * 3) : null,
        g4 ? lowestFw : null,
        g5 ? 256 : null, g5 ? 4 : null, g5 ? (spare < 20 ? 1 : 0) : null, g5 ? maxTemperature : null,
        g6 ? 0 : null, g5 ? big(avgErase) : null, g5 ? 0L : null,
        g5 ? 0L : null, g5 ? 100 : null, g5 ? 0L : null, g5 ? 100 : null, g5 ? 0L : null, g5 ? 100 : null,
        g5 ? 25 : null, g5 ? (throttle > 0 ? 14 - 3 * throttle : 14) : null, g5 ? hours * 12 / 1000 : null,
        g5 ? fwRev : null, g5 ? buildUuid(fw) : null, g5 ? "sim " + fwRev : null,
        g6 ? badUser / 2 : null, g6 ? spare : null,
        lpv, lpv > OcpSmartExtendedLog.LATEST_KNOWN_VERSION ? new byte[OcpSmartExtendedLog.LENGTH] : null);
    byte[] page = log.encode();
    if (profile.wrongGuid()) {
      // The GUID written most-significant byte first: the same 16 bytes in the wrong order.
      byte[] stored = new byte[16];
      LogPageGuid.OCP_SMART_EXTENDED.write(stored, 0);
      for (int i = 0; i < 16; i++) {
        page[OcpSmartExtendedLog.GUID_OFFSET + i] = stored[15 - i];
      }
    }
    return page;
  }

  /**
   * The first 512 bytes of the C3h latency monitor page at {@code now}, or null when the drive (firmware)
   * does not serve C3h.
   */
  byte[] latencyMonitorLog(SimulatedDrive d, long now) {
    if (!profile.latencyMonitorServed()) {
      return null;
    }
    if (!profile.latencyMonitor()) {
      LatencyWindow empty = new LatencyWindow(EMPTY_BUCKETS, 0);
      return new OcpLatencyMonitorLog(0, 0, 0, List.of(5, 19, 30, 46), 0x0FFF, 10, empty, empty,
          BigInteger.ZERO, 0, 0, 0, 0xCA, 0, 0, 5).encode();
    }
    List<LatencyBucket> buckets = activeBuckets(d.hostReadCommands(), d.hostWriteCommands(),
        d.powerOnHours() * 3_600_000L);
    int timer = (int) Math.min(0xFFFF, (now - windowStartNanos) / TIMER_UNIT_NANOS);
    return new OcpLatencyMonitorLog(0x07, timer, WINDOW_THRESHOLD, List.of(5, 19, 30, 46), 0x0FFF, 10,
        new LatencyWindow(buckets, 0), new LatencyWindow(staticBuckets, 0), BigInteger.ZERO, 0, 0, 0, 0xCA, 0, 0, 5)
        .encode();
  }

  /** The active window's buckets at the given host command counts. */
  private List<LatencyBucket> activeBuckets(long hostReads, long hostWrites, long stampMs) {
    long hotR = Math.min(hotReads, hostReads - windowStartReads);
    long hotW = Math.min(hotWrites, hostWrites - windowStartWrites);
    long coolR = hostReads - windowStartReads - hotR;
    long coolW = hostWrites - windowStartWrites - hotW;
    List<LatencyBucket> buckets = new ArrayList<>();
    long[] divisors = {100_000, 1_000_000, 10_000_000, 100_000_000};
    for (int b = 0; b < OcpLatencyMonitorLog.BUCKETS; b++) {
      // Commands run while throttled land ten times as often in each bucket; each part only grows
      // within the window, so every counter does.
      long div = divisors[b];
      long hot = div / 10;
      long r = Math.min(0xFFFF_FFFFL, coolR / div + hotR / hot);
      long w = Math.min(0xFFFF_FFFFL, coolW / div + hotW / hot);
      long t = Math.min(0xFFFF_FFFFL, coolW / (div * 4) + hotW / (hot * 4));
      buckets.add(new LatencyBucket(r, w, t, r > 0 ? stampMs : -1, w > 0 ? stampMs : -1, t > 0 ? stampMs : -1,
          r > 0 ? BUCKET_LATENCY_MS[b] : 0, w > 0 ? BUCKET_LATENCY_MS[b] : 0, t > 0 ? BUCKET_LATENCY_MS[b] : 0));
    }
    return buckets;
  }

  /** The 4096-byte UUID list, or null when the drive has none (CTRATT bit 9 clear). */
  byte[] uuidList() {
    if (!profile.served() || profile.uuidIndex() == 0) {
      return null;
    }
    List<UuidList.Entry> entries = new ArrayList<>();
    for (int i = 1; i < profile.uuidIndex(); i++) {
      entries.add(new UuidList.Entry(1, new UUID(mix(seed + i) | 1, mix(seed - i) | 1)));
    }
    entries.add(new UuidList.Entry(0, UuidList.OCP));
    return new UuidList(entries).encode();
  }

  /** True when a Get Log Page with UUID index {@code uidx} reaches the OCP page (0 always does, UUID-5). */
  boolean reachable(int uidx) {
    return uidx == 0 || uidx == profile.uuidIndex();
  }

  /** Throttling level from the composite temperature: 0 none, 1 at WCTEMP, 2 half way, 3 at CCTEMP. */
  static int throttleLevel(SimulatedDrive d) {
    int k = d.compositeKelvin();
    int w = d.identity().wctempKelvin();
    int c = d.identity().cctempKelvin();
    if (k >= c) {
      return 3;
    }
    if (k >= (w + c + 1) / 2 && c > w) {
      return 2;
    }
    return k >= w ? 1 : 0;
  }

  private static int dssdMinor(int lpv) {
    switch (lpv) {
      case 3: return 0;
      case 4: return 5;
      case 5: return 6;
      default: return 7;
    }
  }

  private UUID buildUuid(String firmware) {
    long h = mix(seed ^ firmware.hashCode());
    return new UUID(h & ~0xF000L | 0x4000L, mix(h) & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L);
  }

  private static long le64(String ascii8) {
    byte[] b = ascii8.getBytes(StandardCharsets.US_ASCII);
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = v << 8 | (b[i] & 0xFF);
    }
    return v;
  }

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
