package dev.nvmemi.agent.telemetry;

import dev.nvmemi.agent.telemetry.TelemetryContract.Metric;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.math.BigInteger;

/**
 * Registers the observable instruments of {@link DriveMetrics} and {@link OcpMetrics} from their
 * {@link Metric} definitions (name, unit, description as the contract says), and the small value
 * conversions both use.
 *
 * <p>Static helpers, no state; called on the thread that builds the telemetry (registration) and on
 * the metric reader's thread (conversions).
 */
final class Instruments {
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private Instruments() {}

  static ObservableDoubleMeasurement doubleGauge(Meter m, Metric def) {
    return m.gaugeBuilder(def.name()).setUnit(def.unit()).setDescription(def.description()).buildObserver();
  }

  static ObservableLongMeasurement longGauge(Meter m, Metric def) {
    return m.gaugeBuilder(def.name()).setUnit(def.unit()).setDescription(def.description()).ofLongs().buildObserver();
  }

  static ObservableLongMeasurement longUpDown(Meter m, Metric def) {
    return m.upDownCounterBuilder(def.name()).setUnit(def.unit()).setDescription(def.description()).buildObserver();
  }

  static ObservableLongMeasurement longCounter(Meter m, Metric def) {
    return m.counterBuilder(def.name()).setUnit(def.unit()).setDescription(def.description()).buildObserver();
  }

  /** An unsigned value as a long, clamped to {@link Long#MAX_VALUE} (9.2 EB as bytes). */
  static long clamp(BigInteger v) {
    return v.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE : v.longValue();
  }

  /** {@code base} with one more attribute. */
  static <T> Attributes with(Attributes base, AttributeKey<T> key, T value) {
    return base.toBuilder().put(key, value).build();
  }
}
