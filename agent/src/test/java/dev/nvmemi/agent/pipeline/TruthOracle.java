package dev.nvmemi.agent.pipeline;

import static dev.nvmemi.agent.pipeline.PipelineHarness.points;

import dev.nvmemi.agent.http.SnapshotJson;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.EndpointState;
import dev.nvmemi.agent.telemetry.AgentTelemetry;
import dev.nvmemi.mi.command.CompositeTemperature;
import dev.nvmemi.simulator.SimulatedEndpoint;
import dev.nvmemi.simulator.model.SimulatedDrive;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The simulator's drive model as the oracle of what the agent exports. Samples the ground truth of
 * every simulated drive once a second and, at every check, compares the exported telemetry
 * (in-memory metric reader) and the {@code /status} rendering of every endpoint with it:
 * <ul>
 *   <li>a drive that has not answered for a whole reachability window is {@code reachable} 0, not
 *       {@code ok}, and has no temperature; one that answered throughout (and whose link is
 *       clean) is reachable 1;</li>
 *   <li>while values are exported, {@code hw.status}, the composite temperature, controller
 *       readiness and the available spare equal the drive's truth at some moment of the last poll
 *       interval (the value window; SMART values the SMART window);</li>
 *   <li>{@code /status} says exactly what the metrics say (reachable, hw state, temperature).</li>
 * </ul>
 * The expected {@code hw.state} is derived here from the specification, independently of the
 * agent's code. Test-thread confined.
 */
final class TruthOracle {
  /** One second of ground truth of one drive. */
  record Truth(long atNanos, boolean answers, boolean present, String hwState, Double celsius, int spare,
      boolean ready0, String serial) {}

  private final PipelineHarness h;
  private final long valueWindow;
  private final long smartWindow;
  private final long reachWindow;
  private final boolean cleanLink;
  private final List<Deque<Truth>> history = new ArrayList<>();
  private int checks;

  /**
   * @param valueWindow one health poll interval (with jitter and the exchange)
   * @param smartWindow one SMART interval
   * @param reachWindow how long a change of reachability may take to show (poll interval, timeout, backoff cap)
   * @param cleanLink whether the link never corrupts answers (then answering means reachable)
   */
  TruthOracle(PipelineHarness h, Duration valueWindow, Duration smartWindow, Duration reachWindow, boolean cleanLink) {
    this.h = h;
    this.valueWindow = valueWindow.toNanos();
    this.smartWindow = smartWindow.toNanos();
    this.reachWindow = reachWindow.toNanos();
    this.cleanLink = cleanLink;
    for (int i = 0; i < h.sim.allEndpoints().size(); i++) {
      history.add(new ArrayDeque<>());
    }
  }

  /** The specification's drive state from the drive model's raw registers. */
  static String expectedHwState(SimulatedDrive d) {
    int cw = d.criticalWarning();
    boolean fatal = false;
    boolean shutdown = false;
    for (int c = 0; c < d.controllerCount(); c++) {
      fatal |= (d.csts(c) & 0x02) != 0;
      shutdown |= ((d.csts(c) >> 2) & 0x3) != 0;
    }
    boolean functional = (d.nss() & 0x20) != 0;
    if (!functional || fatal || (cw & (0x08 | 0x10)) != 0) {
      return "failed"; // not functional, CFS, read-only, volatile memory backup failed
    }
    if ((cw & (0x01 | 0x04)) != 0 || d.pdlu() >= 100) {
      return "predicted_failure"; // spare below threshold, reliability degraded, worn out
    }
    if ((cw & 0x3F) != 0 || shutdown) {
      return "degraded"; // temperature, PMR read-only, shut down; a controller not enabled is not
    }
    return "ok";
  }

