package dev.nvmemi.mi.command;

/**
 * Configuration identifiers, NMD0 bits 7:0 of Configuration Get/Set (spec sheet §5): 01h–04h
 * defined, C0h–FFh vendor specific, 00h and 05h–BFh reserved.
 */
public final class ConfigurationId {
  public static final int SMBUS_I2C_FREQUENCY = 0x01;
  public static final int HEALTH_STATUS_CHANGE = 0x02;
  public static final int MCTP_TRANSMISSION_UNIT_SIZE = 0x03;
  public static final int ASYNCHRONOUS_EVENT = 0x04;

  private ConfigurationId() {}

  public static boolean isVendorSpecific(int cid) {
    return cid >= 0xC0 && cid <= 0xFF;
  }

  /** True for 00h and 05h–BFh, which the spec reserves. */
  public static boolean isReserved(int cid) {
    return !(cid >= 0x01 && cid <= 0x04) && !isVendorSpecific(cid);
  }

  /** @throws IllegalArgumentException unless {@code cid} is reserved (00h, 05h–BFh) */
  static void requireVendorSpecific(int cid) {
    if (!isVendorSpecific(cid)) {
      throw new IllegalArgumentException(String.format("cid: 0x%02x (expected: 0xc0 ~ 0xff)", cid));
    }
  }

  static void requireReserved(int cid) {
    if (!isReserved(cid)) {
      throw new IllegalArgumentException(String.format("cid: 0x%02x (expected: reserved 0x00 or 0x05 ~ 0xbf)", cid));
    }
  }

  public static String name(int cid) {
    switch (cid) {
      case 0x01: return "SMBus/I2C Frequency";
      case 0x02: return "Health Status Change";
      case 0x03: return "MCTP Transmission Unit Size";
      case 0x04: return "Asynchronous Event";
      default: return (isVendorSpecific(cid) ? "vendor(0x" : "reserved(0x") + String.format("%02x", cid) + ")";
    }
  }
}
