package dev.nvmemi.mi.event;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;

/**
 * One AE Enable List item (spec sheet §8.2): AEEL (3) and AEEI. Immutable.
 *
 * @param aeel item length, always 3
 * @param aeei bits 7:0 the AE ID, bit 15 AEE (1 enable, 0 disable), bits 14:8 reserved
 */
public record AeEnable(int aeel, int aeei) {
  /** Item length. */
  public static final int LENGTH = 3;

  public AeEnable {
    if (aeel != LENGTH) {
      throw new IllegalArgumentException("aeel: " + aeel + " (expected: 3)");
    }
    checkRange("aeei", aeei, 0xFFFF);
  }

  /** An item that enables ({@code enable}) or disables AE {@code aeid}. */
  public static AeEnable of(int aeid, boolean enable) {
    checkRange("aeid", aeid, 0xFF);
    return new AeEnable(LENGTH, aeid | (enable ? 0x8000 : 0));
  }

  @Derived
  public int aeid() {
    return aeei & 0xFF;
  }

  /** AEE, bit 15. */
  @Derived
  public boolean enable() {
    return (aeei & 0x8000) != 0;
  }
}
