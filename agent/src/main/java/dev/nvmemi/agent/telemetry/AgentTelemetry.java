package dev.nvmemi.agent.telemetry;

import static dev.nvmemi.agent.telemetry.TelemetryContract.*;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.drive.ControllerIdentity;
import dev.nvmemi.agent.drive.DriveIdentity;
import dev.nvmemi.agent.drive.SmartSnapshot;
import dev.nvmemi.agent.poll.BusScheduler;
import dev.nvmemi.agent.poll.Command;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.transport.discovery.BusEndpoint;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.EndpointState;
import dev.nvmemi.agent.poll.SessionListener;
import dev.nvmemi.agent.time.Timers;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.BatchCallback;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The telemetry mapping of design §6: every metric of {@link TelemetryContract} as an observable
 * instrument that reads the sessions' latest {@link DriveSnapshot}s (one batch callback per
 * collection), the command-duration and event-latency histograms, and the events as log records
 * with {@code event.name}, edge-triggered with hysteresis and flap suppression.
 *
 * <p>{@link SessionListener} methods run on the agent context; the batch callback runs on the
 * metric reader's thread and only reads immutable snapshots and volatile fields.
 */
public final class AgentTelemetry implements SessionListener, AutoCloseable {
  /** Instrumentation scope name of the agent's meter and logger. */
  public static final String SCOPE = "dev.nvmemi.agent";
  /** Degrees a temperature must fall below a threshold before the crossing re-arms. */
  public static final int HYSTERESIS_CELSIUS = 2;

  private static final AttributeKey<String> A_HW_ID = AttributeKey.stringKey(HW_ID);
  private static final AttributeKey<String> A_HW_TYPE = AttributeKey.stringKey(HW_TYPE);
  private static final AttributeKey<String> A_HW_VENDOR = AttributeKey.stringKey(HW_VENDOR);
  private static final AttributeKey<String> A_HW_MODEL = AttributeKey.stringKey(HW_MODEL);
  private static final AttributeKey<String> A_HW_SERIAL = AttributeKey.stringKey(HW_SERIAL_NUMBER);
  private static final AttributeKey<String> A_HW_FIRMWARE = AttributeKey.stringKey(HW_FIRMWARE_VERSION);
  private static final AttributeKey<Long> A_NETWORK = AttributeKey.longKey(NVME_MCTP_NETWORK_ID);
  private static final AttributeKey<Long> A_EID = AttributeKey.longKey(NVME_MCTP_EID);
  private static final AttributeKey<String> A_BUS = AttributeKey.stringKey(NVME_BUS);
  private static final AttributeKey<String> A_HW_STATE = AttributeKey.stringKey(HW_STATE);
  private static final AttributeKey<String> A_PREVIOUS_STATE = AttributeKey.stringKey(HW_PREVIOUS_STATE);
  private static final AttributeKey<String> A_SENSOR = AttributeKey.stringKey(HW_SENSOR_LOCATION);
  private static final AttributeKey<String> A_LIMIT = AttributeKey.stringKey(HW_LIMIT_TYPE);
  private static final AttributeKey<String> A_DISK_STATE = AttributeKey.stringKey(HW_PHYSICAL_DISK_STATE);
  private static final AttributeKey<String> A_ERROR_TYPE = AttributeKey.stringKey(ERROR_TYPE);
  private static final AttributeKey<String> A_CW = AttributeKey.stringKey(NVME_CRITICAL_WARNING);
  private static final AttributeKey<List<String>> A_CW_LIST = AttributeKey.stringArrayKey(NVME_CRITICAL_WARNING);
  private static final AttributeKey<Long> A_CONTROLLER = AttributeKey.longKey(NVME_CONTROLLER_ID);
  private static final AttributeKey<String> A_COMMAND = AttributeKey.stringKey(NVME_MI_COMMAND);
  private static final AttributeKey<String> A_STATE = AttributeKey.stringKey(STATE);
  private static final AttributeKey<String> A_EVENT_NAME = AttributeKey.stringKey(EVENT_NAME);
  private static final AttributeKey<Double> A_TEMPERATURE = AttributeKey.doubleKey(HW_TEMPERATURE_ATTR);
  private static final AttributeKey<String> A_THRESHOLD_STATE = AttributeKey.stringKey(NVME_THRESHOLD_STATE);
  private static final AttributeKey<String> A_PREV_SERIAL = AttributeKey.stringKey(HW_PREVIOUS_SERIAL_NUMBER);
  private static final AttributeKey<String> A_PREV_FIRMWARE = AttributeKey.stringKey(HW_PREVIOUS_FIRMWARE_VERSION);

