package dev.nvmemi.mi.internal;

import java.util.zip.CRC32C;

/**
 * The NVMe-MI Message Integrity Check: CRC-32C over every byte from byte 0 (the 0x84 type byte)
 * through the last data byte, appended little-endian (spec sheet §1.3). Stateless; thread-safe.
 */
public final class Mic {
  /** CRC-32C of a whole message including a correct MIC. */
  public static final int RESIDUE = 0x48674BC7;
  /** Length of the MIC in bytes. */
  public static final int LENGTH = 4;

  private Mic() {}

  /** CRC-32C of {@code msg[offset, offset+length)}. */
  public static int compute(byte[] msg, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(msg, offset, length);
    return (int) crc.getValue();
  }

  /** Computes the MIC over {@code msg[0, length-4)} and writes it into the last four bytes. */
  public static void seal(byte[] msg) {
    int mic = compute(msg, 0, msg.length - LENGTH);
    int p = msg.length - LENGTH;
    msg[p] = (byte) mic;
    msg[p + 1] = (byte) (mic >>> 8);
    msg[p + 2] = (byte) (mic >>> 16);
    msg[p + 3] = (byte) (mic >>> 24);
  }

  /** The MIC stored in the last four bytes (little-endian). */
  public static int stored(byte[] msg) {
    int p = msg.length - LENGTH;
    return (msg[p] & 0xFF) | (msg[p + 1] & 0xFF) << 8 | (msg[p + 2] & 0xFF) << 16 | (msg[p + 3] & 0xFF) << 24;
  }

  /** True when the last four bytes are the CRC-32C of everything before them. */
  public static boolean verify(byte[] msg) {
    return msg.length >= LENGTH && compute(msg, 0, msg.length - LENGTH) == stored(msg);
  }
}
