package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.Nmimt;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Set Features (admin opcode 09h, spec sheet §6.4): DW1 NSID, DW10 = SV&lt;&lt;31 | FID, DW11–13 and
 * DW15 feature specific, DW14 UUID index, optional host-to-controller data. libnvme sends the data
 * with DLEN = 0 (§12 point 5); {@link AdminOptions#featuresDataLength()} chooses.
 *
 * <p>Immutable (arrays are copied in and out); usable from any thread.
 *
 * @param header NVMe-MI header (NMIMT 2)
 * @param ctlid CTLID
 * @param cflgs CFLGS
 * @param nsid NSID (DW1)
 * @param fid FID (DW10 7:0)
 * @param sv SV, save across power cycles (DW10 bit 31)
 * @param cdw11 feature specific DW11
 * @param cdw12 feature specific DW12
 * @param cdw13 feature specific DW13
 * @param uidx UUID index (DW14 6:0)
 * @param cdw15 feature specific DW15
 * @param dofst DOFST
 * @param dlen DLEN
 * @param data the feature's data (may be empty)
 */
public record SetFeatures(MiHeader header, int ctlid, int cflgs, long nsid, int fid, boolean sv, long cdw11,
    long cdw12, long cdw13, int uidx, long cdw15, long dofst, long dlen, byte[] data) implements AdminRequest {

  public SetFeatures {
    AdminCommand.checkHeader(header);
    checkBits(ctlid, 16, "ctlid");
    checkBits(cflgs, 8, "cflgs");
    checkBits(nsid, 32, "nsid");
    checkBits(fid, 8, "fid");
    checkBits(cdw11, 32, "cdw11");
    checkBits(cdw12, 32, "cdw12");
    checkBits(cdw13, 32, "cdw13");
    checkBits(uidx, 7, "uidx");
    checkBits(cdw15, 32, "cdw15");
    checkBits(dofst, 32, "dofst");
    checkBits(dlen, 32, "dlen");
    Objects.requireNonNull(data, "data");
    if (data.length > AdminCommand.MAX_DATA) {
      throw new IllegalArgumentException("data: " + data.length + " bytes (expected: at most 4096)");
    }
    data = data.clone();
  }

  /** Set Features; DLEN/CFLGS declare the data unless {@code options} reproduce libnvme's quirk. */
  public static SetFeatures of(int commandSlot, int ctlid, int fid, boolean sv, long nsid, long cdw11, long cdw12,
      long cdw13, int uidx, long cdw15, byte[] data, AdminOptions options) {
    boolean declared = options.featuresDataLength() == AdminOptions.FeaturesDataLength.DECLARED;
    int dlen = declared ? data.length : 0;
    return new SetFeatures(MiHeader.request(Nmimt.ADMIN_COMMAND, commandSlot), ctlid,
        options.cflgsEncoding().cflgs(dlen, 0), nsid, fid, sv, cdw11, cdw12, cdw13, uidx, cdw15, 0, dlen, data);
  }

  /** Sets a Temperature Threshold (FID 04h) to {@code threshold}. */
  public static SetFeatures temperatureThreshold(int commandSlot, int ctlid, boolean sv, TemperatureThreshold threshold) {
    return of(commandSlot, ctlid, FeatureId.TEMPERATURE_THRESHOLD, sv, 0, threshold.toDword(), 0, 0, 0, 0,
        new byte[0], AdminOptions.DEFAULTS);
  }

  /** The typed form of {@code c}, when it is a Set Features this record reproduces exactly. */
  public static Optional<SetFeatures> from(AdminCommand c) {
    if (c.opcode() != AdminOpcode.SET_FEATURES || !c.unusedDwordsZero()) {
      return Optional.empty();
    }
    SetFeatures s = new SetFeatures(c.header(), c.ctlid(), c.cflgs(), c.cdw1(), (int) (c.cdw10() & 0xFF),
        (c.cdw10() & 0x8000_0000L) != 0, c.cdw11(), c.cdw12(), c.cdw13(), (int) (c.cdw14() & 0x7F), c.cdw15(),
        c.dofst(), c.dlen(), c.data());
    return s.toCommand().equals(c) ? Optional.of(s) : Optional.empty();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public AdminCommand toCommand() {
    return AdminCommand.build(header, AdminOpcode.SET_FEATURES, cflgs, ctlid, nsid, dofst, dlen,
        (sv ? 0x8000_0000L : 0) | fid, cdw11, cdw12, cdw13, uidx, cdw15, data);
  }

  @Derived
  @Override
  public int opcode() {
    return AdminOpcode.SET_FEATURES;
  }

  @Derived
  public String fidName() {
    return FeatureId.name(fid);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SetFeatures s && toCommand().equals(s.toCommand());
  }

  @Override
  public int hashCode() {
    return toCommand().hashCode();
  }

  @Override
  public String toString() {
    return "SetFeatures[ctlid=" + ctlid + ", cflgs=" + cflgs + ", nsid=" + nsid + ", fid=" + fid + ", sv=" + sv
        + ", cdw11=" + cdw11 + ", cdw12=" + cdw12 + ", cdw13=" + cdw13 + ", uidx=" + uidx + ", cdw15=" + cdw15
        + ", dofst=" + dofst + ", dlen=" + dlen + ", data=" + HexFormat.of().formatHex(data) + ", csi="
        + header.csi() + "]";
  }
}
