package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;
import static dev.nvmemi.mi.admin.LittleEndian.put16;
import static dev.nvmemi.mi.admin.LittleEndian.put32;
import static dev.nvmemi.mi.admin.LittleEndian.put64;
import static dev.nvmemi.mi.admin.LittleEndian.u16;
import static dev.nvmemi.mi.admin.LittleEndian.u32;
import static dev.nvmemi.mi.admin.LittleEndian.u64;
import static dev.nvmemi.mi.admin.LittleEndian.u8;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.NvmeStatus;

/**
 * One 64-byte Error Information log entry (LID 01h, spec sheet §7.3). Immutable; thread-safe.
 *
 * @param errcnt Error Count, bytes 0–7: unique, increasing (unsigned 64-bit); 0 = unused entry
 * @param sqid SQID, submission queue ID, bytes 8–9; FFFFh when not command specific
 * @param cid CID, command ID, bytes 10–11; FFFFh when not command specific
 * @param sf Status Field, bytes 12–13: bit 0 phase tag, bits 15:1 the NVMe status
 * @param pel Parameter Error Location, bytes 14–15: bits 7:0 byte in the command, 10:8 bit
 *     (NVMe base layout; libnvme's masks differ, §12 point 13)
 * @param lba LBA, first LBA that failed, bytes 16–23
 * @param nsid Namespace, bytes 24–27
 * @param vsia Vendor Specific Information Available: a log page ID with more detail, 0 = none, byte 28
 * @param trtype Transport Type, byte 29
 * @param csi CSI, command set identifier, byte 30
 * @param opc Opcode of the failed command, byte 31
 * @param cs Command Specific Information, bytes 32–39
 * @param ttsi Transport Type Specific Information, bytes 40–41
 * @param lpver Log Page Version, byte 63
 */
public record ErrorLogEntry(long errcnt, int sqid, int cid, int sf, int pel, long lba, long nsid, int vsia,
    int trtype, int csi, int opc, long cs, int ttsi, int lpver) {

  /** Size of one entry. */
  public static final int LENGTH = 64;

  public ErrorLogEntry {
    checkBits(sqid, 16, "sqid");
    checkBits(cid, 16, "cid");
    checkBits(sf, 16, "sf");
    checkBits(pel, 16, "pel");
    checkBits(nsid, 32, "nsid");
    checkBits(vsia, 8, "vsia");
    checkBits(trtype, 8, "trtype");
    checkBits(csi, 8, "csi");
    checkBits(opc, 8, "opc");
    checkBits(ttsi, 16, "ttsi");
    checkBits(lpver, 8, "lpver");
  }

  /** Decodes the entry at {@code off}; the caller guarantees 64 bytes. */
  static ErrorLogEntry decode(byte[] b, int off) {
    return new ErrorLogEntry(u64(b, off), u16(b, off + 8), u16(b, off + 10), u16(b, off + 12), u16(b, off + 14),
        u64(b, off + 16), u32(b, off + 24), u8(b, off + 28), u8(b, off + 29), u8(b, off + 30), u8(b, off + 31),
        u64(b, off + 32), u16(b, off + 40), u8(b, off + 63));
  }

  /** Writes the entry at {@code off}. */
  void encode(byte[] b, int off) {
    put64(b, off, errcnt);
    put16(b, off + 8, sqid);
    put16(b, off + 10, cid);
    put16(b, off + 12, sf);
    put16(b, off + 14, pel);
    put64(b, off + 16, lba);
    put32(b, off + 24, nsid);
    b[off + 28] = (byte) vsia;
    b[off + 29] = (byte) trtype;
    b[off + 30] = (byte) csi;
    b[off + 31] = (byte) opc;
    put64(b, off + 32, cs);
    put16(b, off + 40, ttsi);
    b[off + 63] = (byte) lpver;
  }

  /** The 64-byte entry. */
  public byte[] encode() {
    byte[] b = new byte[LENGTH];
    encode(b, 0);
    return b;
  }

  /** The NVMe status of the failed command (Status Field bits 15:1). */
  @Derived
  public NvmeStatus nvmeStatus() {
    return NvmeStatus.fromStatusField(sf >>> 1);
  }

  /** Byte offset in the command of the offending parameter (PEL bits 7:0). */
  @Derived
  public int pelByte() {
    return pel & 0xFF;
  }

  /** Bit position of the offending parameter (PEL bits 10:8). */
  @Derived
  public int pelBit() {
    return pel >>> 8 & 0x7;
  }

  /** The error count as an unsigned decimal string (the field is unsigned 64-bit). */
  @Derived
  public String errcntUnsigned() {
    return Long.toUnsignedString(errcnt);
  }

  /** False for an unused entry (Error Count 0). */
  @Derived
  public boolean used() {
    return errcnt != 0;
  }

  /** The failed command's opcode name. */
  @Derived
  public String opcName() {
    return AdminOpcode.name(opc);
  }
}
