package dev.nvmemi.transport.mctp.jna;

import com.sun.jna.Structure;

/**
 * {@code struct sockaddr_mctp_ext}, 52 bytes: a {@link SockaddrMctp} followed by the interface index
 * and the physical address, used with {@code MCTP_OPT_ADDR_EXT} (spec: {@code shared/spec/mctp.md}
 * §1.2). The requester does not need it (it routes by EID); it is mapped so that the layout is
 * checked and physical addressing can be added without guessing offsets. Not thread-safe.
 */
@Structure.FieldOrder({"smctp_base", "smctp_ifindex", "smctp_halen", "__smctp_pad0", "smctp_haddr"})
public final class SockaddrMctpExt extends Structure {
  /** Size of the C structure. */
  public static final int SIZE = 52;
  /** {@code MAX_ADDR_LEN}. */
  public static final int MAX_ADDR_LEN = 32;

  public SockaddrMctp smctp_base = new SockaddrMctp();
  public int smctp_ifindex;
  public byte smctp_halen;
  public byte[] __smctp_pad0 = new byte[3];
  public byte[] smctp_haddr = new byte[MAX_ADDR_LEN];
}
