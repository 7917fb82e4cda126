package dev.nvmemi.agent.telemetry;

import static dev.nvmemi.agent.telemetry.Instruments.*;
import static dev.nvmemi.agent.telemetry.TelemetryContract.*;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.drive.ControllerIdentity;
import dev.nvmemi.agent.drive.DriveIdentity;
import dev.nvmemi.agent.drive.HealthDerivation;
import dev.nvmemi.agent.drive.SmartSnapshot;
import dev.nvmemi.agent.poll.BusScheduler;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.EndpointState;
import dev.nvmemi.agent.time.Timers;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.BatchCallback;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The metrics of design §6 as observable instruments, read in one batch callback per collection
 * from each session's latest {@link DriveSnapshot} through {@link DriveSnapshot#exported}: a drive
 * whose state exports no values (backoff, lost, degraded connectivity) reports {@code hw.status} 0 for every
 * state, {@code nvme_mi.endpoint.reachable} 0 and its staleness, never a stale value; a removed one
 * nothing. Per-bus staleness covers reachable drives only.
 *
 * <p>The batch callback runs on the metric reader's thread and reads only immutable snapshots and
 * volatile fields.
 */
final class DriveMetrics implements AutoCloseable {
  private static final AttributeKey<String> A_HW_STATE = AttributeKey.stringKey(HW_STATE);
  private static final AttributeKey<String> A_SENSOR = AttributeKey.stringKey(HW_SENSOR_LOCATION);
  private static final AttributeKey<String> A_LIMIT = AttributeKey.stringKey(HW_LIMIT_TYPE);
  private static final AttributeKey<String> A_DISK_STATE = AttributeKey.stringKey(HW_PHYSICAL_DISK_STATE);
  private static final AttributeKey<String> A_ERROR_TYPE = AttributeKey.stringKey(ERROR_TYPE);
  private static final AttributeKey<String> A_CW = AttributeKey.stringKey(NVME_CRITICAL_WARNING);
  private static final AttributeKey<Long> A_CONTROLLER = AttributeKey.longKey(NVME_CONTROLLER_ID);
  private static final AttributeKey<String> A_STATE = AttributeKey.stringKey(STATE);
  private static final BigInteger BYTES_PER_DATA_UNIT = BigInteger.valueOf(512_000);

  private final Timers timers;
  private final DriveSnapshot.Freshness freshness;
  private final Supplier<Collection<EndpointSession>> sessions;
  private final Supplier<Map<String, BusScheduler.Lane>> lanes;
  private final DriveAttributes attributes;
  private final BatchCallback callback;
  private final ObservableLongMeasurement hwStatus;
  private final ObservableDoubleMeasurement temperature;
  private final ObservableDoubleMeasurement limit;
  private final ObservableDoubleMeasurement endurance;
  private final ObservableLongMeasurement size;
  private final ObservableLongMeasurement errors;
  private final ObservableDoubleMeasurement spare;
  private final ObservableDoubleMeasurement spareThreshold;
  private final ObservableLongMeasurement criticalWarning;
  private final ObservableLongMeasurement dataRead;
  private final ObservableLongMeasurement dataWritten;
  private final ObservableLongMeasurement powerOn;
  private final ObservableLongMeasurement powerCycles;
  private final ObservableLongMeasurement unsafeShutdowns;
  private final ObservableLongMeasurement controllerStatus;
  private final ObservableLongMeasurement controllerReady;
  private final ObservableLongMeasurement endpointState;
  private final ObservableLongMeasurement reachable;
  private final ObservableDoubleMeasurement driveStaleness;
  private final ObservableDoubleMeasurement utilization;
  private final ObservableDoubleMeasurement staleness;

