package dev.nvmemi.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.testsupport.Await;
import dev.nvmemi.testsupport.Required;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * packaging/dbus/nvme-mi-agent.conf on a real dbus-daemon with the system bus's default policy
 * (method calls denied unless a policy allows them). The host's users are those of this machine
 * plus the entry of packaging/systemd/nvme-mi-agent.sysusers (bind-mounted passwd/group in a private
 * mount namespace, as systemd-sysusers would create it). A stand-in for mctpd (dbus-java) owns
 * au.com.codeconstruct.MCTP1 and answers GetManagedObjects; dbus-send runs as the agent's uid.
 * Needs root (setpriv, unshare -m): skipped with the reason otherwise, failed under CI=true ({@link Required}). Runs on the JUnit thread.
 */
class DbusPolicyTest {
  static final String MCTPD = "au.com.codeconstruct.MCTP1";
  static final String ROOT_PATH = "/au/com/codeconstruct/mctp1";
  private static Path dir;
  private static Process daemon;
  private static DBusConnection mctpd;
  private static String socket;
  private static String agentUid;

  @BeforeAll
  static void startBus() throws Exception {
    Required.command("dbus-daemon", "dbus-daemon");
    Required.command("dbus-send", "dbus-bin");
    Required.command("setpriv", "util-linux");
    Required.command("unshare", "util-linux");
    Required.command("mount", "mount");
    Required.component(new com.sun.security.auth.module.UnixSystem().getUid() == 0,
        "root (uid 0): runs dbus-send as the agent's uid and bind-mounts passwd in a private namespace");

    dir = Files.createTempDirectory("dbus-policy-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    String[] user = sysusersEntry();
    agentUid = user[2];
    Files.writeString(dir.resolve("passwd"), Files.readString(Path.of("/etc/passwd"))
        + user[1] + ":x:" + user[2] + ":" + user[2] + ":" + user[3] + ":" + user[4] + ":" + user[5] + "\n");
    Files.writeString(dir.resolve("group"), Files.readString(Path.of("/etc/group")) + user[1] + ":x:" + user[2] + ":\n");
    socket = dir.resolve("system_bus_socket").toString();
    Files.writeString(dir.resolve("bus.conf"), busConfig(socket,
        SystemdUnitTest.PACKAGING.resolve("dbus/nvme-mi-agent.conf").toAbsolutePath().toString()));

    daemon = new ProcessBuilder("unshare", "-m", "sh", "-c",
        "mount --bind \"$1\" /etc/passwd && mount --bind \"$2\" /etc/group && exec dbus-daemon --config-file=\"$3\" --nofork",
        "sh", dir.resolve("passwd").toString(), dir.resolve("group").toString(), dir.resolve("bus.conf").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
    Await.until("the dbus-daemon socket " + socket, Duration.ofSeconds(10), () -> {
      assertThat(daemon.isAlive()).as("dbus-daemon running: %s", log()).isTrue();
      return Files.exists(Path.of(socket));
    }, DbusPolicyTest::log);
    mctpd = DBusConnectionBuilder.forAddress("unix:path=" + socket).withShared(false).build();
    mctpd.requestBusName(MCTPD);
    mctpd.exportObject(ROOT_PATH, new EmptyObjectManager());
  }

  @AfterAll
  static void stopBus() throws IOException {
    if (mctpd != null) {
      mctpd.close();
    }
    if (daemon != null) {
      daemon.destroy();
    }
  }

  /** mctpd's ObjectManager with no endpoints. */
  static final class EmptyObjectManager implements ObjectManager {
    @Override
    public Map<DBusPath, Map<String, Map<String, Variant<?>>>> GetManagedObjects() {
      return Map.of();
    }

    @Override
    public String getObjectPath() {
      return ROOT_PATH;
    }
  }

  @Test
  void agentUserReadsMctpdsObjects() throws Exception {
    String reply = call(agentUid, MCTPD, "org.freedesktop.DBus.ObjectManager.GetManagedObjects");
    assertThat(reply).startsWith("method return").doesNotContain("AccessDenied");
  }

  @Test
  void agentUserReadsMctpdsObjectsThroughItsUniqueName() throws Exception {
    // The agent calls the current owner by unique name, so that replies follow an mctpd restart.
    String reply = call(agentUid, mctpd.getUniqueName(), "org.freedesktop.DBus.ObjectManager.GetManagedObjects");
    assertThat(reply).startsWith("method return");
  }

  @Test
  void agentUserCannotChangeProperties() throws Exception {
    String reply = call(agentUid, MCTPD, "org.freedesktop.DBus.Properties.Set",
        "string:au.com.codeconstruct.MCTP.Interface1", "string:Role", "variant:string:BusOwner");
    assertThat(reply).contains("org.freedesktop.DBus.Error.AccessDenied");
  }

  @Test
  void agentUserCannotSetUpEndpoints() throws Exception {
    String reply = call(agentUid, MCTPD, "au.com.codeconstruct.MCTP.BusOwner1.SetupEndpoint", "array:byte:0x1d");
    assertThat(reply).contains("org.freedesktop.DBus.Error.AccessDenied");
  }

  @Test
  void otherUsersStayDeniedByTheDefaultPolicy() throws Exception {
    // Without the policy's rule the same read is refused: the rule is what admits the agent.
    String reply = call("65534", MCTPD, "org.freedesktop.DBus.ObjectManager.GetManagedObjects");
    assertThat(reply).contains("org.freedesktop.DBus.Error.AccessDenied");
  }

  /** dbus-send as {@code uid}; returns stdout+stderr. */
  private static String call(String uid, String dest, String method, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
        "dbus-send", "--bus=unix:path=" + socket, "--print-reply", "--reply-timeout=5000",
        "--dest=" + dest, ROOT_PATH, method));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "call-", ".out");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(15, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("dbus-send did not finish within 15 s: " + cmd);
    }
    return Files.readString(out, StandardCharsets.UTF_8).strip();
  }

  /** The {@code u} line of the sysusers file: [u, name, uid, gecos, home, shell]. */
  private static String[] sysusersEntry() throws IOException {
    String line = Files.readAllLines(SystemdUnitTest.PACKAGING.resolve("systemd/nvme-mi-agent.sysusers")).stream()
        .filter(l -> l.startsWith("u ")).findFirst().orElseThrow();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^u (\\S+) (\\d+) \"([^\"]*)\" (\\S+) (\\S+)$").matcher(line);
    assertThat(m.matches()).as("sysusers line with a fixed uid: %s", line).isTrue();
    return new String[] {"u", m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)};
  }

  /** The system bus's default policy (Debian's system.conf, abridged) plus the policy under test. */
  private static String busConfig(String socketPath, String policyFile) {
    return """
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>system</type>
          <listen>unix:path=%s</listen>
          <auth>EXTERNAL</auth>
          <policy context="default">
            <allow user="*"/>
            <deny own="*"/>
            <deny send_type="method_call"/>
            <allow send_type="signal"/>
            <allow send_requested_reply="true" send_type="method_return"/>
            <allow send_requested_reply="true" send_type="error"/>
            <allow receive_type="method_call"/>
            <allow receive_type="method_return"/>
            <allow receive_type="error"/>
            <allow receive_type="signal"/>
            <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
            <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Introspectable"/>
            <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Properties"/>
          </policy>
          <!-- mctpd's own rule: it may own its name (it runs as root). -->
          <policy user="root">
            <allow own="au.com.codeconstruct.MCTP1"/>
          </policy>
          <include>%s</include>
        </busconfig>
        """.formatted(socketPath, policyFile);
  }

  private static String log() {
    try {
      return Files.readString(dir.resolve("daemon.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }
}
