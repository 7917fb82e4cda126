package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.Nmimt;
import java.util.Objects;
import java.util.Optional;

/**
 * Firmware Image Download (admin opcode 11h, spec sheet §6.4): DW10 = NUMD (0's based dword count of
 * this piece), DW11 = OFST (dword offset into the image), data = the piece, CFLGS 01h, DLEN = its
 * length. Lengths and offsets are multiples of 4.
 *
 * <p>Immutable (arrays are copied in and out); usable from any thread.
 *
 * @param header NVMe-MI header (NMIMT 2)
 * @param ctlid CTLID
 * @param cflgs CFLGS
 * @param numd number of dwords in this piece, 1-based (the wire DW10 is this minus 1)
 * @param ofst OFST, offset of this piece in dwords (DW11)
 * @param dofst DOFST
 * @param dlen DLEN
 * @param data the image piece
 */
public record FirmwareImageDownload(MiHeader header, int ctlid, int cflgs, long numd, long ofst, long dofst,
    long dlen, byte[] data) implements AdminRequest {

  public FirmwareImageDownload {
    AdminCommand.checkHeader(header);
    checkBits(ctlid, 16, "ctlid");
    checkBits(cflgs, 8, "cflgs");
    if (numd < 1 || numd > 0x1_0000_0000L) {
      throw new IllegalArgumentException("numd: " + numd + " (expected: 1 ~ 4294967296 dwords)");
    }
    checkBits(ofst, 32, "ofst");
    checkBits(dofst, 32, "dofst");
    checkBits(dlen, 32, "dlen");
    Objects.requireNonNull(data, "data");
    if (data.length > AdminCommand.MAX_DATA) {
      throw new IllegalArgumentException("data: " + data.length + " bytes (expected: at most 4096)");
    }
    data = data.clone();
  }

  /**
   * libnvme's {@code nvme_mi_admin_fw_download}.
   *
   * @throws IllegalArgumentException when the piece is empty, longer than 4096, or length/offset are
   *     not multiples of 4
   */
  public static FirmwareImageDownload of(int commandSlot, int ctlid, long offsetBytes, byte[] piece,
      AdminOptions options) {
    if (piece.length == 0 || piece.length > AdminCommand.MAX_DATA || piece.length % 4 != 0
        || offsetBytes < 0 || offsetBytes % 4 != 0 || offsetBytes / 4 > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("firmware piece: " + piece.length + " bytes at offset " + offsetBytes
          + " (expected: length a multiple of 4 in 4 ~ 4096, offset a multiple of 4)");
    }
    return new FirmwareImageDownload(MiHeader.request(Nmimt.ADMIN_COMMAND, commandSlot), ctlid,
        options.cflgsEncoding().cflgs(piece.length, 0), piece.length / 4, offsetBytes / 4, 0, piece.length, piece);
  }

  /** The typed form of {@code c}, when it is a Firmware Image Download this record reproduces exactly. */
  public static Optional<FirmwareImageDownload> from(AdminCommand c) {
    if (c.opcode() != AdminOpcode.FIRMWARE_IMAGE_DOWNLOAD || !c.unusedDwordsZero() || c.cdw1() != 0) {
      return Optional.empty();
    }
    FirmwareImageDownload f = new FirmwareImageDownload(c.header(), c.ctlid(), c.cflgs(), c.cdw10() + 1, c.cdw11(),
        c.dofst(), c.dlen(), c.data());
    return f.toCommand().equals(c) ? Optional.of(f) : Optional.empty();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public AdminCommand toCommand() {
    return AdminCommand.build(header, AdminOpcode.FIRMWARE_IMAGE_DOWNLOAD, cflgs, ctlid, 0, dofst, dlen, numd - 1,
        ofst, 0, 0, 0, 0, data);
  }

  @Derived
  @Override
  public int opcode() {
    return AdminOpcode.FIRMWARE_IMAGE_DOWNLOAD;
  }

  /** Byte offset of this piece in the image (OFST × 4). */
  @Derived
  public long offsetBytes() {
    return ofst * 4;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FirmwareImageDownload f && toCommand().equals(f.toCommand());
  }

  @Override
  public int hashCode() {
    return toCommand().hashCode();
  }

  @Override
  public String toString() {
    return "FirmwareImageDownload[ctlid=" + ctlid + ", numd=" + numd + ", ofst=" + ofst + ", cflgs=" + cflgs
        + ", dofst=" + dofst + ", dlen=" + dlen + ", data=" + data.length + " bytes]";
  }
}
