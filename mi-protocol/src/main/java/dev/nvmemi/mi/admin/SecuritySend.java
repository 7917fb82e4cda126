package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.Nmimt;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Security Send (admin opcode 81h, spec sheet §6.4): DW1 NSID, DW10 = SECP&lt;&lt;24 | SPSP&lt;&lt;8 |
 * NSSF, DW11 = TL (transfer length), CFLGS 01h, DLEN = data length (≤ 4096).
 *
 * <p>Immutable (arrays are copied in and out); usable from any thread.
 *
 * @param header NVMe-MI header (NMIMT 2)
 * @param ctlid CTLID
 * @param cflgs CFLGS
 * @param nsid NSID (DW1)
 * @param secp SECP, security protocol (DW10 31:24)
 * @param spsp SPSP, SP specific: SPSP1&lt;&lt;8 | SPSP0 (DW10 23:8)
 * @param nssf NSSF, NVMe security specific field (DW10 7:0)
 * @param tl TL, transfer length in bytes (DW11)
 * @param dofst DOFST
 * @param dlen DLEN
 * @param data the security protocol payload
 */
public record SecuritySend(MiHeader header, int ctlid, int cflgs, long nsid, int secp, int spsp, int nssf, long tl,
    long dofst, long dlen, byte[] data) implements AdminRequest {

  public SecuritySend {
    AdminCommand.checkHeader(header);
    checkBits(ctlid, 16, "ctlid");
    checkBits(cflgs, 8, "cflgs");
    checkBits(nsid, 32, "nsid");
    checkBits(secp, 8, "secp");
    checkBits(spsp, 16, "spsp");
    checkBits(nssf, 8, "nssf");
    checkBits(tl, 32, "tl");
    checkBits(dofst, 32, "dofst");
    checkBits(dlen, 32, "dlen");
    Objects.requireNonNull(data, "data");
    if (data.length > AdminCommand.MAX_DATA) {
      throw new IllegalArgumentException("data: " + data.length + " bytes (expected: at most 4096)");
    }
    data = data.clone();
  }

  /** libnvme's {@code nvme_mi_admin_security_send}: TL = DLEN = data length. */
  public static SecuritySend of(int commandSlot, int ctlid, long nsid, int secp, int spsp, int nssf, byte[] data,
      AdminOptions options) {
    return new SecuritySend(MiHeader.request(Nmimt.ADMIN_COMMAND, commandSlot), ctlid,
        options.cflgsEncoding().cflgs(data.length, 0), nsid, secp, spsp, nssf, data.length, 0, data.length, data);
  }

  /** The typed form of {@code c}, when it is a Security Send this record reproduces exactly. */
  public static Optional<SecuritySend> from(AdminCommand c) {
    if (c.opcode() != AdminOpcode.SECURITY_SEND || !c.unusedDwordsZero()) {
      return Optional.empty();
    }
    long d10 = c.cdw10();
    SecuritySend s = new SecuritySend(c.header(), c.ctlid(), c.cflgs(), c.cdw1(), (int) (d10 >>> 24),
        (int) (d10 >>> 8 & 0xFFFF), (int) (d10 & 0xFF), c.cdw11(), c.dofst(), c.dlen(), c.data());
    return s.toCommand().equals(c) ? Optional.of(s) : Optional.empty();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public AdminCommand toCommand() {
    return AdminCommand.build(header, AdminOpcode.SECURITY_SEND, cflgs, ctlid, nsid, dofst, dlen,
        (long) secp << 24 | (long) spsp << 8 | nssf, tl, 0, 0, 0, 0, data);
  }

  @Derived
  @Override
  public int opcode() {
    return AdminOpcode.SECURITY_SEND;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecuritySend s && toCommand().equals(s.toCommand());
  }

  @Override
  public int hashCode() {
    return toCommand().hashCode();
  }

  @Override
  public String toString() {
    return "SecuritySend[ctlid=" + ctlid + ", nsid=" + nsid + ", secp=" + secp + ", spsp=" + spsp + ", nssf=" + nssf
        + ", tl=" + tl + ", cflgs=" + cflgs + ", dofst=" + dofst + ", dlen=" + dlen + ", data="
        + HexFormat.of().formatHex(data) + "]";
  }
}
