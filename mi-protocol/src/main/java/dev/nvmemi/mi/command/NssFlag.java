package dev.nvmemi.mi.command;

import java.util.EnumSet;
import java.util.Set;

/** NVM Subsystem Status bits of the NSHDS byte 0 (spec sheet §4.1); bit 0 is reserved. */
public enum NssFlag {
  /** Sanitize namespace failure mode (bit 1, NVMe-MI 2.1, single source). */
  SNFM(1),
  /** Port 1 PCIe link active (bit 2). */
  P1LA(2),
  /** Port 0 PCIe link active (bit 3). */
  P0LA(3),
  /** Reset not required (bit 4). */
  RNR(4),
  /** Drive functional (bit 5). */
  DF(5),
  /** Sanitize failure mode (bit 6, 2.0+). */
  SFM(6),
  /** AEM transmission failure (bit 7, 2.0+). */
  ATF(7);

  private final int bit;

  NssFlag(int bit) {
    this.bit = bit;
  }

  public int bit() {
    return bit;
  }

  public static Set<NssFlag> fromNss(int nss) {
    EnumSet<NssFlag> s = EnumSet.noneOf(NssFlag.class);
    for (NssFlag f : values()) {
      if ((nss >>> f.bit & 1) != 0) {
        s.add(f);
      }
    }
    return s;
  }

  public static int toNss(Set<NssFlag> flags) {
    int v = 0;
    for (NssFlag f : flags) {
      v |= 1 << f.bit;
    }
    return v;
  }
}
