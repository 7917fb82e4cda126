package dev.nvmemi.agent.telemetry;

import static dev.nvmemi.agent.telemetry.TelemetryContract.*;

import dev.nvmemi.agent.drive.OcpSnapshot;
import dev.nvmemi.agent.drive.WriteAmplification;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.EndpointState;
import dev.nvmemi.agent.time.Timers;
import dev.nvmemi.mi.admin.OcpSmartExtendedLog;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.BatchCallback;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The {@code nvme.ocp.*} metrics ({@code ocp-logs.md} §6, {@link TelemetryContract#OCP_METRICS}) of
 * every drive whose OCP C0h page the agent has read: observable instruments in one batch callback,
 * reading each session's exported snapshot, so a drive whose state exports no values reports none
 * (as {@link DriveMetrics}), and a drive without the OCP logs adds no series. At most
 * {@link TelemetryContract#OCP_SERIES_MAX} series per drive. 128-bit counters are clamped to
 * {@link Long#MAX_VALUE} (9.2 EB).
 *
 * <p>The batch callback runs on the metric reader's thread and reads only immutable snapshots.
 */
final class OcpMetrics implements AutoCloseable {
  private static final AttributeKey<String> A_AREA = AttributeKey.stringKey(NVME_OCP_NAND_AREA);
  private static final AttributeKey<String> A_ERROR_TYPE = AttributeKey.stringKey(ERROR_TYPE);
  private static final AttributeKey<String> A_WINDOW = AttributeKey.stringKey(WINDOW);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final Timers timers;
  private final DriveSnapshot.Freshness freshness;
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

  OcpMetrics(Meter meter, Timers timers, DriveSnapshot.Freshness freshness,
      Supplier<Collection<EndpointSession>> sessions, DriveAttributes attributes) {
    this.timers = Objects.requireNonNull(timers, "timers");
    this.freshness = Objects.requireNonNull(freshness, "freshness");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.attributes = Objects.requireNonNull(attributes, "attributes");
    mediaWritten = counter(meter, OCP_MEDIA_WRITTEN);
    mediaRead = counter(meter, OCP_MEDIA_READ);
    badBlocks = upDown(meter, OCP_BAD_BLOCKS);
    spare = gauge(meter, OCP_SPARE_REMAINING);
    xor = counter(meter, OCP_XOR_RECOVERIES);
    errors = counter(meter, OCP_ERRORS);
    throttlingLevel = meter.gaugeBuilder(OCP_THROTTLING_LEVEL.name()).setUnit(OCP_THROTTLING_LEVEL.unit())
        .setDescription(OCP_THROTTLING_LEVEL.description()).ofLongs().buildObserver();
    throttlingEvents = counter(meter, OCP_THROTTLING_EVENTS);
    incompleteShutdowns = counter(meter, OCP_INCOMPLETE_SHUTDOWNS);
    freeBlocks = gauge(meter, OCP_FREE_BLOCKS);
    capacitor = gauge(meter, OCP_CAPACITOR_HEALTH);
    plpStarts = counter(meter, OCP_PLP_STARTS);
    endurance = upDown(meter, OCP_ENDURANCE_ESTIMATE);
    waf = gauge(meter, OCP_WRITE_AMPLIFICATION);
    callback = meter.batchCallback(this::collect, mediaWritten, mediaRead, badBlocks, spare, xor, errors,
        throttlingLevel, throttlingEvents, incompleteShutdowns, freeBlocks, capacitor, plpStarts, endurance, waf);
  }

  private static ObservableDoubleMeasurement gauge(Meter m, Metric def) {
    return m.gaugeBuilder(def.name()).setUnit(def.unit()).setDescription(def.description()).buildObserver();
  }

  private static ObservableLongMeasurement counter(Meter m, Metric def) {
    return m.counterBuilder(def.name()).setUnit(def.unit()).setDescription(def.description()).buildObserver();
  }

  private static ObservableLongMeasurement upDown(Meter m, Metric def) {
    return m.upDownCounterBuilder(def.name()).setUnit(def.unit()).setDescription(def.description()).buildObserver();
  }

  private static long clamp(BigInteger v) {
    return v.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE : v.longValue();
  }

  private static <T> Attributes with(Attributes base, AttributeKey<T> key, T value) {
    return base.toBuilder().put(key, value).build();
  }

  private void collect() {
    long now = timers.nanoTime();
    for (EndpointSession s : sessions.get()) {
      DriveSnapshot raw = s.snapshot();
      if (raw.identity() == null || raw.state() == EndpointState.REMOVED || raw.ocp() == null) {
        continue;
      }
      OcpSnapshot ocp = raw.exported(now, freshness).ocp();
      if (ocp != null && ocp.smartExtended() != null) {
        record(ocp, attributes.drive(raw));
      }
    }
  }

  /** One drive's OCP series from its latest C0h page and write amplification. */
  void record(OcpSnapshot ocp, Attributes drive) {
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
    endurance.record(clamp(l.enduranceEstimate()), drive);
    WriteAmplification w = ocp.writeAmplification();
    if (w != null) {
      if (w.lifetime() != null) {
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

  @Override
  public void close() {
    callback.close();
  }
}
