package dev.nvmemi.plugins.alertmanager;

import io.opentelemetry.api.logs.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The pairing table: which event fires which alert and which event resolves it (design §6 event
 * names; the module README shows the same table). Events of other names, and events that match no
 * row, produce no alert change.
 *
 * <p>Stateless; any thread.
 */
public final class AlertRules {
  // Attribute keys of the telemetry contract (agent TelemetryContract; copied because plugins do
  // not depend on the agent at run time).
  static final String HW_ID = "hw.id";
  static final String HW_MODEL = "hw.model";
  static final String HW_SERIAL_NUMBER = "hw.serial_number";
  static final String HW_STATE = "hw.state";
  static final String HW_PREVIOUS_STATE = "hw.previous_state";
  static final String HW_LIMIT_TYPE = "hw.limit_type";
  static final String HW_TEMPERATURE = "hw.temperature";
  static final String THRESHOLD_STATE = "nvme.threshold.state";
  static final String CRITICAL_WARNING = "nvme.critical_warning";
  static final String CONTROLLER_ID = "nvme.controller.id";
  static final String NETWORK_ID = "nvme.mctp.network_id";
  static final String EID = "nvme.mctp.eid";
  static final String ERROR_TYPE = "error.type";

  static final String DRIVE_HEALTH_CHANGE = "nvme.drive.health.change";
  static final String DRIVE_TEMPERATURE_THRESHOLD = "nvme.drive.temperature.threshold";
  static final String DRIVE_CRITICAL_WARNING = "nvme.drive.critical_warning";
  static final String CONTROLLER_HEALTH_CHANGE = "nvme.controller.health.change";
  static final String ENDPOINT_LOST = "nvme.endpoint.lost";
  static final String ENDPOINT_RECOVERED = "nvme.endpoint.recovered";

  /** Value of {@code nvme.threshold.state} when the temperature fell back below the threshold. */
  static final String BELOW = "below";
  static final String OK = "ok";

  /**
   * An event that resolves an alert.
   *
   * @param event event name
   * @param condition condition on its attributes, in words (README)
   * @param when the condition
   */
  public record Recovery(String event, String condition, Predicate<DriveEvent> when) {}

  /**
   * One row of the table.
   *
   * @param alertname the {@code alertname} label: the firing event's name
   * @param condition when the event fires the alert, in words (README)
   * @param firesWhen the condition
   * @param recoveries the events that resolve it
   * @param keyAttributes attributes identifying one alert of this rule (a later firing event with
   *     the same key replaces it; a recovery with the same key resolves it)
   * @param extraLabels attributes added as labels (dots become underscores) beyond the common ones
   * @param summary the one-line {@code summary} annotation
   */
  public record AlertRule(String alertname, String condition, Predicate<DriveEvent> firesWhen,
      List<Recovery> recoveries, List<String> keyAttributes, List<String> extraLabels,
      Function<DriveEvent, String> summary) {}

  private static final Recovery HEALTH_OK = new Recovery(DRIVE_HEALTH_CHANGE, "`hw.state` = `ok`",
      e -> e.attribute(HW_STATE).equals(OK));

  /** The table. */
  public static final List<AlertRule> RULES = List.of(
      new AlertRule(DRIVE_HEALTH_CHANGE, "`hw.state` ≠ `ok`", e -> !e.attribute(HW_STATE).equals(OK),
          List.of(HEALTH_OK), List.of(HW_ID), List.of(),
          e -> "Drive " + drive(e) + " health is " + e.attribute(HW_STATE)
              + previous(e.attribute(HW_PREVIOUS_STATE))),
      new AlertRule(DRIVE_TEMPERATURE_THRESHOLD, "`nvme.threshold.state` ≠ `below`",
          e -> !e.attribute(THRESHOLD_STATE).equals(BELOW),
          List.of(new Recovery(DRIVE_TEMPERATURE_THRESHOLD, "`nvme.threshold.state` = `below`, same `hw.limit_type`",
              e -> e.attribute(THRESHOLD_STATE).equals(BELOW))),
          List.of(HW_ID, HW_LIMIT_TYPE), List.of(HW_LIMIT_TYPE),
          e -> "Drive " + drive(e) + " composite temperature " + e.attribute(HW_TEMPERATURE) + " °C is "
              + (e.attribute(THRESHOLD_STATE).isEmpty() ? "above" : e.attribute(THRESHOLD_STATE)) + " its "
              + e.attribute(HW_LIMIT_TYPE) + " threshold"),
      new AlertRule(DRIVE_CRITICAL_WARNING, "`nvme.critical_warning` lists at least one bit",
          e -> !e.attribute(CRITICAL_WARNING).isEmpty(),
          List.of(HEALTH_OK, new Recovery(DRIVE_CRITICAL_WARNING, "`nvme.critical_warning` empty",
              e -> e.attribute(CRITICAL_WARNING).isEmpty())),
          List.of(HW_ID), List.of(),
          e -> "Drive " + drive(e) + " raised critical warning " + e.attribute(CRITICAL_WARNING)),
      new AlertRule(CONTROLLER_HEALTH_CHANGE, "`hw.state` ≠ `ok`", e -> !e.attribute(HW_STATE).equals(OK),
          List.of(new Recovery(CONTROLLER_HEALTH_CHANGE, "`hw.state` = `ok`, same `nvme.controller.id`",
              e -> e.attribute(HW_STATE).equals(OK))),
          List.of(HW_ID, CONTROLLER_ID), List.of(CONTROLLER_ID),
          e -> "Controller " + e.attribute(CONTROLLER_ID) + " of drive " + drive(e) + " health is "
              + e.attribute(HW_STATE) + previous(e.attribute(HW_PREVIOUS_STATE))),
      new AlertRule(ENDPOINT_LOST, "always", e -> true,
          List.of(new Recovery(ENDPOINT_RECOVERED, "same `nvme.mctp.network_id` and `nvme.mctp.eid`", e -> true)),
          List.of(NETWORK_ID, EID), List.of(NETWORK_ID, EID),
          e -> "NVMe-MI endpoint " + e.attribute(NETWORK_ID) + ":" + e.attribute(EID)
              + (e.attribute(HW_SERIAL_NUMBER).isEmpty() ? "" : " (drive " + drive(e) + ")")
              + " stopped answering" + (e.attribute(ERROR_TYPE).isEmpty() ? "" : " (" + e.attribute(ERROR_TYPE) + ")")));

