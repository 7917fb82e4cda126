package dev.nvmemi.agent.poll;

import java.util.Objects;

/**
 * Where a management endpoint sits: MCTP network, EID, and the physical bus it shares (design §5).
 * Identity of a session is (network, eid); the bus is carried along for scheduling.
 */
public record EndpointKey(int network, int eid, String bus) {
  public EndpointKey {
    Objects.requireNonNull(bus, "bus");
  }

  /** Same (network, eid), whatever the bus. */
  public boolean sameEndpoint(EndpointKey o) {
    return network == o.network && eid == o.eid;
  }

  @Override
  public String toString() {
    return "net " + network + " eid " + eid + " (" + bus + ")";
  }
}
