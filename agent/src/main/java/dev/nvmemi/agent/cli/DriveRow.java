package dev.nvmemi.agent.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One drive as the operator view shows it ({@code status}, {@code once --format table}): read from
 * one entry of the {@code /status} document (the same JSON {@code once} prints,
 * {@link dev.nvmemi.agent.http.SnapshotJson#endpoint}), so both commands show the same thing. A
 * value the entry does not carry (an unreachable drive exports no temperature, spare or wear;
 * nothing is known before identification) is null, never a stale or made-up one.
 *
 * <p>{@link #state()} is what the table shows: the drive's health ({@code ok}, {@code degraded},
 * {@code predicted_failure}, {@code failed}) while its endpoint is {@code active}, {@code unknown}
 * for an active drive whose health values have aged out, otherwise the endpoint's state
 * ({@code identifying}, {@code backoff}, {@code lost}, {@code degraded_connectivity}, ...). A drive
 * is {@link #ok()} only when active and healthy.
 *
 * <p>Immutable; thread-safe.
 *
 * @param network MCTP network id
 * @param eid MCTP endpoint id
 * @param bus the physical bus ({@code nvme.bus})
 * @param serialNumber from Identify, null before identification
 * @param model from Identify, null before identification
 * @param firmware from Identify, null before identification
 * @param state the displayed state (above)
 * @param endpointState the endpoint's lifecycle state ({@code nvme_mi.endpoint.state})
 * @param hwState the drive's health ({@code hw.state}), null when not known now
 * @param reachable whether the endpoint answers now
 * @param since when the endpoint entered its state (ISO-8601 instant), null when not given
 * @param error the endpoint's last error while it is not reachable, null otherwise
 * @param temperatureCelsius composite temperature, null when not known now
 * @param availableSparePercent available spare (SMART log, else the worst controller), null when not known now
 * @param percentageUsed life used in percent (may exceed 100), null when not known now
 * @param lastPollAgeSeconds age of the last good health reading, null when there never was one
 */
public record DriveRow(long network, int eid, String bus, String serialNumber, String model, String firmware,
    String state, String endpointState, String hwState, boolean reachable, String since, String error,
    Integer temperatureCelsius, Integer availableSparePercent, Integer percentageUsed, Double lastPollAgeSeconds) {

  /** The health state of a drive that is fine. */
  public static final String OK = "ok";

  public DriveRow {
    Objects.requireNonNull(bus, "bus");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(endpointState, "endpointState");
  }

  /** Whether the drive is reachable and healthy. */
  public boolean ok() {
    return "active".equals(endpointState) && OK.equals(hwState);
  }

  /**
   * Reads one entry of {@code /status}'s {@code endpoints}.
   *
   * @throws IllegalArgumentException naming the member that is missing or of the wrong type
   */
  public static DriveRow fromStatus(JsonObject e) {
    long network = number(e, "network", true).longValue();
    int eid = number(e, "eid", true).intValue();
    String bus = text(e, "bus", true);
    String endpointState = text(e, "state", true);
    Object reachable = e.getValue("reachable");
    if (!(reachable instanceof Boolean)) {
      throw new IllegalArgumentException("\"reachable\": " + describe(reachable) + " (expected: true or false)");
    }
    JsonObject identity = object(e, "identity");
    JsonObject health = object(e, "health");
    JsonObject smart = object(e, "smart");
    String hwState = health == null ? null : text(health, "hwState", false);
    String shown = !"active".equals(endpointState) ? endpointState : hwState == null ? "unknown" : hwState;
    Number temperature = health == null ? null : number(health, "temperatureCelsius", false);
    Number spare = smart == null ? null : number(smart, "availableSpare", false);
    if (spare == null) {
      spare = worstControllerSpare(e);
    }
    Number used = health == null ? null : number(health, "percentageUsed", false);
    if (used == null && smart != null) {
      used = number(smart, "percentageUsed", false);
    }
    Number age = health == null ? null : number(health, "ageSeconds", false);
    boolean isReachable = (Boolean) reachable;
    String since = text(e, "since", false);
    if (since != null) {
      try {
        java.time.Instant.parse(since);
      } catch (java.time.format.DateTimeParseException x) {
        throw new IllegalArgumentException("\"since\": \"" + since + "\" (expected: an ISO-8601 instant)");
      }
    }
    return new DriveRow(network, eid, bus,
        identity == null ? null : text(identity, "serialNumber", false),
        identity == null ? null : text(identity, "model", false),
        identity == null ? null : text(identity, "firmware", false),
        shown, endpointState, hwState, isReachable,
        since,
        isReachable ? null : text(e, "error", false),
        temperature == null ? null : temperature.intValue(),
        spare == null ? null : spare.intValue(),
        used == null ? null : used.intValue(),
        age == null ? null : age.doubleValue());
  }

  /** The drive in the documented shape of {@code status --json} (every member present, null when not known). */
  public JsonObject toJson() {
    return new JsonObject()
        .put("bus", bus)
        .put("network", network)
        .put("eid", eid)
        .put("serialNumber", serialNumber)
        .put("model", model)
        .put("firmware", firmware)
        .put("state", state)
        .put("ok", ok())
        .put("endpointState", endpointState)
        .put("hwState", hwState)
        .put("reachable", reachable)
        .put("since", since)
        .put("error", error)
        .put("temperatureCelsius", temperatureCelsius)
        .put("availableSparePercent", availableSparePercent)
        .put("percentageUsed", percentageUsed)
        .put("lastPollAgeSeconds", lastPollAgeSeconds);
  }

  private static Number worstControllerSpare(JsonObject e) {
    Object v = e.getValue("controllers");
    if (!(v instanceof JsonArray controllers)) {
      return null;
    }
    Integer worst = null;
    for (Object c : controllers) {
      Number n = c instanceof JsonObject o ? number(o, "availableSpare", false) : null;
      if (n != null) {
        worst = worst == null ? n.intValue() : Math.min(worst, n.intValue());
      }
    }
    return worst;
  }

  private static Number number(JsonObject o, String key, boolean required) {
    Object v = o.getValue(key);
    if (v instanceof Number n) {
      return n;
    }
    if (v == null && !required) {
      return null;
    }
    throw new IllegalArgumentException("\"" + key + "\": " + describe(v) + " (expected: a number)");
  }

  private static String text(JsonObject o, String key, boolean required) {
    Object v = o.getValue(key);
    if (v instanceof String s) {
      return s;
    }
    if (v == null && !required) {
      return null;
    }
    throw new IllegalArgumentException("\"" + key + "\": " + describe(v) + " (expected: a string)");
  }

  private static JsonObject object(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v == null || v instanceof JsonObject) {
      return (JsonObject) v;
    }
    throw new IllegalArgumentException("\"" + key + "\": " + describe(v) + " (expected: an object)");
  }


  private static String describe(Object v) {
    return v == null ? "missing" : v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }
}