  private Truth truth(SimulatedEndpoint ep, long now) {
    boolean answers = ep.answers();
    boolean present = ep.isPresent();
    return ep.inspect(d -> new Truth(now, answers, present, expectedHwState(d),
        CompositeTemperature.celsius(d.ctempByte()) == null ? null
            : CompositeTemperature.celsius(d.ctempByte()).doubleValue(),
        d.availableSpare(), (d.csts(0) & 1) != 0, d.identity().serial()));
  }

  /** Advances the clock second by second for {@code d}, sampling the truth and checking every {@code every}. */
  void run(Duration d, Duration every) {
    long seconds = d.toSeconds();
    long checkEvery = every.toSeconds();
    for (long s = 1; s <= seconds; s++) {
      h.advance(Duration.ofSeconds(1));
      long now = h.timers.nanoTime();
      for (int i = 0; i < history.size(); i++) {
        Deque<Truth> q = history.get(i);
        q.addLast(truth(h.sim.allEndpoints().get(i), now));
        while (now - q.peekFirst().atNanos() > Math.max(reachWindow, smartWindow)) {
          q.removeFirst();
        }
      }
      if (s % checkEvery == 0) {
        check(now);
      }
    }
  }

  int checks() {
    return checks;
  }

  private List<Truth> within(int drive, long now, long window) {
    return history.get(drive).stream().filter(t -> now - t.atNanos() <= window).toList();
  }

  private void fail(int drive, long now, String what) {
    throw new AssertionError("drive " + drive + " at " + Duration.ofNanos(now) + ": " + what + "\n  truth: "
        + within(drive, now, valueWindow) + "\n  agent: " + session(drive).map(EndpointSession::snapshot));
  }

  private Optional<EndpointSession> session(int drive) {
    int eid = h.sim.allEndpoints().get(drive).info().eid();
    return h.fleet.sessions().stream().filter(s -> s.key().eid() == eid).findFirst();
  }

  private void check(long now) {
    checks++;
    Collection<MetricData> m = h.collect();
    for (int i = 0; i < history.size(); i++) {
      Optional<EndpointSession> session = session(i);
      List<Truth> reach = within(i, now, reachWindow);
      boolean goneThroughout = reach.stream().noneMatch(Truth::present);
      if (session.isEmpty()) {
        if (!goneThroughout && now > reachWindow) {
          fail(i, now, "no session for a present endpoint");
        }
        continue;
      }
      DriveSnapshot snap = session.get().snapshot();
      if (goneThroughout && snap.state() != EndpointState.REMOVED) {
        fail(i, now, "an endpoint mctpd no longer lists is " + snap.state());
      }
      if (snap.identity() == null || snap.state() == EndpointState.REMOVED) {
        continue;
      }
      String serial = snap.identity().serialNumber();
      long reachable = longValue(m, "nvme_mi.endpoint.reachable", serial).orElseThrow(
          () -> new AssertionError("no nvme_mi.endpoint.reachable for " + serial));
      String current = currentHwState(m, serial);
      Optional<Double> temp = composite(m, serial);
      if (reach.stream().noneMatch(Truth::answers)) {
        if (reachable != 0 || "ok".equals(current) || temp.isPresent()) {
          fail(i, now, "silent for the whole window but reachable=" + reachable + " hw.state=" + current
              + " temperature=" + temp);
        }
      } else if (cleanLink && reach.stream().allMatch(Truth::answers) && reachable != 1) {
        fail(i, now, "answering throughout the window but reachable=" + reachable);
      }
      if (current != null) {
        String c = current;
        if (!any(i, now, smartWindow, t -> t.answers() && t.hwState().equals(c))) {
          fail(i, now, "hw.state " + current + " is not the drive's state within the window");
        }
      }
      if (temp.isPresent()) {
        double v = temp.get();
        if (!inRange(i, now, valueWindow, v, Truth::celsius)) {
          fail(i, now, "temperature " + v + " is not the drive's within the window");
        }
      }
      Optional<Long> ready = controllerReady(m, serial);
      if (ready.isPresent() && !any(i, now, valueWindow, t -> t.ready0() == (ready.get() == 1))) {
        fail(i, now, "nvme.controller.ready " + ready.get() + " is not the drive's within the window");
      }
      Optional<Double> spare = doubleValue(m, "nvme.spare.available", serial);
      if (spare.isPresent() && !inRange(i, now, smartWindow, spare.get() * 100, t -> (double) t.spare())) {
        fail(i, now, "spare " + spare.get() + " is not the drive's within the SMART window");
      }
      // /status says what the metrics say
      JsonObject status = SnapshotJson.endpoint(snap, now, h.timers.epochNanos(),
          AgentTelemetry.freshness(h.config.poll()));
      if (status.getBoolean("reachable") != (reachable == 1)) {
        fail(i, now, "/status reachable " + status.getBoolean("reachable") + " but metric " + reachable);
      }
      if (!Objects.equals(status.getJsonObject("health").getString("hwState"), current)) {
        fail(i, now, "/status hwState " + status.getJsonObject("health").getString("hwState") + " but metric " + current);
      }
      Double statusTemp = status.getJsonObject("health").getDouble("temperatureCelsius");
      if (!Objects.equals(statusTemp, temp.orElse(null))) {
        fail(i, now, "/status temperature " + statusTemp + " but metric " + temp);
      }
    }
  }

