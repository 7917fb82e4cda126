package dev.nvmemi.agent.pipeline;

import dev.nvmemi.agent.pipeline.TruthRules.Exported;
import dev.nvmemi.agent.pipeline.TruthRules.Truth;
import dev.nvmemi.testsupport.Await;
import io.opentelemetry.api.logs.Severity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The truth check of the real-kernel VM step (issue #13): the agent ({@code run}, static
 * discovery) polls one simulated drive over the guest kernel's AF_MCTP and mctp-serial while this
 * program steps the drive through {@link VmTimeline}'s states over the simulator's control stream
 * ({@code simulate --control}), scrapes the agent's {@code /metrics} (Prometheus exporter) and
 * {@code /status} every second, and afterwards compares every scrape with the simulator's truth log
 * ({@code simulate --truth-log}) by the in-JVM oracle's {@link TruthRules}, and the events the
 * agent exported ({@code events.jsonl}) with the timeline's exact sequence. Exit status 0 when all
 * agree, 1 with every mismatch (step, time, what was exported, what the drive was), 2 when the
 * chain could not run (the agent never identified the drive, no truth log).
 *
 * <pre>VmTruthCheck --agent-jar JAR --agent-jvm "JVM OPTIONS" --static 1:12 --eid 12
 *     --control FIFO --truth-log FILE --work DIR</pre>
 *
 * <p>Runs on the main thread of a short-lived JVM inside the guest; the agent is its child process.
 */
public final class VmTruthCheck {
  private static final String STATUS_PORT = "9100";
  private static final String METRICS_PORT = "9464";
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final Map<String, String> args;
  private final VmTimeline timeline = VmTimeline.load();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int eid;

  /** One scrape: when it completed, during which step, and what both endpoints said. */
  private record Scrape(long epochMillis, String step, long intoStepMillis, Exported metrics, Exported status) {}

  private VmTruthCheck(Map<String, String> args) {
    this.args = args;
    this.eid = Integer.parseInt(arg("eid"));
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    System.exit(new VmTruthCheck(args).run());
  }

  private String arg(String name) {
    String v = args.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return v;
  }

  private int run() throws Exception {
    Path work = Path.of(arg("work"));
    Path telemetry = work.resolve("telemetry");
    Files.createDirectories(telemetry);
    Path truthLog = Path.of(arg("truth-log"));
    // the simulator has the FIFO open for reading; a dead simulator would block this open forever
    OutputStream control = CompletableFuture.supplyAsync(() -> {
      try {
        return (OutputStream) Files.newOutputStream(Path.of(arg("control")));
      } catch (IOException e) {
        throw new IllegalStateException("cannot open the control stream " + arg("control") + ": " + e.getMessage(), e);
      }
    }).get(60, TimeUnit.SECONDS);
    Process agent = startAgent(work, telemetry);
    List<Scrape> scrapes = new ArrayList<>();
    List<Long> stepStarts = new ArrayList<>();
    long t0 = System.currentTimeMillis();
    try {
      String serial = awaitActive(truthLog, agent, Duration.ofSeconds(240));
      if (serial == null) {
        return 2;
      }
      System.out.println("truth check: drive " + serial + " (eid " + eid + ") active after "
          + (System.currentTimeMillis() - t0) + " ms; stepping through " + timeline.steps().size() + " steps");
      for (VmTimeline.Step step : timeline.steps()) {
        control.write((step.controlLine() + "\n").getBytes(StandardCharsets.UTF_8));
        control.flush();
        long start = System.currentTimeMillis();
        stepStarts.add(start * 1_000_000L);
        System.out.println("truth check: step " + step.name() + " at " + start);
        for (long end = start + step.hold().toMillis(); System.currentTimeMillis() < end; ) {
          long next = System.currentTimeMillis() + 1000;
          scrape(serial).ifPresent(p -> scrapes.add(new Scrape(System.currentTimeMillis(), step.name(),
              System.currentTimeMillis() - start, p[0], p[1])));
          long wait = Math.min(next, end) - System.currentTimeMillis();
          if (wait > 0) {
            Thread.sleep(wait); // pacing the scrapes in real time (the drive and the agent run in real time)
          }
        }
      }
    } finally {
      control.close();
      agent.destroy(); // SIGTERM: the agent flushes its exporters
      if (!agent.waitFor(30, TimeUnit.SECONDS)) {
        agent.destroyForcibly();
      }
    }
    long lastScrape = scrapes.isEmpty() ? 0 : scrapes.get(scrapes.size() - 1).epochMillis();
    Await.until("a truth sample after the last scrape", Duration.ofSeconds(30),
        () -> lastTruthMillis(truthLog) > lastScrape);
    return compare(truthLog, telemetry.resolve("events.jsonl"), scrapes, stepStarts);
  }

