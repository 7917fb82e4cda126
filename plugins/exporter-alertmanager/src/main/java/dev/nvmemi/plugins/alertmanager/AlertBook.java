package dev.nvmemi.plugins.alertmanager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts currently firing, by rule key, and what each {@link AlertChange} does to them.
 *
 * <p>Confined to the exporter's sender thread (not thread-safe).
 */
final class AlertBook {
  /**
   * An alert to post as resolved.
   *
   * @param alert the alert as it was firing (same labels, so Alertmanager matches it)
   * @param endsAt when the condition cleared
   */
  record Resolved(Alert alert, Instant endsAt) {}

  private final Map<String, Alert> firing = new LinkedHashMap<>();

  /**
   * Applies one change and returns the alerts it resolves: the resolved alert for a
   * {@link AlertChange.Resolve}; for a {@link AlertChange.Fire} whose labels differ from the alert
   * already firing under the same key (e.g. severity went from warning to critical), the old one,
   * since Alertmanager identifies alerts by their labels.
   */
  List<Resolved> apply(AlertChange change) {
    List<Resolved> resolved = new ArrayList<>(1);
    if (change instanceof AlertChange.Resolve) {
      AlertChange.Resolve r = (AlertChange.Resolve) change;
      Alert previous = firing.remove(r.key());
      if (previous != null) {
        resolved.add(new Resolved(previous, r.at().isBefore(previous.startsAt()) ? previous.startsAt() : r.at()));
      }
    } else {
      AlertChange.Fire f = (AlertChange.Fire) change;
      Alert previous = firing.get(f.key());
      Alert next = f.alert();
      if (previous != null && previous.labels().equals(next.labels())) {
        // Same alert, new values: keep when it started.
        next = new Alert(next.labels(), next.annotations(), previous.startsAt());
      } else if (previous != null) {
        resolved.add(new Resolved(previous, next.startsAt()));
      }
      firing.put(f.key(), next);
    }
    return resolved;
  }

  Collection<Alert> firing() {
    return firing.values();
  }

  int size() {
    return firing.size();
  }
}
