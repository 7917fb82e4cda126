package dev.nvmemi.mi.admin;

/**
 * The Volatile Write Cache feature (FID 06h), CQE DW0 of Get Features / DW11 of Set Features.
 *
 * <p>Immutable; usable from any thread.
 *
 * @param wce WCE, volatile write cache enable (bit 0)
 */
public record VolatileWriteCache(boolean wce) implements AdminPayload {
  /** Decodes the dword; reserved bits are ignored. */
  public static VolatileWriteCache fromDword(long dw) {
    return new VolatileWriteCache((dw & 1) != 0);
  }

  public long toDword() {
    return wce ? 1 : 0;
  }
}
