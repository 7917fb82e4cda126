package dev.nvmemi.plugins.alertmanager;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Renders the body of {@code POST /api/v2/alerts} (Alertmanager's {@code postableAlerts}: a JSON
 * array of {@code labels}, {@code annotations}, {@code startsAt}, {@code endsAt}).
 *
 * <p>Stateless; any thread.
 */
final class AlertPayload {
  private AlertPayload() {}

  /**
   * @param firing alerts still firing: posted with {@code endsAt = now + ttl}, so Alertmanager keeps
   *     them active until the next re-post and lets them expire if the agent goes away
   * @param resolved alerts that cleared: posted with their (past) {@code endsAt}
   */
  static String json(Collection<Alert> firing, Collection<AlertBook.Resolved> resolved, Instant now, Duration ttl) {
    StringBuilder sb = new StringBuilder(512);
    sb.append('[');
    boolean first = true;
    for (Alert alert : firing) {
      first = alert(sb, first, alert, now.plus(ttl));
    }
    for (AlertBook.Resolved r : resolved) {
      first = alert(sb, first, r.alert(), r.endsAt());
    }
    return sb.append(']').toString();
  }

  private static boolean alert(StringBuilder sb, boolean first, Alert alert, Instant endsAt) {
    if (!first) {
      sb.append(',');
    }
    sb.append("{\"labels\":");
    map(sb, alert.labels());
    sb.append(",\"annotations\":");
    map(sb, alert.annotations());
    sb.append(",\"startsAt\":");
    string(sb, alert.startsAt().toString());
    sb.append(",\"endsAt\":");
    string(sb, endsAt.toString());
    sb.append('}');
    return false;
  }

  private static void map(StringBuilder sb, Map<String, String> map) {
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(map).entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      string(sb, e.getKey());
      sb.append(':');
      string(sb, e.getValue());
    }
    sb.append('}');
  }

  /** Appends a JSON string literal (RFC 8259 §7). */
  static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          if (c < 0x20 || Character.isSurrogate(c) && !validSurrogate(s, i)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
