package dev.nvmemi.transport.mctp.dbus;

import dev.nvmemi.testsupport.Required;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code dbus-daemon} on a private socket in a temporary directory (spec mctp.md §4.7):
 * started with {@code --print-address --print-pid --fork --nopidfile} and a minimal session-style
 * configuration, killed by its printed pid. {@link #restart()} brings a new daemon up on the same
 * socket path, which is what a client that reconnects by address sees after a system bus restart.
 *
 * <p>Test fixture (public, in the module's test-jar, for the agent's discovery tests); used from the
 * JUnit thread only.
 */
public final class DbusDaemon implements AutoCloseable {
  /** Every message allowed: the permissive policy most scenarios use. */
  static final String OPEN_POLICY = """
      <policy context="default">
        <allow send_destination="*" eavesdrop="true"/>
        <allow eavesdrop="true"/>
        <allow own="*"/>
      </policy>""";

  private final Path dir;
  private final Path socket;
  private final Path config;
  private long pid = -1;
  private String address;

  private DbusDaemon(Path dir, String policy) throws IOException {
    this.dir = dir;
    this.socket = dir.resolve("bus.sock");
    this.config = dir.resolve("bus.conf");
    Files.writeString(config, """
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>session</type>
          <listen>unix:path=%s</listen>
          <auth>EXTERNAL</auth>
        %s
        </busconfig>
        """.formatted(socket, policy));
  }

  /** Starts a daemon with the open policy. */
  public static DbusDaemon start(Path dir) throws IOException {
    return start(dir, OPEN_POLICY);
  }

  /** Starts a daemon with the given {@code <policy>} elements. */
  public static DbusDaemon start(Path dir, String policy) throws IOException {
    DbusDaemon d = new DbusDaemon(dir, policy);
    d.launch();
    return d;
  }

  /** The address clients connect to ({@code unix:path=…}, without the guid). */
  public String address() {
    return "unix:path=" + socket;
  }

  /** The address as the daemon printed it (with its guid). */
  public String printedAddress() {
    return address;
  }

  public Path directory() {
    return dir;
  }

  private void launch() throws IOException {
    Files.deleteIfExists(socket);
    Required.command("dbus-daemon", "dbus-daemon");
    Process p = new ProcessBuilder("dbus-daemon", "--config-file=" + config,
        "--print-address=1", "--print-pid=1", "--fork", "--nopidfile")
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("dbus-daemon.log").toFile()))
        .start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String addr = r.readLine();
      String pidLine = r.readLine();
      if (addr == null || pidLine == null) {
        throw new IOException("dbus-daemon printed no address/pid (expected: two lines) [config " + config
            + "]; its stderr: " + Files.readString(dir.resolve("dbus-daemon.log")));
      }
      this.address = addr.trim();
      this.pid = Long.parseLong(pidLine.trim());
    }
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("dbus-daemon did not fork within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting dbus-daemon", e);
    }
  }

  /** Kills the daemon (SIGKILL, as a crash would); clients see their socket close. */
  public void kill() {
    if (pid < 0) {
      return;
    }
    // The daemon forked away from us; ProcessHandle still sends it SIGKILL by pid. It is not our
    // child, so it cannot be reaped here (a zombie until PID 1 reaps it; harmless, spec §4.7).
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    pid = -1;
  }

  /** Kills the daemon and starts a fresh one on the same socket path. */
  public void restart() throws IOException {
    kill();
    launch();
  }

  @Override
  public void close() {
    kill();
  }
}
