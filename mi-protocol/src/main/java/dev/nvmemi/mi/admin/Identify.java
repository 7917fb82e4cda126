package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.Nmimt;
import java.util.Optional;

/**
 * Identify (admin opcode 06h) through the tunnel (spec sheet §6.4): DW1 NSID, DW10 = CNTID&lt;&lt;16 |
 * CNS, DW11 = CSI&lt;&lt;24 | CNS-specific identifier, DW14 = UUID index. The endpoint runs the command
 * and returns bytes [DOFST, DOFST+DLEN) of the 4096-byte result, which is how libnvme reads the
 * first 72 bytes of Identify Controller as its probe ({@link #probe(int, int)}).
 *
 * <p>Immutable; usable from any thread.
 *
 * @param header NVMe-MI header (NMIMT 2)
 * @param ctlid CTLID, the target controller
 * @param cflgs CFLGS
 * @param nsid NSID (DW1)
 * @param cns CNS, Controller or Namespace Structure (DW10 7:0)
 * @param cntid CNTID, controller identifier (DW10 31:16)
 * @param cnssid CNS specific identifier (DW11 15:0), e.g. the NVM set or endurance group
 * @param iocsi CSI, the (I/O) command set identifier (DW11 31:24); named {@code iocsi} as in NVMe-MI
 *     so that it does not clash with the header's command slot CSI
 * @param uidx UUID index (DW14 6:0)
 * @param dofst DOFST, offset into the 4096-byte structure
 * @param dlen DLEN, bytes to return
 */
