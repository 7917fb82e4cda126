package dev.nvmemi.mi.control;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiCodecOptions.GetStateLayout;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The management endpoint state a Get State response reports in CPSR (spec sheet §1.8): bits 1:0
 * SSTA (slot state) and error flags. [U] §12 item 7: CMNICS/BMICE sit at bits 3/4 (WS, default)
 * or 4/5 (AM), chosen by {@link GetStateLayout}. Immutable.
 *
 * @param ssta slot state, CPSR bits 1:0
 * @param flags the flags that are set
 */
public record ManagementEndpointState(int ssta, Set<Flag> flags) {

  /** Command slot state (SSTA). */
  public enum SlotState { IDLE, RECEIVE, PROCESS, TRANSMIT }

  /** Get State flags; the position of CMNICS and BMICE depends on the layout. */
  public enum Flag {
    /** Paused (bit 15). */
    PFLG(15),
    /** NVM subsystem reset occurred (bit 14). */
    NSSRO(14),
    /** Bad packet or other physical layer error (bit 13). */
    BPOPL(13),
    /** Bad, unexpected or expired tag (bit 12). */
    BUEMT(12),
    /** Out-of-sequence packet sequence number (bit 11). */
    OSPSN(11),
    /** Unexpected middle or end of packet (bit 10). */
    UMEP(10),
    /** Incorrect transmission unit (bit 9). */
    ITU(9),
    /** Unknown destination ID (bit 8). */
    UDSTID(8),
    /** Bad header version (bit 7). */
    BHVS(7),
    /** Unsupported transmission unit (bit 6). */
    UTUNT(6),
    /** Bad MIC (bit 4 WS / 5 AM). */
    BMICE(-1),
    /** Command sent to a non-idle slot (bit 3 WS / 4 AM). */
    CMNICS(-1);

    private final int fixedBit;

    Flag(int fixedBit) {
      this.fixedBit = fixedBit;
    }

    /** The bit position in CPSR under {@code layout}. */
    public int bit(GetStateLayout layout) {
      if (this == BMICE) {
        return layout.bmiceBit();
      }
      if (this == CMNICS) {
        return layout.cmnicsBit();
      }
      return fixedBit;
    }
  }

  public ManagementEndpointState {
    if (ssta < 0 || ssta > 3) {
      throw new IllegalArgumentException("ssta: " + ssta + " (expected: 0 ~ 3)");
    }
    flags = Set.copyOf(flags);
  }

  public static ManagementEndpointState fromCpsr(int cpsr, GetStateLayout layout) {
    Objects.requireNonNull(layout, "layout");
    EnumSet<Flag> s = EnumSet.noneOf(Flag.class);
    for (Flag f : Flag.values()) {
      if ((cpsr >>> f.bit(layout) & 1) != 0) {
        s.add(f);
      }
    }
    return new ManagementEndpointState(cpsr & 3, s);
  }

  /** The CPSR value for this state under {@code layout}. */
  public int toCpsr(GetStateLayout layout) {
    int v = ssta;
    for (Flag f : flags) {
      v |= 1 << f.bit(layout);
    }
    return v;
  }

  @Derived
  public SlotState slotState() {
    return SlotState.values()[ssta];
  }

  /** True when PFLG is set. */
  @Derived
  public boolean paused() {
    return flags.contains(Flag.PFLG);
  }
}
