package dev.nvmemi.agent.telemetry;

import static dev.nvmemi.agent.telemetry.TelemetryContract.*;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.drive.ControllerIdentity;
import dev.nvmemi.agent.drive.DriveIdentity;
import dev.nvmemi.agent.drive.HealthDerivation;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.agent.poll.DriveUpdate;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.EndpointState;
import dev.nvmemi.agent.poll.PollOutcome;
import dev.nvmemi.agent.telemetry.EdgeOperators.Edge;
import dev.nvmemi.agent.telemetry.EdgeOperators.Reading;
import dev.nvmemi.agent.telemetry.EdgeOperators.Sample;
import dev.nvmemi.agent.time.Timers;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.reactivex.rxjava3.core.BackpressureOverflowStrategy;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.disposables.Disposable;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;

/**
 * The events of design §6, derived from each session's update stream with stream operators:
 * lifecycle transitions ({@code lost}, {@code recovered}, {@code degraded}, {@code removed}),
 * identity outcomes ({@code discovered}, {@code replaced}, {@code firmware.changed}), and, from
 * the current values of an exporting state, edges with flap suppression ({@code health.change},
 * {@code critical_warning}, {@code controller.health.change}) and temperature thresholds with a
 * 2 °C hysteresis. Every event is a log record with {@code event.name} (EventName field and
 * attribute), timestamped when the change was observed.
 *
 * <p>Subscribers run on the agent context (where sessions emit); each chain is buffered (bounded,
 * oldest dropped and counted) so an exporter never blocks the event loop.
 */
final class DriveEvents {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(DriveEvents.class.getName());
  /** Degrees a temperature must fall below a threshold before the crossing re-arms. */
  static final int HYSTERESIS_CELSIUS = 2;
  private static final int BUFFER = 256;

  private static final AttributeKey<String> A_HW_STATE = AttributeKey.stringKey(HW_STATE);
  private static final AttributeKey<String> A_PREVIOUS_STATE = AttributeKey.stringKey(HW_PREVIOUS_STATE);
  private static final AttributeKey<String> A_LIMIT = AttributeKey.stringKey(HW_LIMIT_TYPE);
  private static final AttributeKey<String> A_ERROR_TYPE = AttributeKey.stringKey(ERROR_TYPE);
  private static final AttributeKey<List<String>> A_CW_LIST = AttributeKey.stringArrayKey(NVME_CRITICAL_WARNING);
  private static final AttributeKey<Long> A_CONTROLLER = AttributeKey.longKey(NVME_CONTROLLER_ID);
  private static final AttributeKey<String> A_EVENT_NAME = AttributeKey.stringKey(EVENT_NAME);
  private static final AttributeKey<Double> A_TEMPERATURE = AttributeKey.doubleKey(HW_TEMPERATURE_ATTR);
  private static final AttributeKey<String> A_THRESHOLD_STATE = AttributeKey.stringKey(NVME_THRESHOLD_STATE);
  private static final AttributeKey<String> A_PREV_SERIAL = AttributeKey.stringKey(HW_PREVIOUS_SERIAL_NUMBER);
  private static final AttributeKey<String> A_PREV_FIRMWARE = AttributeKey.stringKey(HW_PREVIOUS_FIRMWARE_VERSION);
  private static final AttributeKey<String> A_PREVIOUS_ENDPOINT_STATE = AttributeKey.stringKey(NVME_PREVIOUS_ENDPOINT_STATE);

  private final Logger logger;
  private final Timers timers;
  private final AgentConfig.Poll poll;
  private final DriveAttributes attributes;
  private final DoubleHistogram eventLatency;
  private final LongCounter eventsSuppressed;
  private final AtomicLong dropped = new AtomicLong();

