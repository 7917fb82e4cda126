package dev.nvmemi.transport.mctp.jna;

import com.sun.jna.Structure;

/**
 * {@code struct sockaddr_mctp}, 12 bytes, host byte order (spec: {@code shared/spec/mctp.md} §1.2).
 * Both pad fields must be zero or the kernel answers EINVAL. A JNA structure: not thread-safe, used
 * by one worker thread for one call.
 */
@Structure.FieldOrder({"smctp_family", "__smctp_pad0", "smctp_network", "smctp_addr", "smctp_type",
    "smctp_tag", "__smctp_pad1"})
public final class SockaddrMctp extends Structure {
  /** Size of the C structure. */
  public static final int SIZE = 12;

  public short smctp_family = (short) MctpConstants.AF_MCTP;
  public short __smctp_pad0;
  public int smctp_network;
  public byte smctp_addr;
  public byte smctp_type;
  public byte smctp_tag;
  public byte __smctp_pad1;

  public SockaddrMctp() {}

  /** A structure holding {@code a}. */
  public static SockaddrMctp of(MctpAddress a) {
    SockaddrMctp s = new SockaddrMctp();
    s.smctp_network = a.network();
    s.smctp_addr = (byte) a.eid();
    s.smctp_type = (byte) a.type();
    s.smctp_tag = (byte) a.tag();
    return s;
  }

  /** The address held. */
  public MctpAddress toAddress() {
    return new MctpAddress(smctp_network, smctp_addr & 0xFF, smctp_type & 0xFF, smctp_tag & 0xFF);
  }
}
