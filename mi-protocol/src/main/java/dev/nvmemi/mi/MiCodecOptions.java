package dev.nvmemi.mi;

import java.util.Objects;

/**
 * The codec's choices where the spec sheet is uncertain ([U], §12). Every default is the behaviour
 * the spec sheet recommends; each option is documented in the module README.
 *
 * <p>Immutable; thread-safe.
 *
 * @param strictNmimt check that a response's NMIMT equals the request's (§11.1 step 4; libnvme
 *     does not check it). Default true.
 * @param pelLittleEndian read the Invalid Parameter error location byte offset little-endian (WS,
 *     SC, QE) rather than big-endian (AM). Default true (§12 item 8).
 * @param controllerListStartId where the client puts the first controller ID of a Read NVMe-MI
 *     Data Structure / Controller List request (§3, §12 item 1). Default
 *     {@link ControllerListStartId#CTRLID} (NMD0 bits 15:0, as NMD, WS and AM do).
 * @param hscMaskLayout how the client translates CCS flags into the Configuration Set / Health
 *     Status Change clear mask (§5, §12 item 2). Default {@link HscMaskLayout#CONTIGUOUS}.
 * @param getStateLayout where the Get State control primitive reports CMNICS and BMICE (§1.8,
 *     §12 item 7). Default {@link GetStateLayout#WS}.
 */
public record MiCodecOptions(boolean strictNmimt, boolean pelLittleEndian,
    ControllerListStartId controllerListStartId, HscMaskLayout hscMaskLayout,
    GetStateLayout getStateLayout) {

  /** The recommended behaviour. */
  public static final MiCodecOptions DEFAULTS = new MiCodecOptions(true, true);

  /** Where the start controller ID of a Controller List request goes (spec sheet §3). */
  public enum ControllerListStartId {
    /** NMD0 bits 15:0 (CTRLID), as NMD, Wireshark and AM do; what a faithful endpoint honours. */
    CTRLID,
    /** NMD0 bits 23:16 (the PORTID field), as libnvme's {@code nvme_mi_mi_read_mi_data_ctrl_list} does. */
    PORTID_LIBNVME
  }

  /** Bit layout of the Health Status Change clear mask, Configuration Set CID 02h NMD1 (spec sheet §5). */
  public enum HscMaskLayout {
    /**
     * The spec's contiguous layout (WS, NMD, AM, SC): bit 0 RDY, 1 CFS, 2 SHST, 3 NSSRO, 4 CECO,
     * 5 NAC, 6 FA, 7 CSCHNG, 8 CTEMP, 9 PDLU, 10 SPARE, 11 CWARN, 12 TCIDA. CCS flags are translated.
     */
    CONTIGUOUS,
    /**
     * The CCS bit positions passed through unchanged, as libnvme's
     * {@code nvme_mi_mi_config_set_health_status_change} documentation suggests. Only for endpoints
     * known to implement that reading: on a spec-faithful endpoint it clears the wrong flags.
     */
    CCS_POSITIONS
  }

  /** Get State CPSR bit positions of CMNICS and BMICE (spec sheet §1.8). */
  public enum GetStateLayout {
    /** Wireshark (NVMe-MI 2.1): CMNICS bit 3, BMICE bit 4. */
    WS(3, 4),
    /** AMD's nvme-cli plugin: CMNICS bit 4, BMICE bit 5. */
    AM(4, 5);

    private final int cmnicsBit;
    private final int bmiceBit;

    GetStateLayout(int cmnicsBit, int bmiceBit) {
      this.cmnicsBit = cmnicsBit;
      this.bmiceBit = bmiceBit;
    }

    public int cmnicsBit() {
      return cmnicsBit;
    }

    public int bmiceBit() {
      return bmiceBit;
    }
  }

  public MiCodecOptions {
    Objects.requireNonNull(controllerListStartId, "controllerListStartId");
    Objects.requireNonNull(hscMaskLayout, "hscMaskLayout");
    Objects.requireNonNull(getStateLayout, "getStateLayout");
  }

  /** The two original options; the others take their recommended defaults. */
  public MiCodecOptions(boolean strictNmimt, boolean pelLittleEndian) {
    this(strictNmimt, pelLittleEndian, ControllerListStartId.CTRLID, HscMaskLayout.CONTIGUOUS,
        GetStateLayout.WS);
  }

  public MiCodecOptions withStrictNmimt(boolean v) {
    return new MiCodecOptions(v, pelLittleEndian, controllerListStartId, hscMaskLayout, getStateLayout);
  }

  public MiCodecOptions withPelLittleEndian(boolean v) {
    return new MiCodecOptions(strictNmimt, v, controllerListStartId, hscMaskLayout, getStateLayout);
  }

  public MiCodecOptions withControllerListStartId(ControllerListStartId v) {
    return new MiCodecOptions(strictNmimt, pelLittleEndian, v, hscMaskLayout, getStateLayout);
  }

  public MiCodecOptions withHscMaskLayout(HscMaskLayout v) {
    return new MiCodecOptions(strictNmimt, pelLittleEndian, controllerListStartId, v, getStateLayout);
  }

  public MiCodecOptions withGetStateLayout(GetStateLayout v) {
    return new MiCodecOptions(strictNmimt, pelLittleEndian, controllerListStartId, hscMaskLayout, v);
  }
}
