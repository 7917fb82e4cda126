package dev.nvmemi.mi;

/**
 * NVMe-MI Message Type (NMIMT), byte 1 bits 6:3 of every NVMe-MI message (spec sheet §1.2).
 * Codes 3h and 6h–Fh are reserved: {@link #fromCode(int)} rejects them.
 *
 * <p>Immutable constants; used from any thread.
 */
public enum Nmimt {
  CONTROL_PRIMITIVE(0x0),
  MI_COMMAND(0x1),
  ADMIN_COMMAND(0x2),
  PCIE_COMMAND(0x4),
  ASYNC_EVENT(0x5);

  private final int code;

  Nmimt(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * @throws MiProtocolException kind {@link MiErrorKind#NMIMT_MISMATCH} for a reserved code
   */
  public static Nmimt fromCode(int code) {
    switch (code) {
      case 0x0: return CONTROL_PRIMITIVE;
      case 0x1: return MI_COMMAND;
      case 0x2: return ADMIN_COMMAND;
      case 0x4: return PCIE_COMMAND;
      case 0x5: return ASYNC_EVENT;
      default:
        throw new MiProtocolException(MiErrorKind.NMIMT_MISMATCH,
            "reserved NVMe-MI message type: 0x" + Integer.toHexString(code)
                + " (expected: 0x0, 0x1, 0x2, 0x4 or 0x5)");
    }
  }
}