  DriveEvents(Logger logger, Timers timers, AgentConfig.Poll poll, DriveAttributes attributes,
      DoubleHistogram eventLatency, LongCounter eventsSuppressed) {
    this.logger = Objects.requireNonNull(logger, "logger");
    this.timers = Objects.requireNonNull(timers, "timers");
    this.poll = Objects.requireNonNull(poll, "poll");
    this.attributes = Objects.requireNonNull(attributes, "attributes");
    this.eventLatency = Objects.requireNonNull(eventLatency, "eventLatency");
    this.eventsSuppressed = Objects.requireNonNull(eventsSuppressed, "eventsSuppressed");
  }

  /** Events dropped because a chain's buffer was full. */
  long dropped() {
    return dropped.get();
  }

  private <T> Flowable<T> buffered(Flowable<T> f) {
    return f.onBackpressureBuffer(BUFFER, () -> {
      dropped.incrementAndGet();
      LOG.warning("event buffer full; oldest update dropped");
    }, BackpressureOverflowStrategy.DROP_OLDEST);
  }

  private <T> Disposable sink(Flowable<T> f, Consumer<T> onNext) {
    return f.subscribe(onNext::accept, e -> LOG.log(Level.SEVERE, "event stream failed", e));
  }

  /** Subscribes the event chains to {@code session}'s updates; disposed when the session completes. */
  Disposable attach(EndpointSession session) {
    Flowable<DriveUpdate> updates = buffered(session.updates());
    long window = poll.flapWindow().toNanos();
    int transitions = poll.flapTransitions();
    CompositeDisposable d = new CompositeDisposable();
    // order matters for events observed by one outcome: lifecycle, identity, health, warnings,
    // thresholds, controllers
    // lost / recovered: an edge of "is lost", flap-suppressed like every other state (a flapping
    // link must not fire a pair per minute); degraded, removed and their recovery: transitions
    d.add(sink(updates.filter(u -> u.transition() && (u.after().state() == EndpointState.LOST
            || u.before().state() == EndpointState.LOST))
        .map(u -> new Sample<>(u.after().key().toString(), u.after().state() == EndpointState.LOST,
            u.outcome().observedNanos(), u.after()))
        .compose(EdgeOperators.edges(window, transitions, false)), this::lostEdge));
    d.add(sink(updates.filter(DriveUpdate::transition), this::lifecycle));
    d.add(sink(updates.filter(u -> u.outcome() instanceof PollOutcome.Identified), this::identity));
    Flowable<DriveUpdate> values = updates.filter(u -> u.outcome() instanceof PollOutcome.Answer
        && u.after().state().exportsValues() && u.after().identity() != null && u.after().hwState() != null);
    d.add(sink(values.map(u -> sample(u, u.after().hwState()))
        .compose(EdgeOperators.edges(window, transitions, (String) null)), this::healthEdge));
    d.add(sink(values.map(u -> sample(u, HealthDerivation.criticalWarnings(u.after().subsystemHealth(),
        u.after().controllers(), u.after().smart()))).compose(EdgeOperators.edges(window, transitions, 0)),
        this::warningEdge));
    Flowable<DriveUpdate> temps = values.filter(u -> composite(u.after()) != null);
    d.add(sink(temps.filter(u -> u.after().identity().primary().wctempKelvin() > 0)
        .map(u -> sample(u, new Reading(composite(u.after()), u.after().identity().primary().wctempKelvin() - 273.0)))
        .compose(EdgeOperators.above(HYSTERESIS_CELSIUS))
        .compose(EdgeOperators.edges(window, transitions, false)), e -> threshold(e, "high.degraded", Severity.WARN)));
    d.add(sink(temps.filter(u -> u.after().identity().primary().cctempKelvin() > 0)
        .map(u -> sample(u, new Reading(composite(u.after()), u.after().identity().primary().cctempKelvin() - 273.0)))
        .compose(EdgeOperators.above(HYSTERESIS_CELSIUS))
        .compose(EdgeOperators.edges(window, transitions, false)), e -> threshold(e, "high.critical", Severity.ERROR)));
    d.add(sink(values.filter(u -> !u.after().controllerStates().isEmpty())
        .map(u -> sample(u, u.after().controllerStates()))
        .compose(EdgeOperators.keyedEdges(window, transitions, HealthDerivation.OK)), this::controllerEdge));
    return d;
  }

