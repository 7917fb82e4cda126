package dev.nvmemi.simulator;

import dev.nvmemi.mi.internal.Mic;
import java.util.HexFormat;

/** Test helpers: hex and hand-built request messages (independent of the codec under test). */
public final class Msg {
  private Msg() {}

  /** Parses hex, ignoring spaces. */
  public static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  public static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  /** An MI command request (NMIMT 1) with MIC. */
  public static byte[] mi(int csi, int opcode, int nmd0, int nmd1, byte... data) {
    byte[] m = new byte[16 + data.length + 4];
    m[0] = (byte) 0x84;
    m[1] = (byte) (0x08 | csi);
    m[4] = (byte) opcode;
    le32(m, 8, nmd0);
    le32(m, 12, nmd1);
    System.arraycopy(data, 0, m, 16, data.length);
    Mic.seal(m);
    return m;
  }

  /** An admin command request (NMIMT 2): opcode, controller, NSID, DOFST, DLEN, DW10..DW15. */
  public static byte[] admin(int opcode, int ctlid, int nsid, int dofst, int dlen, int... dw10to15) {
    byte[] m = new byte[68 + 4];
    m[0] = (byte) 0x84;
    m[1] = 0x10;
    m[4] = (byte) opcode;
    m[5] = (byte) (dofst != 0 ? 3 : 1);
    m[6] = (byte) ctlid;
    m[7] = (byte) (ctlid >>> 8);
    le32(m, 8, nsid);
    le32(m, 28, dofst);
    le32(m, 32, dlen);
    for (int i = 0; i < dw10to15.length; i++) {
      le32(m, 44 + 4 * i, dw10to15[i]);
    }
    Mic.seal(m);
    return m;
  }

  /** A control primitive request (NMIMT 0). */
  public static byte[] control(int opcode, int tag, int cpsp) {
    byte[] m = new byte[12];
    m[0] = (byte) 0x84;
    m[1] = 0x00;
    m[4] = (byte) opcode;
    m[5] = (byte) tag;
    m[6] = (byte) cpsp;
    m[7] = (byte) (cpsp >>> 8);
    Mic.seal(m);
    return m;
  }

  public static void le32(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  public static int le16(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
  }

  public static int le32(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
  }
}
