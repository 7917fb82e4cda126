package dev.nvmemi.helm;

import static dev.nvmemi.helm.ChartFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.testsupport.Await;
import dev.nvmemi.testsupport.Required;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the image runs, run here: the repository's launcher and the agent's shaded jar in the installed
 * layout of the image and the Debian package (/usr/bin, /usr/share/nvme-mi-agent), started with the DaemonSet's
 * rendered arguments, environment (downward-API values filled in) and ConfigMap. Discovery is the
 * simulated fleet (chart value config.discovery.mode=simulate); the listeners are moved to loopback
 * by environment, which the agent lets override its file. Needs the packaged jar: it runs in
 * {@code scripts/test} (mvn verify packages the agent before the helm module) and is skipped with
 * the reason when only the test phase ran (failed under CI=true: {@link Required}). Runs on the JUnit thread; the agent is a child process.
 */
class LauncherRuntimeTest {
  /** The launcher's jar in a clone (its other JAR= line is the installed layout's). */
  private static final Pattern JAR_LINE = Pattern.compile("(?m)^\\s*JAR=\"\\$ROOT/(agent/[^\"]+)\"$");
  /** The launcher's jar when installed, relative to its prefix (/usr in the image and the package). */
  private static final Pattern INSTALLED_JAR_LINE = Pattern.compile("(?m)^\\s*JAR=\"\\$ROOT/(share/[^\"]+)\"$");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** The jar the launcher runs, with its build directory as this build uses it. */
  static Path launcherJar(String buildDir) throws IOException {
    Matcher m = JAR_LINE.matcher(Files.readString(SystemdUnitTest.LAUNCHER));
    assertThat(m.find()).as("JAR=\"$ROOT/...\" in bin/nvme-mi-agent").isTrue();
    return ChartFixture.repoRoot().resolve(m.group(1).replace("$BUILD_DIR", buildDir));
  }

