package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.Nmimt;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Namespace Management (admin opcode 0Dh, spec sheet §6.4): DW1 NSID, DW10 SEL (0 create, 1 delete),
 * DW11 = CSI&lt;&lt;24; a create carries the host's namespace data (CFLGS 01h, DLEN = its length).
 * The new NSID comes back in CQE DW0.
 *
 * <p>Immutable (arrays are copied in and out); usable from any thread.
 *
 * @param header NVMe-MI header (NMIMT 2)
 * @param ctlid CTLID
 * @param cflgs CFLGS
 * @param nsid NSID (DW1): 0 for create, the namespace for delete (FFFFFFFFh = all)
 * @param sel SEL (DW10 3:0)
 * @param iocsi CSI, the command set of the new namespace (DW11 31:24); named {@code iocsi} as in
 *     NVMe-MI so that it does not clash with the header's command slot CSI
 * @param dofst DOFST
 * @param dlen DLEN
 * @param data namespace management data (create), empty for delete
 */
public record NamespaceManagement(MiHeader header, int ctlid, int cflgs, long nsid, int sel, int iocsi, long dofst,
    long dlen, byte[] data) implements AdminRequest {

  public static final int SEL_CREATE = 0;
  public static final int SEL_DELETE = 1;

  public NamespaceManagement {
    AdminCommand.checkHeader(header);
    checkBits(ctlid, 16, "ctlid");
    checkBits(cflgs, 8, "cflgs");
    checkBits(nsid, 32, "nsid");
    checkBits(sel, 4, "sel");
    checkBits(iocsi, 8, "iocsi");
    checkBits(dofst, 32, "dofst");
    checkBits(dlen, 32, "dlen");
    Objects.requireNonNull(data, "data");
    if (data.length > AdminCommand.MAX_DATA) {
      throw new IllegalArgumentException("data: " + data.length + " bytes (expected: at most 4096)");
    }
    data = data.clone();
  }

  /** libnvme's {@code nvme_mi_admin_ns_mgmt_create}: NSID 0, SEL 0, DLEN = data length. */
  public static NamespaceManagement create(int commandSlot, int ctlid, int iocsi, byte[] data, AdminOptions options) {
    return new NamespaceManagement(MiHeader.request(Nmimt.ADMIN_COMMAND, commandSlot), ctlid,
        options.cflgsEncoding().cflgs(data.length, 0), 0, SEL_CREATE, iocsi, 0, data.length, data);
  }

  /** libnvme's {@code nvme_mi_admin_ns_mgmt_delete}: SEL 1, no data. */
  public static NamespaceManagement delete(int commandSlot, int ctlid, long nsid) {
    return new NamespaceManagement(MiHeader.request(Nmimt.ADMIN_COMMAND, commandSlot), ctlid, 0, nsid, SEL_DELETE,
        0, 0, 0, new byte[0]);
  }

  /** The typed form of {@code c}, when it is a Namespace Management this record reproduces exactly. */
  public static Optional<NamespaceManagement> from(AdminCommand c) {
    if (c.opcode() != AdminOpcode.NAMESPACE_MANAGEMENT || !c.unusedDwordsZero()) {
      return Optional.empty();
    }
    NamespaceManagement n = new NamespaceManagement(c.header(), c.ctlid(), c.cflgs(), c.cdw1(),
        (int) (c.cdw10() & 0xF), (int) (c.cdw11() >>> 24), c.dofst(), c.dlen(), c.data());
    return n.toCommand().equals(c) ? Optional.of(n) : Optional.empty();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public AdminCommand toCommand() {
    return AdminCommand.build(header, AdminOpcode.NAMESPACE_MANAGEMENT, cflgs, ctlid, nsid, dofst, dlen, sel,
        (long) iocsi << 24, 0, 0, 0, 0, data);
  }

  @Derived
  @Override
  public int opcode() {
    return AdminOpcode.NAMESPACE_MANAGEMENT;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NamespaceManagement n && toCommand().equals(n.toCommand());
  }

  @Override
  public int hashCode() {
    return toCommand().hashCode();
  }

  @Override
  public String toString() {
    return "NamespaceManagement[ctlid=" + ctlid + ", nsid=" + nsid + ", sel=" + sel + ", iocsi=" + iocsi + ", cflgs="
        + cflgs + ", dofst=" + dofst + ", dlen=" + dlen + ", data=" + data.length + " bytes "
        + HexFormat.of().formatHex(data, 0, Math.min(16, data.length)) + "]";
  }
}