  private static final BigInteger BYTES_PER_DATA_UNIT = BigInteger.valueOf(512_000);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final Timers timers;
  private final AgentConfig.Poll poll;
  private final Supplier<Collection<EndpointSession>> sessions;
  private final Supplier<Map<String, BusScheduler.Lane>> lanes;
  private final Logger logger;
  private final DoubleHistogram commandDuration;
  private final DoubleHistogram eventLatency;
  private final LongCounter eventsSuppressed;
  private final BatchCallback callback;
  private final Map<BusEndpoint, DriveTracker> trackers = new HashMap<>();
  private final Map<BusEndpoint, Cached> attributes = new ConcurrentHashMap<>();

  private record Cached(DriveIdentity identity, Attributes attributes) {}

  /**
   * @param sessions the fleet's sessions (read on the metric reader's thread)
   * @param lanes the scheduler's lanes
   */
  public AgentTelemetry(OpenTelemetry otel, Timers timers, AgentConfig.Poll poll,
      Supplier<Collection<EndpointSession>> sessions, Supplier<Map<String, BusScheduler.Lane>> lanes) {
    this.timers = Objects.requireNonNull(timers, "timers");
    this.poll = Objects.requireNonNull(poll, "poll");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.lanes = Objects.requireNonNull(lanes, "lanes");
    Meter meter = otel.getMeter(SCOPE);
    this.logger = otel.getLogsBridge().get(SCOPE);
    this.commandDuration = meter.histogramBuilder(MI_COMMAND_DURATION.name()).setUnit(MI_COMMAND_DURATION.unit())
        .setDescription(MI_COMMAND_DURATION.description())
        .setExplicitBucketBoundariesAdvice(List.of(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
            0.5, 1.0, 2.5, 5.0, 10.0))
        .build();
    this.eventLatency = meter.histogramBuilder(MI_EVENT_LATENCY.name()).setUnit(MI_EVENT_LATENCY.unit())
        .setDescription(MI_EVENT_LATENCY.description())
        .setExplicitBucketBoundariesAdvice(List.of(0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0))
        .build();
    this.eventsSuppressed = meter.counterBuilder(MI_EVENTS_SUPPRESSED.name()).setUnit(MI_EVENTS_SUPPRESSED.unit())
        .setDescription(MI_EVENTS_SUPPRESSED.description()).build();

    ObservableLongMeasurement hwStatus = longUpDown(meter, HW_STATUS);
    ObservableDoubleMeasurement temperature = doubleGauge(meter, HW_TEMPERATURE);
    ObservableDoubleMeasurement limit = doubleGauge(meter, HW_TEMPERATURE_LIMIT);
    ObservableDoubleMeasurement endurance = doubleGauge(meter, HW_ENDURANCE);
    ObservableLongMeasurement size = longUpDown(meter, HW_DISK_SIZE);
    ObservableLongMeasurement errors = longCounter(meter, HW_ERRORS);
    ObservableDoubleMeasurement spare = doubleGauge(meter, NVME_SPARE_AVAILABLE);
    ObservableDoubleMeasurement spareThreshold = doubleGauge(meter, NVME_SPARE_THRESHOLD);
    ObservableLongMeasurement criticalWarning = meter.gaugeBuilder(NVME_CRITICAL_WARNING_METRIC.name())
        .setUnit(NVME_CRITICAL_WARNING_METRIC.unit()).setDescription(NVME_CRITICAL_WARNING_METRIC.description())
        .ofLongs().buildObserver();
    ObservableLongMeasurement dataRead = longCounter(meter, NVME_DATA_READ);
    ObservableLongMeasurement dataWritten = longCounter(meter, NVME_DATA_WRITTEN);
    ObservableLongMeasurement powerOn = longCounter(meter, NVME_POWER_ON_TIME);
    ObservableLongMeasurement powerCycles = longCounter(meter, NVME_POWER_CYCLES);
    ObservableLongMeasurement unsafeShutdowns = longCounter(meter, NVME_UNSAFE_SHUTDOWNS);
    ObservableLongMeasurement controllerStatus = longUpDown(meter, NVME_CONTROLLER_STATUS);
    ObservableLongMeasurement endpointState = longUpDown(meter, MI_ENDPOINT_STATE);
    ObservableDoubleMeasurement utilization = doubleGauge(meter, MI_BUS_UTILIZATION);
    ObservableDoubleMeasurement staleness = doubleGauge(meter, MI_POLL_STALENESS);

    this.callback = meter.batchCallback(() -> {
      Map<String, Long> perState = new HashMap<>();
      Map<String, Long> oldestHealth = new HashMap<>();
      for (EndpointSession s : this.sessions.get()) {
        DriveSnapshot snap = s.snapshot();
        perState.merge(snap.state().attribute(), 1L, Long::sum);
        if (snap.state() != EndpointState.REMOVED && snap.lastHealthNanos() != 0) {
          // staleness: age of the oldest health reading on the bus
          oldestHealth.merge(snap.key().bus().name(), snap.lastHealthNanos(), Math::min);
        }
        if (snap.identity() == null || snap.state() == EndpointState.REMOVED) {
          continue;
        }
        Attributes drive = driveAttributes(snap);
        recordDrive(snap, drive, hwStatus, temperature, limit, endurance, size, errors, spare, spareThreshold,
            criticalWarning, dataRead, dataWritten, powerOn, powerCycles, unsafeShutdowns, controllerStatus);
      }
      for (String st : ENDPOINT_STATES) {
        endpointState.record(perState.getOrDefault(st, 0L), Attributes.of(A_STATE, st));
      }
      long now = this.timers.nanoTime();
      for (BusScheduler.Lane lane : this.lanes.get().values()) {
        Attributes busAttr = Attributes.of(A_BUS, lane.bus());
        utilization.record(lane.utilization(), busAttr);
        Long oldest = oldestHealth.get(lane.bus());
        if (oldest != null) {
          staleness.record((now - oldest) / 1e9, busAttr);
        }
      }
    }, hwStatus, temperature, limit, endurance, size, errors, spare, spareThreshold, criticalWarning, dataRead,
        dataWritten, powerOn, powerCycles, unsafeShutdowns, controllerStatus, endpointState, utilization, staleness);
  }