  /** Attributes that become labels on every alert (dots become underscores), besides alertname, severity, node. */
  static final List<String> COMMON_LABELS = List.of(HW_ID, HW_SERIAL_NUMBER, HW_MODEL);

  private AlertRules() {}

  /** The alert changes one event causes, resolutions first. */
  public static List<AlertChange> changes(DriveEvent event) {
    List<AlertChange> changes = new ArrayList<>();
    if (event.name() == null) {
      return changes;
    }
    for (AlertRule rule : RULES) {
      for (Recovery recovery : rule.recoveries()) {
        if (recovery.event().equals(event.name()) && recovery.when().test(event)) {
          changes.add(new AlertChange.Resolve(key(rule, event), event.time()));
          break;
        }
      }
    }
    for (AlertRule rule : RULES) {
      if (rule.alertname().equals(event.name()) && rule.firesWhen().test(event)
          && changes.stream().noneMatch(c -> c.key().equals(key(rule, event)))) {
        changes.add(new AlertChange.Fire(key(rule, event), alert(rule, event)));
      }
    }
    return changes;
  }

  static String key(AlertRule rule, DriveEvent event) {
    StringBuilder sb = new StringBuilder(rule.alertname());
    for (String attribute : rule.keyAttributes()) {
      sb.append('|').append(event.attribute(attribute));
    }
    return sb.toString();
  }

  static Alert alert(AlertRule rule, DriveEvent event) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", rule.alertname());
    for (String attribute : COMMON_LABELS) {
      putIfPresent(labels, labelName(attribute), event.attribute(attribute));
    }
    for (String attribute : rule.extraLabels()) {
      putIfPresent(labels, labelName(attribute), event.attribute(attribute));
    }
    labels.put("severity", severity(event.severityNumber()));
    putIfPresent(labels, "node", node(event));

    Map<String, String> annotations = new LinkedHashMap<>();
    String summary = rule.summary().apply(event);
    annotations.put("summary", summary);
    annotations.put("description", event.body() == null || event.body().isBlank() ? summary : event.body());
    event.attributes().forEach((k, v) -> {
      String name = labelName(k);
      if (!labels.containsKey(name) && !k.equals(DriveEvent.EVENT_NAME) && !v.isEmpty()) {
        annotations.put(name, v);
      }
    });
    return new Alert(labels, annotations, event.time());
  }

  /** {@code critical} from ERROR up, {@code warning} from WARN, else {@code info}. */
  static String severity(int severityNumber) {
    if (severityNumber >= Severity.ERROR.getSeverityNumber()) {
      return "critical";
    }
    if (severityNumber >= Severity.WARN.getSeverityNumber()) {
      return "warning";
    }
    return "info";
  }

  /** The node: the resource's {@code k8s.node.name}, else its {@code host.name}; empty if neither. */
  static String node(DriveEvent event) {
    String k8s = event.resource().getOrDefault("k8s.node.name", "");
    return k8s.isEmpty() ? event.resource().getOrDefault("host.name", "") : k8s;
  }

  /** An attribute key as an Alertmanager label name: anything outside {@code [a-zA-Z0-9_]} becomes {@code _}. */
  static String labelName(String attribute) {
    StringBuilder sb = new StringBuilder(attribute.length());
    for (int i = 0; i < attribute.length(); i++) {
      char c = attribute.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
      sb.append(ok ? c : '_');
    }
    return sb.toString();
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (value != null && !value.isEmpty()) {
      map.put(key, value);
    }
  }

  private static String drive(DriveEvent e) {
    String serial = e.attribute(HW_SERIAL_NUMBER);
    String id = serial.isEmpty() ? e.attribute(HW_ID) : serial;
    String model = e.attribute(HW_MODEL);
    return model.isEmpty() ? id : id + " (" + model + ")";
  }

  private static String previous(String previous) {
    return previous.isEmpty() ? "" : " (was " + previous + ")";
  }
}
