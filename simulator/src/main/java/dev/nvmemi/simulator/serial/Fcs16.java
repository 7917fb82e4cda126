package dev.nvmemi.simulator.serial;

/**
 * The DSP0253 frame check sequence as Linux {@code mctp-serial} computes it: the RFC 1662 table
 * CRC with the reflected polynomial 0x8408 and initial value 0xFFFF, but <em>without</em> the
 * final complement (CRC-16/MCRF4XX; check value 0x6F91 for "123456789"). Transmitted high byte
 * first. Stateless; thread-safe.
 */
public final class Fcs16 {
  /** Initial value. */
  public static final int INIT = 0xFFFF;
  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int v = i;
      for (int b = 0; b < 8; b++) {
        v = (v & 1) != 0 ? (v >>> 1) ^ 0x8408 : v >>> 1;
      }
      TABLE[i] = v;
    }
  }

  private Fcs16() {}

  /** Continues the FCS {@code fcs} over {@code data[off, off+len)}. */
  public static int update(int fcs, byte[] data, int off, int len) {
    for (int i = off; i < off + len; i++) {
      fcs = (fcs >>> 8) ^ TABLE[(fcs ^ data[i]) & 0xFF];
    }
    return fcs & 0xFFFF;
  }

  /** Continues the FCS over one byte. */
  public static int update(int fcs, int b) {
    return ((fcs >>> 8) ^ TABLE[(fcs ^ b) & 0xFF]) & 0xFFFF;
  }
}
