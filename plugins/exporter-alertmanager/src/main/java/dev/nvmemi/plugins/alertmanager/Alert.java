package dev.nvmemi.plugins.alertmanager;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One Alertmanager alert as the exporter tracks it: the identity (labels), the annotations and
 * when it started.
 *
 * @param labels label set; the alert's identity in Alertmanager
 * @param annotations human-readable description and the event's values
 * @param startsAt when the condition was observed
 */
public record Alert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt) {
  public Alert {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    Objects.requireNonNull(startsAt, "startsAt");
  }
}
