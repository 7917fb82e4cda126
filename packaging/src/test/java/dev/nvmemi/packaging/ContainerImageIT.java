package dev.nvmemi.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.testsupport.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OCI image tarball that {@code mvn package} writes (packaging/target/nvme-mi-agent-image.tar):
 * its config, its root file system, and that it really starts — the entrypoint run from the unpacked
 * layers in a chroot on a read-only root, as the image's non-root user (see {@link ImageRun}).
 */
class ContainerImageIT {
  private static final Duration START = Duration.ofMinutes(2);

  @Test
  void configRunsTheLauncherAsTheChartsNonRootUser() throws Exception {
    Map<String, Object> config = OciImage.get().runConfig();
    Map<String, Object> values = new Yaml().load(Files.readString(Built.repoRoot().resolve("helm/nvme-mi-agent/values.yaml")));
    Map<String, Object> sc = OciImage.map(values.get("securityContext"));
    assertThat(config.get("User")).isEqualTo(sc.get("runAsUser") + ":" + sc.get("runAsGroup"));
    assertThat(OciImage.<String>list(config.get("Entrypoint"))).containsExactly("/usr/bin/nvme-mi-agent");
    assertThat(OciImage.<String>list(config.get("Cmd"))).containsExactly("run", "--config", "/etc/nvme-mi-agent/config.yaml");
    assertThat(OciImage.<String>list(config.get("Env")))
        .containsExactlyInAnyOrder("PATH=/usr/bin:/bin", "JAVA_HOME=/usr/lib/nvme-mi-agent/runtime");
    assertThat(OciImage.map(config.get("ExposedPorts"))).containsOnlyKeys("9100/tcp", "9464/tcp");
  }

  @Test
  void labelsNameTheVersionAndTheSource() throws Exception {
    Map<String, Object> labels = OciImage.map(OciImage.get().runConfig().get("Labels"));
    assertThat(labels).containsEntry("org.opencontainers.image.version", Built.version());
    assertThat(labels.get("org.opencontainers.image.revision")).asString().matches("[0-9a-f]{40}|unknown .*");
    assertThat(labels.get("org.opencontainers.image.source")).asString().isNotBlank().doesNotContain("@");
  }

  @Test
  void rootHoldsDebianLibrariesAJlinkRuntimeAndTheAgent() throws Exception {
    Path root = OciImage.get().root;
    assertThat(root.resolve("usr/bin/nvme-mi-agent")).isExecutable();
    assertThat(root.resolve("usr/share/nvme-mi-agent/nvme-mi-agent.jar")).isRegularFile();
    assertThat(root.resolve("usr/lib/nvme-mi-agent/jna/libjnidispatch.so")).isRegularFile();
    assertThat(root.resolve("lib/x86_64-linux-gnu/libc.so.6")).exists();
    assertThat(root.resolve("usr/share/doc/libc6/copyright")).as("Debian's licence files travel with the image").exists();
    // Only the modules listed in packaging/pom.xml (no java.desktop, no compiler, no JDK tools).
    String release = Files.readString(root.resolve("usr/lib/nvme-mi-agent/runtime/release"));
    assertThat(release).contains("java.base").contains("jdk.httpserver").doesNotContain("java.desktop").doesNotContain("jdk.compiler");
    assertThat(root.resolve("usr/lib/nvme-mi-agent/runtime/bin/javac")).doesNotExist();
    assertThat(Files.readString(root.resolve("etc/passwd"))).contains("nvme-mi-agent:x:65532:65532:");
  }

  @Test
  void javaCarriesOnlyCapNetRawForTheNonRootUser() throws Exception {
    Command.requireTool("getcap", "libcap2-bin");
    Path java = OciImage.get().root.resolve("usr/lib/nvme-mi-agent/runtime/bin/java");
    Command.Result r = Command.run(Duration.ofSeconds(10), "getcap", java.toString());
    assertThat(r.output().strip()).isEqualTo(java + " cap_net_raw=ep");
  }

