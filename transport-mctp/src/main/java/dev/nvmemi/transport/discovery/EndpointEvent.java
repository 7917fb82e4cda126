package dev.nvmemi.transport.discovery;

import java.util.Objects;

/**
 * A change in the set of discovered endpoints, as one source reports it. Every subscriber first
 * receives the source's current endpoints as {@link Appeared} events (ordered by network, then EID),
 * then live events. Immutable.
 */
public sealed interface EndpointEvent permits EndpointEvent.Appeared, EndpointEvent.Changed, EndpointEvent.Vanished {

  /** The endpoint's state after the event (for {@link Vanished}: its last known state). */
  DiscoveredEndpoint endpoint();

  /** The event name used in JSON output: "appeared", "changed" or "vanished". */
  String kind();

  default EndpointKey key() {
    return endpoint().key();
  }

  default long network() {
    return endpoint().network();
  }

  default int eid() {
    return endpoint().eid();
  }

  /** The endpoint is new to this source. */
  record Appeared(DiscoveredEndpoint endpoint) implements EndpointEvent {
    public Appeared {
      Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    public String kind() {
      return "appeared";
    }
  }

  /** A known endpoint changed connectivity, UUID or bus. */
  record Changed(DiscoveredEndpoint previous, DiscoveredEndpoint endpoint) implements EndpointEvent {
    public Changed {
      Objects.requireNonNull(previous, "previous");
      Objects.requireNonNull(endpoint, "endpoint");
      if (!previous.key().equals(endpoint.key())) {
        throw new IllegalArgumentException("changed event mixes endpoints: " + previous.key() + " and "
            + endpoint.key() + " (expected: one endpoint)");
      }
    }

    @Override
    public String kind() {
      return "changed";
    }
  }

  /** The endpoint is gone (removed by mctpd, or unseen for longer than the grace period). */
  record Vanished(DiscoveredEndpoint endpoint) implements EndpointEvent {
    public Vanished {
      Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    public String kind() {
      return "vanished";
    }
  }
}
