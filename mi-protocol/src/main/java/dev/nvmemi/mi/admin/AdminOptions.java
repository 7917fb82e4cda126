package dev.nvmemi.mi.admin;

import java.util.Objects;

/**
 * The admin tunnel's choices where the spec sheet is uncertain ([U], §12 points 4 and 5). Every
 * default is the behaviour the spec sheet recommends; the module README lists each option.
 *
 * <p>Immutable; thread-safe.
 *
 * @param cflgsEncoding how the encoder fills the CFLGS byte (byte 5) of a request, §12 point 4.
 *     Default {@link CflgsEncoding#LIBNVME}: 01h (DLENV) when DLEN is non-zero, plus 02h (DOFFV)
 *     when DOFST is non-zero, exactly as libnvme and the shared vectors do.
 * @param cflgsGatesDataFields how a receiver (the simulator) reads DLEN/DOFST, §12 point 4: when
 *     true, DLEN and DOFST count only if their NVMe-MI 1.1 valid bits (DLENV, DOFFV) are set, and
 *     are taken as 0 otherwise; when false (default, the spec sheet's advice "always honour
 *     DLEN/DOFST") they are always used. See {@link AdminCommand#effectiveDlen(AdminOptions)}.
 * @param featuresDataLength how Get/Set Features declare their data, §12 point 5. Default
 *     {@link FeaturesDataLength#DECLARED}: Set Features data is declared in DLEN (host-to-controller
 *     rule of §6.1) and a data-returning Get Features asks for its data length in DLEN.
 *     {@link FeaturesDataLength#LIBNVME_ZERO} reproduces libnvme (DLEN = 0, CFLGS = 0).
 * @param tolerateZeroDlen how a decoder treats data that DLEN = 0 did not announce, §12 point 5:
 *     when true (default, the spec sheet's "lenient" advice) request data behind DLEN = 0 is taken
 *     from the message size and response data to a DLEN = 0 request is accepted; when false both are
 *     {@link dev.nvmemi.mi.MiErrorKind#LENGTH_MISMATCH}.
 * @param requireExactDataLength when true, a successful response whose data is shorter than the
 *     request's non-zero DLEN is rejected ({@link dev.nvmemi.mi.MiErrorKind#LENGTH_MISMATCH}, §11.1
 *     step 7 "exact DLEN for admin reads when the caller requires it"). Default false: a Get Log
 *     Page chunk may legitimately come back short (§6.5). Data longer than DLEN is always rejected.
 */
public record AdminOptions(CflgsEncoding cflgsEncoding, boolean cflgsGatesDataFields,
    FeaturesDataLength featuresDataLength, boolean tolerateZeroDlen, boolean requireExactDataLength) {

  /** The spec sheet's recommended behaviour. */
  public static final AdminOptions DEFAULTS =
      new AdminOptions(CflgsEncoding.LIBNVME, false, FeaturesDataLength.DECLARED, true, false);

  public AdminOptions {
    Objects.requireNonNull(cflgsEncoding, "cflgsEncoding");
    Objects.requireNonNull(featuresDataLength, "featuresDataLength");
  }

  /** How the CFLGS byte is encoded (§6.1, §12 point 4). */
  public enum CflgsEncoding {
    /** 01h (DLENV) when DLEN ≠ 0, | 02h (DOFFV) when DOFST ≠ 0: libnvme and the shared vectors. */
    LIBNVME,
    /** 03h whenever the command carries or asks for data (DLEN ≠ 0), 00h otherwise. */
    DLENV_DOFFV_WITH_DATA,
    /** Always 00h: NVMe-MI 1.2 reads CFLGS as reserved ("DLEN/DOFST always valid"). */
    ZERO;

    /** The CFLGS byte for a command with these DLEN/DOFST values. */
    public int cflgs(long dlen, long dofst) {
      switch (this) {
        case LIBNVME:
          return (dlen != 0 ? AdminCommand.CFLGS_DLENV : 0) | (dofst != 0 ? AdminCommand.CFLGS_DOFFV : 0);
        case DLENV_DOFFV_WITH_DATA:
          return dlen != 0 || dofst != 0 ? AdminCommand.CFLGS_DLENV | AdminCommand.CFLGS_DOFFV : 0;
        default:
          return 0;
      }
    }
  }

  /** How Get/Set Features declare their data (§6.1, §12 point 5). */
  public enum FeaturesDataLength {
    /** DLEN = the data length (Set Features) or the expected data length (Get Features). */
    DECLARED,
    /** libnvme's quirk: DLEN = 0 and CFLGS = 0 even when data is sent or expected. */
    LIBNVME_ZERO
  }

  public AdminOptions withCflgsEncoding(CflgsEncoding v) {
    return new AdminOptions(v, cflgsGatesDataFields, featuresDataLength, tolerateZeroDlen, requireExactDataLength);
  }

  public AdminOptions withCflgsGatesDataFields(boolean v) {
    return new AdminOptions(cflgsEncoding, v, featuresDataLength, tolerateZeroDlen, requireExactDataLength);
  }

  public AdminOptions withFeaturesDataLength(FeaturesDataLength v) {
    return new AdminOptions(cflgsEncoding, cflgsGatesDataFields, v, tolerateZeroDlen, requireExactDataLength);
  }

  public AdminOptions withTolerateZeroDlen(boolean v) {
    return new AdminOptions(cflgsEncoding, cflgsGatesDataFields, featuresDataLength, v, requireExactDataLength);
  }

  public AdminOptions withRequireExactDataLength(boolean v) {
    return new AdminOptions(cflgsEncoding, cflgsGatesDataFields, featuresDataLength, tolerateZeroDlen, v);
  }
}
