package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.Nmimt;
import java.util.Optional;

/**
 * Sanitize (admin opcode 84h, spec sheet §6.4): DW10 = NODAS&lt;&lt;9 | OIPBP&lt;&lt;8 |
 * OWPASS&lt;&lt;4 | AUSE&lt;&lt;3 | SANACT, DW11 = OVRPAT (overwrite pattern), no data, CFLGS 0.
 *
 * <p>Immutable; usable from any thread.
 *
 * @param header NVMe-MI header (NMIMT 2)
 * @param ctlid CTLID
 * @param cflgs CFLGS
 * @param sanact SANACT, sanitize action: 1 exit failure mode, 2 block erase, 3 overwrite, 4 crypto
 *     erase (DW10 2:0)
 * @param ause AUSE, allow unrestricted sanitize exit (DW10 bit 3)
 * @param owpass OWPASS, overwrite pass count (DW10 7:4)
 * @param oipbp OIPBP, overwrite invert pattern between passes (DW10 bit 8)
 * @param nodas NODAS, no deallocate after sanitize (DW10 bit 9)
 * @param ovrpat OVRPAT, overwrite pattern (DW11)
 */
public record Sanitize(MiHeader header, int ctlid, int cflgs, int sanact, boolean ause, int owpass, boolean oipbp,
    boolean nodas, long ovrpat) implements AdminRequest {

  public static final int SANACT_EXIT_FAILURE_MODE = 1;
  public static final int SANACT_BLOCK_ERASE = 2;
  public static final int SANACT_OVERWRITE = 3;
  public static final int SANACT_CRYPTO_ERASE = 4;

  public Sanitize {
    AdminCommand.checkHeader(header);
    checkBits(ctlid, 16, "ctlid");
    checkBits(cflgs, 8, "cflgs");
    checkBits(sanact, 3, "sanact");
    checkBits(owpass, 4, "owpass");
    checkBits(ovrpat, 32, "ovrpat");
  }

  /** libnvme's {@code nvme_mi_admin_sanitize_nvm}. */
  public static Sanitize of(int commandSlot, int ctlid, int sanact, boolean ause, int owpass, boolean oipbp,
      boolean nodas, long ovrpat) {
    return new Sanitize(MiHeader.request(Nmimt.ADMIN_COMMAND, commandSlot), ctlid, 0, sanact, ause, owpass, oipbp,
        nodas, ovrpat);
  }

  /** The typed form of {@code c}, when it is a Sanitize this record reproduces exactly. */
  public static Optional<Sanitize> from(AdminCommand c) {
    if (c.opcode() != AdminOpcode.SANITIZE || !c.unusedDwordsZero() || c.dataLength() != 0) {
      return Optional.empty();
    }
    long d = c.cdw10();
    Sanitize s = new Sanitize(c.header(), c.ctlid(), c.cflgs(), (int) (d & 0x7), (d & 0x8) != 0,
        (int) (d >>> 4 & 0xF), (d & 0x100) != 0, (d & 0x200) != 0, c.cdw11());
    return s.toCommand().equals(c) ? Optional.of(s) : Optional.empty();
  }

  @Override
  public AdminCommand toCommand() {
    long d10 = (nodas ? 0x200 : 0) | (oipbp ? 0x100 : 0) | owpass << 4 | (ause ? 0x8 : 0) | sanact;
    return AdminCommand.build(header, AdminOpcode.SANITIZE, cflgs, ctlid, 0, 0, 0, d10, ovrpat, 0, 0, 0, 0,
        new byte[0]);
  }

  @Derived
  @Override
  public int opcode() {
    return AdminOpcode.SANITIZE;
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
