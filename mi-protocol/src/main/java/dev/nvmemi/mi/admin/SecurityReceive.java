package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.Nmimt;
import java.util.Optional;

/**
 * Security Receive (admin opcode 82h, spec sheet §6.4): DW1 NSID, DW10 = SECP&lt;&lt;24 |
 * SPSP&lt;&lt;8 | NSSF, DW11 = AL (allocation length), CFLGS 01h, DLEN = AL (≤ 4096).
 *
 * <p>Immutable; usable from any thread.
 *
 * @param header NVMe-MI header (NMIMT 2)
 * @param ctlid CTLID
 * @param cflgs CFLGS
 * @param nsid NSID (DW1)
 * @param secp SECP, security protocol (DW10 31:24)
 * @param spsp SPSP, SP specific: SPSP1&lt;&lt;8 | SPSP0 (DW10 23:8)
 * @param nssf NSSF (DW10 7:0)
 * @param al AL, allocation length in bytes (DW11)
 * @param dofst DOFST
 * @param dlen DLEN
 */
public record SecurityReceive(MiHeader header, int ctlid, int cflgs, long nsid, int secp, int spsp, int nssf, long al,
    long dofst, long dlen) implements AdminRequest {

  public SecurityReceive {
    AdminCommand.checkHeader(header);
    checkBits(ctlid, 16, "ctlid");
    checkBits(cflgs, 8, "cflgs");
    checkBits(nsid, 32, "nsid");
    checkBits(secp, 8, "secp");
    checkBits(spsp, 16, "spsp");
    checkBits(nssf, 8, "nssf");
    checkBits(al, 32, "al");
    checkBits(dofst, 32, "dofst");
    checkBits(dlen, 32, "dlen");
  }

  /**
   * libnvme's {@code nvme_mi_admin_security_recv}: AL = DLEN = {@code length}.
   *
   * @throws IllegalArgumentException when length is not in 1..4096
   */
  public static SecurityReceive of(int commandSlot, int ctlid, long nsid, int secp, int spsp, int nssf, int length,
      AdminOptions options) {
    if (length < 1 || length > AdminCommand.MAX_DATA) {
      throw new IllegalArgumentException("security receive length: " + length + " (expected: 1 ~ 4096)");
    }
    return new SecurityReceive(MiHeader.request(Nmimt.ADMIN_COMMAND, commandSlot), ctlid,
        options.cflgsEncoding().cflgs(length, 0), nsid, secp, spsp, nssf, length, 0, length);
  }

  /** The typed form of {@code c}, when it is a Security Receive this record reproduces exactly. */
  public static Optional<SecurityReceive> from(AdminCommand c) {
    if (c.opcode() != AdminOpcode.SECURITY_RECEIVE || !c.unusedDwordsZero() || c.dataLength() != 0) {
      return Optional.empty();
    }
    long d10 = c.cdw10();
    SecurityReceive s = new SecurityReceive(c.header(), c.ctlid(), c.cflgs(), c.cdw1(), (int) (d10 >>> 24),
        (int) (d10 >>> 8 & 0xFFFF), (int) (d10 & 0xFF), c.cdw11(), c.dofst(), c.dlen());
    return s.toCommand().equals(c) ? Optional.of(s) : Optional.empty();
  }

  @Override
  public AdminCommand toCommand() {
    return AdminCommand.build(header, AdminOpcode.SECURITY_RECEIVE, cflgs, ctlid, nsid, dofst, dlen,
        (long) secp << 24 | (long) spsp << 8 | nssf, al, 0, 0, 0, 0, new byte[0]);
  }

  @Derived
  @Override
  public int opcode() {
    return AdminOpcode.SECURITY_RECEIVE;
  }
}
