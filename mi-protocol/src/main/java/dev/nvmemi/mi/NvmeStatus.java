package dev.nvmemi.mi;

/**
 * An NVMe completion status from CQE dword 3 bits 31:17 (the 15-bit status field without the phase
 * tag), as returned through the NVMe-MI admin tunnel.
 *
 * @param sc status code (bits 7:0 of the status field)
 * @param sct status code type (bits 10:8)
 * @param crd command retry delay (bits 12:11)
 * @param more more information in the error log (bit 13)
 * @param dnr do not retry (bit 14)
 */
public record NvmeStatus(int sc, int sct, int crd, boolean more, boolean dnr) {

  /** Decodes CQE dword 3 (the phase tag, bit 16, is ignored). */
  public static NvmeStatus fromCqeDword3(int dw3) {
    int status = (dw3 >>> 17) & 0x7FFF;
    return fromStatusField(status);
  }

  /** Decodes the 15-bit status field (phase tag removed). */
  public static NvmeStatus fromStatusField(int status) {
    return new NvmeStatus(status & 0xFF, (status >>> 8) & 0x7, (status >>> 11) & 0x3,
        (status & 0x2000) != 0, (status & 0x4000) != 0);
  }

  /** The 15-bit status field. */
  public int statusField() {
    return (sc & 0xFF) | (sct & 0x7) << 8 | (crd & 0x3) << 11 | (more ? 0x2000 : 0) | (dnr ? 0x4000 : 0);
  }

  public boolean isSuccess() {
    return sc == 0 && sct == 0;
  }

  /** Generic (SCT 0) Invalid Opcode or Invalid Field: the command is not supported as issued. */
  public boolean isInvalidCommand() {
    return sct == 0 && (sc == 0x01 || sc == 0x02);
  }

  @Override
  public String toString() {
    return String.format("NVMe status sct=0x%x sc=0x%02x%s%s", sct, sc, more ? " more" : "", dnr ? " dnr" : "");
  }
}
