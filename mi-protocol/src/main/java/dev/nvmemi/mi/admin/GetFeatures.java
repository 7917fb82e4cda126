package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.Nmimt;
import java.util.Optional;

/**
 * Get Features (admin opcode 0Ah, spec sheet §6.4): DW1 NSID, DW10 = SEL&lt;&lt;8 | FID, DW11
 * feature specific, DW14 UUID index. The value comes back in CQE DW0; a few features also return
 * data (Timestamp: 8 bytes), which libnvme does not announce in DLEN (§12 point 5, see
 * {@link AdminOptions#featuresDataLength()}).
 *
 * <p>Immutable; usable from any thread.
 *
 * @param header NVMe-MI header (NMIMT 2)
 * @param ctlid CTLID
 * @param cflgs CFLGS
 * @param nsid NSID (DW1)
 * @param fid FID, feature identifier (DW10 7:0)
 * @param sel SEL: 0 current, 1 default, 2 saved, 3 supported capabilities (DW10 10:8)
 * @param cdw11 feature-specific DW11 (e.g. TMPSEL/THSEL for Temperature Threshold)
 * @param uidx UUID index (DW14 6:0)
 * @param dofst DOFST
 * @param dlen DLEN
 */
public record GetFeatures(MiHeader header, int ctlid, int cflgs, long nsid, int fid, int sel, long cdw11, int uidx,
    long dofst, long dlen) implements AdminRequest {

  public static final int SEL_CURRENT = 0;
  public static final int SEL_DEFAULT = 1;
  public static final int SEL_SAVED = 2;
  public static final int SEL_SUPPORTED_CAPABILITIES = 3;

  public GetFeatures {
    AdminCommand.checkHeader(header);
    checkBits(ctlid, 16, "ctlid");
    checkBits(cflgs, 8, "cflgs");
    checkBits(nsid, 32, "nsid");
    checkBits(fid, 8, "fid");
    checkBits(sel, 3, "sel");
    checkBits(cdw11, 32, "cdw11");
    checkBits(uidx, 7, "uidx");
    checkBits(dofst, 32, "dofst");
    checkBits(dlen, 32, "dlen");
  }

  /**
   * Get Features; DLEN is the feature's data length ({@link FeatureId#dataLength}) unless
   * {@code options} reproduce libnvme's DLEN = 0.
   */
  public static GetFeatures of(int commandSlot, int ctlid, int fid, int sel, long nsid, long cdw11, int uidx,
      AdminOptions options) {
    int dlen = options.featuresDataLength() == AdminOptions.FeaturesDataLength.DECLARED ? FeatureId.dataLength(fid) : 0;
    return new GetFeatures(MiHeader.request(Nmimt.ADMIN_COMMAND, commandSlot), ctlid,
        options.cflgsEncoding().cflgs(dlen, 0), nsid, fid, sel, cdw11, uidx, 0, dlen);
  }

  /**
   * Get Features Temperature Threshold (FID 04h) for sensor {@code tmpsel} (0 = composite) and
   * threshold {@code thsel} (0 over, 1 under): vector {@code admin_get_features_temp_threshold}.
   */
  public static GetFeatures temperatureThreshold(int commandSlot, int ctlid, int sel, int tmpsel, int thsel) {
    return of(commandSlot, ctlid, FeatureId.TEMPERATURE_THRESHOLD, sel, 0,
        TemperatureThreshold.selectorDword(tmpsel, thsel), 0, AdminOptions.DEFAULTS);
  }

  /** The typed form of {@code c}, when it is a Get Features this record reproduces exactly. */
  public static Optional<GetFeatures> from(AdminCommand c) {
    if (c.opcode() != AdminOpcode.GET_FEATURES || !c.unusedDwordsZero() || c.dataLength() != 0) {
      return Optional.empty();
    }
    GetFeatures g = new GetFeatures(c.header(), c.ctlid(), c.cflgs(), c.cdw1(), (int) (c.cdw10() & 0xFF),
        (int) (c.cdw10() >>> 8 & 0x7), c.cdw11(), (int) (c.cdw14() & 0x7F), c.dofst(), c.dlen());
    return g.toCommand().equals(c) ? Optional.of(g) : Optional.empty();
  }

  @Override
  public AdminCommand toCommand() {
    return AdminCommand.build(header, AdminOpcode.GET_FEATURES, cflgs, ctlid, nsid, dofst, dlen,
        (long) sel << 8 | fid, cdw11, 0, 0, uidx, 0, new byte[0]);
  }

  @Derived
  @Override
  public int opcode() {
    return AdminOpcode.GET_FEATURES;
  }

  @Derived
  public String fidName() {
    return FeatureId.name(fid);
  }
}
