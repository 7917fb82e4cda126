package dev.nvmemi.mi.command;

import java.util.EnumSet;
import java.util.Set;

/**
 * Single-bit flags of the CHDS CSTS field (spec sheet §4.2). SHST (bits 3:2) is a two-bit field and
 * is reported separately by {@link ControllerHealthStatus#shutdownStatus()}.
 */
public enum CstsFlag {
  RDY(0), CFS(1), NSSRO(4), CECO(5), NAC(6), FA(7), TCIDA(8);

  private final int bit;

  CstsFlag(int bit) {
    this.bit = bit;
  }

  public int bit() {
    return bit;
  }

  public static Set<CstsFlag> fromCsts(int csts) {
    EnumSet<CstsFlag> s = EnumSet.noneOf(CstsFlag.class);
    for (CstsFlag f : values()) {
      if ((csts >>> f.bit & 1) != 0) {
        s.add(f);
      }
    }
    return s;
  }
}
