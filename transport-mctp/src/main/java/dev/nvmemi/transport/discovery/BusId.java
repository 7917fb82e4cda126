package dev.nvmemi.transport.discovery;

import java.util.Objects;

/**
 * The identity of one physical bus (design §5): the MCTP link an endpoint sits on, e.g.
 * {@code mctpi2c3}, or {@code mctp-net<N>} when neither configuration nor the kernel's routes name
 * it. The one bus type shared by discovery, the agent's bus scheduler (one lane per bus) and the
 * transport (one I/O lane per bus): two endpoints are scheduled together exactly when their
 * {@code BusId}s are equal. Immutable; thread-safe.
 *
 * @param name the bus name as operators see it (the interface name), never blank
 */
public record BusId(String name) implements Comparable<BusId> {
  /** Prefix of the per-network fallback lane. */
  public static final String NETWORK_FALLBACK_PREFIX = "mctp-net";

  public BusId {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("bus name: \"" + name + "\" (expected: a non-blank name, e.g. mctpi2c3)");
    }
  }

  /** The bus of {@code name}. */
  public static BusId of(String name) {
    return new BusId(name);
  }

  /**
   * The lane shared by every endpoint of {@code network} whose link is unknown: on a slow shared
   * bus, serialising too much is safe, transmitting concurrently is not.
   */
  public static BusId networkFallback(long network) {
    return new BusId(NETWORK_FALLBACK_PREFIX + network);
  }

  @Override
  public int compareTo(BusId o) {
    return name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