  private static <T> Sample<T> sample(DriveUpdate u, T value) {
    return new Sample<>(u.after().identity().hwId(), value, u.outcome().observedNanos(), u.after());
  }

  private static Double composite(DriveSnapshot s) {
    return HealthDerivation.compositeCelsius(s.subsystemHealth(), s.smart());
  }

  // Emission ------------------------------------------------------------------------------------

  private void emit(Event def, Severity severity, Attributes drive, Attributes extra, String body, long observedNanos) {
    Attributes all = drive.toBuilder().putAll(extra).put(A_EVENT_NAME, def.name()).build();
    long now = timers.nanoTime();
    logger.logRecordBuilder()
        .setEventName(def.name())
        .setSeverity(severity)
        .setSeverityText(severity.name())
        .setTimestamp(timers.epochNanos() - (now - observedNanos), TimeUnit.NANOSECONDS)
        .setObservedTimestamp(timers.epochNanos(), TimeUnit.NANOSECONDS)
        .setAllAttributes(all)
        .setBody(body)
        .emit();
    eventLatency.record((now - observedNanos) / 1e9, Attributes.of(A_EVENT_NAME, def.name()));
  }

  private void suppressed(Event def) {
    eventsSuppressed.add(1, Attributes.of(A_EVENT_NAME, def.name()));
  }

  private void lifecycle(DriveUpdate u) {
    DriveSnapshot s = u.after();
    EndpointState from = u.before().state();
    long at = u.outcome().observedNanos();
    Attributes a = attributes.endpoint(s);
    Attributes previous = Attributes.of(A_PREVIOUS_ENDPOINT_STATE, from.attribute());
    switch (s.state()) {
      case DEGRADED_CONNECTIVITY:
        emit(ENDPOINT_DEGRADED, Severity.WARN, a, previous,
            "endpoint " + s.key() + ": mctpd reports connectivity Degraded; polling paused", at);
        break;
      case REMOVED:
        emit(ENDPOINT_REMOVED, Severity.INFO, a, previous, "endpoint " + s.key() + " removed by discovery", at);
        attributes.forget(s.key());
        break;
      case ACTIVE:
      case IDENTIFYING:
        if (from == EndpointState.DEGRADED_CONNECTIVITY) {
          emit(ENDPOINT_RECOVERED, Severity.INFO, a, previous, "endpoint " + s.key() + " is available again", at);
        }
        break;
      default:
        break;
    }
  }

  private void lostEdge(Edge<Void, Boolean> e) {
    if (e.suppressed()) {
      suppressed(e.to() ? ENDPOINT_LOST : ENDPOINT_RECOVERED);
      return;
    }
    DriveSnapshot s = e.snapshot();
    Attributes a = attributes.endpoint(s);
    if (e.to()) {
      emit(ENDPOINT_LOST, Severity.WARN, a, Attributes.of(A_ERROR_TYPE, s.lastError()),
          "endpoint " + s.key() + " stopped answering (" + s.lastError() + ")", e.atNanos());
    } else {
      emit(ENDPOINT_RECOVERED, Severity.INFO, a, Attributes.of(A_PREVIOUS_ENDPOINT_STATE,
          EndpointState.LOST.attribute()), "endpoint " + s.key() + " answers again", e.atNanos());
    }
  }

