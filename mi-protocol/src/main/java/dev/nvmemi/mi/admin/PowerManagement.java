package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

/**
 * The Power Management feature (FID 02h), CQE DW0 of Get Features / DW11 of Set Features.
 *
 * <p>Immutable; usable from any thread.
 *
 * @param ps PS, power state (bits 4:0)
 * @param wh WH, workload hint (bits 7:5)
 */
public record PowerManagement(int ps, int wh) implements AdminPayload {
  public PowerManagement {
    checkBits(ps, 5, "ps");
    checkBits(wh, 3, "wh");
  }

  /** Decodes the dword; reserved bits are ignored. */
  public static PowerManagement fromDword(long dw) {
    return new PowerManagement((int) (dw & 0x1F), (int) (dw >>> 5 & 0x7));
  }

  public long toDword() {
    return (long) wh << 5 | ps;
  }
}
