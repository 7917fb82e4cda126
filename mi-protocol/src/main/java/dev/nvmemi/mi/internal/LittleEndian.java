package dev.nvmemi.mi.internal;

/**
 * Little-endian reads and writes on plain byte arrays (every multi-byte NVMe-MI field is
 * little-endian, spec sheet §0.1). Bounds are the caller's business: decoders check lengths
 * before reading. Stateless; thread-safe.
 */
public final class LittleEndian {
  private LittleEndian() {}

  public static int u8(byte[] b, int off) {
    return b[off] & 0xFF;
  }

  public static int u16(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
  }

  public static int u24(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16;
  }

  public static int i32(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
  }

  public static long u32(byte[] b, int off) {
    return i32(b, off) & 0xFFFF_FFFFL;
  }

  public static void put8(byte[] b, int off, int v) {
    b[off] = (byte) v;
  }

  public static void put16(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
  }

  public static void put24(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
  }

  public static void put32(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  /** Checks {@code 0 <= value <= max} for a record component; Netty-style message. */
  public static int checkRange(String name, int value, int max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: 0 ~ " + max + ")");
    }
    return value;
  }

  /** Checks {@code 0 <= value <= max} for a record component; Netty-style message. */
  public static long checkRange(String name, long value, long max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: 0 ~ " + max + ")");
    }
    return value;
  }
}
