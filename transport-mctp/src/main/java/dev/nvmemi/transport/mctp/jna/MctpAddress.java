package dev.nvmemi.transport.mctp.jna;

/**
 * The fields of a {@code struct sockaddr_mctp} that carry meaning (the two pad fields are always 0).
 *
 * @param network MCTP network id ({@code smctp_network}); 0 = MCTP_NET_ANY (the default network)
 * @param eid endpoint id, 0–255 ({@code smctp_addr.s_addr})
 * @param type message type with the IC bit ({@code smctp_type}); 0x84 for NVMe-MI with a MIC
 * @param tag {@code smctp_tag}: tag bits 0–2, TO (0x08), PREALLOC (0x10)
 */
public record MctpAddress(int network, int eid, int type, int tag) {
  public MctpAddress {
    if (eid < 0 || eid > 0xFF) {
      throw new IllegalArgumentException("eid: " + eid + " (expected: 0..255)");
    }
    if (type < 0 || type > 0xFF) {
      throw new IllegalArgumentException("type: " + type + " (expected: 0..255)");
    }
    if (tag < 0 || tag > 0xFF) {
      throw new IllegalArgumentException("tag: " + tag + " (expected: 0..255)");
    }
  }

  /** True when the TO (tag owner) bit is set. */
  public boolean tagOwner() {
    return (tag & MctpConstants.MCTP_TAG_OWNER) != 0;
  }

  /** The 3-bit tag value. */
  public int tagValue() {
    return tag & MctpConstants.MCTP_TAG_MASK;
  }
}
