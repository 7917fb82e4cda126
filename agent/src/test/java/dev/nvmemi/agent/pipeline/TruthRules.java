package dev.nvmemi.agent.pipeline;

import dev.nvmemi.mi.command.CompositeTemperature;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The truth oracle's comparison rules, independent of where the truth and the telemetry come from
 * (the in-process simulator and in-memory reader: {@link TruthOracle}; a simulator's truth log and
 * a scrape of a separate agent process: {@link VmTruthCheck}). For one drive at one moment:
 * <ul>
 *   <li>a drive that has not answered for a whole reachability window is {@code reachable} 0, not
 *       {@code ok}, and has no temperature; one that answered throughout (and whose link is
 *       clean) is reachable 1;</li>
 *   <li>while values are exported, {@code hw.status}, the composite temperature, controller
 *       readiness and the available spare equal the drive's truth at some moment of the last poll
 *       interval (the value window; SMART values the SMART window): no stale value;</li>
 *   <li>{@code /status}, when given with the metrics of the same moment, says exactly what they say.</li>
 * </ul>
 * The expected {@code hw.state} is derived here from the drive's raw registers and the
 * specification, independently of the agent's code. Stateless; any thread.
 *
 * @param valueWindow one health poll interval (with jitter and the exchange), nanoseconds
 * @param smartWindow one SMART interval, nanoseconds
 * @param reachWindow how long a change of reachability may take to show (poll interval, timeout, backoff cap)
 * @param lead how far after the moment of the telemetry a truth sample may be and still count as
 *     "of the window": 0 when the truth is sampled at that moment, one sampling period when the
 *     truth is sampled independently (a drive change is seen by the agent before the next sample)
 * @param cleanLink whether the link never corrupts answers (then answering means reachable)
 */
record TruthRules(long valueWindow, long smartWindow, long reachWindow, long lead, boolean cleanLink) {

  /** The event attributes the oracle's event sequences show. */
  static final String[] EVENT_KEYS = {"hw.limit_type", "nvme.threshold.state", "hw.state", "hw.previous_state",
      "nvme.critical_warning", "error.type", "hw.previous_serial_number", "hw.previous_firmware_version",
      "nvme.controller.id"};

  /** An event as the oracle's sequences write it: "name SEVERITY key=value…" for those of {@code keys} it has. */
  static String event(String name, Object severity, Function<String, Object> attribute, String... keys) {
    StringBuilder sb = new StringBuilder(name).append(' ').append(severity);
    for (String k : keys) {
      Object v = attribute.apply(k);
      if (v != null) {
        sb.append(' ').append(k).append('=').append(v);
      }
    }
    return sb.toString();
  }

  /** One sample of one drive's ground truth. */
  record Truth(long atNanos, boolean answers, boolean present, String hwState, Double celsius, int spare,
      boolean ready0, String serial) {

    /** The truth from the drive's raw registers (as the simulator's model or its truth log holds them). */
    static Truth of(long atNanos, boolean answers, boolean present, int criticalWarning, int[] csts, int nss,
        int pdlu, int ctempByte, int spare, String serial) {
      Number c = CompositeTemperature.celsius(ctempByte);
      return new Truth(atNanos, answers, present, expectedHwState(criticalWarning, csts, nss, pdlu),
          c == null ? null : c.doubleValue(), spare, csts.length > 0 && (csts[0] & 1) != 0, serial);
    }
  }

  /**
   * What the agent exports about one drive at one moment. Null fields are not exported (or, for
   * the {@code /status} fields, not compared with the metrics).
   */
  record Exported(long reachable, String hwState, Double temperature, Long ready, Double spare,
      Boolean statusReachable, String statusHwState, Double statusTemperature, boolean statusGiven) {

    /** Metrics only. */
    static Exported metrics(long reachable, String hwState, Double temperature, Long ready, Double spare) {
      return new Exported(reachable, hwState, temperature, ready, spare, null, null, null, false);
    }

    /** These metrics and the {@code /status} rendering of the same moment. */
    Exported withStatus(boolean reachable, String hwState, Double temperature) {
      return new Exported(this.reachable, this.hwState, this.temperature, ready, spare, reachable, hwState,
          temperature, true);
    }
  }

