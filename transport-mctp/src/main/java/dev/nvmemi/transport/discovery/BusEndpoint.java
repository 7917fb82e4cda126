package dev.nvmemi.transport.discovery;

import java.util.Objects;

/**
 * A management endpoint and the bus it sits on: what discovery hands the agent, what the bus
 * scheduler queues by and what the transport is opened for. The identity is {@link #key()}
 * (network, EID); the bus is carried along for scheduling. Immutable; thread-safe.
 *
 * @param key (network, EID)
 * @param bus the physical bus
 */
public record BusEndpoint(EndpointKey key, BusId bus) {
  public BusEndpoint {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(bus, "bus");
  }

  /** {@code (network, eid)} on {@code bus}. */
  public static BusEndpoint of(long network, int eid, String bus) {
    return new BusEndpoint(new EndpointKey(network, eid), BusId.of(bus));
  }

  /** MCTP network id. */
  public long network() {
    return key.network();
  }

  /** Endpoint id. */
  public int eid() {
    return key.eid();
  }

  /** Same (network, EID), whatever the bus. */
  public boolean sameEndpoint(BusEndpoint o) {
    return key.equals(o.key);
  }

  @Override
  public String toString() {
    return "net " + key.network() + " eid " + key.eid() + " (" + bus + ")";
  }
}
