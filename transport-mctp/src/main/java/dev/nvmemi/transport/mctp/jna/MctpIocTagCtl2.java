package dev.nvmemi.transport.mctp.jna;

import com.sun.jna.Structure;

/**
 * {@code struct mctp_ioc_tag_ctl2} (12 bytes with tail padding) for the net-aware
 * {@code SIOCMCTPALLOCTAG2} / {@code SIOCMCTPDROPTAG2}. {@code local_addr} must be 0x00 or 0xFF and
 * {@code flags} 0. Not thread-safe.
 */
@Structure.FieldOrder({"net", "peer_addr", "local_addr", "flags", "tag"})
public final class MctpIocTagCtl2 extends Structure {
  /** Size of the C structure. */
  public static final int SIZE = 12;

  public int net;
  public byte peer_addr;
  public byte local_addr = (byte) MctpConstants.MCTP_ADDR_ANY;
  public short flags;
  public byte tag;
}
