package dev.nvmemi.agent.telemetry;

import static dev.nvmemi.agent.telemetry.TelemetryContract.DUPLICATE;
import static dev.nvmemi.agent.telemetry.TelemetryContract.MI_AEM_DROPPED;
import static dev.nvmemi.agent.telemetry.TelemetryContract.MI_AEM_FALLBACKS;
import static dev.nvmemi.agent.telemetry.TelemetryContract.MI_AEM_RECEIVED;
import static dev.nvmemi.agent.telemetry.TelemetryContract.REASON;

import dev.nvmemi.agent.poll.AemStats;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import java.util.List;
import java.util.Objects;

/**
 * The fleet's AEM counters ({@code nvme_mi.aem.*}) as observable instruments over {@link AemStats}.
 *
 * <p>Callbacks run on the metric reader's thread; {@link AemStats} is thread-safe.
 */
final class AemMetrics implements AutoCloseable {
  private static final AttributeKey<String> REASON_KEY = AttributeKey.stringKey(REASON);
  private static final AttributeKey<String> DUPLICATE_KEY = AttributeKey.stringKey(DUPLICATE);
  private final List<ObservableLongCounter> instruments;

  AemMetrics(Meter meter, AemStats stats) {
    Objects.requireNonNull(stats, "stats");
    this.instruments = List.of(
        meter.counterBuilder(MI_AEM_RECEIVED.name()).setUnit(MI_AEM_RECEIVED.unit())
            .setDescription(MI_AEM_RECEIVED.description()).buildWithCallback(m -> {
              m.record(stats.received(), Attributes.of(DUPLICATE_KEY, "false"));
              m.record(stats.duplicates(), Attributes.of(DUPLICATE_KEY, "true"));
            }),
        meter.counterBuilder(MI_AEM_DROPPED.name()).setUnit(MI_AEM_DROPPED.unit())
            .setDescription(MI_AEM_DROPPED.description())
            .buildWithCallback(m -> stats.dropped().forEach((reason, n) -> m.record(n, Attributes.of(REASON_KEY, reason)))),
        meter.counterBuilder(MI_AEM_FALLBACKS.name()).setUnit(MI_AEM_FALLBACKS.unit())
            .setDescription(MI_AEM_FALLBACKS.description()).buildWithCallback(m -> m.record(stats.fallbacks())));
  }

  @Override
  public void close() {
    instruments.forEach(ObservableLongCounter::close);
  }
}