  private static ObservableDoubleMeasurement doubleGauge(Meter m, Metric def) {
    return m.gaugeBuilder(def.name()).setUnit(def.unit()).setDescription(def.description()).buildObserver();
  }

  private static ObservableLongMeasurement longUpDown(Meter m, Metric def) {
    return m.upDownCounterBuilder(def.name()).setUnit(def.unit()).setDescription(def.description()).buildObserver();
  }

  private static ObservableLongMeasurement longCounter(Meter m, Metric def) {
    return m.counterBuilder(def.name()).setUnit(def.unit()).setDescription(def.description()).buildObserver();
  }

  private static long clamp(BigInteger v) {
    return v.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE : v.longValue();
  }

  /** Composite temperature in °C: the subsystem health CTEMP, else SMART; null when unknown. */
  static Double compositeCelsius(DriveSnapshot snap) {
    if (snap.subsystemHealth() != null && snap.subsystemHealth().ctempCelsius() != null) {
      return snap.subsystemHealth().ctempCelsius().doubleValue();
    }
    if (snap.smart() != null && snap.smart().compositeTemperatureKelvin() > 0) {
      return snap.smart().compositeTemperatureKelvin() - 273.0;
    }
    return null;
  }

  private void recordDrive(DriveSnapshot snap, Attributes drive, ObservableLongMeasurement hwStatus,
      ObservableDoubleMeasurement temperature, ObservableDoubleMeasurement limit,
      ObservableDoubleMeasurement endurance, ObservableLongMeasurement size, ObservableLongMeasurement errors,
      ObservableDoubleMeasurement spare, ObservableDoubleMeasurement spareThreshold,
      ObservableLongMeasurement criticalWarning, ObservableLongMeasurement dataRead,
      ObservableLongMeasurement dataWritten, ObservableLongMeasurement powerOn,
      ObservableLongMeasurement powerCycles, ObservableLongMeasurement unsafeShutdowns,
      ObservableLongMeasurement controllerStatus) {
    DriveIdentity id = snap.identity();
    ControllerIdentity primary = id.primary();
    size.record(clamp(primary.tnvmcap()), drive);
    if (primary.wctempKelvin() > 0) {
      limit.record(primary.wctempKelvin() - 273.0, with(drive, A_LIMIT, "high.degraded"));
    }
    if (primary.cctempKelvin() > 0) {
      limit.record(primary.cctempKelvin() - 273.0, with(drive, A_LIMIT, "high.critical"));
    }
    if (snap.hwState() != null) {
      for (String st : HW_STATES) {
        hwStatus.record(st.equals(snap.hwState()) ? 1 : 0, with(drive, A_HW_STATE, st));
      }
      int bits = HealthDerivation.criticalWarnings(snap.subsystemHealth(), snap.controllers(), snap.smart());
      for (int i = 0; i < HealthDerivation.CRITICAL_WARNING_BITS.size(); i++) {
        criticalWarning.record((bits >> i) & 1, with(drive, A_CW, HealthDerivation.CRITICAL_WARNING_BITS.get(i)));
      }
    }
    Double composite = compositeCelsius(snap);
    if (composite != null) {
      temperature.record(composite, drive);
    }
    for (ControllerHealthStatus c : snap.controllers()) {
      String state = snap.controllerStates().getOrDefault(c.ctlid(), HealthDerivation.OK);
      Attributes ca = drive.toBuilder().put(A_CONTROLLER, (long) c.ctlid()).build();
      for (String st : HW_STATES) {
        controllerStatus.record(st.equals(state) ? 1 : 0, with(ca, A_HW_STATE, st));
      }
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

  private static <T> Attributes with(Attributes base, AttributeKey<T> key, T value) {
    return base.toBuilder().put(key, value).build();
  }

  /** The drive attributes of design §6 for {@code snap} (cached per identity). */
  public Attributes driveAttributes(DriveSnapshot snap) {
    DriveIdentity id = snap.identity();
    Cached c = attributes.get(snap.key());
    if (c != null && c.identity() == id) {
      return c.attributes();
    }
    AttributesBuilder b = Attributes.builder()
        .put(A_HW_ID, id.hwId())
        .put(A_HW_TYPE, HW_TYPE_PHYSICAL_DISK)
        .put(A_HW_VENDOR, id.vendor())
        .put(A_HW_MODEL, id.model())
        .put(A_HW_SERIAL, id.serialNumber())
        .put(A_HW_FIRMWARE, id.firmware())
        .put(A_NETWORK, (long) snap.key().network())
        .put(A_EID, (long) snap.key().eid())
        .put(A_BUS, snap.key().bus().name());
    Attributes a = b.build();
    attributes.put(snap.key(), new Cached(id, a));
    return a;
  }

  private Attributes endpointAttributes(EndpointSession s) {
    DriveSnapshot snap = s.snapshot();
    if (snap.identity() != null) {
      return driveAttributes(snap);
    }
    return Attributes.of(A_NETWORK, (long) snap.key().network(), A_EID, (long) snap.key().eid(), A_BUS, snap.key().bus().name());
  }

  // Events ------------------------------------------------------------------------------------

  private void emit(Event def, Severity severity, Attributes drive, Attributes extra, String body, long observedNanos) {
    Attributes all = drive.toBuilder().putAll(extra).put(A_EVENT_NAME, def.name()).build();
    logger.logRecordBuilder()
        .setEventName(def.name())
        .setSeverity(severity)
        .setSeverityText(severity.name())
        .setTimestamp(timers.epochNanos() - (timers.nanoTime() - observedNanos), TimeUnit.NANOSECONDS)
        .setObservedTimestamp(timers.epochNanos(), TimeUnit.NANOSECONDS)
        .setAllAttributes(all)
        .setBody(body)
        .emit();
    eventLatency.record((timers.nanoTime() - observedNanos) / 1e9, Attributes.of(A_EVENT_NAME, def.name()));
  }

  private void suppressed(Event def) {
    eventsSuppressed.add(1, Attributes.of(A_EVENT_NAME, def.name()));
  }

  /** Per-drive event state: hysteresis and flap guards. Agent context only. */
  private final class DriveTracker {
    final EdgeGuard<String> hwState = guard(null);
    final EdgeGuard<Integer> warnings = guard(0);
    final EdgeGuard<Boolean> aboveWarning = guard(false);
    final EdgeGuard<Boolean> aboveCritical = guard(false);
    final Map<Integer, EdgeGuard<String>> controllers = new HashMap<>();

    <T> EdgeGuard<T> guard(T initial) {
      return new EdgeGuard<>(poll.flapWindow().toNanos(), poll.flapTransitions(), initial);
    }

    void reset() {
      hwState.reset(null);
      warnings.reset(0);
      aboveWarning.reset(false);
      aboveCritical.reset(false);
      controllers.clear();
    }
  }

  private DriveTracker tracker(BusEndpoint key) {
    return trackers.computeIfAbsent(key, k -> new DriveTracker());
  }

  @Override
  public void commandCompleted(EndpointSession session, Command command, String errorType, long durationNanos) {
    Attributes base = endpointAttributes(session);
    AttributesBuilder b = base.toBuilder().put(A_COMMAND, command.attribute());
    if (!errorType.isEmpty()) {
      b.put(A_ERROR_TYPE, errorType);
    }
    commandDuration.record(durationNanos / 1e9, b.build());
  }

  @Override
  public void identified(EndpointSession session, DriveIdentity previous, DriveIdentity current, long observedNanos) {
    DriveSnapshot snap = session.snapshot();
    Attributes drive = driveAttributes(snap);
    if (previous == null) {
      emit(ENDPOINT_DISCOVERED, Severity.INFO, drive, Attributes.empty(),
          "NVMe-MI endpoint " + snap.key() + " identified: " + current.model() + " " + current.serialNumber()
              + " firmware " + current.firmware(), observedNanos);
    } else if (!previous.sameDriveAs(current)) {
      tracker(snap.key()).reset();
      emit(DRIVE_REPLACED, Severity.INFO, drive, Attributes.of(A_PREV_SERIAL, previous.serialNumber()),
          "drive at " + snap.key() + " replaced: serial " + previous.serialNumber() + " -> " + current.serialNumber(),
          observedNanos);
    } else if (!previous.firmware().equals(current.firmware())) {
      emit(DRIVE_FIRMWARE_CHANGED, Severity.INFO, drive, Attributes.of(A_PREV_FIRMWARE, previous.firmware()),
          "drive " + current.serialNumber() + " firmware " + previous.firmware() + " -> " + current.firmware(),
          observedNanos);
    }
  }

  @Override
  public void lost(EndpointSession session, String errorType, long observedNanos) {
    emit(ENDPOINT_LOST, Severity.WARN, endpointAttributes(session), Attributes.of(A_ERROR_TYPE, errorType),
        "endpoint " + session.key() + " stopped answering (" + errorType + ")", observedNanos);
  }

  @Override
  public void recovered(EndpointSession session, long observedNanos) {
    emit(ENDPOINT_RECOVERED, Severity.INFO, endpointAttributes(session), Attributes.empty(),
        "endpoint " + session.key() + " answers again", observedNanos);
  }

  @Override
  public void removed(EndpointSession session) {
    trackers.remove(session.key());
  }

  @Override
  public void healthUpdated(EndpointSession session, DriveSnapshot previous, DriveSnapshot current, long observedNanos) {
    if (current.identity() == null) {
      return;
    }
    DriveTracker t = tracker(current.key());
    Attributes drive = driveAttributes(current);

    if (current.hwState() != null) {
      String before = t.hwState.emitted();
      switch (t.hwState.offer(current.hwState(), observedNanos)) {
        case EMIT:
          if (before != null || !current.hwState().equals(HealthDerivation.OK)) {
            Severity sev = HealthDerivation.rank(current.hwState()) >= 2 ? Severity.ERROR : Severity.WARN;
            emit(DRIVE_HEALTH_CHANGE, sev, drive, Attributes.of(A_HW_STATE, current.hwState(), A_PREVIOUS_STATE,
                before == null ? "unknown" : before), "drive " + current.identity().serialNumber() + " health "
                + (before == null ? "unknown" : before) + " -> " + current.hwState(), observedNanos);
          }
          break;
        case SUPPRESSED:
          suppressed(DRIVE_HEALTH_CHANGE);
          break;
        default:
          break;
      }
      int bits = HealthDerivation.criticalWarnings(current.subsystemHealth(), current.controllers(), current.smart());
      int emittedBits = t.warnings.emitted();
      switch (t.warnings.offer(bits, observedNanos)) {
        case EMIT:
          int raised = bits & ~emittedBits;
          if (raised != 0) {
            emit(DRIVE_CRITICAL_WARNING, Severity.ERROR, drive,
                Attributes.of(A_CW_LIST, HealthDerivation.bitNames(raised)),
                "drive " + current.identity().serialNumber() + " critical warning: "
                    + String.join(", ", HealthDerivation.bitNames(raised)), observedNanos);
          }
          break;
        case SUPPRESSED:
          if ((bits & ~emittedBits) != 0) {
            suppressed(DRIVE_CRITICAL_WARNING);
          }
          break;
        default:
          break;
      }
    }

    Double temp = compositeCelsius(current);
    ControllerIdentity primary = current.identity().primary();
    if (temp != null) {
      threshold(t.aboveWarning, temp, primary.wctempKelvin(), "high.degraded", Severity.WARN, drive, current,
          observedNanos);
      threshold(t.aboveCritical, temp, primary.cctempKelvin(), "high.critical", Severity.ERROR, drive, current,
          observedNanos);
    }

    for (Map.Entry<Integer, String> e : current.controllerStates().entrySet()) {
      EdgeGuard<String> g = t.controllers.computeIfAbsent(e.getKey(), k -> t.guard(HealthDerivation.OK));
      String before = g.emitted();
      switch (g.offer(e.getValue(), observedNanos)) {
        case EMIT:
          emit(CONTROLLER_HEALTH_CHANGE, Severity.WARN, drive, Attributes.of(A_CONTROLLER, (long) e.getKey(),
              A_HW_STATE, e.getValue(), A_PREVIOUS_STATE, before), "drive " + current.identity().serialNumber()
              + " controller " + e.getKey() + " health " + before + " -> " + e.getValue(), observedNanos);
          break;
        case SUPPRESSED:
          suppressed(CONTROLLER_HEALTH_CHANGE);
          break;
        default:
          break;
      }
    }
  }

  /** One threshold with hysteresis: crossing at ≥ limit, re-arming at ≤ limit − 2 °C. */
  private void threshold(EdgeGuard<Boolean> guard, double temp, int limitKelvin, String limitType, Severity severity,
      Attributes drive, DriveSnapshot current, long observedNanos) {
    if (limitKelvin <= 0) {
      return;
    }
    double limitC = limitKelvin - 273.0;
    boolean wasAbove = Boolean.TRUE.equals(guard.emitted());
    boolean above;
    if (temp >= limitC) {
      above = true;
    } else if (temp <= limitC - HYSTERESIS_CELSIUS) {
      above = false;
    } else {
      above = wasAbove; // inside the hysteresis band: keep the armed state
    }
    switch (guard.offer(above, observedNanos)) {
      case EMIT:
        emit(DRIVE_TEMPERATURE_THRESHOLD, above ? severity : Severity.INFO, drive,
            Attributes.of(A_LIMIT, limitType, A_TEMPERATURE, temp, A_THRESHOLD_STATE, above ? "above" : "below"),
            "drive " + current.identity().serialNumber() + " composite temperature " + temp + " °C "
                + (above ? "reached " : "fell below ") + limitType + " threshold " + limitC + " °C", observedNanos);
        break;
      case SUPPRESSED:
        suppressed(DRIVE_TEMPERATURE_THRESHOLD);
        break;
      default:
        break;
    }
  }

  @Override
  public void close() {
    callback.close();
  }
}
