package dev.nvmemi.transport.mctp.dbus;

import dev.nvmemi.transport.discovery.DiscoveryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * dbus-java's machine-id requirement, checked up front so that a missing file is a clear error
 * instead of dbus-java's "Cannot Resolve Session Bus Address: MachineId file can not be found".
 *
 * <p>dbus-java 5.2.2 reads the id in every connection builder, {@code forAddress} included
 * ({@code AddressBuilder.getDbusMachineId(null)}): the first of {@code $DBUS_MACHINE_ID_LOCATION},
 * {@code /var/lib/dbus/machine-id}, {@code /usr/local/var/lib/dbus/machine-id},
 * {@code /etc/machine-id} that exists and is non-empty. It offers no builder option for another
 * path, so the environment variable (set before the JVM starts) or a mounted file are the only
 * ways (spec mctp.md §4.2, §5). Stateless; any thread.
 */
public final class MachineId {
  /** The environment variable dbus-java consults first. */
  public static final String ENV = "DBUS_MACHINE_ID_LOCATION";
  /** dbus-java's fixed search path after the environment variable, in its order. */
  public static final List<Path> DEFAULT_LOCATIONS = List.of(
      Path.of("/var/lib/dbus/machine-id"), Path.of("/usr/local/var/lib/dbus/machine-id"), Path.of("/etc/machine-id"));

  private MachineId() {}

  /** The file dbus-java will read, in this process's environment. */
  public static Path locate() {
    return locate(System::getenv, DEFAULT_LOCATIONS);
  }

  /**
   * The file dbus-java will read, given an environment and its default locations.
   *
   * @throws DiscoveryException (permanent) naming every place looked at and what to do
   */
  public static Path locate(Function<String, String> env, List<Path> defaults) {
    List<Path> candidates = new ArrayList<>();
    String fromEnv = env.apply(ENV);
    if (fromEnv != null) {
      candidates.add(Path.of(fromEnv));
    }
    candidates.addAll(defaults);
    List<String> seen = new ArrayList<>();
    for (Path p : candidates) {
      try {
        if (Files.isRegularFile(p) && Files.size(p) > 0) {
          return p;
        }
        seen.add(p + (Files.exists(p) ? " (empty)" : " (missing)"));
      } catch (IOException e) {
        seen.add(p + " (" + e.getMessage() + ")");
      }
    }
    throw new DiscoveryException("no D-Bus machine id: " + (fromEnv == null ? ENV + " is unset; " : "")
        + "looked at " + String.join(", ", seen)
        + " (expected: a non-empty machine-id file; mount the host's /etc/machine-id read-only,"
        + " or set " + ENV + " to a file before the JVM starts)", true, null);
  }
}
