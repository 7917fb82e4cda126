package dev.nvmemi.mi.event;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.internal.LittleEndian;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One AE occurrence (spec sheet §8.3): a 9-byte header, then AEOSIL bytes of occurrence-specific
 * and AEOVSIL bytes of vendor-specific information. Immutable (arrays are copied in and out).
 *
 * @param aelhlen occurrence header length (byte 0), 9
 * @param aeosil length of the occurrence-specific information (byte 1)
 * @param aeovsil length of the vendor-specific information (byte 2)
 * @param aeoi the AE ID (byte 3), see {@link AsyncEventId}
 * @param aeocidi scope identifier (bytes 4–7, LE32): NSID, controller ID, port ID … by scope
 * @param aessi scope (byte 8): bits 3:0, see {@link AeScope}
 * @param aeosi the occurrence-specific information
 * @param aeovsi the vendor-specific information
 */
public record AeOccurrence(int aelhlen, int aeosil, int aeovsil, int aeoi, long aeocidi, int aessi,
    byte[] aeosi, byte[] aeovsi) {
  /** Occurrence header length. */
  public static final int HEADER_LENGTH = 9;

  public AeOccurrence {
    if (aelhlen != HEADER_LENGTH) {
      throw new IllegalArgumentException("aelhlen: " + aelhlen + " (expected: 9)");
    }
    checkRange("aeoi", aeoi, 0xFF);
    checkRange("aeocidi", aeocidi, 0xFFFF_FFFFL);
    checkRange("aessi", aessi, 0xFF);
    if (aeosi.length != aeosil || aeosil > 0xFF) {
      throw new IllegalArgumentException("aeosil " + aeosil + " but " + aeosi.length + " bytes");
    }
    if (aeovsi.length != aeovsil || aeovsil > 0xFF) {
      throw new IllegalArgumentException("aeovsil " + aeovsil + " but " + aeovsi.length + " bytes");
    }
    aeosi = aeosi.clone();
    aeovsi = aeovsi.clone();
  }

  /** An occurrence with scope {@code scope} (AESSI bits 3:0) and no vendor information. */
  public static AeOccurrence of(int aeid, AeScope scope, long scopeId, byte[] specificInfo) {
    if (scope == AeScope.RESERVED) {
      throw new IllegalArgumentException("scope: RESERVED (expected: a defined scope)");
    }
    return new AeOccurrence(HEADER_LENGTH, specificInfo.length, 0, aeid, scopeId, scope.ordinal(),
        specificInfo, new byte[0]);
  }

  /** Bytes this occurrence takes on the wire. */
  public int length() {
    return HEADER_LENGTH + aeosil + aeovsil;
  }

  void encodeInto(byte[] b, int off) {
    b[off] = (byte) aelhlen;
    b[off + 1] = (byte) aeosil;
    b[off + 2] = (byte) aeovsil;
    b[off + 3] = (byte) aeoi;
    LittleEndian.put32(b, off + 4, (int) aeocidi);
    b[off + 8] = (byte) aessi;
    System.arraycopy(aeosi, 0, b, off + HEADER_LENGTH, aeosil);
    System.arraycopy(aeovsi, 0, b, off + HEADER_LENGTH + aeosil, aeovsil);
  }

  @Override
  public byte[] aeosi() {
    return aeosi.clone();
  }

  @Override
  public byte[] aeovsi() {
    return aeovsi.clone();
  }

  /** AESSI bits 3:0. */
  @Derived
  public AeScope scope() {
    return AeScope.fromCode(aessi & 0xF);
  }

  @Derived
  public String aeName() {
    return AsyncEventId.name(aeoi);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AeOccurrence a && aelhlen == a.aelhlen && aeosil == a.aeosil
        && aeovsil == a.aeovsil && aeoi == a.aeoi && aeocidi == a.aeocidi && aessi == a.aessi
        && Arrays.equals(aeosi, a.aeosi) && Arrays.equals(aeovsi, a.aeovsi);
  }

  @Override
  public int hashCode() {
    return ((aeoi * 31 + Long.hashCode(aeocidi)) * 31 + aessi) * 31 + Arrays.hashCode(aeosi);
  }

  @Override
  public String toString() {
    HexFormat h = HexFormat.of();
    return "AeOccurrence[aeoi=" + aeoi + ", aeocidi=" + aeocidi + ", aessi=" + aessi + ", aeosi="
        + h.formatHex(aeosi) + ", aeovsi=" + h.formatHex(aeovsi) + "]";
  }
}
