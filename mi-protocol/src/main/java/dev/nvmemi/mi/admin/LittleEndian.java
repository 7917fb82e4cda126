package dev.nvmemi.mi.admin;

import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian field access for the NVMe data structures carried by the admin tunnel (every
 * multi-byte NVMe field is little-endian, spec sheet §0.1). Callers check lengths before reading;
 * these helpers never check bounds themselves beyond what the JVM does. Stateless; thread-safe.
 */
final class LittleEndian {
  private static final BigInteger TWO_POW_128 = BigInteger.ONE.shiftLeft(128);

  private LittleEndian() {}

  static int u8(byte[] b, int off) {
    return b[off] & 0xFF;
  }

  static int u16(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
  }

  static int u24(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16;
  }

  static long u32(byte[] b, int off) {
    return ((b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16
        | (long) (b[off + 3] & 0xFF) << 24) & 0xFFFFFFFFL;
  }

  static long u64(byte[] b, int off) {
    return u32(b, off) | u32(b, off + 4) << 32;
  }

  /** An unsigned 128-bit little-endian counter (SMART counters, TNVMCAP/UNVMCAP). */
  static BigInteger u128(byte[] b, int off) {
    long lo = u64(b, off);
    if (lo >= 0 && u64(b, off + 8) == 0) {
      return BigInteger.valueOf(lo); // the common case: the counter fits 63 bits
    }
    byte[] be = new byte[16];
    for (int i = 0; i < 16; i++) {
      be[i] = b[off + 15 - i];
    }
    return new BigInteger(1, be);
  }

  static void put8(byte[] b, int off, int v) {
    b[off] = (byte) v;
  }

  static void put16(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
  }

  static void put24(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
  }

  static void put32(byte[] b, int off, long v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  static void put64(byte[] b, int off, long v) {
    put32(b, off, v);
    put32(b, off + 4, v >>> 32);
  }

  static void put128(byte[] b, int off, BigInteger v) {
    byte[] be = v.toByteArray();
    for (int i = 0; i < 16; i++) {
      int src = be.length - 1 - i;
      b[off + i] = src >= 0 ? be[src] : 0;
    }
  }

  /** Checks that {@code v} fits an unsigned 128-bit field. */
  static BigInteger check128(BigInteger v, String name) {
    if (v == null) {
      throw new NullPointerException(name);
    }
    if (v.signum() < 0 || v.compareTo(TWO_POW_128) >= 0) {
      throw new IllegalArgumentException(name + ": " + v + " (expected: 0 ~ 2^128-1)");
    }
    return v;
  }

  /** Checks that {@code v} fits {@code bits} unsigned bits. */
  static long checkBits(long v, int bits, String name) {
    long max = bits == 64 ? -1L : (1L << bits) - 1;
    if (bits < 64 && (v < 0 || v > max)) {
      throw new IllegalArgumentException(name + ": " + v + " (expected: 0 ~ " + max + ")");
    }
    return v;
  }

  static int checkBits(int v, int bits, String name) {
    return (int) checkBits((long) v, bits, name);
  }

  /**
   * An ASCII string field, trimmed of trailing spaces and NULs (Identify SN/MN/FR are space padded,
   * SUBNQN is NUL terminated). Bytes outside printable ASCII are kept as ISO-8859-1 characters so
   * that nothing is silently dropped.
   */
  static String ascii(byte[] b, int off, int len) {
    int end = off + len;
    int nul = off;
    while (nul < end && b[nul] != 0) {
      nul++;
    }
    end = nul;
    while (end > off && b[end - 1] == ' ') {
      end--;
    }
    return new String(b, off, end - off, StandardCharsets.ISO_8859_1);
  }

  /**
   * A UTF-8 string field terminated by NUL or the field end (SUBNQN), trimmed of trailing spaces.
   *
   * @throws MiProtocolException {@code INVALID_FIELD} when the bytes are not valid UTF-8
   */
  static String utf8z(byte[] b, int off, int len, String name) {
    int end = off;
    boolean ascii = true;
    while (end < off + len && b[end] != 0) {
      ascii &= b[end] >= 0; // a byte below 0x80 is one UTF-8 character by itself
      end++;
    }
    while (end > off && b[end - 1] == ' ') {
      end--;
    }
    if (ascii) {
      // The common case (an NQN is ASCII): the same characters as the UTF-8 decoder gives, without
      // a decoder and its buffers.
      return end == off ? "" : new String(b, off, end - off, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, off, end - off))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MiProtocolException(MiErrorKind.INVALID_FIELD,
          name + " is not valid UTF-8 (expected: a UTF-8 string, NUL padded)", e);
    }
  }

  /** The length of {@code s} in UTF-8 bytes ({@code s.getBytes(UTF_8).length}), without encoding ASCII. */
  static int utf8Length(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return s.length();
  }

  private static final byte[] HEX_DIGITS = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

  /** {@code len} bytes from {@code off} as 2 × len lower-case hex digits in wire order. */
  static String lowerHex(byte[] b, int off, int len) {
    byte[] digits = new byte[2 * len];
    for (int i = 0; i < len; i++) {
      digits[2 * i] = HEX_DIGITS[(b[off + i] >>> 4) & 0xF];
      digits[2 * i + 1] = HEX_DIGITS[b[off + i] & 0xF];
    }
    return new String(digits, StandardCharsets.ISO_8859_1);
  }

  /** True when {@code s} is exactly {@code digits} characters, each 0–9 or a–f. */
  static boolean isLowerHex(String s, int digits) {
    if (s.length() != digits) {
      return false;
    }
    for (int i = 0; i < digits; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** Writes {@code s} space padded to {@code len} bytes. */
  static void putAsciiPadded(byte[] b, int off, int len, String s, String name) {
    byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
    if (bytes.length > len) {
      throw new IllegalArgumentException(name + " too long: " + bytes.length + " bytes (expected: at most " + len + ")");
    }
    System.arraycopy(bytes, 0, b, off, bytes.length);
    for (int i = bytes.length; i < len; i++) {
      b[off + i] = ' ';
    }
  }

  /** Writes {@code s} as UTF-8, NUL padded to {@code len} bytes. */
  static void putUtf8Z(byte[] b, int off, int len, String s, String name) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > len) {
      throw new IllegalArgumentException(name + " too long: " + bytes.length + " bytes (expected: at most " + len + ")");
    }
    System.arraycopy(bytes, 0, b, off, bytes.length);
  }

  /** Checks a string field can be encoded and round-trips: fits, no trailing space, no NUL. */
  static String checkAscii(String s, int len, String name) {
    if (s == null) {
      throw new NullPointerException(name);
    }
    if (s.length() > len) {
      throw new IllegalArgumentException(name + " too long: " + s.length() + " characters (expected: at most " + len + ")");
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF || s.charAt(i) == 0) {
        throw new IllegalArgumentException(name + " has a character outside ISO-8859-1 or NUL at " + i);
      }
    }
    if (!s.isEmpty() && s.charAt(s.length() - 1) == ' ') {
      throw new IllegalArgumentException(name + " ends with a space (expected: trimmed)");
    }
    return s;
  }
}
