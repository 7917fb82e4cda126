package dev.nvmemi.agent.telemetry;

import static dev.nvmemi.agent.telemetry.Instruments.*;
import static dev.nvmemi.agent.telemetry.TelemetryContract.*;

import dev.nvmemi.agent.drive.OcpSnapshot;
import dev.nvmemi.agent.drive.WriteAmplification;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.EndpointState;
import dev.nvmemi.agent.time.Timers;
import dev.nvmemi.mi.admin.OcpLatencyMonitorLog;
import dev.nvmemi.mi.admin.OcpLatencyMonitorLog.LatencyBucket;
import dev.nvmemi.mi.admin.OcpSmartExtendedLog;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.BatchCallback;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The {@code nvme.ocp.*} metrics ({@code ocp-logs.md} §4, §6, {@link TelemetryContract#OCP_METRICS}) of
 * every drive whose OCP pages the agent has read: observable instruments in one batch callback,
 * reading each session's exported snapshot, so a drive whose state exports no values reports none
 * (as {@link DriveMetrics}), and a drive without the OCP logs adds no series. A page older than twice
 * {@code ocp.interval} plus the log timeout (its reads keep failing) is not exported either
 * ({@link DriveSnapshot.Freshness#ocpNanos()}); the C3h series need a page whose monitor is enabled. At most {@link TelemetryContract#OCP_SERIES_MAX} series
 * per drive, {@link TelemetryContract#OCP_DETAILED_SERIES_MAX} more with {@code ocp.detailed_metrics}.
 * 128-bit counters are clamped to {@link Long#MAX_VALUE} (9.2 EB).
 *
 * <p>The batch callback runs on the metric reader's thread and reads only immutable snapshots.
 */
final class OcpMetrics implements AutoCloseable {
  private static final AttributeKey<String> A_AREA = AttributeKey.stringKey(NVME_OCP_NAND_AREA);
  private static final AttributeKey<String> A_ERROR_TYPE = AttributeKey.stringKey(ERROR_TYPE);
  private static final AttributeKey<String> A_WINDOW = AttributeKey.stringKey(WINDOW);
  private static final AttributeKey<String> A_OPERATION = AttributeKey.stringKey(NVME_OCP_LATENCY_OPERATION);
  private static final AttributeKey<Long> A_THRESHOLD = AttributeKey.longKey(NVME_OCP_LATENCY_THRESHOLD);
  private static final AttributeKey<Long> A_BUCKET = AttributeKey.longKey(NVME_OCP_LATENCY_BUCKET);
  /** Operation {@code op} of the C3h page's k = 3 x bucket + op. */
  private static final List<String> OPERATIONS = List.of("read", "write", "deallocate");
  /** Feature status bit 2: the drive measures latency. */
  private static final int MEASURED_LATENCY = 0x04;

  private final Timers timers;
  private final DriveSnapshot.Freshness freshness;
  private final boolean detailed;
  private final Supplier<Collection<EndpointSession>> sessions;
  private final DriveAttributes attributes;
  private final BatchCallback callback;
  private final ObservableLongMeasurement mediaWritten;
  private final ObservableLongMeasurement mediaRead;
  private final ObservableLongMeasurement badBlocks;
  private final ObservableDoubleMeasurement spare;
  private final ObservableLongMeasurement xor;
  private final ObservableLongMeasurement errors;
  private final ObservableLongMeasurement throttlingLevel;
  private final ObservableLongMeasurement throttlingEvents;
  private final ObservableLongMeasurement incompleteShutdowns;
  private final ObservableDoubleMeasurement freeBlocks;
  private final ObservableDoubleMeasurement capacitor;
  private final ObservableLongMeasurement plpStarts;
  private final ObservableLongMeasurement endurance;
  private final ObservableDoubleMeasurement waf;
  private final ObservableLongMeasurement latencyOutliers;
  private final ObservableLongMeasurement latencyIos;
  private final ObservableDoubleMeasurement latencyMax;

  /**
   * @param freshness when the drive's values count as current (its state and staleness rules, the
   *     OCP pages' age included)
   * @param detailed also report the opt-in series ({@code ocp.detailed_metrics})
   */
  OcpMetrics(Meter meter, Timers timers, DriveSnapshot.Freshness freshness, boolean detailed,
      Supplier<Collection<EndpointSession>> sessions, DriveAttributes attributes) {
    this.timers = Objects.requireNonNull(timers, "timers");
    this.freshness = Objects.requireNonNull(freshness, "freshness");
    this.detailed = detailed;
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.attributes = Objects.requireNonNull(attributes, "attributes");
    mediaWritten = longCounter(meter, OCP_MEDIA_WRITTEN);
    mediaRead = longCounter(meter, OCP_MEDIA_READ);
    badBlocks = longUpDown(meter, OCP_BAD_BLOCKS);
    spare = doubleGauge(meter, OCP_SPARE_REMAINING);
    xor = longCounter(meter, OCP_XOR_RECOVERIES);
    errors = longCounter(meter, OCP_ERRORS);
    throttlingLevel = longGauge(meter, OCP_THROTTLING_LEVEL);
    throttlingEvents = longCounter(meter, OCP_THROTTLING_EVENTS);
    incompleteShutdowns = longCounter(meter, OCP_INCOMPLETE_SHUTDOWNS);
    freeBlocks = doubleGauge(meter, OCP_FREE_BLOCKS);
    capacitor = doubleGauge(meter, OCP_CAPACITOR_HEALTH);
    plpStarts = longCounter(meter, OCP_PLP_STARTS);
    endurance = longUpDown(meter, OCP_ENDURANCE_ESTIMATE);
    waf = doubleGauge(meter, OCP_WRITE_AMPLIFICATION);
    latencyOutliers = longCounter(meter, OCP_LATENCY_OUTLIERS);
    latencyIos = longCounter(meter, OCP_LATENCY_IOS);
    latencyMax = doubleGauge(meter, OCP_LATENCY_MAX);
    callback = meter.batchCallback(this::collect, mediaWritten, mediaRead, badBlocks, spare, xor, errors,
        throttlingLevel, throttlingEvents, incompleteShutdowns, freeBlocks, capacitor, plpStarts, endurance, waf,
        latencyOutliers, latencyIos, latencyMax);
  }

  private void collect() {
    long now = timers.nanoTime();
    for (EndpointSession s : sessions.get()) {
      DriveSnapshot raw = s.snapshot();
      if (raw.identity() == null || raw.state() == EndpointState.REMOVED || raw.ocp() == null) {
        continue;
      }
      OcpSnapshot ocp = raw.exported(now, freshness).ocp();
      if (ocp == null) {
        continue;
      }
      Attributes drive = attributes.drive(raw);
      if (ocp.smartExtended() != null) {
        record(ocp, drive);
      }
      OcpLatencyMonitorLog monitor = ocp.latencyMonitor();
      if (monitor != null && monitor.enabled()) {
        recordLatency(monitor, drive);
      }
    }
  }

  /** One drive's C0h series from its latest C0h page and write amplification. */
  private void record(OcpSnapshot ocp, Attributes drive) {
    OcpSmartExtendedLog l = ocp.smartExtended();
    mediaWritten.record(clamp(l.physicalMediaUnitsWritten()), drive);
    mediaRead.record(clamp(l.physicalMediaUnitsRead()), drive);
    Attributes user = with(drive, A_AREA, "user");
    badBlocks.record(l.badUserNandBlocksRaw(), user);
    spare.record(l.badUserNandBlocksNormalized() / 100.0, user);
    if (l.systemNandBlocksValid()) {
      Attributes system = with(drive, A_AREA, "system");
      badBlocks.record(l.badSystemNandBlocksRaw(), system);
      spare.record(l.badSystemNandBlocksNormalized() / 100.0, system);
    }
    if (l.dieInUseBadNandBlockRaw() != null) {
      Attributes die = with(drive, A_AREA, "die_in_use");
      badBlocks.record(l.dieInUseBadNandBlockRaw(), die);
      spare.record(l.dieInUseBadNandBlockNormalized() / 100.0, die);
    }
    xor.record(clamp(l.xorRecoveryCount()), drive);
    errors.record(clamp(l.uncorrectableReadErrorCount()), with(drive, A_ERROR_TYPE, "uncorrectable_read"));
    errors.record(clamp(l.softEccErrorCount()), with(drive, A_ERROR_TYPE, "soft_ecc"));
    errors.record(l.endToEndDetectedErrors(), with(drive, A_ERROR_TYPE, "e2e_detected"));
    errors.record(l.endToEndCorrectedErrors(), with(drive, A_ERROR_TYPE, "e2e_corrected"));
    errors.record(clamp(l.pcieCorrectableErrorCount()), with(drive, A_ERROR_TYPE, "pcie_correctable"));
    throttlingLevel.record(l.thermalThrottlingStatus(), drive);
    throttlingEvents.record(l.thermalThrottlingEventCount(), drive);
    incompleteShutdowns.record(l.incompleteShutdowns(), drive);
    freeBlocks.record(l.percentFreeBlocks() / 100.0, drive);
    if (l.plpPresent()) {
      capacitor.record(l.capacitorHealth() / 100.0, drive);
    }
    plpStarts.record(clamp(l.plpStartCount()), drive);
    if (detailed) {
      endurance.record(clamp(l.enduranceEstimate()), drive);
    }
    WriteAmplification w = ocp.writeAmplification();
    if (w != null) {
      if (detailed && w.lifetime() != null) {
        waf.record(w.lifetime(), with(drive, A_WINDOW, "lifetime"));
      }
      if (w.sinceFirst() != null) {
        waf.record(w.sinceFirst(), with(drive, A_WINDOW, "since_first_reading"));
      }
      if (w.window() != null) {
        waf.record(w.window(), with(drive, A_WINDOW, "poll"));
      }
    }
  }

  /** One drive's C3h series from its latest page of an enabled monitor (active window). */
  private void recordLatency(OcpLatencyMonitorLog monitor, Attributes drive) {
    List<Integer> edges = monitor.activeThresholdsMillis();
    List<LatencyBucket> buckets = monitor.active().buckets();
    for (int op = 0; op < OPERATIONS.size(); op++) {
      Attributes operation = with(drive, A_OPERATION, OPERATIONS.get(op));
      long outliers = 0;
      for (LatencyBucket b : buckets) {
        outliers += count(b, op);
      }
      latencyOutliers.record(outliers, with(operation, A_THRESHOLD, (long) edges.get(0)));
      if (!detailed) {
        continue;
      }
      for (int bucket = 0; bucket < buckets.size(); bucket++) {
        latencyIos.record(count(buckets.get(bucket), op), operation.toBuilder()
            .put(A_BUCKET, (long) bucket).put(A_THRESHOLD, (long) edges.get(bucket)).build());
      }
      Long largest = largestMillis(monitor, op);
      if (largest != null) {
        latencyMax.record(largest / 1000.0, operation);
      }
    }
  }

  /** Events of operation {@code op} counted in bucket {@code b}. */
  private static long count(LatencyBucket b, int op) {
    return op == 0 ? b.readCount() : op == 1 ? b.writeCount() : b.deallocateCount();
  }

  /**
   * The largest latency of operation {@code op} in the active window, in ms: the measured latency kept
   * in its highest non-empty bucket, when the drive measures latency and keeps that bucket's largest
   * event; else null.
   */
  static Long largestMillis(OcpLatencyMonitorLog monitor, int op) {
    if ((monitor.featureStatus() & MEASURED_LATENCY) == 0) {
      return null;
    }
    List<LatencyBucket> buckets = monitor.active().buckets();
    for (int bucket = buckets.size() - 1; bucket >= 0; bucket--) {
      LatencyBucket b = buckets.get(bucket);
      if (count(b, op) == 0) {
        continue;
      }
      boolean keepsLargest = (monitor.activeLatencyConfig() >> (3 * bucket + op) & 1) != 0;
      int ms = op == 0 ? b.readLatency() : op == 1 ? b.writeLatency() : b.deallocateLatency();
      return keepsLargest && ms > 0 ? (long) ms : null;
    }
    return null;
  }

  @Override
  public void close() {
    callback.close();
  }
}
