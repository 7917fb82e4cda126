package dev.nvmemi.transport.mctp.jna;

/** Constants of the Linux AF_MCTP API (spec: {@code shared/spec/mctp.md} §1.1). Stateless. */
public final class MctpConstants {
  public static final int AF_MCTP = 45;
  public static final int AF_NETLINK = 16;
  public static final int AF_UNIX = 1;
  public static final int SOCK_DGRAM = 2;
  public static final int SOCK_RAW = 3;
  public static final int SOCK_CLOEXEC = 0x80000;
  public static final int MCTP_NET_ANY = 0;
  public static final int MCTP_INITIAL_DEFAULT_NET = 1;
  public static final int MCTP_ADDR_NULL = 0x00;
  public static final int MCTP_ADDR_ANY = 0xFF;
  public static final int MCTP_TAG_MASK = 0x07;
  public static final int MCTP_TAG_OWNER = 0x08;
  public static final int MCTP_TAG_PREALLOC = 0x10;
  public static final int SIOCMCTPALLOCTAG = 0x89E0;
  public static final int SIOCMCTPDROPTAG = 0x89E1;
  public static final int SIOCMCTPALLOCTAG2 = 0x89E2;
  public static final int SIOCMCTPDROPTAG2 = 0x89E3;
  public static final int MSG_PEEK = 0x2;
  public static final int MSG_TRUNC = 0x20;
  public static final int MSG_DONTWAIT = 0x40;
  public static final int POLLIN = 0x1;
  public static final int POLLERR = 0x8;
  public static final int POLLHUP = 0x10;
  public static final int POLLNVAL = 0x20;
  /** Lifetime of an automatically allocated tag key in the kernel ({@code mctp_key_lifetime}). */
  public static final long KEY_LIFETIME_MS = 6000;

  private MctpConstants() {}
}
