package dev.nvmemi.mi;

import dev.nvmemi.mi.internal.Mic;

/** Builds test messages byte by byte; the MIC is appended (or left wrong on purpose). */
public final class Messages {
  private Messages() {}

  /** {@code bytes} followed by a correct MIC. */
  public static byte[] sealed(int... bytes) {
    byte[] m = new byte[bytes.length + Mic.LENGTH];
    for (int i = 0; i < bytes.length; i++) {
      m[i] = (byte) bytes[i];
    }
    Mic.seal(m);
    return m;
  }

  /** {@code bytes} followed by a MIC that is off by one bit. */
  public static byte[] badMic(int... bytes) {
    byte[] m = sealed(bytes);
    m[m.length - 1] ^= 1;
    return m;
  }

  /** A copy of {@code msg} with byte {@code index} replaced and the MIC recomputed. */
  public static byte[] patched(byte[] msg, int index, int value) {
    byte[] m = msg.clone();
    m[index] = (byte) value;
    Mic.seal(m);
    return m;
  }
}
