package dev.nvmemi.transport.discovery;

/**
 * The identity of an MCTP endpoint: (network, EID). Ordered by network, then EID, which is the
 * order in which sources report a batch of endpoints. Immutable.
 *
 * @param network MCTP network id (unsigned 32-bit, held in a long)
 * @param eid endpoint id, a unicast EID in [8, 254] (spec mctp.md §2.2)
 */
public record EndpointKey(long network, int eid) implements Comparable<EndpointKey> {
  /** Smallest unicast EID (0-7 are reserved or special). */
  public static final int MIN_UNICAST_EID = 8;
  /** Largest unicast EID (255 is broadcast). */
  public static final int MAX_UNICAST_EID = 254;
  /** Largest MCTP network id (the kernel's is a u32). */
  public static final long MAX_NETWORK = 0xFFFF_FFFFL;

  public EndpointKey {
    if (network < 0 || network > MAX_NETWORK) {
      throw new IllegalArgumentException("network id out of range: " + network + " (expected: 0 ~ " + MAX_NETWORK + ")");
    }
    if (eid < MIN_UNICAST_EID || eid > MAX_UNICAST_EID) {
      throw new IllegalArgumentException("EID out of range: " + eid + " (expected: unicast " + MIN_UNICAST_EID
          + " ~ " + MAX_UNICAST_EID + ")");
    }
  }

  @Override
  public int compareTo(EndpointKey o) {
    int c = Long.compare(network, o.network);
    return c != 0 ? c : Integer.compare(eid, o.eid);
  }

  @Override
  public String toString() {
    return network + ":" + eid;
  }
}
