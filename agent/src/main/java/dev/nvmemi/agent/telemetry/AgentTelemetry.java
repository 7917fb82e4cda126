package dev.nvmemi.agent.telemetry;

import dev.nvmemi.agent.poll.AemStats;

import static dev.nvmemi.agent.telemetry.TelemetryContract.*;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.poll.BusScheduler;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.SessionObserver;
import dev.nvmemi.agent.time.Timers;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The telemetry of design §6 on one {@link OpenTelemetry}: {@link DriveMetrics} and
 * {@link OcpMetrics} (observable instruments over the sessions' snapshots), {@link CommandDurations} and {@link DriveEvents}
 * (subscribed to every session's update stream as the fleet attaches it).
 *
 * <p>{@link #attached} runs on the agent context; metric collection on the reader's thread.
 */
public final class AgentTelemetry implements SessionObserver, AutoCloseable {
  /** Instrumentation scope name of the agent's meter and logger. */
  public static final String SCOPE = "dev.nvmemi.agent";
  /** Degrees a temperature must fall below a threshold before the crossing re-arms. */
  public static final int HYSTERESIS_CELSIUS = DriveEvents.HYSTERESIS_CELSIUS;

  private final DriveAttributes attributes = new DriveAttributes();
  private final DriveMetrics metrics;
  private final OcpMetrics ocpMetrics;
  private final CommandDurations durations;
  private final DriveEvents events;
  private final CompositeDisposable subscriptions = new CompositeDisposable();
  private final Meter meter;
  private AemMetrics aem;

  /**
   * @param sessions the fleet's sessions (read on the metric reader's thread)
   * @param lanes the scheduler's lanes
   */
  public AgentTelemetry(OpenTelemetry otel, Timers timers, AgentConfig.Poll poll,
      Supplier<Collection<EndpointSession>> sessions, Supplier<Map<String, BusScheduler.Lane>> lanes) {
    this(otel, timers, poll, sessions, lanes, false);
  }

  /**
   * With the default {@code ocp.*} settings.
   *
   * @param durationPerDrive record {@code nvme_mi.command.duration} per drive (opt-in: cardinality)
   */
  public AgentTelemetry(OpenTelemetry otel, Timers timers, AgentConfig.Poll poll,
      Supplier<Collection<EndpointSession>> sessions, Supplier<Map<String, BusScheduler.Lane>> lanes,
      boolean durationPerDrive) {
    this(otel, timers, poll, AgentConfig.defaults().ocp(), sessions, lanes, durationPerDrive);
  }

  /**
   * @param ocp the OCP logs' interval (how old a page may be and still be reported) and whether the
   *     opt-in OCP series are exported
   * @param durationPerDrive record {@code nvme_mi.command.duration} per drive (opt-in: cardinality)
   */
  public AgentTelemetry(OpenTelemetry otel, Timers timers, AgentConfig.Poll poll, AgentConfig.Ocp ocp,
      Supplier<Collection<EndpointSession>> sessions, Supplier<Map<String, BusScheduler.Lane>> lanes,
      boolean durationPerDrive) {
    Meter meter = otel.getMeter(SCOPE);
    this.meter = meter;
    DoubleHistogram commandDuration = meter.histogramBuilder(MI_COMMAND_DURATION.name())
        .setUnit(MI_COMMAND_DURATION.unit()).setDescription(MI_COMMAND_DURATION.description())
        .setExplicitBucketBoundariesAdvice(List.of(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
            0.5, 1.0, 2.5, 5.0, 10.0))
        .build();
    DoubleHistogram eventLatency = meter.histogramBuilder(MI_EVENT_LATENCY.name()).setUnit(MI_EVENT_LATENCY.unit())
        .setDescription(MI_EVENT_LATENCY.description())
        .setExplicitBucketBoundariesAdvice(List.of(0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0))
        .build();
    LongCounter eventsSuppressed = meter.counterBuilder(MI_EVENTS_SUPPRESSED.name())
        .setUnit(MI_EVENTS_SUPPRESSED.unit()).setDescription(MI_EVENTS_SUPPRESSED.description()).build();
    DriveSnapshot.Freshness freshness = DriveMetrics.freshness(poll, ocp);
    this.metrics = new DriveMetrics(meter, timers, freshness, sessions, lanes, attributes);
    this.ocpMetrics = new OcpMetrics(meter, timers, freshness, ocp.detailedMetrics(), sessions, attributes);
    this.durations = new CommandDurations(commandDuration, attributes, durationPerDrive);
    this.events = new DriveEvents(otel.getLogsBridge().get(SCOPE), timers, poll, attributes, eventLatency,
        eventsSuppressed);
  }

  /**
   * How old a value may be and still count as current while a drive is retried (metrics and /status
   * agree): twice its interval plus its timeout, an OCP page's twice {@code ocp.interval}.
   */
  public static DriveSnapshot.Freshness freshness(AgentConfig.Poll poll, AgentConfig.Ocp ocp) {
    return DriveMetrics.freshness(poll, ocp);
  }

  /** {@link #freshness(AgentConfig.Poll, AgentConfig.Ocp)} with the default {@code ocp.interval}. */
  public static DriveSnapshot.Freshness freshness(AgentConfig.Poll poll) {
    return DriveMetrics.freshness(poll, AgentConfig.defaults().ocp());
  }

  /** Exports the fleet's AEM counters ({@code nvme_mi.aem.*}); once, after the fleet exists. */
  public void observeAem(AemStats stats) {
    if (aem == null) {
      aem = new AemMetrics(meter, stats);
    }
  }

  @Override
  public void attached(EndpointSession session) {
    subscriptions.add(durations.attach(session));
    subscriptions.add(events.attach(session));
  }

  @Override
  public void close() {
    subscriptions.dispose();
    metrics.close();
    if (aem != null) {
      aem.close();
    }
    ocpMetrics.close();
  }
}
