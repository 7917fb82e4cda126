package dev.nvmemi.mi.admin;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiRequest;
import dev.nvmemi.mi.MiRevision;
import dev.nvmemi.mi.Since;

/**
 * An NVMe admin command carried through the NVMe-MI tunnel (NMIMT 2, spec sheet §6). The generic
 * form is {@link AdminCommand}; the typed records name the fields of the commands libnvme implements
 * (§6.3, §6.4, §9.3) and convert to and from the generic form without loss: a decoded request is
 * typed only when re-encoding the typed record gives back exactly the same command.
 *
 * <p>Records; immutable and thread-safe.
 */
public sealed interface AdminRequest extends MiRequest
    permits AdminCommand, Identify, GetLogPage, GetFeatures, SetFeatures, SecuritySend, SecurityReceive,
        NamespaceManagement, NamespaceAttachment, FirmwareImageDownload, FirmwareCommit, FormatNvm, Sanitize {

  /** The generic command this request encodes to. */
  AdminCommand toCommand();

  /** CTLID: the controller the command is for. */
  int ctlid();

  /** CFLGS, byte 5. */
  int cflgs();

  /**
   * ISH, Ignore Shutdown: CFLGS bit 2 ({@link AdminCommand#CFLGS_ISH}), an NVMe-MI 2.1 (TP6039)
   * request flag asking the controller to process the command even while it is shut down
   * (nvme-mi-dev and libnvme's {@code NVME_MI_ADMIN_CFLAGS_ISH} put it at bit 2). Earlier revisions
   * read the bit as reserved, so it is rendered only under 2.1.
   */
  @Derived
  @Since(MiRevision.V2_1)
  default boolean ish() {
    return (cflgs() & AdminCommand.CFLGS_ISH) != 0;
  }

  /** DOFST: offset into the produced data. */
  long dofst();

  /** DLEN: data length. */
  long dlen();

  /** OPC: the admin opcode. */
  int opcode();

  @Override
  default byte[] encode() {
    return toCommand().encode();
  }

  @Override
  default String commandName() {
    return AdminOpcode.name(opcode());
  }
}
