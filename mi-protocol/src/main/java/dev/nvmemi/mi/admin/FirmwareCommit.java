package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.Nmimt;
import java.util.Optional;

/**
 * Firmware Commit (admin opcode 10h, spec sheet §6.4): DW10 = BPID&lt;&lt;31 | CA&lt;&lt;3 | FS, no
 * data, CFLGS 0.
 *
 * <p>Immutable; usable from any thread.
 *
 * @param header NVMe-MI header (NMIMT 2)
 * @param ctlid CTLID
 * @param cflgs CFLGS
 * @param fs FS, firmware slot (DW10 2:0)
 * @param ca CA, commit action (DW10 5:3)
 * @param bpid BPID, boot partition ID (DW10 bit 31)
 */
public record FirmwareCommit(MiHeader header, int ctlid, int cflgs, int fs, int ca, boolean bpid)
    implements AdminRequest {

  public FirmwareCommit {
    AdminCommand.checkHeader(header);
    checkBits(ctlid, 16, "ctlid");
    checkBits(cflgs, 8, "cflgs");
    checkBits(fs, 3, "fs");
    checkBits(ca, 3, "ca");
  }

  /** libnvme's {@code nvme_mi_admin_fw_commit}. */
  public static FirmwareCommit of(int commandSlot, int ctlid, int fs, int ca, boolean bpid) {
    return new FirmwareCommit(MiHeader.request(Nmimt.ADMIN_COMMAND, commandSlot), ctlid, 0, fs, ca, bpid);
  }

  /** The typed form of {@code c}, when it is a Firmware Commit this record reproduces exactly. */
  public static Optional<FirmwareCommit> from(AdminCommand c) {
    if (c.opcode() != AdminOpcode.FIRMWARE_COMMIT || !c.unusedDwordsZero() || c.dataLength() != 0) {
      return Optional.empty();
    }
    FirmwareCommit f = new FirmwareCommit(c.header(), c.ctlid(), c.cflgs(), (int) (c.cdw10() & 0x7),
        (int) (c.cdw10() >>> 3 & 0x7), (c.cdw10() & 0x8000_0000L) != 0);
    return f.toCommand().equals(c) ? Optional.of(f) : Optional.empty();
  }

  @Override
  public AdminCommand toCommand() {
    return AdminCommand.build(header, AdminOpcode.FIRMWARE_COMMIT, cflgs, ctlid, 0, 0, 0,
        (bpid ? 0x8000_0000L : 0) | ca << 3 | fs, 0, 0, 0, 0, 0, new byte[0]);
  }

  @Derived
  @Override
  public int opcode() {
    return AdminOpcode.FIRMWARE_COMMIT;
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