  DriveMetrics(Meter meter, Timers timers, DriveSnapshot.Freshness freshness,
      Supplier<Collection<EndpointSession>> sessions, Supplier<Map<String, BusScheduler.Lane>> lanes,
      DriveAttributes attributes) {
    this.timers = Objects.requireNonNull(timers, "timers");
    this.freshness = Objects.requireNonNull(freshness, "freshness");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.lanes = Objects.requireNonNull(lanes, "lanes");
    this.attributes = Objects.requireNonNull(attributes, "attributes");
    hwStatus = longUpDown(meter, HW_STATUS);
    temperature = doubleGauge(meter, HW_TEMPERATURE);
    limit = doubleGauge(meter, HW_TEMPERATURE_LIMIT);
    endurance = doubleGauge(meter, HW_ENDURANCE);
    size = longUpDown(meter, HW_DISK_SIZE);
    errors = longCounter(meter, HW_ERRORS);
    spare = doubleGauge(meter, NVME_SPARE_AVAILABLE);
    spareThreshold = doubleGauge(meter, NVME_SPARE_THRESHOLD);
    criticalWarning = longGauge(meter, NVME_CRITICAL_WARNING_METRIC);
    dataRead = longCounter(meter, NVME_DATA_READ);
    dataWritten = longCounter(meter, NVME_DATA_WRITTEN);
    powerOn = longCounter(meter, NVME_POWER_ON_TIME);
    powerCycles = longCounter(meter, NVME_POWER_CYCLES);
    unsafeShutdowns = longCounter(meter, NVME_UNSAFE_SHUTDOWNS);
    controllerStatus = longUpDown(meter, NVME_CONTROLLER_STATUS);
    controllerReady = longGauge(meter, NVME_CONTROLLER_READY);
    endpointState = longUpDown(meter, MI_ENDPOINT_STATE);
    reachable = longGauge(meter, MI_ENDPOINT_REACHABLE);
    driveStaleness = doubleGauge(meter, MI_DRIVE_STALENESS);
    utilization = doubleGauge(meter, MI_BUS_UTILIZATION);
    staleness = doubleGauge(meter, MI_POLL_STALENESS);
    callback = meter.batchCallback(this::collect, hwStatus, temperature, limit, endurance, size, errors, spare,
        spareThreshold, criticalWarning, dataRead, dataWritten, powerOn, powerCycles, unsafeShutdowns,
        controllerStatus, controllerReady, endpointState, reachable, driveStaleness, utilization, staleness);
  }

  /**
   * How old a value may be and still count as current: twice its poll interval plus its response
   * timeout (a missed poll is tolerated; a read that keeps failing ages its value out).
   */
  static DriveSnapshot.Freshness freshness(AgentConfig.Poll poll, AgentConfig.Ocp ocp) {
    long health = poll.healthTimeout().toNanos();
    return new DriveSnapshot.Freshness(2 * poll.subsystemHealthInterval().toNanos() + health,
        2 * poll.controllerHealthInterval().toNanos() + health,
        2 * poll.smartInterval().toNanos() + poll.logTimeout().toNanos(),
        2 * ocp.interval().toNanos() + poll.logTimeout().toNanos());
  }

  private void collect() {
    long now = timers.nanoTime();
    Map<String, Long> perState = new HashMap<>();
    Map<String, Long> oldestHealth = new HashMap<>();
    for (EndpointSession s : sessions.get()) {
      DriveSnapshot snap = s.snapshot();
      perState.merge(snap.state().attribute(), 1L, Long::sum);
      if (snap.state().reachable() && snap.lastHealthNanos() != 0) {
        oldestHealth.merge(snap.key().bus().name(), snap.lastHealthNanos(), Math::min);
      }
      if (snap.identity() == null || snap.state() == EndpointState.REMOVED) {
        continue;
      }
      Attributes drive = attributes.drive(snap);
      reachable.record(snap.state().reachable() ? 1 : 0, drive);
      if (snap.lastHealthNanos() != 0) {
        driveStaleness.record((now - snap.lastHealthNanos()) / 1e9, drive);
      }
      recordDrive(snap.exported(now, freshness), drive);
    }
    for (String st : ENDPOINT_STATES) {
      endpointState.record(perState.getOrDefault(st, 0L), Attributes.of(A_STATE, st));
    }
    for (BusScheduler.Lane lane : lanes.get().values()) {
      Attributes busAttr = Attributes.of(DriveAttributes.BUS_KEY, lane.bus());
      utilization.record(lane.utilization(), busAttr);
      Long oldest = oldestHealth.get(lane.bus());
      if (oldest != null) {
        staleness.record((now - oldest) / 1e9, busAttr);
      }
    }
  }

