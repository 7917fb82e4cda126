package dev.nvmemi.mi.event;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;

/**
 * One AE Supported List item (spec sheet §8.2): AESL (3) and AESI. Immutable.
 *
 * @param aesl item length, always 3
 * @param aesi bits 7:0 the AE ID, bit 15 AESE (currently enabled), bits 14:8 reserved
 */
public record AeSupported(int aesl, int aesi) {
  public static final int LENGTH = 3;

  public AeSupported {
    if (aesl != LENGTH) {
      throw new IllegalArgumentException("aesl: " + aesl + " (expected: 3)");
    }
    checkRange("aesi", aesi, 0xFFFF);
  }

  public static AeSupported of(int aeid, boolean enabled) {
    checkRange("aeid", aeid, 0xFF);
    return new AeSupported(LENGTH, aeid | (enabled ? 0x8000 : 0));
  }

  @Derived
  public int aeid() {
    return aesi & 0xFF;
  }

  /** AESE, bit 15: the event is currently enabled. */
  @Derived
  public boolean enabled() {
    return (aesi & 0x8000) != 0;
  }

  @Derived
  public String aeName() {
    return AsyncEventId.name(aeid());
  }
}
