package dev.nvmemi.plugins.alertmanager;

import java.time.Instant;

/**
 * What one event means for one alert: it fires (or fires with new labels/values), or it resolves.
 * Immutable.
 */
public sealed interface AlertChange permits AlertChange.Fire, AlertChange.Resolve {
  /** The alert's identity inside the exporter: rule and key attributes (not the labels, which may change). */
  String key();

  /** The condition holds: post {@code alert} as firing until resolved. */
  record Fire(String key, Alert alert) implements AlertChange {}

  /** The condition cleared at {@code at}: post the firing alert with {@code endsAt = at}. */
  record Resolve(String key, Instant at) implements AlertChange {}
}
