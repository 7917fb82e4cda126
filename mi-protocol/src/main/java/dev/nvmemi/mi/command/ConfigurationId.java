package dev.nvmemi.mi.command;

import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;

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

  /** @throws MiProtocolException {@link MiErrorKind#INVALID_FIELD} for a reserved CID */
  static int check(int cid) {
    if ((cid >= 0x01 && cid <= 0x04) || isVendorSpecific(cid)) {
      return cid;
    }
    throw new MiProtocolException(MiErrorKind.INVALID_FIELD, String.format(
        "reserved configuration identifier CID 0x%02x (expected: 0x01 ~ 0x04 or vendor 0xc0 ~ 0xff)", cid));
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
