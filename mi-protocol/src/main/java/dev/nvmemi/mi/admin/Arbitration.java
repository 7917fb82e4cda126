package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

/**
 * The Arbitration feature (FID 01h), CQE DW0 of Get Features / DW11 of Set Features.
 *
 * <p>Immutable; usable from any thread.
 *
 * @param ab AB, arbitration burst as 2^n commands, 7 = no limit (bits 2:0)
 * @param lpw LPW, low priority weight, 0's based (bits 15:8)
 * @param mpw MPW, medium priority weight, 0's based (bits 23:16)
 * @param hpw HPW, high priority weight, 0's based (bits 31:24)
 */
public record Arbitration(int ab, int lpw, int mpw, int hpw) implements AdminPayload {
  public Arbitration {
    checkBits(ab, 3, "ab");
    checkBits(lpw, 8, "lpw");
    checkBits(mpw, 8, "mpw");
    checkBits(hpw, 8, "hpw");
  }

  /** Decodes the dword; reserved bits are ignored. */
  public static Arbitration fromDword(long dw) {
    return new Arbitration((int) (dw & 0x7), (int) (dw >>> 8 & 0xFF), (int) (dw >>> 16 & 0xFF),
        (int) (dw >>> 24 & 0xFF));
  }

  public long toDword() {
    return (long) hpw << 24 | (long) mpw << 16 | (long) lpw << 8 | ab;
  }
}