  private boolean any(int drive, long now, long window, Predicate<Truth> p) {
    return within(drive, now, window).stream().anyMatch(p);
  }

  /** Whether {@code v} lies within the range the truth took in the window (values ramp between samples). */
  private boolean inRange(int drive, long now, long window, double v, java.util.function.Function<Truth, Double> f) {
    List<Double> values = within(drive, now, window).stream().filter(Truth::answers).map(f)
        .filter(Objects::nonNull).toList();
    if (values.isEmpty()) {
      return false;
    }
    double lo = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double hi = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return v >= lo - 1.0 && v <= hi + 1.0; // CTEMP is whole degrees, the model's noise ±0.4 °C
  }

  private static Optional<Long> longValue(Collection<MetricData> m, String name, String serial) {
    List<PointData> p = points(m, name, "hw.serial_number", serial);
    return p.isEmpty() ? Optional.empty() : Optional.of(((LongPointData) p.get(0)).getValue());
  }

  private static Optional<Double> doubleValue(Collection<MetricData> m, String name, String serial) {
    List<PointData> p = points(m, name, "hw.serial_number", serial);
    return p.isEmpty() ? Optional.empty() : Optional.of(((DoublePointData) p.get(0)).getValue());
  }

  private static Optional<Long> controllerReady(Collection<MetricData> m, String serial) {
    List<PointData> p = points(m, "nvme.controller.ready", "hw.serial_number", serial, "nvme.controller.id", "0");
    return p.isEmpty() ? Optional.empty() : Optional.of(((LongPointData) p.get(0)).getValue());
  }

  /** The hw.state whose hw.status is 1, null when every state is 0; fails on two at once. */
  static String currentHwState(Collection<MetricData> m, String serial) {
    String found = null;
    for (PointData p : points(m, "hw.status", "hw.serial_number", serial)) {
      if (((LongPointData) p).getValue() == 1) {
        String st = p.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey().equals("hw.state"))
            .map(e -> String.valueOf(e.getValue())).findFirst().orElseThrow();
        if (found != null) {
          throw new AssertionError("two hw.states at once for " + serial + ": " + found + ", " + st);
        }
        found = st;
      }
    }
    return found;
  }

  static Optional<Double> composite(Collection<MetricData> m, String serial) {
    return points(m, "hw.temperature", "hw.serial_number", serial).stream()
        .filter(x -> x.getAttributes().asMap().keySet().stream().noneMatch(k -> k.getKey().equals("hw.sensor_location")))
        .map(x -> ((DoublePointData) x).getValue()).findFirst();
  }
}
