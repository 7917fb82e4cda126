package dev.nvmemi.mi.command;

import java.util.EnumSet;
import java.util.Set;

/**
 * The SMART critical warning bits as NVMe-MI reports them: inverted in the NSHDS SW byte, not
 * inverted in the CHDS CWARN byte (spec sheet §4.1, §4.2). Bit 7 is reserved.
 */
public enum SmartWarning {
  /** Available spare below threshold (bit 0). */
  ST,
  /** Temperature above or under a threshold (bit 1). */
  TAUT,
  /** Reliability degraded (bit 2). */
  RD,
  /** Media read-only (bit 3). */
  RO,
  /** Volatile memory backup failed (bit 4). */
  VMBF,
  /** Persistent memory region read-only or unreliable (bit 5). */
  PMRE,
  /** Indeterminate personality state (bit 6, NVMe-MI 2.1, single source). */
  IPS;

  /** Bit position. */
  public int bit() {
    return ordinal();
  }

  /** Warnings whose bit is 1 (CWARN, SMART critical warning). */
  public static Set<SmartWarning> fromAsserted(int bits) {
    EnumSet<SmartWarning> s = EnumSet.noneOf(SmartWarning.class);
    for (SmartWarning w : values()) {
      if ((bits >>> w.bit() & 1) != 0) {
        s.add(w);
      }
    }
    return s;
  }

  /**
   * Warnings whose bit is 0 in the inverted NSHDS SW byte. Only bits 5:0 are read: endpoints leave
   * the unused bits 7:6 at 0 in the healthy state (NMD emits 3Fh for "no warning", the vectors
   * agree), so a 0 in bit 6 cannot be told apart from an asserted IPS (spec sheet §4.1, §12 item 14).
   * IPS is reported through CHDS CWARN, which is not inverted.
   */
  public static Set<SmartWarning> fromInverted(int sw) {
    return fromAsserted(~sw & 0x3F);
  }

  /** The byte with exactly these warnings asserted (not inverted). */
  public static int toAsserted(Set<SmartWarning> warnings) {
    int v = 0;
    for (SmartWarning w : warnings) {
      v |= 1 << w.bit();
    }
    return v;
  }

  /**
   * The inverted SW byte for these warnings: bits 5:0 inverted, bits 7:6 left at 0 as NMD emits
   * (§12 item 14); IPS therefore cannot be expressed in SW and is ignored here.
   */
  public static int toInverted(Set<SmartWarning> warnings) {
    return ~toAsserted(warnings) & 0x3F;
  }
}