  @Test
  void imageLayoutRunsWithTheChartsEnvironmentAndStopsCleanly(@TempDir Path image) throws Exception {
    String buildDir = System.getProperty("nvmemi.build.dir.name", "target");
    Path jar = launcherJar(buildDir);
    if (!Files.exists(jar)) {
      List<Path> shaded;
      try (Stream<Path> built = Files.exists(jar.getParent()) ? Files.list(jar.getParent()) : Stream.empty()) {
        shaded = built.filter(p -> p.getFileName().toString().endsWith("-all.jar")).toList();
      }
      // A differently named shaded jar is the launcher/POM mismatch of issue #7; the packaging
      // module's build (image, Debian package) fails on it too.
      Required.component(false, shaded.isEmpty()
          ? "the agent jar " + jar + " (from mvn package of agent; scripts/test runs mvn verify, which packages it first)"
          : "the agent jar " + jar + " that the launcher runs; the build wrote " + shaded + " (issue #7)");
      return; // not reached: Required throws
    }
    // The image's layout (packaging/pom.xml) with the same two files.
    Path root = image.resolve("usr");
    Path launcher = Files.createDirectories(root.resolve("bin")).resolve("nvme-mi-agent");
    Files.copy(SystemdUnitTest.LAUNCHER, launcher, StandardCopyOption.COPY_ATTRIBUTES);
    Matcher installed = INSTALLED_JAR_LINE.matcher(Files.readString(SystemdUnitTest.LAUNCHER));
    assertThat(installed.find()).as("JAR=\"$ROOT/share/...\" in bin/nvme-mi-agent").isTrue();
    Path imageJar = root.resolve(installed.group(1));
    Files.createDirectories(imageJar.getParent());
    Files.copy(jar, imageJar);

    int httpPort = freePort();
    int metricsPort = freePort();
    Map<String, Object> values = Map.of(
        "config", Map.of("http", Map.of("address", "0.0.0.0:" + httpPort),
            "discovery", Map.of("mode", "simulate"), "simulate", Map.of("drives", 2, "bus_timing", false)),
        "prometheus", Map.of("enabled", true, "port", metricsPort,
            "service", Map.of("enabled", true), "serviceMonitor", Map.of("enabled", true)));
    ChartFixture.Manifests m = ChartFixture.render(values);
    Map<String, Object> container = at(m.one("DaemonSet"), "spec", "template", "spec", "containers", 0);
    Path config = image.resolve("config.yaml");
    Files.writeString(config, (String) at(m.one("ConfigMap"), "data", "config.yaml"));

    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    for (Object arg : (List<?>) container.get("args")) {
      command.add(arg.equals("/etc/nvme-mi-agent/config.yaml") ? config.toString() : (String) arg);
    }
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(image.resolve("agent.log").toFile()).directory(image.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().putAll(containerEnvironment(container));
    // Loopback only in tests (the chart's 0.0.0.0 is for the node's network).
    pb.environment().put("NVME_MI_AGENT_HTTP_ADDRESS", "127.0.0.1:" + httpPort);
    pb.environment().put("OTEL_EXPORTER_PROMETHEUS_HOST", "127.0.0.1");

    Process agent = pb.start();
    try {
      awaitStatus(agent, image, "http://127.0.0.1:" + httpPort + "/healthz");
      awaitStatus(agent, image, "http://127.0.0.1:" + httpPort + "/readyz");
      String metrics = awaitMetrics(agent, image, "http://127.0.0.1:" + metricsPort + "/metrics");

      assertThat(metrics).contains("k8s_node_name=\"node-a\"");
      Set<String> exposed = new LinkedHashSet<>();
      Matcher names = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(metrics);
      while (names.find()) {
        exposed.add(names.group(1));
      }
      // As Prometheus stores them after the chart's ServiceMonitor renaming: the names the dashboard
      // relies on for fleet temperature, health, polling and bus use, and nothing outside the contract.
      var rename = TelemetryNamesTest.scrapeRenaming(m);
      Set<String> stored = new LinkedHashSet<>();
      exposed.forEach(n -> stored.add(rename.apply(n)));
      assertThat(stored).contains("hw_temperature_celsius", "hw_status", "nvme_mi_poll_staleness_seconds",
          "nvme_mi_bus_utilization_ratio", "nvme_mi_endpoint_state");
      assertThat(stored).as("every scraped name is in the telemetry contract")
          .allMatch(n -> TelemetryNamesTest.prometheusMetricNames().contains(n), "a contract name");
      // No OTLP endpoint in these values: the chart sends events to the console, i.e. the pod log.
      assertThat(log(image)).contains("event.name=\"nvme.endpoint.discovered\"");

      // The first check after deploying (README, Deploy): `nvme-mi-agent status` in the pod, as
      // `kubectl exec` runs it, with the container's environment and the chart's config file, whose
      // 0.0.0.0 address it asks on loopback.
      List<String> status = List.of(launcher.toString(), "status", "--config", config.toString());
      Map<String, String> execEnv = new LinkedHashMap<>(containerEnvironment(container));
      execEnv.put("PATH", System.getenv("PATH"));
      // each run is a JVM start (about a second): the attempts pace themselves until both drives are polled
      List<String> shown = Await.value("nvme-mi-agent status exiting 0 (both drives polled)", Duration.ofSeconds(40),
          () -> List.of(runStatus(status, execEnv, image)), exitAndOutput -> exitAndOutput.get(0).equals("0"),
          () -> log(image));
      assertThat(shown.get(1).lines().toList()).as(shown.get(1)).hasSize(3)
          .first().asString().startsWith("BUS").contains("STATE");
    } finally {
      agent.destroy(); // SIGTERM, as the kubelet sends
    }
    long grace = ((Number) ChartFixture.defaultValues().get("terminationGracePeriodSeconds")).longValue();
    assertThat(agent.waitFor(grace, TimeUnit.SECONDS)).as("exit within the grace period: %s", log(image)).isTrue();
    assertThat(agent.exitValue()).as("exit status after SIGTERM: %s", log(image)).isZero();
  }

  /** The container's env: values, downward-API fields filled in, $(VAR) references expanded. */
  static Map<String, String> containerEnvironment(Map<String, Object> container) {
    Map<String, String> fields = Map.of("spec.nodeName", "node-a", "metadata.name", "nvme-agent-x1",
        "metadata.namespace", "monitoring");
    Map<String, String> env = new LinkedHashMap<>();
    for (Object o : (List<?>) container.get("env")) {
      Map<String, Object> e = ChartFixture.at(o);
      String name = (String) e.get("name");
      String value;
      if (e.containsKey("value")) {
        value = String.valueOf(e.get("value"));
        for (var prior : env.entrySet()) {
          value = value.replace("$(" + prior.getKey() + ")", prior.getValue());
        }
      } else {
        value = fields.get(at(e, "valueFrom", "fieldRef", "fieldPath"));
      }
      env.put(name, value);
    }
    return env;
  }

  /** Runs {@code status}; returns its exit status and its output (stdout and stderr). */
  private static String[] runStatus(List<String> command, Map<String, String> env, Path image) throws Exception {
    Path out = image.resolve("status.out");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
        .directory(image.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("status did not finish within 60 s: " + Files.readString(out));
    }
    return new String[] {Integer.toString(p.exitValue()), Files.readString(out)};
  }

  private void awaitStatus(Process agent, Path image, String url) {
    Await.value(url + " answering 200", Duration.ofSeconds(40), () -> {
      assertThat(agent.isAlive()).as("agent running: %s", log(image)).isTrue();
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode(); // an IOException: not listening yet
    }, status -> status == 200, () -> log(image));
  }

  private String awaitMetrics(Process agent, Path image, String url) {
    return Await.value(url + " with drive metrics", Duration.ofSeconds(40), () -> {
      assertThat(agent.isAlive()).as("agent running: %s", log(image)).isTrue();
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString()).body(); // an IOException: not listening yet
    }, body -> body.contains("hw_temperature_celsius{") && body.contains("nvme_mi_poll_staleness_seconds{"),
        () -> log(image));
  }

  private static String log(Path image) {
    try {
      return Files.readString(image.resolve("agent.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
