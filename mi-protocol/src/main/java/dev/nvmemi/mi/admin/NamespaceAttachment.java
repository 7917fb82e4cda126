package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.Nmimt;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Namespace Attachment (admin opcode 15h, spec sheet §6.4): DW1 NSID, DW10 SEL (0 attach, 1 detach),
 * data = a 4096-byte controller list (NUMIDS LE16, then the controller IDs), CFLGS 01h, DLEN 4096.
 *
 * <p>Immutable (arrays are copied in and out); usable from any thread.
 *
 * @param header NVMe-MI header (NMIMT 2)
 * @param ctlid CTLID
 * @param cflgs CFLGS
 * @param nsid NSID (DW1)
 * @param sel SEL (DW10 3:0)
 * @param dofst DOFST
 * @param dlen DLEN
 * @param data the controller list
 */
public record NamespaceAttachment(MiHeader header, int ctlid, int cflgs, long nsid, int sel, long dofst, long dlen,
    byte[] data) implements AdminRequest {

  public static final int SEL_ATTACH = 0;
  public static final int SEL_DETACH = 1;
  /** Size of the controller list. */
  public static final int LIST_LENGTH = 4096;
  /** Most controller IDs in one list. */
  public static final int MAX_IDS = 2047;

  public NamespaceAttachment {
    AdminCommand.checkHeader(header);
    checkBits(ctlid, 16, "ctlid");
    checkBits(cflgs, 8, "cflgs");
    checkBits(nsid, 32, "nsid");
    checkBits(sel, 4, "sel");
    checkBits(dofst, 32, "dofst");
    checkBits(dlen, 32, "dlen");
    Objects.requireNonNull(data, "data");
    if (data.length > AdminCommand.MAX_DATA) {
      throw new IllegalArgumentException("data: " + data.length + " bytes (expected: at most 4096)");
    }
    data = data.clone();
  }

  /** libnvme's {@code nvme_mi_admin_ns_attach_ctrls} / {@code _detach_ctrls}. */
  public static NamespaceAttachment of(int commandSlot, int ctlid, long nsid, int sel, List<Integer> controllers,
      AdminOptions options) {
    if (controllers.size() > MAX_IDS) {
      throw new IllegalArgumentException("controllers: " + controllers.size() + " (expected: at most " + MAX_IDS + ")");
    }
    byte[] list = new byte[LIST_LENGTH];
    LittleEndian.put16(list, 0, controllers.size());
    for (int i = 0; i < controllers.size(); i++) {
      LittleEndian.put16(list, 2 + 2 * i, checkBits(controllers.get(i), 16, "controller id"));
    }
    return new NamespaceAttachment(MiHeader.request(Nmimt.ADMIN_COMMAND, commandSlot), ctlid,
        options.cflgsEncoding().cflgs(LIST_LENGTH, 0), nsid, sel, 0, LIST_LENGTH, list);
  }

  /** The typed form of {@code c}, when it is a Namespace Attachment this record reproduces exactly. */
  public static Optional<NamespaceAttachment> from(AdminCommand c) {
    if (c.opcode() != AdminOpcode.NAMESPACE_ATTACHMENT || !c.unusedDwordsZero()) {
      return Optional.empty();
    }
    NamespaceAttachment n = new NamespaceAttachment(c.header(), c.ctlid(), c.cflgs(), c.cdw1(),
        (int) (c.cdw10() & 0xF), c.dofst(), c.dlen(), c.data());
    return n.toCommand().equals(c) ? Optional.of(n) : Optional.empty();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The controller IDs of the list in the data (NUMIDS capped by the data present). */
  @Derived
  public List<Integer> controllerIds() {
    if (data.length < 2) {
      return List.of();
    }
    int n = Math.min(LittleEndian.u16(data, 0), (data.length - 2) / 2);
    List<Integer> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(LittleEndian.u16(data, 2 + 2 * i));
    }
    return List.copyOf(ids);
  }

  @Override
  public AdminCommand toCommand() {
    return AdminCommand.build(header, AdminOpcode.NAMESPACE_ATTACHMENT, cflgs, ctlid, nsid, dofst, dlen, sel, 0, 0,
        0, 0, 0, data);
  }

  @Derived
  @Override
  public int opcode() {
    return AdminOpcode.NAMESPACE_ATTACHMENT;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NamespaceAttachment n && toCommand().equals(n.toCommand());
  }

  @Override
  public int hashCode() {
    return toCommand().hashCode();
  }

  @Override
  public String toString() {
    return "NamespaceAttachment[ctlid=" + ctlid + ", nsid=" + nsid + ", sel=" + sel + ", controllers="
        + controllerIds() + ", cflgs=" + cflgs + ", dofst=" + dofst + ", dlen=" + dlen + "]";
  }
}
