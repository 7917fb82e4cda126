package dev.nvmemi.simulator.model;

import java.math.BigInteger;

/** Little-endian writes into byte arrays. Stateless. */
public final class Le {
  private Le() {}

  public static void putShort(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
  }

  public static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  public static void putLong(byte[] b, int off, long v) {
    for (int i = 0; i < 8; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }

  /** A non-negative 128-bit value, little-endian, in 16 bytes. */
  public static void put128(byte[] b, int off, BigInteger v) {
    byte[] be = v.toByteArray();
    for (int i = 0; i < 16 && i < be.length; i++) {
      b[off + i] = be[be.length - 1 - i];
    }
  }

  public static int getShort(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
  }

  public static int getInt(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
  }

  /** Writes ASCII {@code s} padded with spaces to {@code len} bytes. */
  public static void putAscii(byte[] b, int off, int len, String s) {
    for (int i = 0; i < len; i++) {
      b[off + i] = (byte) (i < s.length() ? s.charAt(i) : ' ');
    }
  }
}
