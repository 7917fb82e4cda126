package dev.nvmemi.mi.admin;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The Critical Warning bits of the SMART / Health log byte 0 (spec sheet §7.1), named as in the
 * NVMe-MI Controller Health Data Structure CWARN field (§4.2), which carries the same bits.
 *
 * <p>An enum; immutable and usable from any thread.
 */
public enum CriticalWarning {
  /** Bit 0: available spare below threshold. */
  ST(0),
  /** Bit 1: temperature above an over-temperature or below an under-temperature threshold. */
  TAUT(1),
  /** Bit 2: NVM subsystem reliability degraded. */
  RD(2),
  /** Bit 3: media placed in read-only mode. */
  RO(3),
  /** Bit 4: volatile memory backup device failed. */
  VMBF(4),
  /** Bit 5: persistent memory region read-only or unreliable. */
  PMRE(5);

  private final int bit;

  CriticalWarning(int bit) {
    this.bit = bit;
  }

  /** The bit position. */
  public int bit() {
    return bit;
  }

  /** The bit mask. */
  public int mask() {
    return 1 << bit;
  }

  /** The named bits set in {@code value} (undefined bits are ignored). */
  public static Set<CriticalWarning> fromBits(int value) {
    EnumSet<CriticalWarning> set = EnumSet.noneOf(CriticalWarning.class);
    for (CriticalWarning w : values()) {
      if ((value & w.mask()) != 0) {
        set.add(w);
      }
    }
    return Collections.unmodifiableSet(set);
  }

  /** The byte with the bits of {@code warnings} set. */
  public static int toBits(Set<CriticalWarning> warnings) {
    int v = 0;
    for (CriticalWarning w : warnings) {
      v |= w.mask();
    }
    return v;
  }
}
