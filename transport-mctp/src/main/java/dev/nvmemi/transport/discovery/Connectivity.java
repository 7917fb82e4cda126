package dev.nvmemi.transport.discovery;

/**
 * Whether a discovered endpoint is reachable, as far as its discovery source knows. mctpd publishes
 * {@code Available} / {@code Degraded} on {@code au.com.codeconstruct.MCTP.Endpoint1.Connectivity}
 * (spec mctp.md §3.3); {@link #UNKNOWN} is ours: the source lost sight of the endpoint (mctpd
 * stopped, or the bus connection dropped) and will either see it again or report it vanished after
 * a grace period. Immutable.
 */
public enum Connectivity {
  /** Reachable (mctpd: "Available"; v1 mctpd and static endpoints: assumed). */
  AVAILABLE("available"),
  /** mctpd is recovering the endpoint ("Degraded", after a failed exchange or a Recover call). */
  DEGRADED("degraded"),
  /** The source cannot currently see the endpoint; it vanishes when the grace period ends. */
  UNKNOWN("unknown");

  private final String wireName;

  Connectivity(String wireName) {
    this.wireName = wireName;
  }

  /** The lower-case name used in JSON output ("available", "degraded", "unknown"). */
  public String wireName() {
    return wireName;
  }

  /**
   * Maps mctpd's property value ("Available", "Degraded") to a constant.
   *
   * @throws IllegalArgumentException for any other string
   */
  public static Connectivity fromMctpd(String value) {
    if ("Available".equals(value)) {
      return AVAILABLE;
    }
    if ("Degraded".equals(value)) {
      return DEGRADED;
    }
    throw new IllegalArgumentException("unknown Connectivity value: \"" + value
        + "\" (expected: \"Available\" or \"Degraded\")");
  }
}