  /** The specification's drive state from the raw registers. */
  static String expectedHwState(int cw, int[] csts, int nss, int pdlu) {
    boolean fatal = false;
    boolean shutdown = false;
    for (int c : csts) {
      fatal |= (c & 0x02) != 0;
      shutdown |= ((c >> 2) & 0x3) != 0;
    }
    boolean functional = (nss & 0x20) != 0;
    if (!functional || fatal || (cw & (0x08 | 0x10)) != 0) {
      return "failed"; // not functional, CFS, read-only, volatile memory backup failed
    }
    if ((cw & (0x01 | 0x04)) != 0 || pdlu >= 100) {
      return "predicted_failure"; // spare below threshold, reliability degraded, worn out
    }
    if ((cw & 0x3F) != 0 || shutdown) {
      return "degraded"; // temperature, PMR read-only, shut down; a controller not enabled is not
    }
    return "ok";
  }

  /**
   * What disagrees between {@code e}, exported at {@code now}, and the drive's truth samples
   * {@code history} (oldest first); empty when everything agrees.
   */
  List<String> mismatches(List<Truth> history, long now, Exported e) {
    List<String> out = new ArrayList<>();
    List<Truth> reach = history.stream().filter(t -> t.atNanos() <= now && now - t.atNanos() <= reachWindow).toList();
    if (!reach.isEmpty() && reach.stream().noneMatch(Truth::answers)) {
      if (e.reachable() != 0 || "ok".equals(e.hwState()) || e.temperature() != null) {
        out.add("silent for the whole window but reachable=" + e.reachable() + " hw.state=" + e.hwState()
            + " temperature=" + e.temperature());
      }
    } else if (cleanLink && reach.stream().allMatch(Truth::answers) && e.reachable() != 1) {
      out.add("answering throughout the window but reachable=" + e.reachable());
    }
    if (e.hwState() != null && !any(history, now, smartWindow, t -> t.answers() && t.hwState().equals(e.hwState()))) {
      out.add("hw.state " + e.hwState() + " is not the drive's state within the window");
    }
    if (e.temperature() != null && !inRange(history, now, valueWindow, e.temperature(), Truth::celsius)) {
      out.add("temperature " + e.temperature() + " is not the drive's within the window");
    }
    if (e.ready() != null && !any(history, now, valueWindow, t -> t.ready0() == (e.ready() == 1))) {
      out.add("nvme.controller.ready " + e.ready() + " is not the drive's within the window");
    }
    if (e.spare() != null && !inRange(history, now, smartWindow, e.spare() * 100, t -> (double) t.spare())) {
      out.add("spare " + e.spare() + " is not the drive's within the SMART window");
    }
    if (e.statusGiven()) {
      if (!Objects.equals(e.statusReachable(), e.reachable() == 1)) {
        out.add("/status reachable " + e.statusReachable() + " but metric " + e.reachable());
      }
      if (!Objects.equals(e.statusHwState(), e.hwState())) {
        out.add("/status hwState " + e.statusHwState() + " but metric " + e.hwState());
      }
      if (!Objects.equals(e.statusTemperature(), e.temperature())) {
        out.add("/status temperature " + e.statusTemperature() + " but metric " + e.temperature());
      }
    }
    return out;
  }

  /** The samples of the value window ending at {@code now} (plus the lead). */
  List<Truth> within(List<Truth> history, long now, long window) {
    return history.stream().filter(t -> t.atNanos() - now <= lead && now - t.atNanos() <= window).toList();
  }

  private boolean any(List<Truth> history, long now, long window, Predicate<Truth> p) {
    return within(history, now, window).stream().anyMatch(p);
  }

  /** Whether {@code v} lies within the range the truth took in the window (values ramp between samples). */
  private boolean inRange(List<Truth> history, long now, long window, double v, Function<Truth, Double> f) {
    List<Double> values = within(history, now, window).stream().filter(Truth::answers).map(f)
        .filter(Objects::nonNull).toList();
    if (values.isEmpty()) {
      return false;
    }
    double lo = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double hi = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return v >= lo - 1.0 && v <= hi + 1.0; // CTEMP is whole degrees, the model's noise ±0.4 °C
  }
}
