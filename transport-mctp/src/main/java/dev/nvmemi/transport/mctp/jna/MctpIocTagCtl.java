package dev.nvmemi.transport.mctp.jna;

import com.sun.jna.Structure;

/**
 * {@code struct mctp_ioc_tag_ctl} (4 bytes) for the v1 {@code SIOCMCTPALLOCTAG} /
 * {@code SIOCMCTPDROPTAG}, which always act on network 1. Not thread-safe.
 */
@Structure.FieldOrder({"peer_addr", "tag", "flags"})
public final class MctpIocTagCtl extends Structure {
  /** Size of the C structure. */
  public static final int SIZE = 4;

  public byte peer_addr;
  public byte tag;
  public short flags;
}
