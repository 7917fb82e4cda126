package dev.nvmemi.mi.command;

import dev.nvmemi.mi.MiRevision;
import dev.nvmemi.mi.RenamedIn;
import java.util.EnumSet;
import java.util.Set;

/**
 * The Composite Controller Status flags (NSHDS CCS) and Controller Health Status Changed flags
 * (CHDS CHSC), spec sheet §4.3, with the position of each flag in the contiguous Health Status
 * Change clear mask of Configuration Set CID 02h (§5). The Java names are the NVMe-MI 2.0 ones;
 * {@link RenamedIn} gives the 2.1 names for renderers ({@link dev.nvmemi.mi.SpecNames}).
 */
public enum CcsFlag {
  /** CSTS.RDY changed. */
  RDY(0, 0),
  /** CSTS.CFS changed. */
  CFS(1, 1),
  /** CSTS.SHST changed. */
  SHST(2, 2),
  /** NVM subsystem reset occurred. */
  NSSRO(4, 3),
  /** CC.EN changed. */
  CECO(5, 4),
  /** Namespace attribute changed. */
  NAC(6, 5),
  /** Firmware activated. */
  FA(7, 6),
  /** Controller status change (HSC mask name: CSCHNG). */
  CSTS(8, 7),
  /** Composite temperature change. */
  CTEMP(9, 8),
  /** Percentage used change. */
  PDLU(10, 9),
  /** Available spare change. */
  SPARE(11, 10),
  /** Critical warning change. */
  CWARN(12, 11),
  /**
   * Telemetry controller-initiated data available (2.0+); named TCIDAF (TCIDA Flag) from NVMe-MI
   * 2.1 (TP6039) on, where the field is CCSF.
   */
  @RenamedIn(revision = MiRevision.V2_1, name = "TCIDAF")
  TCIDA(13, 12);

  private final int ccsBit;
  private final int hscBit;

  CcsFlag(int ccsBit, int hscBit) {
    this.ccsBit = ccsBit;
    this.hscBit = hscBit;
  }

  /** Bit position in CCS / CHSC. */
  public int ccsBit() {
    return ccsBit;
  }

  /** Bit position in the contiguous Health Status Change mask. */
  public int hscBit() {
    return hscBit;
  }

  /** The flags set in a CCS or CHSC value; reserved bits are ignored. */
  public static Set<CcsFlag> fromCcs(int ccs) {
    EnumSet<CcsFlag> s = EnumSet.noneOf(CcsFlag.class);
    for (CcsFlag f : values()) {
      if ((ccs >>> f.ccsBit & 1) != 0) {
        s.add(f);
      }
    }
    return s;
  }

  /** The CCS / CHSC value with exactly these flags set. */
  public static int toCcs(Set<CcsFlag> flags) {
    int v = 0;
    for (CcsFlag f : flags) {
      v |= 1 << f.ccsBit;
    }
    return v;
  }

  /** The flags named by a contiguous Health Status Change mask; bits 31:13 are reserved and ignored. */
  public static Set<CcsFlag> fromHscMask(int mask) {
    EnumSet<CcsFlag> s = EnumSet.noneOf(CcsFlag.class);
    for (CcsFlag f : values()) {
      if ((mask >>> f.hscBit & 1) != 0) {
        s.add(f);
      }
    }
    return s;
  }

  /** The contiguous Health Status Change mask that clears exactly these flags. */
  public static int toHscMask(Set<CcsFlag> flags) {
    int v = 0;
    for (CcsFlag f : flags) {
      v |= 1 << f.hscBit;
    }
    return v;
  }
}
