package dev.nvmemi.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.nvmemi.agent.AgentVerticle;
import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.discovery.MctpDiscoverySource;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} against a real agent ({@link AgentVerticle}, what {@code run} deploys, over an
 * in-process simulated fleet on an ephemeral port) and against endpoints that fail in each way
 * {@code status} reports.
 */
class StatusCommandTest {
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = AgentMain.execute(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** The agent as {@code run --simulate=N} deploys it, without exporters, its HTTP server on an ephemeral port. */
  private static final class RunningAgent implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    final AgentVerticle agent;

    RunningAgent(int drives, Path scenario) throws Exception {
      Map<String, Object> keys = new HashMap<>(Map.of("http.address", "127.0.0.1:0", "discovery.mode", "simulate",
          "simulate.drives", drives, "simulate.bus_timing", false));
      if (scenario != null) {
        keys.put("simulate.scenario", scenario.toString());
      }
      AgentConfig config = ConfigLoader.build(keys);
      agent = new AgentVerticle(config, OpenTelemetry.noop(), MctpDiscoverySource.forService(config));
      vertx.deployVerticle(agent).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    String url() {
      return "http://127.0.0.1:" + agent.httpPort();
    }

    /** Reads /status until its endpoints satisfy {@code condition} (at most 60 s). */
    void awaitStatus(String what, Predicate<JsonArray> condition) throws Exception {
      HttpClient client = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      String last = "";
      while (System.nanoTime() - deadline < 0) {
        last = client.send(HttpRequest.newBuilder(URI.create(url() + "/status")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        if (condition.test(new JsonObject(last).getJsonArray("endpoints"))) {
          return;
        }
        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)).get();
      }
      throw new AssertionError("timed out waiting for " + what + "; last /status: " + last);
    }

    @Override
    public void close() throws Exception {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static String hwState(JsonArray endpoints, int i) {
    JsonObject health = endpoints.getJsonObject(i).getJsonObject("health");
    return health == null ? null : health.getString("hwState");
  }

  private static Predicate<JsonArray> allPolled(int drives) {
    return e -> e.size() == drives && java.util.stream.IntStream.range(0, drives)
        .allMatch(i -> "active".equals(e.getJsonObject(i).getString("state")) && hwState(e, i) != null);
  }

  @Test
  void aHealthyFleetIsOneTableRowPerDriveAndExitZero() throws Exception {
    try (RunningAgent agent = new RunningAgent(3, null)) {
      agent.awaitStatus("3 drives polled", allPolled(3));
      Run r = run("status", "--url", agent.url());
      assertThat(r.exit()).as(r.err()).isEqualTo(StatusCommand.EXIT_OK);
      List<String> lines = r.out().lines().toList();
      assertThat(lines).hasSize(4);
      assertThat(lines.get(0)).startsWith("BUS       EID  SERIAL").endsWith("POLLED  SINCE");
      for (int i = 1; i <= 3; i++) {
        assertThat(lines.get(i).split(" +")).as(lines.get(i))
            .startsWith("mctpi2c0", Integer.toString(15 + i)).contains("ok").endsWith("-");
        assertThat(lines.get(i)).as("no colour when stdout is not a terminal").doesNotContain("\u001b[");
      }
    }
  }

  @Test
  void jsonHasTheDocumentedShapeWithEveryDrive() throws Exception {
    try (RunningAgent agent = new RunningAgent(2, null)) {
      // the health state may come from a controller health poll before the subsystem health poll
      // that carries the temperature: wait for both
      agent.awaitStatus("2 drives polled, with their temperatures", e -> allPolled(2).test(e)
          && java.util.stream.IntStream.range(0, 2).allMatch(i -> e.getJsonObject(i).getJsonObject("health")
              .getValue("temperatureCelsius") != null));
      Run r = run("status", "--url", agent.url() + "/", "--json");
      assertThat(r.exit()).as(r.err()).isZero();
      JsonObject doc = new JsonObject(r.out());
      assertThat(doc.fieldNames()).containsExactly("url", "ok", "ready", "discovery", "drives");
      assertThat(doc.getString("url")).isEqualTo(agent.url() + "/status");
      assertThat(doc.getBoolean("ok")).isTrue();
      assertThat(doc.getJsonObject("discovery").getString("source")).isEqualTo("simulate");
      JsonArray drives = doc.getJsonArray("drives");
      assertThat(drives).hasSize(2);
      for (int i = 0; i < 2; i++) {
        JsonObject d = drives.getJsonObject(i);
        assertThat(d.getInteger("eid")).isEqualTo(16 + i);
        assertThat(d.getString("state")).isEqualTo("ok");
        assertThat(d.getBoolean("ok")).isTrue();
        assertThat(d.getString("serialNumber")).isNotBlank();
        assertThat(d.getInteger("temperatureCelsius")).isBetween(0, 100);
        assertThat(d.getInteger("availableSparePercent")).isBetween(0, 100);
        assertThat(d.getDouble("lastPollAgeSeconds")).isNotNegative();
        assertThat(d.getValue("since")).isNotNull();
      }
    }
  }

  @Test
  void aFaultedDriveMakesTheExitStatusOneAndShowsItsState(@TempDir Path dir) throws Exception {
    // drive 1 goes read-only at once: critical warning RO, hw.state failed
    Path scenario = Files.writeString(dir.resolve("ro.json"), """
        {"name": "ro", "events": [{"at": "0s", "drive": 1, "action": "read_only"}]}""");
    try (RunningAgent agent = new RunningAgent(2, scenario)) {
      agent.awaitStatus("drive 1 failed", e -> allPolled(2).test(e) && "failed".equals(hwState(e, 1)));
      Run r = run("status", "--url", agent.url());
      assertThat(r.exit()).isEqualTo(StatusCommand.EXIT_NOT_OK);
      List<String> lines = r.out().lines().toList();
      assertThat(lines.get(1).split(" +")).contains("ok");
      assertThat(lines.get(2).split(" +")).startsWith("mctpi2c0", "17").contains("failed");
      assertThat(r.err()).contains("1 of 2 drives not ok");
      Run j = run("status", "--url", agent.url(), "--json");
      assertThat(j.exit()).isEqualTo(StatusCommand.EXIT_NOT_OK);
      JsonObject doc = new JsonObject(j.out());
      assertThat(doc.getBoolean("ok")).isFalse();
      assertThat(doc.getJsonArray("drives").getJsonObject(1).getString("hwState")).isEqualTo("failed");
      assertThat(doc.getJsonArray("drives").getJsonObject(1).getBoolean("ok")).isFalse();
    }
  }

  @Test
  void aRefusedConnectionIsTheUnreachableExitStatusNamingTheUrl() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Run r = run("status", "--url", "http://127.0.0.1:" + port);
    assertThat(r.exit()).isEqualTo(StatusCommand.EXIT_UNREACHABLE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("cannot read http://127.0.0.1:" + port + "/status: connection refused");
  }

  @Test
  void anAgentThatDoesNotAnswerIsATimeout() throws Exception {
    // the kernel accepts the connection into the backlog; nobody ever answers
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Run r = run("status", "--url", "http://127.0.0.1:" + s.getLocalPort(), "--timeout", "300ms");
      assertThat(r.exit()).isEqualTo(StatusCommand.EXIT_UNREACHABLE);
      assertThat(r.err()).contains("cannot read http://127.0.0.1:" + s.getLocalPort() + "/status: no answer within 300ms (timeout)");
    }
  }

  private static HttpServer serve(int status, String body) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", x -> {
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(status, b.length);
      x.getResponseBody().write(b);
      x.close();
    });
    server.start();
    return server;
  }

  @Test
  void anHttpErrorIsTheUnreachableExitStatusWithTheStatusCode() throws Exception {
    HttpServer server = serve(503, "not ready\n");
    try {
      Run r = run("status", "--url", "http://127.0.0.1:" + server.getAddress().getPort());
      assertThat(r.exit()).isEqualTo(StatusCommand.EXIT_UNREACHABLE);
      assertThat(r.err()).contains("/status: HTTP 503 \"not ready\"");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anAnswerThatIsNotAStatusDocumentIsMalformed() throws Exception {
    HttpServer html = serve(200, "<html>hello</html>");
    HttpServer noEndpoints = serve(200, "{\"ready\": true}");
    HttpServer badEntry = serve(200, "{\"endpoints\": [{\"network\": 1, \"eid\": 9, \"bus\": \"b\", \"state\": 3}]}");
    try {
      Run r = run("status", "--url", "http://127.0.0.1:" + html.getAddress().getPort());
      assertThat(r.exit()).isEqualTo(StatusCommand.EXIT_UNREACHABLE);
      assertThat(r.err()).contains("malformed answer (expected: the agent's /status JSON object): \"<html>hello</html>\"");
      r = run("status", "--url", "http://127.0.0.1:" + noEndpoints.getAddress().getPort());
      assertThat(r.exit()).isEqualTo(StatusCommand.EXIT_UNREACHABLE);
      assertThat(r.err()).contains("malformed answer: no \"endpoints\" array");
      r = run("status", "--url", "http://127.0.0.1:" + badEntry.getAddress().getPort(), "--json");
      assertThat(r.exit()).isEqualTo(StatusCommand.EXIT_UNREACHABLE);
      assertThat(r.err()).contains("malformed answer: endpoints[0]: \"state\": 3 (expected: a string)");
    } finally {
      html.stop(0);
      noEndpoints.stop(0);
      badEntry.stop(0);
    }
  }

  @Test
  void discoveryThatIsNotConnectedIsNotOkEvenWithHealthyDrives() throws Exception {
    // mctpd gone: the agent still answers and its drive is fine, but it cannot see changes
    HttpServer agent = serve(200, """
        {"discovery": {"source": "mctpd", "connected": false, "problem": "no owner of au.com.codeconstruct.MCTP1"},
         "ready": false, "buses": [],
         "endpoints": [{"network": 1, "eid": 9, "bus": "mctpi2c3", "state": "active", "since": "2026-12-03T12:00:00Z",
           "reachable": true, "identity": {"serialNumber": "S1", "model": "M", "firmware": "F"},
           "health": {"hwState": "ok", "temperatureCelsius": 30, "ageSeconds": 2.5}}]}""");
    try {
      Run r = run("status", "--url", "http://127.0.0.1:" + agent.getAddress().getPort(), "--json");
      assertThat(r.exit()).isEqualTo(StatusCommand.EXIT_NOT_OK);
      assertThat(r.err()).contains("discovery (mctpd) is not connected: no owner of au.com.codeconstruct.MCTP1");
      JsonObject doc = new JsonObject(r.out());
      assertThat(doc.getBoolean("ok")).isFalse();
      assertThat(doc.getJsonObject("discovery").getString("problem")).isEqualTo("no owner of au.com.codeconstruct.MCTP1");
      assertThat(doc.getJsonArray("drives").getJsonObject(0).getBoolean("ok")).isTrue();
    } finally {
      agent.stop(0);
    }
  }

  @Test
  void anAgentThatSeesNoDrivesPrintsTheHeaderAndSaysSo() throws Exception {
    HttpServer agent = serve(200, """
        {"discovery": {"source": "mctpd", "connected": true}, "ready": true, "endpoints": [], "buses": []}""");
    try {
      Run r = run("status", "--url", "http://127.0.0.1:" + agent.getAddress().getPort());
      assertThat(r.exit()).isEqualTo(StatusCommand.EXIT_OK);
      assertThat(r.out()).isEqualTo("BUS  EID  SERIAL  MODEL  FIRMWARE  STATE  TEMP  SPARE  USED  POLLED  SINCE\n");
      assertThat(r.err()).contains("the agent sees no drives");
    } finally {
      agent.stop(0);
    }
  }

  @Test
  void aUrlThatIsNotTheAgentsAddressIsAUsageError() {
    Run r = run("status", "--url", "ftp://host:21");
    assertThat(r.exit()).isEqualTo(StatusCommand.EXIT_USAGE);
    assertThat(r.err()).contains("--url ftp://host:21 (expected: http://host:port)");
    assertThat(run("status", "--url", "http://host:9100/metrics").err())
        .contains("(expected: http://host:port, the agent's address, or its /status)");
  }

  @Test
  void withoutUrlTheAddressComesFromTheAgentsConfiguration() {
    assertThat(StatusCommand.defaultUrl(ConfigLoader.build(Map.of()))).isEqualTo("http://127.0.0.1:9100");
    assertThat(StatusCommand.defaultUrl(ConfigLoader.build(Map.of("http.address", "0.0.0.0:9200"))))
        .as("a wildcard host is asked on loopback").isEqualTo("http://127.0.0.1:9200");
    assertThat(StatusCommand.defaultUrl(ConfigLoader.build(Map.of("http.address", "[::]:9100"))))
        .isEqualTo("http://[::1]:9100");
    assertThat(StatusCommand.defaultUrl(ConfigLoader.build(Map.of("http.address", "[fd00::5]:9100"))))
        .isEqualTo("http://[fd00::5]:9100");
    assertThat(StatusCommand.statusUri("http://10.0.0.5:9100").toString()).isEqualTo("http://10.0.0.5:9100/status");
    assertThat(StatusCommand.statusUri("http://10.0.0.5:9100/status").toString()).isEqualTo("http://10.0.0.5:9100/status");
  }

  @Test
  void aConfigurationThatServesNoStatusIsAUsageErrorNamingTheKey(@TempDir Path dir) throws Exception {
    Path off = Files.writeString(dir.resolve("off.yaml"), "http:\n  enabled: false\n");
    Run r = run("status", "--config", off.toString());
    assertThat(r.exit()).isEqualTo(StatusCommand.EXIT_USAGE);
    assertThat(r.err()).contains("http.enabled=false");
  }
}
