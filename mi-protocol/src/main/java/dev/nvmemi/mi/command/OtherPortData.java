package dev.nvmemi.mi.command;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Port-specific bytes of an inactive port or a port of reserved type, kept verbatim so that the
 * structure re-encodes exactly. Immutable (the array is copied in and out).
 *
 * @param bytes the 24 bytes at structure offsets 8–31
 */
public record OtherPortData(byte[] bytes) implements PortSpecificData {
  public OtherPortData {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("bytes: " + bytes.length + " bytes (expected: 24)");
    }
    bytes = bytes.clone();
  }

  /** 24 zero bytes. */
  public static OtherPortData empty() {
    return new OtherPortData(new byte[LENGTH]);
  }

  static OtherPortData decode(byte[] d, int off) {
    return new OtherPortData(Arrays.copyOfRange(d, off, off + LENGTH));
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public byte[] encode() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OtherPortData p && Arrays.equals(bytes, p.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "OtherPortData[" + HexFormat.of().formatHex(bytes) + "]";
  }
}