  /** One identified drive's series from its exported (current) values. */
  private void recordDrive(DriveSnapshot snap, Attributes drive) {
    DriveIdentity id = snap.identity();
    ControllerIdentity primary = id.primary();
    size.record(clamp(primary.tnvmcap()), drive);
    if (primary.wctempKelvin() > 0) {
      limit.record(primary.wctempKelvin() - 273.0, with(drive, A_LIMIT, "high.degraded"));
    }
    if (primary.cctempKelvin() > 0) {
      limit.record(primary.cctempKelvin() - 273.0, with(drive, A_LIMIT, "high.critical"));
    }
    for (String st : HW_STATES) {
      hwStatus.record(st.equals(snap.hwState()) ? 1 : 0, with(drive, A_HW_STATE, st));
    }
    if (snap.hwState() != null) {
      int bits = HealthDerivation.criticalWarnings(snap.subsystemHealth(), snap.controllers(), snap.smart());
      for (int i = 0; i < HealthDerivation.CRITICAL_WARNING_BITS.size(); i++) {
        criticalWarning.record((bits >> i) & 1, with(drive, A_CW, HealthDerivation.CRITICAL_WARNING_BITS.get(i)));
      }
    }
    Double composite = HealthDerivation.compositeCelsius(snap.subsystemHealth(), snap.smart());
    if (composite != null) {
      temperature.record(composite, drive);
    }
    for (ControllerHealthStatus c : snap.controllers()) {
      String state = snap.controllerStates().getOrDefault(c.ctlid(), HealthDerivation.OK);
      Attributes ca = drive.toBuilder().put(A_CONTROLLER, (long) c.ctlid()).build();
      for (String st : HW_STATES) {
        controllerStatus.record(st.equals(state) ? 1 : 0, with(ca, A_HW_STATE, st));
      }
      controllerReady.record(c.csts() & 0x01, ca); // CSTS.RDY as the controller reports it
    }
    SmartSnapshot smart = snap.smart();
    int used = -1;
    if (smart != null) {
      used = smart.percentageUsed();
      List<Integer> sensors = smart.sensorsKelvin();
      for (int i = 0; i < sensors.size(); i++) {
        if (sensors.get(i) > 0) {
          temperature.record(sensors.get(i) - 273.0, with(drive, A_SENSOR, "sensor" + (i + 1)));
        }
      }
      errors.record(clamp(smart.mediaErrors()), with(drive, A_ERROR_TYPE, "media_integrity"));
      errors.record(clamp(smart.errorLogEntries()), with(drive, A_ERROR_TYPE, "error_log_entry"));
      spare.record(smart.availableSpare() / 100.0, drive);
      spareThreshold.record(smart.availableSpareThreshold() / 100.0, drive);
      dataRead.record(clamp(smart.dataUnitsRead().multiply(BYTES_PER_DATA_UNIT)), drive);
      dataWritten.record(clamp(smart.dataUnitsWritten().multiply(BYTES_PER_DATA_UNIT)), drive);
      powerOn.record(clamp(smart.powerOnHours().multiply(BigInteger.valueOf(3600))), drive);
      powerCycles.record(clamp(smart.powerCycles()), drive);
      unsafeShutdowns.record(clamp(smart.unsafeShutdowns()), drive);
    } else if (snap.subsystemHealth() != null) {
      used = snap.subsystemHealth().pdlu();
    }
    if (used >= 0) {
      endurance.record(Math.max(0.0, 1.0 - used / 100.0), with(drive, A_DISK_STATE, "remaining"));
    }
  }

  @Override
  public void close() {
    callback.close();
  }
}
