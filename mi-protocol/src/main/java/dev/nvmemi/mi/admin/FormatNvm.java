package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.Nmimt;
import java.util.Optional;

/**
 * Format NVM (admin opcode 80h, spec sheet §6.4): DW1 NSID, DW10 = LBAFU&lt;&lt;12 | SES&lt;&lt;9 |
 * PIL&lt;&lt;8 | PI&lt;&lt;5 | MSET&lt;&lt;4 | LBAF (low 4 bits), no data, CFLGS 0. Long formats
 * usually answer with More Processing Required first.
 *
 * <p>Immutable; usable from any thread.
 *
 * @param header NVMe-MI header (NMIMT 2)
 * @param ctlid CTLID
 * @param cflgs CFLGS
 * @param nsid NSID (DW1)
 * @param lbaf LBAF, LBA format, low 4 bits (DW10 3:0)
 * @param mset MSET, metadata settings (DW10 bit 4)
 * @param pi PI, protection information type (DW10 7:5)
 * @param pil PIL, protection information location (DW10 bit 8)
 * @param ses SES, secure erase settings (DW10 11:9)
 * @param lbafu LBAFU, LBA format upper bits (DW10 13:12)
 */
public record FormatNvm(MiHeader header, int ctlid, int cflgs, long nsid, int lbaf, boolean mset, int pi,
    boolean pil, int ses, int lbafu) implements AdminRequest {

  public FormatNvm {
    AdminCommand.checkHeader(header);
    checkBits(ctlid, 16, "ctlid");
    checkBits(cflgs, 8, "cflgs");
    checkBits(nsid, 32, "nsid");
    checkBits(lbaf, 4, "lbaf");
    checkBits(pi, 3, "pi");
    checkBits(ses, 3, "ses");
    checkBits(lbafu, 2, "lbafu");
  }

  /** libnvme's {@code nvme_mi_admin_format_nvm}; {@code lbaFormat} 0..63 is split into LBAF/LBAFU. */
  public static FormatNvm of(int commandSlot, int ctlid, long nsid, int lbaFormat, boolean mset, int pi, boolean pil,
      int ses) {
    checkBits(lbaFormat, 6, "lbaFormat");
    return new FormatNvm(MiHeader.request(Nmimt.ADMIN_COMMAND, commandSlot), ctlid, 0, nsid, lbaFormat & 0xF, mset,
        pi, pil, ses, lbaFormat >>> 4);
  }

  /** The typed form of {@code c}, when it is a Format NVM this record reproduces exactly. */
  public static Optional<FormatNvm> from(AdminCommand c) {
    if (c.opcode() != AdminOpcode.FORMAT_NVM || !c.unusedDwordsZero() || c.dataLength() != 0) {
      return Optional.empty();
    }
    long d = c.cdw10();
    FormatNvm f = new FormatNvm(c.header(), c.ctlid(), c.cflgs(), c.cdw1(), (int) (d & 0xF), (d & 0x10) != 0,
        (int) (d >>> 5 & 0x7), (d & 0x100) != 0, (int) (d >>> 9 & 0x7), (int) (d >>> 12 & 0x3));
    return f.toCommand().equals(c) ? Optional.of(f) : Optional.empty();
  }

  @Override
  public AdminCommand toCommand() {
    long d10 = (long) lbafu << 12 | ses << 9 | (pil ? 0x100 : 0) | pi << 5 | (mset ? 0x10 : 0) | lbaf;
    return AdminCommand.build(header, AdminOpcode.FORMAT_NVM, cflgs, ctlid, nsid, 0, 0, d10, 0, 0, 0, 0, 0,
        new byte[0]);
  }

  @Derived
  @Override
  public int opcode() {
    return AdminOpcode.FORMAT_NVM;
  }

  /** The full LBA format index, LBAFU:LBAF. */
  @Derived
  public int lbaFormat() {
    return lbafu << 4 | lbaf;
  }

  @Override
  public long dofst() {
    return 0;
  }

  @Override
  public long dlen() {
    return 0;
  }
}
