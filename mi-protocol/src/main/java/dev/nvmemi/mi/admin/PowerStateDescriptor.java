package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;
import static dev.nvmemi.mi.admin.LittleEndian.put16;
import static dev.nvmemi.mi.admin.LittleEndian.put32;
import static dev.nvmemi.mi.admin.LittleEndian.u16;
import static dev.nvmemi.mi.admin.LittleEndian.u32;
import static dev.nvmemi.mi.admin.LittleEndian.u8;

import dev.nvmemi.mi.Derived;

/**
 * One 32-byte Power State Descriptor of Identify Controller (PSD0…PSD31 at byte 2048, spec sheet
 * §7.2). Immutable; thread-safe.
 *
 * @param mp MP, maximum power, in units of 0.01 W (MXPS 0) or 0.0001 W (MXPS 1), bytes 0–1
 * @param mxps MXPS, max power scale, byte 3 bit 0
 * @param nops NOPS, non-operational state, byte 3 bit 1
 * @param enlat ENLAT, entry latency in µs, bytes 4–7
 * @param exlat EXLAT, exit latency in µs, bytes 8–11
 * @param rrt RRT, relative read throughput, byte 12 bits 4:0
 * @param rrl RRL, relative read latency, byte 13 bits 4:0
 * @param rwt RWT, relative write throughput, byte 14 bits 4:0
 * @param rwl RWL, relative write latency, byte 15 bits 4:0
 * @param idlp IDLP, idle power, bytes 16–17
 * @param ips IPS, idle power scale, byte 18 bits 7:6
 * @param actp ACTP, active power, bytes 20–21
 * @param apw APW, active power workload, byte 22 bits 2:0
 * @param aps APS, active power scale, byte 22 bits 7:6
 */
public record PowerStateDescriptor(int mp, boolean mxps, boolean nops, long enlat, long exlat, int rrt, int rrl,
    int rwt, int rwl, int idlp, int ips, int actp, int apw, int aps) {

  /** Size of one descriptor. */
  public static final int LENGTH = 32;

  public PowerStateDescriptor {
    checkBits(mp, 16, "mp");
    checkBits(enlat, 32, "enlat");
    checkBits(exlat, 32, "exlat");
    checkBits(rrt, 5, "rrt");
    checkBits(rrl, 5, "rrl");
    checkBits(rwt, 5, "rwt");
    checkBits(rwl, 5, "rwl");
    checkBits(idlp, 16, "idlp");
    checkBits(ips, 2, "ips");
    checkBits(actp, 16, "actp");
    checkBits(apw, 3, "apw");
    checkBits(aps, 2, "aps");
  }

  /** Decodes the descriptor at {@code off}; the caller guarantees 32 bytes. */
  static PowerStateDescriptor decode(byte[] b, int off) {
    return new PowerStateDescriptor(u16(b, off), (u8(b, off + 3) & 1) != 0, (u8(b, off + 3) & 2) != 0,
        u32(b, off + 4), u32(b, off + 8), u8(b, off + 12) & 0x1F, u8(b, off + 13) & 0x1F, u8(b, off + 14) & 0x1F,
        u8(b, off + 15) & 0x1F, u16(b, off + 16), u8(b, off + 18) >>> 6, u16(b, off + 20), u8(b, off + 22) & 0x7,
        u8(b, off + 22) >>> 6);
  }

  /** Writes the descriptor at {@code off}. */
  void encode(byte[] b, int off) {
    put16(b, off, mp);
    b[off + 3] = (byte) ((mxps ? 1 : 0) | (nops ? 2 : 0));
    put32(b, off + 4, enlat);
    put32(b, off + 8, exlat);
    b[off + 12] = (byte) rrt;
    b[off + 13] = (byte) rrl;
    b[off + 14] = (byte) rwt;
    b[off + 15] = (byte) rwl;
    put16(b, off + 16, idlp);
    b[off + 18] = (byte) (ips << 6);
    put16(b, off + 20, actp);
    b[off + 22] = (byte) (aps << 6 | apw);
  }

  /** Maximum power in watts (MP scaled by MXPS). */
  @Derived
  public double maxPowerWatts() {
    return mp * (mxps ? 0.0001 : 0.01);
  }
}