  private Process startAgent(Path work, Path telemetry) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java));
    cmd.addAll(List.of(args.getOrDefault("agent-jvm", "").trim().split("\\s+")));
    cmd.removeIf(String::isEmpty);
    cmd.addAll(List.of("-jar", arg("agent-jar"), "run", "--static", arg("static")));
    Map<String, String> set = new LinkedHashMap<>(timeline.settings());
    set.put("http.address", "127.0.0.1:" + STATUS_PORT);
    set.put("otel.metrics.exporter", "prometheus");
    set.put("otel.exporter.prometheus.host", "127.0.0.1");
    set.put("otel.exporter.prometheus.port", METRICS_PORT);
    set.put("otel.logs.exporter", "jsonl");
    set.put("otel.exporter.jsonl.directory", telemetry.toString());
    set.put("otel.exporter.jsonl.fsync", "false");
    set.forEach((k, v) -> cmd.addAll(List.of("--set", k + "=" + v)));
    System.out.println("truth check: " + String.join(" ", cmd));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("agent.log").toFile()).start();
  }

  /** Waits until the agent's /status shows the drive reachable and identified; its serial, or null. */
  private String awaitActive(Path truthLog, Process agent, Duration limit) {
    try {
      JsonObject ep = Await.every(Duration.ofMillis(500)).value("the agent to identify eid " + eid, limit, () -> {
        if (!agent.isAlive()) {
          throw new IllegalStateException("the agent exited (" + agent.exitValue() + ")");
        }
        return endpoint(get(STATUS_PORT, "/status"));
      }, e -> e != null && e.getBoolean("reachable", false) && e.getJsonObject("identity") != null
          && e.getJsonObject("health") != null && e.getJsonObject("health").getString("hwState") != null,
          () -> Files.exists(truthLog) ? "agent log " + arg("work") + "/agent.log" : "no truth log " + truthLog);
      return ep.getJsonObject("identity").getString("serialNumber");
    } catch (AssertionError | IllegalStateException e) {
      System.err.println("truth check: " + e.getMessage());
      return null;
    }
  }

  /** The time of the newest truth sample of this drive, or 0. */
  private long lastTruthMillis(Path truthLog) throws IOException {
    long last = 0;
    for (String line : Files.readAllLines(truthLog)) {
      JsonObject t = new JsonObject(line);
      if (t.getInteger("eid") == eid) {
        last = Math.max(last, t.getLong("epochMillis"));
      }
    }
    return last;
  }

  private String get(String port, String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(path + ": HTTP " + r.statusCode());
    }
    return r.body();
  }

  private JsonObject endpoint(String statusBody) {
    JsonArray eps = new JsonObject(statusBody).getJsonArray("endpoints", new JsonArray());
    for (Object o : eps) {
      JsonObject ep = (JsonObject) o;
      if (ep.getInteger("eid", -1) == eid) {
        return ep;
      }
    }
    return null;
  }

  /** The metrics and the /status view of the drive now; empty when a scrape failed (logged). */
  private java.util.Optional<Exported[]> scrape(String serial) throws InterruptedException {
    try {
      String metrics = get(METRICS_PORT, "/metrics");
      JsonObject ep = endpoint(get(STATUS_PORT, "/status"));
      Map<String, List<Sample>> m = parse(metrics);
      Long reachable = value(m, "nvme_mi_endpoint_reachable", serial, null).map(Double::longValue).orElse(null);
      if (reachable == null) {
        System.err.println("truth check: no nvme_mi_endpoint_reachable for " + serial + " in /metrics; names: "
            + m.keySet());
        return java.util.Optional.empty();
      }
      Exported fromMetrics = Exported.metrics(reachable, hwState(m, serial),
          value(m, "hw_temperature_celsius", serial, "hw_sensor_location").orElse(null),
          value(m, "nvme_controller_ready", serial, null, "nvme_controller_id", "0").map(Double::longValue).orElse(null),
          value(m, "nvme_spare_available", serial, null).orElse(null));
      Exported fromStatus = null;
      if (ep != null) {
        JsonObject health = ep.getJsonObject("health", new JsonObject());
        fromStatus = Exported.metrics(ep.getBoolean("reachable", false) ? 1 : 0, health.getString("hwState"),
            health.getDouble("temperatureCelsius"), null, null);
      }
      return java.util.Optional.of(new Exported[] {fromMetrics, fromStatus});
    } catch (IOException e) {
      System.err.println("truth check: scrape failed: " + e);
      return java.util.Optional.empty();
    }
  }

  private record Sample(Map<String, String> labels, double value) {}

  /** Prometheus text exposition: samples by metric name (a unit-"1" gauge's "_ratio" suffix dropped). */
  static Map<String, List<Sample>> parse(String exposition) {
    Map<String, List<Sample>> out = new HashMap<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher s = SAMPLE.matcher(line);
      if (!s.matches()) {
        continue;
      }
      Map<String, String> labels = new HashMap<>();
      if (s.group(2) != null) {
        Matcher l = LABEL.matcher(s.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
      }
      String name = s.group(1).replaceFirst("_ratio$", "");
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(new Sample(labels, Double.parseDouble(s.group(3))));
    }
    return out;
  }

  /** The value of {@code name} for the drive, without the label {@code absent} (or with it empty), matching {@code kv}. */
  private static java.util.Optional<Double> value(Map<String, List<Sample>> m, String name, String serial,
      String absent, String... kv) {
    return m.getOrDefault(name, List.of()).stream()
        .filter(x -> serial.equals(x.labels().get("hw_serial_number")))
        .filter(x -> absent == null || x.labels().getOrDefault(absent, "").isEmpty())
        .filter(x -> {
          for (int i = 0; i + 1 < kv.length; i += 2) {
            if (!kv[i + 1].equals(x.labels().get(kv[i]))) {
              return false;
            }
          }
          return true;
        }).map(Sample::value).findFirst();
  }

  /** The drive's hw_state whose hw_status is 1 (controllers' own series aside); null when none. */
  private static String hwState(Map<String, List<Sample>> m, String serial) {
    List<String> on = m.getOrDefault("hw_status", List.of()).stream()
        .filter(x -> serial.equals(x.labels().get("hw_serial_number")) && !x.labels().containsKey("nvme_controller_id"))
        .filter(x -> x.value() == 1).map(x -> x.labels().get("hw_state")).toList();
    if (on.size() > 1) {
      return "two states at once " + on;
    }
    return on.isEmpty() ? null : on.get(0);
  }

  private int compare(Path truthLog, Path events, List<Scrape> scrapes, List<Long> stepStarts) throws IOException {
    List<String> problems = new ArrayList<>();
    List<Truth> history = new ArrayList<>();
    for (String line : Files.readAllLines(truthLog)) {
      JsonObject t = new JsonObject(line);
      if (t.getInteger("eid") != eid) {
        continue;
      }
      JsonArray c = t.getJsonArray("csts");
      int[] csts = new int[c.size()];
      for (int i = 0; i < csts.length; i++) {
        csts[i] = c.getInteger(i);
      }
      history.add(Truth.of(t.getLong("epochMillis") * 1_000_000L, t.getBoolean("answers"), t.getBoolean("present"),
          t.getInteger("criticalWarning"), csts, t.getInteger("nss"), t.getInteger("pdlu"), t.getInteger("ctemp"),
          t.getInteger("availableSpare"), t.getString("serial")));
    }
    if (history.isEmpty()) {
      System.err.println("truth check: no truth for eid " + eid + " in " + truthLog);
      return 2;
    }
    // the truth is sampled once a second independently of the scrapes: a sample up to 1.5 s after a
    // scrape may be the first to show a change the agent already saw
    TruthRules rules = new TruthRules(timeline.value().toNanos(), timeline.smart().toNanos(),
        timeline.reach().toNanos(), Duration.ofMillis(1500).toNanos(), true);
    Map<String, Integer> perStep = new LinkedHashMap<>();
    for (Scrape s : scrapes) {
      perStep.merge(s.step(), 1, Integer::sum);
      long now = s.epochMillis() * 1_000_000L;
      List<String> wrong = new ArrayList<>(rules.mismatches(history, now, s.metrics()).stream().map(w -> "/metrics: " + w).toList());
      if (s.status() == null) {
        wrong.add("/status has no endpoint with eid " + eid);
      } else {
        rules.mismatches(history, now, s.status()).forEach(w -> wrong.add("/status: " + w));
      }
      if (!wrong.isEmpty()) {
        problems.add("step " + s.step() + " +" + s.intoStepMillis() + " ms: " + String.join("; ", wrong)
            + "\n    exported " + s.metrics() + "\n    /status " + s.status()
            + "\n    truth " + rules.within(history, now, rules.smartWindow()));
      }
    }
    for (VmTimeline.Step step : timeline.steps()) {
      // a scrape a second is the aim; under TCG the first ones (class loading, JIT) take longer
      if (perStep.getOrDefault(step.name(), 0) < 2) {
        problems.add("step " + step.name() + ": " + perStep.getOrDefault(step.name(), 0)
            + " scrape(s) answered (expected: at least 2, one a second)");
      }
    }
    List<VmTimeline.TimedEvent> got = new ArrayList<>();
    for (String line : Files.exists(events) ? Files.readAllLines(events) : List.<String>of()) {
      JsonObject e = new JsonObject(line);
      got.add(new VmTimeline.TimedEvent(e.getLong("time_unix_nano"), render(e)));
    }
    List<String> wrongEvents = timeline.eventMismatches(got, stepStarts);
    if (!wrongEvents.isEmpty()) {
      problems.add("events (" + events + ") do not match the timeline:\n    " + String.join("\n    ", wrongEvents)
          + "\n    all: " + got);
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("truth check: " + p));
      System.err.println("truth check: FAILED, " + problems.size() + " problem(s) in " + scrapes.size() + " scrapes");
      return 1;
    }
    System.out.println(String.format(Locale.ROOT, "{\"vm_truth_steps\":%d,\"vm_truth_scrapes\":%d,\"vm_truth_events\":%d}",
        timeline.steps().size(), scrapes.size(), got.size()));
    return 0;
  }

  /** An exported event as the oracle suite writes it: "name SEVERITY key=value…". */
  private static String render(JsonObject e) {
    int number = e.getInteger("severity_number", 0);
    String severity = e.getString("severity_text");
    for (Severity s : Severity.values()) {
      if (s.getSeverityNumber() == number) {
        severity = s.name();
      }
    }
    JsonObject attributes = e.getJsonObject("attributes", new JsonObject());
    return TruthRules.event(e.getString("name"), severity, k -> {
      Object v = attributes.getValue(k);
      return v instanceof JsonArray a ? a.getList() : v;
    }, TruthRules.EVENT_KEYS);
  }
}