  private void identity(DriveUpdate u) {
    PollOutcome.Identified i = (PollOutcome.Identified) u.outcome();
    DriveSnapshot s = u.after();
    DriveIdentity current = i.identity();
    DriveIdentity previous = i.previous();
    Attributes drive = attributes.drive(s);
    long at = i.observedNanos();
    if (previous != null && !previous.sameDriveAs(current)) {
      emit(DRIVE_REPLACED, Severity.INFO, drive, Attributes.of(A_PREV_SERIAL, previous.serialNumber()),
          "drive at " + s.key() + " replaced: serial " + previous.serialNumber() + " -> " + current.serialNumber(), at);
    } else if (previous != null && !previous.firmware().equals(current.firmware())) {
      emit(DRIVE_FIRMWARE_CHANGED, Severity.INFO, drive, Attributes.of(A_PREV_FIRMWARE, previous.firmware()),
          "drive " + current.serialNumber() + " firmware " + previous.firmware() + " -> " + current.firmware(), at);
    } else if (u.before().identity() == null) {
      emit(ENDPOINT_DISCOVERED, Severity.INFO, drive, Attributes.empty(), "NVMe-MI endpoint " + s.key()
          + " identified: " + current.model() + " " + current.serialNumber() + " firmware " + current.firmware(), at);
    }
  }

  private void healthEdge(Edge<Void, String> e) {
    // the first reading of a drive is news only when it is not ok
    if (e.suppressed()) {
      suppressed(DRIVE_HEALTH_CHANGE);
      return;
    }
    if (e.from() == null && HealthDerivation.OK.equals(e.to())) {
      return;
    }
    String before = e.from() == null ? "unknown" : e.from();
    Severity sev = HealthDerivation.rank(e.to()) >= 2 ? Severity.ERROR : Severity.WARN;
    DriveSnapshot s = e.snapshot();
    emit(DRIVE_HEALTH_CHANGE, sev, attributes.drive(s), Attributes.of(A_HW_STATE, e.to(), A_PREVIOUS_STATE, before),
        "drive " + s.identity().serialNumber() + " health " + before + " -> " + e.to(), e.atNanos());
  }

  private void warningEdge(Edge<Void, Integer> e) {
    int raised = e.to() & ~(e.from() == null ? 0 : e.from());
    if (raised == 0) {
      return;
    }
    if (e.suppressed()) {
      suppressed(DRIVE_CRITICAL_WARNING);
      return;
    }
    List<String> names = HealthDerivation.bitNames(raised);
    DriveSnapshot s = e.snapshot();
    emit(DRIVE_CRITICAL_WARNING, Severity.ERROR, attributes.drive(s), Attributes.of(A_CW_LIST, names),
        "drive " + s.identity().serialNumber() + " critical warning: " + String.join(", ", names), e.atNanos());
  }

  private void threshold(Edge<Void, Boolean> e, String limitType, Severity severity) {
    if (e.suppressed()) {
      suppressed(DRIVE_TEMPERATURE_THRESHOLD);
      return;
    }
    DriveSnapshot s = e.snapshot();
    Double temp = composite(s);
    ControllerIdentity p = s.identity().primary();
    double limitC = ("high.degraded".equals(limitType) ? p.wctempKelvin() : p.cctempKelvin()) - 273.0;
    boolean above = e.to();
    emit(DRIVE_TEMPERATURE_THRESHOLD, above ? severity : Severity.INFO, attributes.drive(s),
        Attributes.of(A_LIMIT, limitType, A_TEMPERATURE, temp == null ? Double.NaN : temp, A_THRESHOLD_STATE,
            above ? "above" : "below"),
        "drive " + s.identity().serialNumber() + " composite temperature " + temp + " °C "
            + (above ? "reached " : "fell below ") + limitType + " threshold " + limitC + " °C", e.atNanos());
  }

  private void controllerEdge(Edge<Integer, String> e) {
    if (e.suppressed()) {
      suppressed(CONTROLLER_HEALTH_CHANGE);
      return;
    }
    DriveSnapshot s = e.snapshot();
    emit(CONTROLLER_HEALTH_CHANGE, Severity.WARN, attributes.drive(s), Attributes.of(A_CONTROLLER, (long) e.key(),
        A_HW_STATE, e.to(), A_PREVIOUS_STATE, e.from()), "drive " + s.identity().serialNumber() + " controller "
        + e.key() + " health " + e.from() + " -> " + e.to(), e.atNanos());
  }
}