public record Identify(MiHeader header, int ctlid, int cflgs, long nsid, int cns, int cntid, int cnssid, int iocsi,
    int uidx, long dofst, long dlen) implements AdminRequest {

  /** Size of every Identify data structure. */
  public static final int DATA_LENGTH = 4096;
  /** Bytes libnvme's quirk probe reads: Identify Controller up to, excluding, RAB (§1.7). */
  public static final int PROBE_LENGTH = 72;

  public static final int CNS_NAMESPACE = 0x00;
  public static final int CNS_CONTROLLER = 0x01;
  public static final int CNS_ACTIVE_NAMESPACE_LIST = 0x02;
  public static final int CNS_NAMESPACE_DESCRIPTORS = 0x03;
  public static final int CNS_NVM_SET_LIST = 0x04;
  public static final int CNS_CSI_NAMESPACE = 0x05;
  public static final int CNS_CSI_CONTROLLER = 0x06;
  public static final int CNS_CSI_ACTIVE_NAMESPACE_LIST = 0x07;
  public static final int CNS_ALLOCATED_NAMESPACE_LIST = 0x10;
  public static final int CNS_ALLOCATED_NAMESPACE = 0x11;
  public static final int CNS_NAMESPACE_CONTROLLER_LIST = 0x12;
  public static final int CNS_CONTROLLER_LIST = 0x13;
  public static final int CNS_PRIMARY_CONTROLLER_CAPABILITIES = 0x14;
  public static final int CNS_SECONDARY_CONTROLLER_LIST = 0x15;
  public static final int CNS_NAMESPACE_GRANULARITY_LIST = 0x16;
  public static final int CNS_UUID_LIST = 0x17;

  public Identify {
    AdminCommand.checkHeader(header);
    checkBits(ctlid, 16, "ctlid");
    checkBits(cflgs, 8, "cflgs");
    checkBits(nsid, 32, "nsid");
    checkBits(cns, 8, "cns");
    checkBits(cntid, 16, "cntid");
    checkBits(cnssid, 16, "cnssid");
    checkBits(iocsi, 8, "iocsi");
    checkBits(uidx, 7, "uidx");
    checkBits(dofst, 32, "dofst");
    checkBits(dlen, 32, "dlen");
  }

  /**
   * An Identify reading {@code length} bytes at {@code offset} of the structure; libnvme's
   * {@code nvme_mi_admin_identify_partial}. CFLGS follows {@code options}.
   *
   * @throws IllegalArgumentException when offset/length are not multiples of 4, length is 0, or the
   *     range leaves the 4096-byte structure
   */
  public static Identify partial(int commandSlot, int ctlid, int cns, int cntid, long nsid, int cnssid, int iocsi,
      int uidx, int offset, int length, AdminOptions options) {
    if (offset < 0 || length <= 0 || offset % 4 != 0 || length % 4 != 0 || offset + length > DATA_LENGTH) {
      throw new IllegalArgumentException("identify range: offset " + offset + ", length " + length
          + " (expected: multiples of 4, length > 0, offset + length <= " + DATA_LENGTH + ")");
    }
    return new Identify(MiHeader.request(Nmimt.ADMIN_COMMAND, commandSlot), ctlid,
        options.cflgsEncoding().cflgs(length, offset), nsid, cns, cntid, cnssid, iocsi, uidx, offset, length);
  }

  /** A full (4096-byte) Identify. */
  public static Identify of(int commandSlot, int ctlid, int cns, int cntid, long nsid, int cnssid, int iocsi,
      int uidx, AdminOptions options) {
    return partial(commandSlot, ctlid, cns, cntid, nsid, cnssid, iocsi, uidx, 0, DATA_LENGTH, options);
  }

  /** The UUID List (CNS 17h, 4096 bytes), where the OCP UUID index is found ({@link UuidList}). */
  public static Identify uuidList(int commandSlot, int ctlid) {
    return of(commandSlot, ctlid, CNS_UUID_LIST, 0, 0, 0, 0, 0, AdminOptions.DEFAULTS);
  }

  /** Identify Controller (CNS 01h), all 4096 bytes. */
  public static Identify controller(int commandSlot, int ctlid) {
    return of(commandSlot, ctlid, CNS_CONTROLLER, 0, 0, 0, 0, 0, AdminOptions.DEFAULTS);
  }

  /** libnvme's probe: the first 72 bytes of Identify Controller (vector {@code admin_identify_ctrl_partial72}). */
  public static Identify probe(int commandSlot, int ctlid) {
    return partial(commandSlot, ctlid, CNS_CONTROLLER, 0, 0, 0, 0, 0, 0, PROBE_LENGTH, AdminOptions.DEFAULTS);
  }

  /** The typed form of {@code c}, when it is an Identify this record reproduces exactly. */
  public static Optional<Identify> from(AdminCommand c) {
    if (c.opcode() != AdminOpcode.IDENTIFY || !c.unusedDwordsZero() || c.dataLength() != 0) {
      return Optional.empty();
    }
    Identify i = new Identify(c.header(), c.ctlid(), c.cflgs(), c.cdw1(), (int) (c.cdw10() & 0xFF),
        (int) (c.cdw10() >>> 16), (int) (c.cdw11() & 0xFFFF), (int) (c.cdw11() >>> 24), (int) (c.cdw14() & 0x7F),
        c.dofst(), c.dlen());
    return i.toCommand().equals(c) ? Optional.of(i) : Optional.empty();
  }

  @Override
  public AdminCommand toCommand() {
    return AdminCommand.build(header, AdminOpcode.IDENTIFY, cflgs, ctlid, nsid, dofst, dlen,
        (long) cntid << 16 | cns, (long) iocsi << 24 | cnssid, 0, 0, uidx, 0, new byte[0]);
  }

  @Derived
  @Override
  public int opcode() {
    return AdminOpcode.IDENTIFY;
  }

  /** A readable name of the CNS value. */
  @Derived
  public String cnsName() {
    switch (cns) {
      case CNS_NAMESPACE: return "Identify Namespace";
      case CNS_CONTROLLER: return "Identify Controller";
      case CNS_ACTIVE_NAMESPACE_LIST: return "Active Namespace ID List";
      case CNS_NAMESPACE_DESCRIPTORS: return "Namespace Identification Descriptor List";
      case CNS_NVM_SET_LIST: return "NVM Set List";
      case CNS_CSI_NAMESPACE: return "I/O Command Set Specific Identify Namespace";
      case CNS_CSI_CONTROLLER: return "I/O Command Set Specific Identify Controller";
      case CNS_CSI_ACTIVE_NAMESPACE_LIST: return "I/O Command Set Specific Active Namespace ID List";
      case CNS_ALLOCATED_NAMESPACE_LIST: return "Allocated Namespace ID List";
      case CNS_ALLOCATED_NAMESPACE: return "Identify Allocated Namespace";
      case CNS_NAMESPACE_CONTROLLER_LIST: return "Namespace Attached Controller List";
      case CNS_CONTROLLER_LIST: return "Controller List";
      case CNS_PRIMARY_CONTROLLER_CAPABILITIES: return "Primary Controller Capabilities";
      case CNS_SECONDARY_CONTROLLER_LIST: return "Secondary Controller List";
      case CNS_NAMESPACE_GRANULARITY_LIST: return "Namespace Granularity List";
      case CNS_UUID_LIST: return "UUID List";
      default: return String.format("cns(0x%02x)", cns);
    }
  }
}
