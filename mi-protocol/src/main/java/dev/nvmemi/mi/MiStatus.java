package dev.nvmemi.mi;

/**
 * Response Message Status, byte 4 of every NVMe-MI response (spec sheet §1.5). An open value: every
 * byte is representable, including reserved and vendor-specific (E0h–FFh) codes, which survive
 * decoding unchanged (Netty's {@code DnsResponseCode} pattern).
 *
 * @param code the raw status byte, 0..255
 */
public record MiStatus(int code) {
  public static final MiStatus SUCCESS = new MiStatus(0x00);
  public static final MiStatus MORE_PROCESSING_REQUIRED = new MiStatus(0x01);
  public static final MiStatus INTERNAL_ERROR = new MiStatus(0x02);
  public static final MiStatus INVALID_COMMAND_OPCODE = new MiStatus(0x03);
  public static final MiStatus INVALID_PARAMETER = new MiStatus(0x04);
  public static final MiStatus INVALID_COMMAND_SIZE = new MiStatus(0x05);
  public static final MiStatus INVALID_COMMAND_INPUT_DATA_SIZE = new MiStatus(0x06);
  public static final MiStatus ACCESS_DENIED = new MiStatus(0x07);
  public static final MiStatus UNABLE_TO_ABORT = new MiStatus(0x08);
  public static final MiStatus VPD_UPDATES_EXCEEDED = new MiStatus(0x20);
  public static final MiStatus PCIE_INACCESSIBLE = new MiStatus(0x21);
  public static final MiStatus MEB_CLEARED_DUE_TO_SANITIZE = new MiStatus(0x22);
  public static final MiStatus ENCLOSURE_SERVICES_FAILURE = new MiStatus(0x23);
  public static final MiStatus ENCLOSURE_SERVICES_TRANSFER_FAILURE = new MiStatus(0x24);
  public static final MiStatus ENCLOSURE_FAILURE = new MiStatus(0x25);
  public static final MiStatus ENCLOSURE_SERVICES_TRANSFER_REFUSED = new MiStatus(0x26);
  public static final MiStatus UNSUPPORTED_ENCLOSURE_FUNCTION = new MiStatus(0x27);
  public static final MiStatus ENCLOSURE_SERVICES_UNAVAILABLE = new MiStatus(0x28);
  public static final MiStatus ENCLOSURE_DEGRADED = new MiStatus(0x29);
  public static final MiStatus SANITIZE_IN_PROGRESS = new MiStatus(0x2A);

  /**
   * One shared instance per byte value, so that decoding a response allocates no status; the named
   * constants above are the instances for their codes. Records are immutable, so sharing is safe.
   */
  private static final MiStatus[] BY_CODE = byCode(SUCCESS, MORE_PROCESSING_REQUIRED, INTERNAL_ERROR,
      INVALID_COMMAND_OPCODE, INVALID_PARAMETER, INVALID_COMMAND_SIZE, INVALID_COMMAND_INPUT_DATA_SIZE,
      ACCESS_DENIED, UNABLE_TO_ABORT, VPD_UPDATES_EXCEEDED, PCIE_INACCESSIBLE, MEB_CLEARED_DUE_TO_SANITIZE,
      ENCLOSURE_SERVICES_FAILURE, ENCLOSURE_SERVICES_TRANSFER_FAILURE, ENCLOSURE_FAILURE,
      ENCLOSURE_SERVICES_TRANSFER_REFUSED, UNSUPPORTED_ENCLOSURE_FUNCTION, ENCLOSURE_SERVICES_UNAVAILABLE,
      ENCLOSURE_DEGRADED, SANITIZE_IN_PROGRESS);

  public MiStatus {
    if (code < 0 || code > 0xFF) {
      throw new IllegalArgumentException("status: " + code + " (expected: 0 ~ 255)");
    }
  }

  private static MiStatus[] byCode(MiStatus... named) {
    MiStatus[] all = new MiStatus[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = new MiStatus(i);
    }
    for (MiStatus s : named) {
      all[s.code] = s;
    }
    return all;
  }

  /** The status for a raw byte (only its low 8 bits count); a shared instance, never allocated. */
  public static MiStatus valueOf(int code) {
    return BY_CODE[code & 0xFF];
  }

  public boolean isSuccess() {
    return code == 0;
  }

  /** E0h–FFh. */
  public boolean isVendorSpecific() {
    return code >= 0xE0;
  }

  /** 09h–1Fh and 2Bh–DFh (08h is reserved in NVMe-MI before 2.1, Unable to Abort since). */
  public boolean isReserved() {
    return (code >= 0x09 && code <= 0x1F) || (code >= 0x2B && code <= 0xDF);
  }

  /** A stable, readable name: the spec's name, {@code reserved(0xNN)} or {@code vendor(0xNN)}. */
  public String name() {
    switch (code) {
      case 0x00: return "Success";
      case 0x01: return "More Processing Required";
      case 0x02: return "Internal Error";
      case 0x03: return "Invalid Command Opcode";
      case 0x04: return "Invalid Parameter";
      case 0x05: return "Invalid Command Size";
      case 0x06: return "Invalid Command Input Data Size";
      case 0x07: return "Access Denied";
      case 0x08: return "Unable to Abort";
      case 0x20: return "VPD Updates Exceeded";
      case 0x21: return "PCIe Inaccessible";
      case 0x22: return "Management Endpoint Buffer Cleared Due to Sanitize";
      case 0x23: return "Enclosure Services Failure";
      case 0x24: return "Enclosure Services Transfer Failure";
      case 0x25: return "Enclosure Failure";
      case 0x26: return "Enclosure Services Transfer Refused";
      case 0x27: return "Unsupported Enclosure Function";
      case 0x28: return "Enclosure Services Unavailable";
      case 0x29: return "Enclosure Degraded";
      case 0x2A: return "Sanitize In Progress";
      default:
        return (isVendorSpecific() ? "vendor(0x" : "reserved(0x") + String.format("%02x", code) + ")";
    }
  }

  @Override
  public String toString() {
    return name() + String.format(" (0x%02x)", code);
  }
}
