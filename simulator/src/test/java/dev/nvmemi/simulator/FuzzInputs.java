package dev.nvmemi.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The input layout of the simulator's fuzz targets: a sequence of chunks, each a length (one byte
 * for packets, two big-endian bytes for messages) and that many bytes (or what is left), so that one
 * input drives an endpoint through several exchanges.
 *
 * <p>Thread: any; stateless.
 */
public final class FuzzInputs {
  /** Longest one execution may take before it counts as a hang (an exchange takes microseconds). */
  public static final int TIMEOUT_SECONDS = 10;
  /** Chunks of one input beyond this are ignored: enough for any sequence a test needs. */
  public static final int MAX_CHUNKS = 16;

  private FuzzInputs() {}

  /** Splits {@code input} into chunks with {@code lengthBytes}-byte (1 or 2) big-endian length prefixes. */
  public static List<byte[]> chunks(byte[] input, int lengthBytes) {
    List<byte[]> out = new ArrayList<>();
    int pos = 0;
    while (pos + lengthBytes <= input.length && out.size() < MAX_CHUNKS) {
      int n = lengthBytes == 1 ? input[pos] & 0xFF : (input[pos] & 0xFF) << 8 | input[pos + 1] & 0xFF;
      pos += lengthBytes;
      int end = Math.min(input.length, pos + n);
      out.add(Arrays.copyOfRange(input, pos, end));
      pos = end;
    }
    return out;
  }

  /** The inverse of {@link #chunks}: a seed made of {@code parts}. */
  public static byte[] join(int lengthBytes, List<byte[]> parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += lengthBytes + p.length;
    }
    byte[] out = new byte[n];
    int pos = 0;
    for (byte[] p : parts) {
      if (lengthBytes == 2) {
        out[pos++] = (byte) (p.length >>> 8);
      }
      out[pos++] = (byte) p.length;
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }
}
