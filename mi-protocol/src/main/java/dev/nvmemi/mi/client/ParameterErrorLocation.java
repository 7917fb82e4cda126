package dev.nvmemi.mi.client;

/**
 * Parameter Error Location of an Invalid Parameter (04h) response (spec sheet §1.4): byte 5 bits
 * 2:0 give the bit position, bytes 7:6 (little-endian, see {@link dev.nvmemi.mi.MiCodecOptions})
 * the byte offset of the offending field's least significant byte, counted from byte 0 of the
 * request.
 *
 * @param byteOffset byte offset, 0..65535
 * @param bitPosition bit position, 0..7
 */
public record ParameterErrorLocation(int byteOffset, int bitPosition) {
  public ParameterErrorLocation {
    if (byteOffset < 0 || byteOffset > 0xFFFF) {
      throw new IllegalArgumentException("byteOffset: " + byteOffset + " (expected: 0 ~ 65535)");
    }
    if (bitPosition < 0 || bitPosition > 7) {
      throw new IllegalArgumentException("bitPosition: " + bitPosition + " (expected: 0 ~ 7)");
    }
  }
}
