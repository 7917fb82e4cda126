package dev.nvmemi.transport.discovery;

import java.util.Objects;

/**
 * What a discovery source knows about one NVMe-MI capable MCTP endpoint. Immutable.
 *
 * @param key (network, EID)
 * @param bus the MCTP link the endpoint sits on (e.g. {@code mctpi2c3}) when the source knows it,
 *     else {@code null} (mctpd does not publish it; static configuration may)
 * @param uuid the endpoint UUID as published ({@code xyz.openbmc_project.Common.UUID}), else {@code null}
 * @param connectivity reachability as the source sees it
 * @param source the name of the source that reported it ({@code "mctpd"}, {@code "static"})
 */
public record DiscoveredEndpoint(EndpointKey key, String bus, String uuid, Connectivity connectivity, String source) {
  public DiscoveredEndpoint {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(connectivity, "connectivity");
    Objects.requireNonNull(source, "source");
  }

  /** MCTP network id. */
  public long network() {
    return key.network();
  }

  /** Endpoint id. */
  public int eid() {
    return key.eid();
  }

  /** A copy with another connectivity. */
  public DiscoveredEndpoint withConnectivity(Connectivity c) {
    return new DiscoveredEndpoint(key, bus, uuid, c, source);
  }

  @Override
  public String toString() {
    return source + " " + key + (bus == null ? "" : "@" + bus) + " " + connectivity.wireName()
        + (uuid == null ? "" : " uuid " + uuid);
  }
}
