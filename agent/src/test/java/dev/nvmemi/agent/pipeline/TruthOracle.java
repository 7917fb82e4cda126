package dev.nvmemi.agent.pipeline;

import static dev.nvmemi.agent.drive.HealthDerivation.CRITICAL_WARNING_BITS;
import static dev.nvmemi.agent.pipeline.PipelineHarness.points;

import dev.nvmemi.agent.http.SnapshotJson;
import dev.nvmemi.agent.pipeline.TruthRules.Exported;
import dev.nvmemi.agent.pipeline.TruthRules.Truth;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.EndpointState;
import dev.nvmemi.agent.telemetry.AgentTelemetry;
import dev.nvmemi.simulator.SimulatedEndpoint;
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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The simulator's drive model as the oracle of what the agent exports. Samples the ground truth of
 * every simulated drive once a second and, at every check, compares the exported telemetry
 * (in-memory metric reader) and the {@code /status} rendering of every endpoint with it by
 * {@link TruthRules}; besides, an endpoint mctpd no longer lists is {@code removed} and a present
 * one has a session. Test-thread confined.
 */
final class TruthOracle {
  private final PipelineHarness h;
  private final TruthRules rules;
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
    this.rules = new TruthRules(valueWindow.toNanos(), smartWindow.toNanos(), reachWindow.toNanos(), 0, cleanLink);
    for (int i = 0; i < h.sim.allEndpoints().size(); i++) {
      history.add(new ArrayDeque<>());
    }
  }

  /** A Get Log Page of the SMART / Health log (LID 02h), as far as the simulator's command selectors look. */
  private static final byte[] SMART_READ = smartRead();

  private static byte[] smartRead() {
    byte[] r = new byte[72];
    r[1] = 2 << 3; // NMIMT 2: admin command
    r[4] = 0x02; // Get Log Page
    r[44] = 0x02; // CDW10 LID
    return r;
  }

  private static Truth truth(SimulatedEndpoint ep, long now) {
    boolean answers = ep.answers();
    boolean present = ep.isPresent();
    boolean smartAnswers = !ep.failsWithErrorStatus(SMART_READ);
    return ep.inspect(d -> {
      int[] csts = new int[d.controllerCount()];
      for (int c = 0; c < csts.length; c++) {
        csts[c] = d.csts(c);
      }
      return Truth.of(now, answers, present, d.criticalWarning(), csts, d.nss(), d.pdlu(), d.ctempByte(),
          d.availableSpare(), d.identity().serial(), smartAnswers);
    });
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
        while (now - q.peekFirst().atNanos() > Math.max(rules.reachWindow(), 2 * rules.smartWindow())) {
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

  private void fail(int drive, long now, String what) {
    throw new AssertionError("drive " + drive + " at " + Duration.ofNanos(now) + ": " + what + "\n  truth: "
        + rules.within(List.copyOf(history.get(drive)), now, rules.valueWindow()) + "\n  agent: "
        + session(drive).map(EndpointSession::snapshot));
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
      List<Truth> all = List.copyOf(history.get(i));
      boolean goneThroughout = all.stream().filter(t -> now - t.atNanos() <= rules.reachWindow())
          .noneMatch(Truth::present);
      if (session.isEmpty()) {
        if (!goneThroughout && now > rules.reachWindow()) {
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
      JsonObject status = SnapshotJson.endpoint(snap, now, h.timers.epochNanos(),
          AgentTelemetry.freshness(h.config.poll()));
      JsonObject health = status.getJsonObject("health");
      Exported exported = Exported.all(reachable, currentHwState(m, serial), composite(m, serial).orElse(null),
          controllerReady(m, serial).orElse(null), doubleValue(m, "nvme.spare.available", serial).orElse(null),
          endurance(m, serial).orElse(null), criticalWarnings(m, serial), controllerStates(m, serial))
          .withStatus(status.getBoolean("reachable"), health.getString("hwState"), health.getDouble("temperatureCelsius"));
      List<String> wrong = rules.mismatches(all, now, exported);
      if (!wrong.isEmpty()) {
        fail(i, now, String.join("; ", wrong));
      }
    }
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

  private static Optional<Double> endurance(Collection<MetricData> m, String serial) {
    List<PointData> p = points(m, "hw.physical_disk.endurance_utilization", "hw.serial_number", serial,
        "hw.physical_disk.state", "remaining");
    return p.isEmpty() ? Optional.empty() : Optional.of(((DoublePointData) p.get(0)).getValue());
  }

  private static String attribute(PointData p, String key) {
    return p.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey().equals(key))
        .map(e -> String.valueOf(e.getValue())).findFirst().orElse(null);
  }

  /** The critical warning bits exported as 1, as a mask in the SMART byte 0 layout; null without any point. */
  private static Integer criticalWarnings(Collection<MetricData> m, String serial) {
    List<PointData> p = points(m, "nvme.critical_warning", "hw.serial_number", serial);
    if (p.isEmpty()) {
      return null;
    }
    int mask = 0;
    for (PointData x : p) {
      int bit = CRITICAL_WARNING_BITS.indexOf(attribute(x, "nvme.critical_warning"));
      if (bit < 0) {
        throw new AssertionError("unknown nvme.critical_warning " + attribute(x, "nvme.critical_warning"));
      }
      if (((LongPointData) x).getValue() == 1) {
        mask |= 1 << bit;
      }
    }
    return mask;
  }

  /** The hw.state whose nvme.controller.status is 1, per controller. */
  private static Map<Integer, String> controllerStates(Collection<MetricData> m, String serial) {
    Map<Integer, String> out = new TreeMap<>();
    for (PointData x : points(m, "nvme.controller.status", "hw.serial_number", serial)) {
      if (((LongPointData) x).getValue() == 1
          && out.put(Integer.valueOf(attribute(x, "nvme.controller.id")), attribute(x, "hw.state")) != null) {
        throw new AssertionError("two states at once for controller " + attribute(x, "nvme.controller.id"));
      }
    }
    return out;
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
