package dev.nvmemi.agent.pipeline;

import dev.nvmemi.mi.command.CompositeTemperature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The truth oracle's comparison rules, independent of where the truth and the telemetry come from
 * (the in-process simulator and in-memory reader: {@link TruthOracle}; a simulator's truth log and
 * a scrape of a separate agent process: {@link VmTruthCheck}). For one drive at one moment:
 * <ul>
 *   <li>a drive that has not answered for a whole reachability window is {@code reachable} 0, not
 *       {@code ok}, and has no value at all (temperature, spare, wear, critical warnings, controller
 *       status and readiness); one that answered throughout (and whose link is clean) is reachable 1;</li>
 *   <li>presence, where the telemetry is {@linkplain Exported#complete() complete}: a drive that
 *       answered throughout the reachability window (clean link) has every value: {@code hw.status},
 *       wear, critical warnings, controller status and readiness, the composite temperature unless
 *       the drive reports none, the SMART values (spare) unless its SMART read fails; a drive
 *       whose SMART read failed throughout twice the SMART window has no SMART value;</li>
 *   <li>while values are exported, {@code hw.status}, the composite temperature, controller
 *       readiness and status, wear (percentage used), critical warnings and the available spare
 *       equal the drive's truth at some moment of the last poll interval (the value window; SMART
 *       values the SMART window): no stale value;</li>
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

  /**
   * One sample of one drive's ground truth.
   *
   * @param smartAnswers whether its SMART read answers (the drive answers and no error status fault selects it)
   * @param criticalWarning the drive's critical warning bits (SMART byte 0 layout)
   * @param pdlu percentage used
   * @param controllerStates the expected {@code hw.state} of each controller, by index
   */
  record Truth(long atNanos, boolean answers, boolean present, String hwState, Double celsius, int spare,
      boolean ready0, String serial, boolean smartAnswers, int criticalWarning, int pdlu,
      List<String> controllerStates) {

    /** The truth from the drive's raw registers (as the simulator's model or its truth log holds them). */
    static Truth of(long atNanos, boolean answers, boolean present, int criticalWarning, int[] csts, int nss,
        int pdlu, int ctempByte, int spare, String serial) {
      return of(atNanos, answers, present, criticalWarning, csts, nss, pdlu, ctempByte, spare, serial, answers);
    }

    /** As above; {@code smartAnswers}: whether the SMART read answers now. */
    static Truth of(long atNanos, boolean answers, boolean present, int criticalWarning, int[] csts, int nss,
        int pdlu, int ctempByte, int spare, String serial, boolean smartAnswers) {
      Number c = CompositeTemperature.celsius(ctempByte);
      // a controller's state: its own CSTS and the warnings it reports (no NSS, no PDLU rule)
      List<String> ctrl = Arrays.stream(csts).mapToObj(x -> expectedHwState(criticalWarning, new int[] {x}, 0x20, 0))
          .toList();
      return new Truth(atNanos, answers, present, expectedHwState(criticalWarning, csts, nss, pdlu),
          c == null ? null : c.doubleValue(), spare, csts.length > 0 && (csts[0] & 1) != 0, serial,
          answers && smartAnswers, criticalWarning, pdlu, ctrl);
    }
  }

  /**
   * What the agent exports about one drive at one moment. Null fields are not exported (or, for
   * the {@code /status} fields, not compared with the metrics).
   *
   * @param endurance {@code hw.physical_disk.endurance_utilization} remaining (0..1)
   * @param criticalWarnings the {@code nvme.critical_warning} bits that are 1, as a mask (bit i: the
   *     i-th of {@code HealthDerivation.CRITICAL_WARNING_BITS}, the SMART byte 0 layout)
   * @param controllerStates the {@code hw.state} whose {@code nvme.controller.status} is 1, per controller
   * @param complete whether every value the drive has was read (then a missing one is a mismatch);
   *     false where only some are (the VM step scrapes a few)
   */
  record Exported(long reachable, String hwState, Double temperature, Long ready, Double spare,
      Double endurance, Integer criticalWarnings, Map<Integer, String> controllerStates, boolean complete,
      Boolean statusReachable, String statusHwState, Double statusTemperature, boolean statusGiven) {

    /** Some metrics: a missing value is not a mismatch. */
    static Exported metrics(long reachable, String hwState, Double temperature, Long ready, Double spare) {
      return new Exported(reachable, hwState, temperature, ready, spare, null, null, Map.of(), false, null, null,
          null, false);
    }

    /** Every value the drive may have: a missing one is a mismatch where the truth says it must be there. */
    static Exported all(long reachable, String hwState, Double temperature, Long ready, Double spare,
        Double endurance, Integer criticalWarnings, Map<Integer, String> controllerStates) {
      return new Exported(reachable, hwState, temperature, ready, spare, endurance, criticalWarnings,
          Map.copyOf(controllerStates), true, null, null, null, false);
    }

    /** These metrics and the {@code /status} rendering of the same moment. */
    Exported withStatus(boolean reachable, String hwState, Double temperature) {
      return new Exported(this.reachable, this.hwState, this.temperature, ready, spare, endurance, criticalWarnings,
          controllerStates, complete, reachable, hwState, temperature, true);
    }

    /** Whether any value is exported (beyond identity and reachability). */
    boolean anyValue() {
      return hwState != null || temperature != null || ready != null || spare != null || endurance != null
          || criticalWarnings != null || !controllerStates.isEmpty();
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
      if (e.reachable() != 0 || e.anyValue()) {
        out.add("silent for the whole window but reachable=" + e.reachable() + " and values exported: " + e);
      }
    } else if (cleanLink && reach.stream().allMatch(Truth::answers) && e.reachable() != 1) {
      out.add("answering throughout the window but reachable=" + e.reachable());
    }
    if (e.complete()) {
      presence(history, now, reach, e, out);
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
    if (e.endurance() != null && !inRange(history, now, smartWindow, (1 - e.endurance()) * 100,
        t -> (double) Math.min(100, t.pdlu()))) {
      out.add("endurance remaining " + e.endurance() + " is not the drive's percentage used within the SMART window");
    }
    if (e.criticalWarnings() != null
        && !any(history, now, smartWindow, t -> t.answers() && (t.criticalWarning() & 0x7F) == e.criticalWarnings())) {
      out.add(String.format("critical warnings 0x%02x are not the drive's within the window", e.criticalWarnings()));
    }
    e.controllerStates().forEach((ctrl, state) -> {
      if (!any(history, now, smartWindow, t -> t.answers() && ctrl < t.controllerStates().size()
          && t.controllerStates().get(ctrl).equals(state))) {
        out.add("controller " + ctrl + " status " + state + " is not its state within the window");
      }
    });
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

  /** The values that must be there, and the SMART values that must not, for complete telemetry. */
  private void presence(List<Truth> history, long now, List<Truth> reach, Exported e, List<String> out) {
    boolean covered = !history.isEmpty() && now - history.get(0).atNanos() >= reachWindow - 1_000_000_000L;
    if (covered && cleanLink && reach.stream().allMatch(t -> t.answers() && t.present())) {
      List<String> missing = new ArrayList<>();
      if (e.hwState() == null) {
        missing.add("hw.status");
      }
      if (e.ready() == null) {
        missing.add("nvme.controller.ready");
      }
      if (e.controllerStates().isEmpty()) {
        missing.add("nvme.controller.status");
      }
      if (e.endurance() == null) {
        missing.add("hw.physical_disk.endurance_utilization");
      }
      if (e.criticalWarnings() == null) {
        missing.add("nvme.critical_warning");
      }
      List<Truth> values = within(history, now, valueWindow);
      if (e.temperature() == null && values.stream().allMatch(t -> t.celsius() != null)) {
        missing.add("hw.temperature");
      }
      if (e.spare() == null && reach.stream().allMatch(Truth::smartAnswers)) {
        missing.add("nvme.spare.available");
      }
      if (!missing.isEmpty()) {
        out.add("answering throughout the window but missing " + missing);
      }
    }
    if (e.temperature() != null && within(history, now, valueWindow).stream().allMatch(t -> t.celsius() == null)) {
      out.add("temperature " + e.temperature() + " while the drive reports none");
    }
    List<Truth> smart = history.stream().filter(t -> t.atNanos() <= now && now - t.atNanos() <= 2 * smartWindow).toList();
    boolean smartCovered = !history.isEmpty() && now - history.get(0).atNanos() >= 2 * smartWindow - 1_000_000_000L;
    if (smartCovered && e.spare() != null && smart.stream().noneMatch(Truth::smartAnswers)) {
      out.add("spare " + e.spare() + " while the SMART read failed throughout twice the SMART window");
    }
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
