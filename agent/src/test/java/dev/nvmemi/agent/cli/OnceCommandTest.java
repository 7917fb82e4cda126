package dev.nvmemi.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OnceCommandTest {
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

  @Test
  void oncePollsEverySimulatedDriveAndPrintsOneJsonDocument() {
    Run r = run("once", "--simulate=2", "--settle", "200ms", "--set", "simulate.bus_timing=false");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonArray endpoints = new JsonObject(r.out()).getJsonArray("endpoints");
    assertThat(endpoints).hasSize(2);
    for (int i = 0; i < endpoints.size(); i++) {
      JsonObject e = endpoints.getJsonObject(i);
      assertThat(e.getInteger("network")).isEqualTo(1);
      assertThat(e.getInteger("eid")).isEqualTo(16 + i);
      assertThat(e.getString("bus")).isEqualTo("mctpi2c0");
      assertThat(e.getJsonObject("identity").fieldNames())
          .contains("vendorId", "serialNumber", "model", "firmware", "hwId");
      assertThat(e.getJsonObject("health").getString("hwState")).isEqualTo("ok");
      assertThat(e.getJsonObject("smart").getInteger("availableSpareThreshold")).isPositive();
      assertThat(e.getJsonArray("controllers")).hasSize(1);
      assertThat(e.getJsonArray("errors")).isNotNull();
    }
  }

  @Test
  void onceHasAnOcpSectionForEveryDriveWithTheOcpLogsAndItsValues() {
    Run r = run("once", "--simulate=8", "--settle", "200ms", "--set", "simulate.bus_timing=false",
        "--set", "simulate.seed=1");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonArray endpoints = new JsonObject(r.out()).getJsonArray("endpoints");
    dev.nvmemi.simulator.FleetGenerator gen = new dev.nvmemi.simulator.FleetGenerator(1);
    int withOcp = 0;
    for (int i = 0; i < endpoints.size(); i++) {
      JsonObject e = endpoints.getJsonObject(i);
      dev.nvmemi.simulator.model.OcpProfile p = gen.ocp(e.getInteger("eid") - 16);
      if (!p.served()) {
        assertThat(e.containsKey("ocp")).as("eid %d", e.getInteger("eid")).isFalse();
        assertThat(e.getJsonArray("unsupported")).contains("get_log_page.ocp_smart_extended");
        continue;
      }
      withOcp++;
      JsonObject ocp = e.getJsonObject("ocp");
      assertThat(ocp.getInteger("logPageVersion")).isEqualTo(p.logPageVersion());
      assertThat(ocp.getInteger("uuidIndex")).isEqualTo(p.uuidIndex());
      assertThat(ocp.getInteger("capacitorHealthPercent")).isEqualTo(p.capacitorHealth());
      assertThat(ocp.getJsonObject("writeAmplification").getDouble("lifetime"))
          .isCloseTo(p.writeAmplification(), org.assertj.core.api.Assertions.within(1e-3));
      assertThat(ocp.getJsonObject("thermalThrottling").getInteger("level")).isZero();
      assertThat(ocp.getString("hwState")).isEqualTo("ok");
      assertThat(ocp.containsKey("latencyMonitor")).isTrue();
    }
    assertThat(withOcp).as("seed 1 has OCP and non-OCP drives").isBetween(1, 7);
  }

  @Test
  void onceFailsWithExitOneWhenAnEndpointDoesNotAnswer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path scenario = java.nio.file.Files.writeString(dir.resolve("dead.json"), """
        {"name": "dead", "events": [{"at": "0s", "drive": 1, "action": "unresponsive", "duration": "10m"}]}""");
    Run r = run("once", "--simulate=2", "--scenario", scenario.toString(), "--settle", "200ms",
        "--set", "simulate.bus_timing=false", "--set", "poll.health_timeout=200ms", "--set", "poll.identify_timeout=200ms");
    assertThat(r.exit()).isEqualTo(1);
    JsonArray endpoints = new JsonObject(r.out()).getJsonArray("endpoints");
    assertThat(endpoints.getJsonObject(0).containsKey("error")).isFalse();
    assertThat(endpoints.getJsonObject(1).getString("error")).isEqualTo("timeout");
  }

  @Test
  void onceReportsEveryFailedCommandAndExitsOneWhenAnyFailed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    // drive 1 answers the full Controller Health Status Poll (as one independent endpoint does) and
    // the SMART log with Internal Error; drive 0 is healthy
    java.nio.file.Path scenario = java.nio.file.Files.writeString(dir.resolve("errors.json"), """
        {"name": "errors", "events": [
          {"at": "0s", "drive": 1, "action": "error_status", "command": "controller_health_poll",
           "nmd0_bits": "0x83000000", "status": "internal_error"},
          {"at": "0s", "drive": 1, "action": "error_status", "command": "get_log_page.smart", "status": "internal_error"}]}""");
    Run r = run("once", "--simulate=2", "--scenario", scenario.toString(), "--settle", "200ms",
        "--set", "simulate.bus_timing=false");
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    JsonArray endpoints = new JsonObject(r.out()).getJsonArray("endpoints");
    assertThat(endpoints.getJsonObject(0).getJsonArray("failures")).isEmpty();
    JsonObject failing = endpoints.getJsonObject(1);
    assertThat(failing.getJsonArray("failures").stream().map(f -> ((JsonObject) f).getString("command")))
        .containsExactlyInAnyOrder("controller_health_poll", "get_log_page.smart");
    assertThat(failing.getJsonArray("failures").stream().map(f -> ((JsonObject) f).getString("errorType")))
        .containsOnly("mi_status");
    assertThat(failing.getJsonArray("controllers")).as("the basic form answered").hasSize(1);
    assertThat(failing.getJsonObject("health").getString("hwState")).isEqualTo("ok");
    assertThat(failing.containsKey("smart")).isFalse();
  }

  @Test
  void formatTablePrintsTheDrivesAsStatusDoes() {
    Run r = run("once", "--simulate=2", "--format", "table", "--settle", "200ms", "--set", "simulate.bus_timing=false");
    assertThat(r.exit()).as(r.err()).isZero();
    java.util.List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).split(" +")).containsExactly(
        "BUS", "EID", "SERIAL", "MODEL", "FIRMWARE", "STATE", "TEMP", "SPARE", "USED", "POLLED", "SINCE");
    int state = lines.get(0).indexOf("STATE");
    int temp = lines.get(0).indexOf("TEMP");
    for (int i = 1; i <= 2; i++) {
      assertThat(lines.get(i)).startsWith("mctpi2c0  " + (15 + i) + " ");
      assertThat(lines.get(i).substring(state, temp).strip()).isEqualTo("ok");
      assertThat(lines.get(i).substring(temp).split(" +")[0]).as("a temperature in °C").matches("\\d+C");
      assertThat(lines.get(i)).endsWith("ago  -");
    }
  }

  @Test
  void aDriveThatIsNotOkMakesOnceExitOneEvenWhenEveryCommandAnswered(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    // drive 0 goes read-only at once: it answers every command, and its hw.state is failed
    java.nio.file.Path scenario = java.nio.file.Files.writeString(dir.resolve("ro.json"), """
        {"name": "ro", "events": [{"at": "0s", "drive": 0, "action": "read_only"}]}""");
    Run table = run("once", "--simulate=2", "--scenario", scenario.toString(), "--format", "table",
        "--settle", "200ms", "--set", "simulate.bus_timing=false");
    assertThat(table.exit()).as(table.err()).isEqualTo(1);
    assertThat(table.out().lines().toList().get(1).split(" +")).startsWith("mctpi2c0", "16").contains("failed");
    Run json = run("once", "--simulate=2", "--scenario", scenario.toString(), "--settle", "200ms",
        "--set", "simulate.bus_timing=false");
    assertThat(json.exit()).isEqualTo(1);
    JsonObject failed = new JsonObject(json.out()).getJsonArray("endpoints").getJsonObject(0);
    assertThat(failed.getJsonArray("failures")).isEmpty();
    assertThat(failed.getJsonObject("health").getString("hwState")).isEqualTo("failed");
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    Run r = run("once", "--simulate=2", "--format", "yaml");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--format").contains("yaml");
  }

  @Test
  void aConfigurationErrorExitsWithTwoAndNamesTheKey() {
    Run r = run("once", "--simulate=2", "--set", "poll.lost_after=0");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("poll.lost_after: \"0\" is out of range (expected: integer 1 ~ 1000) [from flag]");
  }

  @Test
  void runIsTheDefaultCommand() {
    Set<String> subs = Set.of("run", "once", "decode");
    assertThat(RunCommand.defaulted(new String[0], subs)).containsExactly("run");
    assertThat(RunCommand.defaulted(new String[] {"--simulate=8"}, subs)).containsExactly("run", "--simulate=8");
    assertThat(RunCommand.defaulted(new String[] {"once", "--static", "1:9"}, subs)).containsExactly("once", "--static", "1:9");
    assertThat(RunCommand.defaulted(new String[] {"--help"}, subs)).containsExactly("--help");
  }
}