  @Test
  void entrypointPrintsTheVersionInAChroot() throws Exception {
    Command.Result r = ImageRun.run(OciImage.get(), START, Map.of(), "--version");
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output().strip()).isEqualTo("nvme-mi-agent " + Built.version());
  }

  @Test
  void entrypointPollsSimulatedDrivesOnAReadOnlyRoot() throws Exception {
    OciImage image = OciImage.get();
    Path out = Files.createTempFile("once", ".json");
    Path err = Files.createTempFile("once", ".err");
    try {
      Process p = ImageRun.start(image, Map.of(), out, err, "once", "--simulate=2");
      assertThat(p.waitFor(START.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).as("once finishes").isTrue();
      assertThat(p.exitValue()).as(Files.readString(err)).isZero();
      Map<String, Object> doc = new Yaml().load(Files.readString(out));
      List<Map<String, Object>> endpoints = OciImage.<Map<String, Object>>list(doc.get("endpoints"));
      assertThat(endpoints).hasSize(2);
      for (Map<String, Object> e : endpoints) {
        assertThat(e.get("state")).as("%s", e).isEqualTo("active");
        assertThat(OciImage.map(e.get("identity")).get("serialNumber")).asString().isNotBlank();
      }
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  @Test
  void statusInTheImageShowsTheDrivesOfTheAgentRunningInTheImage() throws Exception {
    // The first check after a deployment (README, Deploy): `status` is a second JVM in the container,
    // on the jlink runtime (java.net.http), asking the running agent over the shared network.
    OciImage image = OciImage.get();
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    Path out = Files.createTempFile("run", ".out");
    Path err = Files.createTempFile("run", ".err");
    Process agent = ImageRun.start(image, Map.of("NVME_MI_AGENT_HTTP_ADDRESS", "127.0.0.1:" + port,
        "NVME_MI_AGENT_SIMULATE_BUS_TIMING", "false", "OTEL_METRICS_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none"),
        out, err, "run", "--simulate=2");
    try {
      // each `status` is a JVM start (about a second): the attempts pace themselves
      Command.Result r = Await.value("`status` in the image exiting 0", START, () -> {
        assertThat(agent.isAlive()).as("agent running: %s", Files.readString(err)).isTrue();
        return ImageRun.run(image, START, Map.of(), "status", "--url", url);
      }, result -> result.exit() == 0, () -> "agent: " + readQuietly(err));
      List<String> lines = r.output().lines().toList();
      assertThat(lines).hasSize(3);
      assertThat(lines.get(0)).startsWith("BUS").contains("STATE");
      assertThat(lines.subList(1, 3)).allSatisfy(l -> assertThat(l.split(" +")).startsWith("mctpi2c0").contains("ok"));
    } finally {
      agent.destroy();
      if (!agent.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        agent.destroyForcibly().waitFor();
      }
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
    Command.Result gone = ImageRun.run(image, START, Map.of(), "status", "--url", url);
    assertThat(gone.exit()).as(gone.output()).isEqualTo(4);
    assertThat(gone.output()).contains("cannot read " + url + "/status: connection refused");
  }

  @Test
  void jnaLoadsItsExtractedNativePartWithoutUnpackingOnTheReadOnlyRoot() throws Exception {
    // A static endpoint makes the transport open AF_MCTP sockets through JNA; there is no route here,
    // what matters is where JNA's native part came from (JNA logs it with jna.debug_load.jna).
    Command.Result r = ImageRun.run(OciImage.get(), START, Map.of("JAVA_OPTS", "-Djna.debug_load.jna=true"),
        "once", "--static", "1:9");
    assertThat(r.output()).contains("Found jnidispatch at /usr/lib/nvme-mi-agent/jna/libjnidispatch.so")
        .doesNotContain("UnsatisfiedLinkError").doesNotContain("Read-only file system");
  }

  /** The file's text, or what kept it from being read (for a failure message). */
  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
