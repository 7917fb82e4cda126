package dev.nvmemi.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * Start-up errors an operator can act on (issue #14 item 5): a port that is already taken names
 * the configuration key and the address, and the process ends with status 1 instead of running
 * with a dead endpoint. Each test holds a real socket on an ephemeral port, then starts the agent
 * (a separate JVM) on that port.
 */
class StartupErrorsTest {
  private static final long TIMEOUT_S = 60;

  private static ServerSocket taken() throws Exception {
    return new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
  }

  @Test
  void aPrometheusPortInUseNamesTheKeyAndTheAddressAndExitsWithStatus1() throws Exception {
    try (ServerSocket s = taken()) {
      int port = s.getLocalPort();

      AgentProcess.Result r = AgentProcess.run(TIMEOUT_S, "run", "--simulate=2", "--http-address=127.0.0.1:0",
          "--set", "otel.exporter.prometheus.port=" + port, "--set", "otel.logs.exporter=none");

      assertThat(r.exit()).as(r.err()).isEqualTo(RunCommand.EXIT_STARTUP);
      assertThat(r.err()).contains("nvme-mi-agent: start-up failed: otel.exporter.prometheus.port: cannot listen on"
          + " 127.0.0.1:" + port + ": the address is already in use (another process holds it); stop that process"
          + " or set otel.exporter.prometheus.port to a free port\n");
      assertThat(r.err()).doesNotContain("Unexpected configuration error");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void theStatusPortInUseNamesHttpAddressAndExitsWithStatus1() throws Exception {
    try (ServerSocket s = taken()) {
      int port = s.getLocalPort();

      AgentProcess.Result r = AgentProcess.run(TIMEOUT_S, "run", "--simulate=2", "--http-address=127.0.0.1:" + port,
          "--set", "otel.metrics.exporter=none", "--set", "otel.logs.exporter=none");

      assertThat(r.exit()).as(r.err()).isEqualTo(RunCommand.EXIT_STARTUP);
      assertThat(r.err()).contains("nvme-mi-agent: start-up failed: http.address: cannot listen on 127.0.0.1:" + port
          + ": the address is already in use (another process holds it); stop that process or set http.address"
          + " to a free port\n");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void dbusUnreachableForOnceIsOneLineNamingTheAddressNotAStackTrace() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("no-bus");
    String address = "unix:path=" + dir.resolve("bus");

    AgentProcess.Result r = AgentProcess.run(TIMEOUT_S, "once", "--set", "discovery.dbus.address=" + address);

    assertThat(r.exit()).as(r.err()).isEqualTo(FailureHandler.EXIT_FAILED);
    java.util.List<String> lines = r.err().lines().toList();
    assertThat(lines.get(lines.size() - 1)).isEqualTo("nvme-mi-agent once: cannot follow mctpd on D-Bus at " + address
        + ": DBusException: Failed to connect to bus: No such file or directory");
    assertThat(lines.subList(0, lines.size() - 1)).as("everything else is log lines: no stack trace")
        .allSatisfy(l -> assertThat(l).matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]{12}Z (ERROR|WARN|INFO|DEBUG|TRACE) \\S+ - .*"));
    java.nio.file.Files.delete(dir);
  }
}
