package dev.nvmemi.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.testsupport.Required;
import dev.nvmemi.transport.discovery.Connectivity;
import dev.nvmemi.transport.discovery.DiscoveredEndpoint;
import dev.nvmemi.transport.discovery.EndpointEvent;
import dev.nvmemi.transport.discovery.EndpointKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DiscoverCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(DiscoverCommand command, String... args) {
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void printsStaticEndpointsAsOneJsonArrayOrderedByNetworkAndEid() {
    int status = run(new DiscoverCommand(), "--no-mctpd", "--static", "1:10, 1:9@mctpi2c3");

    assertThat(status).isZero();
    assertThat(new JsonArray(out.toString())).containsExactly(
        new JsonObject().put("network", 1).put("eid", 9).put("bus", "mctpi2c3")
            .put("connectivity", "available").put("source", "static"),
        new JsonObject().put("network", 1).put("eid", 10)
            .put("connectivity", "available").put("source", "static"));
  }

  @Test
  void rejectsAStaticEntryWithAnEidOutOfRange() {
    int status = run(new DiscoverCommand(), "--no-mctpd", "--static", "1:300");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("bad static endpoint \"1:300\"").contains("expected");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void noMctpdWithoutStaticEndpointsIsAUsageError() {
    assertThat(run(new DiscoverCommand(), "--no-mctpd")).isEqualTo(2);
    assertThat(err.toString()).contains("--no-mctpd without --static");
  }

  @Test
  void unreachableBusExitsWithStatusOneAndNamesTheAddress() {
    String address = "unix:path=" + dir.resolve("no-bus.sock");

    int status = run(new DiscoverCommand(), "--dbus-address", address);

    assertThat(status).isEqualTo(DiscoverCommand.EXIT_UNAVAILABLE);
    assertThat(err.toString()).contains("cannot follow mctpd on D-Bus at " + address);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void anEmptyBusGivesAnEmptyListAndANoteThatMctpdIsAbsent() throws Exception {
    // A real dbus-daemon on a private socket (Debian package dbus-daemon; scripts/test.d/40-dbus.sh).
    Path conf = java.nio.file.Files.writeString(dir.resolve("bus.conf"), """
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>session</type>
          <listen>unix:path=%s</listen>
          <auth>EXTERNAL</auth>
          <policy context="default">
            <allow send_destination="*" eavesdrop="true"/>
            <allow eavesdrop="true"/>
            <allow own="*"/>
          </policy>
        </busconfig>
        """.formatted(dir.resolve("bus.sock")));
    Required.command("dbus-daemon", "dbus-daemon");
    Process p = new ProcessBuilder("dbus-daemon", "--config-file=" + conf, "--print-address=1", "--print-pid=1",
        "--fork", "--nopidfile").start();
    long pid;
    try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
      r.readLine();
      pid = Long.parseLong(r.readLine().trim());
    }
    try {
      int status = run(new DiscoverCommand(), "--dbus-address", "unix:path=" + dir.resolve("bus.sock"));

      assertThat(status).isZero();
      assertThat(new JsonArray(out.toString())).isEmpty();
      assertThat(err.toString()).contains("mctpd is not on the bus");
    } finally {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void busAddressComesFromTheFlagThenTheAgentVariableThenTheSystemBusVariable() {
    Map<String, String> env = Map.of("NVME_MI_AGENT_DISCOVERY_DBUS_ADDRESS", "unix:path=/agent",
        "DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/system");
    DiscoverCommand withFlag = new DiscoverCommand();
    withFlag.env = env::get;
    new CommandLine(withFlag).parseArgs("--dbus-address", "unix:path=/flag");
    DiscoverCommand withAgentVar = new DiscoverCommand();
    withAgentVar.env = env::get;
    new CommandLine(withAgentVar).parseArgs();
    DiscoverCommand withSystemVar = new DiscoverCommand();
    withSystemVar.env = Map.of("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/system")::get;
    new CommandLine(withSystemVar).parseArgs();
    DiscoverCommand withNothing = new DiscoverCommand();
    withNothing.env = k -> null;
    new CommandLine(withNothing).parseArgs();

    assertThat(withFlag.settings().busAddress()).isEqualTo("unix:path=/flag");
    assertThat(withAgentVar.settings().busAddress()).isEqualTo("unix:path=/agent");
    assertThat(withSystemVar.settings().busAddress()).isEqualTo("unix:path=/system");
    assertThat(withNothing.settings().busAddress()).isEqualTo("unix:path=/run/dbus/system_bus_socket");
  }

  @Test
  void watchPrintsCurrentEndpointsAsAppearedLinesUntilInterrupted() throws Exception {
    AtomicInteger status = new AtomicInteger(-1);
    CountDownLatch firstLine = new CountDownLatch(1);
    CommandLine cl = new CommandLine(new DiscoverCommand());
    cl.setOut(new PrintWriter(new Writer() {
      @Override
      public void write(char[] buf, int off, int len) {
        out.write(buf, off, len);
        for (int i = off; i < off + len; i++) {
          if (buf[i] == '\n') {
            firstLine.countDown();
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    }, true));
    cl.setErr(new PrintWriter(err, true));
    Thread t = new Thread(() -> status.set(cl.execute("--watch", "--no-mctpd", "--static", "1:9@mctpi2c3")));
    t.start();
    assertThat(firstLine.await(10, TimeUnit.SECONDS)).as("first line within 10 s").isTrue();
    t.interrupt();
    t.join(10_000);

    assertThat(t.isAlive()).isFalse();
    assertThat(status.get()).isZero();
    assertThat(out.toString().lines().map(JsonObject::new)).containsExactly(
        new JsonObject().put("event", "appeared").put("network", 1).put("eid", 9).put("bus", "mctpi2c3")
            .put("connectivity", "available").put("source", "static"));
  }

  @Test
  void aChangedEventLineCarriesThePreviousState() {
    DiscoveredEndpoint before = new DiscoveredEndpoint(new EndpointKey(1, 9), null, "u-1", Connectivity.AVAILABLE, "mctpd");
    DiscoveredEndpoint after = before.withConnectivity(Connectivity.DEGRADED);

    JsonObject line = DiscoverCommand.toJson(new EndpointEvent.Changed(before, after));

    assertThat(line).isEqualTo(new JsonObject().put("event", "changed").put("network", 1L).put("eid", 9)
        .put("uuid", "u-1").put("connectivity", "degraded").put("source", "mctpd")
        .put("previous", new JsonObject().put("uuid", "u-1").put("connectivity", "available")));
  }

  @Test
  void aVanishedEventLineCarriesTheLastKnownState() {
    DiscoveredEndpoint last = new DiscoveredEndpoint(new EndpointKey(2, 30), null, null, Connectivity.UNKNOWN, "mctpd");

    assertThat(DiscoverCommand.toJson(new EndpointEvent.Vanished(last)).encode())
        .isEqualTo("{\"event\":\"vanished\",\"network\":2,\"eid\":30,\"connectivity\":\"unknown\",\"source\":\"mctpd\"}");
  }
}
