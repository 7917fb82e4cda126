package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.Nmimt;
import java.util.Optional;

/**
 * Get Log Page (admin opcode 02h), one tunnel exchange (spec sheet §6.4): DW1 NSID; DW10 =
 * NUMDL&lt;&lt;16 | RAE&lt;&lt;15 | LSP&lt;&lt;8 | LID; DW11 = LSI&lt;&lt;16 | NUMDU; DW12/13 = LPO;
 * DW14 = CSI&lt;&lt;24 | OT&lt;&lt;23 | UUID index. Logs larger than 4096 bytes are read in chunks by
 * {@link dev.nvmemi.mi.client.MiController#getLogPage} (§6.5).
 *
 * <p>Immutable; usable from any thread.
 *
 * @param header NVMe-MI header (NMIMT 2)
 * @param ctlid CTLID
 * @param cflgs CFLGS
 * @param nsid NSID (DW1); FFFFFFFFh for controller-wide logs
 * @param lid LID, log page identifier (DW10 7:0)
 * @param lsp LSP, log specific field (DW10 14:8)
 * @param rae RAE, retain asynchronous event (DW10 bit 15)
 * @param numd number of dwords to transfer, 1-based (the wire field NUMDU:NUMDL is this minus 1)
 * @param lsi LSI, log specific identifier (DW11 31:16)
 * @param lpo LPO, log page offset in bytes, or an index when {@code ot} (DW12/DW13)
 * @param uidx UUID index (DW14 6:0)
 * @param ot OT, offset type: LPO is an index (DW14 bit 23)
 * @param iocsi CSI, the (I/O) command set identifier (DW14 31:24); named {@code iocsi} as in NVMe-MI
 *     so that it does not clash with the header's command slot CSI
 * @param dofst DOFST
 * @param dlen DLEN
 */
