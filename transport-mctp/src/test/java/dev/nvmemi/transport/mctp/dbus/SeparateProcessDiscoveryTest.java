package dev.nvmemi.transport.mctp.dbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery in a process of its own, as the agent runs it. In {@link MctpdDiscoveryTest} the
 * simulated mctpd shares the JVM and constructs the very signal classes discovery receives, which
 * hides how dbus-java maps an incoming signal to a Java class; here nothing but discovery runs in
 * the child JVM, so every InterfacesAdded, InterfacesRemoved, PropertiesChanged and
 * NameOwnerChanged must be delivered through the match rules alone.
 */
class SeparateProcessDiscoveryTest {
  private static final long WAIT_SECONDS = 60; // a cold JVM on a busy 2-core machine

  @TempDir
  Path dir;

  @Test
  void everySignalKindReachesDiscoveryInAProcessOfItsOwn() throws Exception {
    try (DbusDaemon daemon = DbusDaemon.start(dir);
         SimulatedMctpd sim = new SimulatedMctpd(daemon.address(), SimulatedMctpd.Mode.V2)) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          DiscoveryProbe.class.getName(), daemon.address())
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String l; (l = r.readLine()) != null; ) {
            lines.add(l);
          }
        } catch (java.io.IOException e) {
          lines.add("reader failed: " + e);
        }
      }, "probe-reader");
      reader.setDaemon(true);
      reader.start();
      try {
        assertThat(next(lines, 1)).containsExactly("started ok"); // no mctpd yet
        sim.addDevice(SimulatedMctpd.SERIAL_IF, 0x1d, List.of(0, 4), null, 9);
        sim.start(); // NameOwnerChanged → rescan
        sim.publish(sim.device(9)); // InterfacesAdded
        assertThat(next(lines, 1)).containsExactly("appeared 1:9 available");

        client(daemon).getRemoteObject(sim.busName(), sim.endpointPath(9), MctpdInterfaces.Endpoint1.class)
            .Recover(); // PropertiesChanged ×2
        assertThat(next(lines, 2)).containsExactly("changed 1:9 available->degraded", "changed 1:9 degraded->available");

        sim.removeEndpoint(9); // InterfacesRemoved
        assertThat(next(lines, 1)).containsExactly("vanished 1:9");
      } finally {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static org.freedesktop.dbus.connections.impl.DBusConnection client(DbusDaemon daemon) throws Exception {
    return org.freedesktop.dbus.connections.impl.DBusConnectionBuilder.forAddress(daemon.address())
        .withShared(false).build();
  }

  private static List<String> next(LinkedBlockingQueue<String> lines, int n) throws InterruptedException {
    List<String> out = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (out.size() < n) {
      String l = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (l == null) {
        throw new AssertionError("expected " + n + " lines from the probe, got " + out);
      }
      out.add(l);
    }
    return out;
  }
}
