package dev.nvmemi.transport.mctp.dbus;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Settings of {@link MctpdDiscovery}. Immutable and validated.
 *
 * @param busAddress the D-Bus address ({@code unix:path=…}); see {@link #resolveBusAddress}
 * @param grace how long an endpoint stays {@code unknown} (mctpd gone, bus connection lost) before
 *     it is reported vanished; default {@value #DEFAULT_GRACE_SECONDS} s
 * @param reconnectInitial first delay before reconnecting to the bus; doubles per failure
 * @param reconnectMax the cap of that delay
 * @param jitter random spread of each delay, as a fraction (0.2 = ±20 %)
 */
public record MctpdDiscoveryOptions(String busAddress, Duration grace, Duration reconnectInitial,
    Duration reconnectMax, double jitter) {
  /** Environment variable for {@code discovery.dbus.address}. */
  public static final String ADDRESS_ENV = "NVME_MI_AGENT_DISCOVERY_DBUS_ADDRESS";
  /** The standard variable for the system bus address. */
  public static final String SYSTEM_BUS_ENV = "DBUS_SYSTEM_BUS_ADDRESS";
  /** The system bus socket on Debian and systemd hosts (dbus-java's default, /var/run/…, is a symlink to it at best). */
  public static final String DEFAULT_ADDRESS = "unix:path=/run/dbus/system_bus_socket";
  /** Default grace period, seconds: long enough for mctpd's restart plus mctpreactor's re-setup. */
  public static final long DEFAULT_GRACE_SECONDS = 60;

  public MctpdDiscoveryOptions {
    Objects.requireNonNull(busAddress, "busAddress");
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(reconnectInitial, "reconnectInitial");
    Objects.requireNonNull(reconnectMax, "reconnectMax");
    if (!busAddress.contains(":")) {
      throw new IllegalArgumentException("bad D-Bus address \"" + busAddress
          + "\" (expected: transport:key=value, e.g. unix:path=/run/dbus/system_bus_socket)");
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must be non-negative: " + grace);
    }
    if (reconnectInitial.isNegative() || reconnectInitial.isZero()) {
      throw new IllegalArgumentException("reconnectInitial must be positive: " + reconnectInitial);
    }
    if (reconnectMax.compareTo(reconnectInitial) < 0) {
      throw new IllegalArgumentException("reconnectMax " + reconnectMax + " is below reconnectInitial "
          + reconnectInitial + " (expected: max >= initial)");
    }
    if (!(jitter >= 0 && jitter < 1)) {
      throw new IllegalArgumentException("jitter out of range: " + jitter + " (expected: 0 <= jitter < 1)");
    }
  }

  /** Defaults (grace 60 s, reconnect 1 s doubling to 30 s, ±20 % jitter) for an address. */
  public static MctpdDiscoveryOptions defaults(String busAddress) {
    return new MctpdDiscoveryOptions(busAddress, Duration.ofSeconds(DEFAULT_GRACE_SECONDS),
        Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);
  }

  /** A copy with another grace period. */
  public MctpdDiscoveryOptions withGrace(Duration g) {
    return new MctpdDiscoveryOptions(busAddress, g, reconnectInitial, reconnectMax, jitter);
  }

  /** A copy with other reconnect delays. */
  public MctpdDiscoveryOptions withReconnect(Duration initial, Duration max) {
    return new MctpdDiscoveryOptions(busAddress, grace, initial, max, jitter);
  }

  /**
   * The bus address: the explicit value ({@code discovery.dbus.address} / {@code --dbus-address}) if
   * given, else {@value #ADDRESS_ENV}, else {@value #SYSTEM_BUS_ENV}, else {@value #DEFAULT_ADDRESS}.
   * Blank values count as unset.
   */
  public static String resolveBusAddress(String explicit, Function<String, String> env) {
    if (explicit != null && !explicit.isBlank()) {
      return explicit.strip();
    }
    for (String name : new String[] {ADDRESS_ENV, SYSTEM_BUS_ENV}) {
      String v = env.apply(name);
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return DEFAULT_ADDRESS;
  }
}
