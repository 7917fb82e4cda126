package dev.nvmemi.agent.pipeline;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The truth chain's timeline ({@code truth/vm-timeline.json}, commented there): the agent's
 * settings, the comparison windows, the drive's steps and the exact events expected. One fixture
 * for the real-kernel VM step ({@link VmTruthCheck}) and its virtual-time twin in
 * {@code TruthOracleTest}, so both check the same story. Immutable.
 */
record VmTimeline(Map<String, String> settings, Duration value, Duration smart, Duration reach, List<Step> steps,
    List<String> initial) {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  /**
   * One step of the drive's story.
   *
   * @param name what the step does
   * @param hold how long it lasts before the next step
   * @param events its scenario events (times from the step's start)
   * @param expect the agent's events while it lasts
   */
  record Step(String name, Duration hold, JsonArray events, List<String> expect) {
    /** The step as one line of the simulator's control stream. */
    String controlLine() {
      return new JsonObject().put("name", name).put("events", events).encode();
    }
  }

  static VmTimeline load() {
    try (InputStream in = VmTimeline.class.getResourceAsStream("/truth/vm-timeline.json")) {
      if (in == null) {
        throw new IllegalStateException("truth/vm-timeline.json is not on the class path");
      }
      return parse(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static VmTimeline parse(JsonObject o) {
    Map<String, String> settings = new LinkedHashMap<>();
    o.getJsonObject("settings").forEach(e -> settings.put(e.getKey(), String.valueOf(e.getValue())));
    JsonObject w = o.getJsonObject("windows");
    List<Step> steps = new ArrayList<>();
    for (Object s : o.getJsonArray("steps")) {
      JsonObject step = (JsonObject) s;
      steps.add(new Step(step.getString("name"), duration(step.getString("hold")), step.getJsonArray("events"),
          strings(step.getJsonArray("expect"))));
    }
    List<String> events = strings(o.getJsonArray("initial"));
    return new VmTimeline(Map.copyOf(settings), duration(w.getString("value")), duration(w.getString("smart")),
        duration(w.getString("reach")), List.copyOf(steps), events);
  }

  private static List<String> strings(JsonArray a) {
    return a.stream().map(String::valueOf).toList();
  }

  /** An event the agent exported, when (epoch nanoseconds) and as "name SEVERITY key=value…". */
  record TimedEvent(long epochNanos, String text) {}

  /**
   * What is wrong with the agent's events given when each step started (epoch nanoseconds): before
   * the first step exactly {@link #initial}, during each step exactly its {@link Step#expect}, in
   * any order within the step except among the endpoint's own ({@code nvme.endpoint.*}) events.
   */
  List<String> eventMismatches(List<TimedEvent> got, List<Long> stepStarts) {
    List<String> out = new ArrayList<>();
    for (int i = -1; i < steps.size(); i++) {
      long from = i < 0 ? Long.MIN_VALUE : stepStarts.get(i);
      long to = i + 1 < steps.size() ? stepStarts.get(i + 1) : Long.MAX_VALUE;
      List<String> expected = i < 0 ? initial : steps.get(i).expect();
      List<String> actual = got.stream().filter(e -> e.epochNanos() >= from && e.epochNanos() < to)
          .map(TimedEvent::text).toList();
      String where = i < 0 ? "before the first step" : "during step " + steps.get(i).name();
      if (!sorted(actual).equals(sorted(expected)) || !lifecycle(actual).equals(lifecycle(expected))) {
        out.add("events " + where + ": expected " + expected + ", got " + actual);
      }
    }
    return out;
  }

  private static List<String> sorted(List<String> l) {
    return l.stream().sorted().toList();
  }

  private static List<String> lifecycle(List<String> l) {
    return l.stream().filter(e -> e.startsWith("nvme.endpoint.")).toList();
  }

  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("duration \"" + text + "\" (expected: e.g. 500ms, 6s, 2m)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }

  /** The whole story as one scenario file, each step's events shifted to its start after {@code lead}. */
  String asScenario(Duration lead) {
    JsonArray all = new JsonArray();
    Duration start = lead;
    for (Step s : steps) {
      for (Object e : s.events()) {
        JsonObject ev = ((JsonObject) e).copy();
        ev.put("at", start.plus(duration(ev.getString("at"))).toMillis() + "ms");
        all.add(ev);
      }
      start = start.plus(s.hold());
    }
    return new JsonObject().put("name", "vm-timeline").put("events", all).encode();
  }

  /** The length of all steps. */
  Duration length() {
    return steps.stream().map(Step::hold).reduce(Duration.ZERO, Duration::plus);
  }
}