public record GetLogPage(MiHeader header, int ctlid, int cflgs, long nsid, int lid, int lsp, boolean rae, long numd,
    int lsi, long lpo, int uidx, boolean ot, int iocsi, long dofst, long dlen) implements AdminRequest {

  public static final int LID_SUPPORTED_LOG_PAGES = 0x00;
  public static final int LID_ERROR_INFORMATION = 0x01;
  public static final int LID_SMART_HEALTH = 0x02;
  public static final int LID_FIRMWARE_SLOT = 0x03;
  public static final int LID_CHANGED_NAMESPACE_LIST = 0x04;
  public static final int LID_COMMANDS_SUPPORTED_AND_EFFECTS = 0x05;
  public static final int LID_DEVICE_SELF_TEST = 0x06;
  public static final int LID_TELEMETRY_HOST = 0x07;
  public static final int LID_TELEMETRY_CONTROLLER = 0x08;
  public static final int LID_ENDURANCE_GROUP = 0x09;
  public static final int LID_PREDICTABLE_LATENCY_NVM_SET = 0x0A;
  public static final int LID_PREDICTABLE_LATENCY_EVENT_AGGREGATE = 0x0B;
  public static final int LID_ASYMMETRIC_NAMESPACE_ACCESS = 0x0C;
  public static final int LID_PERSISTENT_EVENT = 0x0D;
  public static final int LID_LBA_STATUS = 0x0E;
  public static final int LID_ENDURANCE_GROUP_EVENT_AGGREGATE = 0x0F;
  public static final int LID_MEDIA_UNIT_STATUS = 0x10;
  public static final int LID_SUPPORTED_CAPACITY_CONFIGURATION_LIST = 0x11;
  public static final int LID_FEATURE_IDENTIFIERS_SUPPORTED_AND_EFFECTS = 0x12;
  public static final int LID_NVME_MI_COMMANDS_SUPPORTED_AND_EFFECTS = 0x13;
  public static final int LID_COMMAND_AND_FEATURE_LOCKDOWN = 0x14;
  public static final int LID_BOOT_PARTITION = 0x15;
  public static final int LID_ROTATIONAL_MEDIA_INFORMATION = 0x16;
  public static final int LID_DISPERSED_NAMESPACE_PARTICIPATING_NSS = 0x17;
  public static final int LID_MANAGEMENT_ADDRESS_LIST = 0x18;
  public static final int LID_PHY_RX_EOM = 0x19;
  public static final int LID_REACHABILITY_GROUPS = 0x1A;
  public static final int LID_REACHABILITY_ASSOCIATIONS = 0x1B;
  public static final int LID_CHANGED_ALLOCATED_NAMESPACE_LIST = 0x1C;
  public static final int LID_DISCOVERY = 0x70;
  public static final int LID_HOST_DISCOVERY = 0x71;
  public static final int LID_AVE_DISCOVERY = 0x72;
  public static final int LID_PULL_MODEL_DDC_REQUEST = 0x73;
  public static final int LID_RESERVATION_NOTIFICATION = 0x80;
  public static final int LID_SANITIZE_STATUS = 0x81;
  public static final int LID_ZNS_CHANGED_ZONES = 0xBF;
  /** OCP datacenter: SMART / Health Information Extended ({@link OcpSmartExtendedLog}), 512 bytes. */
  public static final int LID_OCP_SMART_EXTENDED = 0xC0;
  /** OCP datacenter: Error Recovery, 512 bytes (not decoded). */
  public static final int LID_OCP_ERROR_RECOVERY = 0xC1;
  /** OCP datacenter: Latency Monitor ({@link OcpLatencyMonitorLog}), 512 bytes read. */
  public static final int LID_OCP_LATENCY_MONITOR = 0xC3;

  /** NSID meaning "the controller / all namespaces". */
  public static final long NSID_ALL = 0xFFFFFFFFL;

  public GetLogPage {
    AdminCommand.checkHeader(header);
    checkBits(ctlid, 16, "ctlid");
    checkBits(cflgs, 8, "cflgs");
    checkBits(nsid, 32, "nsid");
    checkBits(lid, 8, "lid");
    checkBits(lsp, 7, "lsp");
    if (numd < 1 || numd > 0x1_0000_0000L) {
      throw new IllegalArgumentException("numd: " + numd + " (expected: 1 ~ 4294967296 dwords)");
    }
    checkBits(lsi, 16, "lsi");
    checkBits(uidx, 7, "uidx");
    checkBits(iocsi, 8, "iocsi");
    checkBits(dofst, 32, "dofst");
    checkBits(dlen, 32, "dlen");
  }

  /**
   * One Get Log Page exchange of {@code length} bytes at byte offset {@code lpo}, as libnvme builds
   * each chunk: DOFST 0, DLEN = length, CFLGS per {@code options}.
   *
   * @throws IllegalArgumentException when length is not a multiple of 4 in 4..4096
   */
  public static GetLogPage of(int commandSlot, int ctlid, long nsid, int lid, int lsp, boolean rae, int lsi,
      long lpo, int uidx, boolean ot, int iocsi, int length, AdminOptions options) {
    if (length < 4 || length > AdminCommand.MAX_DATA || length % 4 != 0) {
      throw new IllegalArgumentException("log chunk length: " + length + " (expected: a multiple of 4 in 4 ~ 4096)");
    }
    return new GetLogPage(MiHeader.request(Nmimt.ADMIN_COMMAND, commandSlot), ctlid,
        options.cflgsEncoding().cflgs(length, 0), nsid, lid, lsp, rae, length / 4, lsi, lpo, uidx, ot, iocsi, 0,
        length);
  }

  /** A controller-wide log of {@code length} bytes from offset 0, RAE 0 (libnvme's get_log_simple). */
  public static GetLogPage simple(int commandSlot, int ctlid, int lid, int length) {
    return of(commandSlot, ctlid, NSID_ALL, lid, 0, false, 0, 0, 0, false, 0, length, AdminOptions.DEFAULTS);
  }

  /** The SMART / Health log (LID 02h, 512 bytes, NSID FFFFFFFFh): vector {@code admin_get_log_smart}. */
  public static GetLogPage smartHealth(int commandSlot, int ctlid) {
    return simple(commandSlot, ctlid, LID_SMART_HEALTH, SmartLog.LENGTH);
  }

  /**
   * A 512-byte OCP datacenter log ({@code ocp-logs.md} §1): NSID FFFFFFFFh, RAE 1 (never acknowledge an
   * event the host driver awaits; nvme-cli sends RAE 0), LPO 0, UUID index {@code uidx} in CDW14; for
   * C0h that is CDW10 007F80C0h.
   *
   * @param lid {@link #LID_OCP_SMART_EXTENDED}, {@link #LID_OCP_LATENCY_MONITOR} or another 512-byte OCP log
   * @param uidx the OCP UUID index ({@link UuidList#ocpUuidIndex()}), 0 when the drive lists none
   */
  public static GetLogPage ocp(int commandSlot, int ctlid, int lid, int uidx) {
    return of(commandSlot, ctlid, NSID_ALL, lid, 0, true, 0, 0, uidx, false, 0, OcpSmartExtendedLog.LENGTH,
        AdminOptions.DEFAULTS);
  }

  /** The typed form of {@code c}, when it is a Get Log Page this record reproduces exactly. */
  public static Optional<GetLogPage> from(AdminCommand c) {
    if (c.opcode() != AdminOpcode.GET_LOG_PAGE || !c.unusedDwordsZero() || c.dataLength() != 0) {
      return Optional.empty();
    }
    long numd0 = (c.cdw10() >>> 16) | (c.cdw11() & 0xFFFF) << 16;
    GetLogPage g = new GetLogPage(c.header(), c.ctlid(), c.cflgs(), c.cdw1(), (int) (c.cdw10() & 0xFF),
        (int) (c.cdw10() >>> 8 & 0x7F), (c.cdw10() & 0x8000) != 0, numd0 + 1, (int) (c.cdw11() >>> 16),
        AdminCommand.qword(c.cdw12(), c.cdw13()), (int) (c.cdw14() & 0x7F), (c.cdw14() & 0x80_0000) != 0,
        (int) (c.cdw14() >>> 24), c.dofst(), c.dlen());
    return g.toCommand().equals(c) ? Optional.of(g) : Optional.empty();
  }

  @Override
  public AdminCommand toCommand() {
    long numd0 = numd - 1;
    long cdw10 = (numd0 & 0xFFFF) << 16 | (rae ? 0x8000 : 0) | (long) lsp << 8 | lid;
    long cdw11 = (long) lsi << 16 | (numd0 >>> 16);
    long cdw14 = (long) iocsi << 24 | (ot ? 0x80_0000 : 0) | uidx;
    return AdminCommand.build(header, AdminOpcode.GET_LOG_PAGE, cflgs, ctlid, nsid, dofst, dlen, cdw10, cdw11,
        lpo & 0xFFFFFFFFL, lpo >>> 32, cdw14, 0, new byte[0]);
  }

  @Derived
  @Override
  public int opcode() {
    return AdminOpcode.GET_LOG_PAGE;
  }

  /** Bytes the log read asks for: NUMD × 4. */
  @Derived
  public long lengthBytes() {
    return numd * 4;
  }
}
