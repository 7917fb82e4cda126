package dev.nvmemi.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.testsupport.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's bounded JVM defaults (bin/nvme-mi-agent, JVM_DEFAULTS), run where they matter most:
 * in the image (chroot, read-only root, the image's jlink runtime). With them, a fleet of 1000
 * simulated drives is scraped through the Prometheus exporter; and an OutOfMemoryError (a heap made
 * too small for the fleet) ends the process with status 3, so that systemd (Restart=on-failure) or
 * Kubernetes restarts it, instead of leaving a dead exporter thread behind a healthy-looking agent.
 */
class MemoryDefaultsIT {
  private static final Pattern HW_ID = Pattern.compile("hw_id=\"([^\"]+)\"");
  /** The pace of the scrapes that wait for the fleet: a scraper's, not a busy loop's. */
  private static final Await.Paced SCRAPES = Await.every(Duration.ofSeconds(2));
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir
  Path dir;

  @Test
  void thousandSimulatedDrivesAreScrapedWithTheDefaults() throws Exception {
    int httpPort = freePort();
    int metricsPort = freePort();
    Process agent = start(httpPort, metricsPort, Map.of(), 1000);
    try {
      String url = "http://127.0.0.1:" + metricsPort + "/metrics";
      // a scrape of 1000 drives costs the agent memory: look every 2 s, as a scraper would
      SCRAPES.value("1000 drives in a scrape", Duration.ofMinutes(4), () -> {
        assertThat(agent.isAlive()).as("agent running: %s", log()).isTrue();
        HttpResponse<String> r = scrape(url);
        return r != null && r.statusCode() == 200 ? distinctDrives(r.body()) : 0;
      }, drives -> drives == 1000, this::log);
      // Steady state: every further scrape succeeds and the agent stays up.
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> r = scrape(url);
        assertThat(r).as("scrape %d answered: %s", i, log()).isNotNull();
        assertThat(r.statusCode()).as("scrape %d", i).isEqualTo(200);
        assertThat(distinctDrives(r.body())).isEqualTo(1000);
      }
      assertThat(agent.isAlive()).as("agent running: %s", log()).isTrue();
    } finally {
      stop(agent);
    }
  }

  @Test
  void anOutOfMemoryErrorEndsTheProcessWithStatus3() throws Exception {
    int httpPort = freePort();
    int metricsPort = freePort();
    // JAVA_OPTS come after the defaults and win: a heap far too small for 1000 drives and their scrape.
    Process agent = start(httpPort, metricsPort, Map.of("JAVA_OPTS", "-Xmx32m"), 1000);
    try {
      // the scrapes are what run it out of memory: one a second until the process ends
      Await.every(Duration.ofSeconds(1)).until("the agent ended by its OutOfMemoryError", Duration.ofMinutes(3), () -> {
        scrape("http://127.0.0.1:" + metricsPort + "/metrics");
        return !agent.isAlive();
      }, this::log);
      assertThat(agent.isAlive()).as("the agent ended within 3 minutes: %s", log()).isFalse();
      assertThat(agent.exitValue()).as("-XX:+ExitOnOutOfMemoryError's exit status: %s", log()).isEqualTo(3);
      // HotSpot writes its last words to standard output.
      assertThat(log()).contains("Terminating due to java.lang.OutOfMemoryError");
    } finally {
      stop(agent);
    }
  }

  private Process start(int httpPort, int metricsPort, Map<String, String> extra, int drives) throws Exception {
    Map<String, String> env = new HashMap<>(extra);
    env.put("NVME_MI_AGENT_HTTP_ADDRESS", "127.0.0.1:" + httpPort);
    env.put("NVME_MI_AGENT_SIMULATE_BUS_TIMING", "false");
    env.put("OTEL_METRICS_EXPORTER", "prometheus");
    env.put("OTEL_EXPORTER_PROMETHEUS_HOST", "127.0.0.1");
    env.put("OTEL_EXPORTER_PROMETHEUS_PORT", Integer.toString(metricsPort));
    env.put("OTEL_LOGS_EXPORTER", "none");
    return ImageRun.start(OciImage.get(), env, dir.resolve("agent.out"), dir.resolve("agent.err"),
        "run", "--simulate=" + drives);
  }

  private HttpResponse<String> scrape(String url) throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException notAnswering) {
      return null;
    }
  }

  private static int distinctDrives(String body) {
    Matcher m = HW_ID.matcher(body);
    java.util.Set<String> ids = new java.util.HashSet<>();
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids.size();
  }

  private static void stop(Process agent) throws InterruptedException {
    agent.destroy();
    if (!agent.waitFor(20, TimeUnit.SECONDS)) {
      agent.destroyForcibly().waitFor();
    }
  }

  /** The tail of the agent's standard error and standard output. */
  private String log() {
    StringBuilder b = new StringBuilder();
    for (String f : new String[] {"agent.err", "agent.out"}) {
      try {
        String text = Files.readString(dir.resolve(f));
        b.append("--- ").append(f).append(" ---\n").append(text.length() > 3000 ? text.substring(text.length() - 3000) : text);
      } catch (IOException e) {
        b.append(e);
      }
    }
    return b.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
