package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

/**
 * The Error Recovery feature (FID 05h), CQE DW0 of Get Features / DW11 of Set Features.
 *
 * <p>Immutable; usable from any thread.
 *
 * @param tler TLER, time limited error recovery in 100 ms units, 0 = none (bits 15:0)
 * @param dulbe DULBE, deallocated or unwritten logical block error enable (bit 16)
 */
public record ErrorRecovery(int tler, boolean dulbe) implements AdminPayload {
  public ErrorRecovery {
    checkBits(tler, 16, "tler");
  }

  /** Decodes the dword; reserved bits are ignored. */
  public static ErrorRecovery fromDword(long dw) {
    return new ErrorRecovery((int) (dw & 0xFFFF), (dw & 0x1_0000) != 0);
  }

  public long toDword() {
    return (dulbe ? 0x1_0000L : 0) | tler;
  }
}
