package dev.nvmemi.agent.poll;

import java.util.Locale;

/** The endpoint lifecycle of design §4. The attribute value is the lower-case name. */
public enum EndpointState {
  DISCOVERED, IDENTIFYING, ACTIVE, BACKOFF, LOST, REMOVED;

  /** Value of the {@code state} attribute of {@code nvme_mi.endpoint.state}. */
  public String attribute() {
    return name().toLowerCase(Locale.ROOT);
  }
}
