package dev.nvmemi.simulator.serial;

import java.io.ByteArrayOutputStream;

/**
 * DSP0253 (MCTP serial binding) framing as Linux {@code drivers/net/mctp/mctp-serial.c} does it
 * (mctp.md §2.7): {@code 7E 01 LEN <packet, 7E→7D 5E, 7D→7D 5D> FCS-hi FCS-lo 7E}. LEN is the
 * unescaped packet length; the FCS ({@link Fcs16}) covers the revision, LEN and the unescaped
 * packet, and is written unescaped, as the kernel does. Stateless; thread-safe.
 */
public final class SerialFraming {
  /** Start and end flag. */
  public static final int FLAG = 0x7E;
  /** Escape byte. */
  public static final int ESCAPE = 0x7D;
  /** The only revision Linux accepts. */
  public static final int REVISION = 0x01;

  private SerialFraming() {}

  /**
   * Frames one MCTP packet (transport header included).
   *
   * @throws IllegalArgumentException when the packet is longer than 255 bytes (LEN is one byte)
   */
  public static byte[] encode(byte[] packet) {
    if (packet.length > 0xFF) {
      throw new IllegalArgumentException("MCTP packet too long for a serial frame: " + packet.length
          + " bytes (expected: at most 255)");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(packet.length * 2 + 6);
    out.write(FLAG);
    out.write(REVISION);
    out.write(packet.length);
    int fcs = Fcs16.update(Fcs16.INIT, REVISION);
    fcs = Fcs16.update(fcs, packet.length);
    for (byte b : packet) {
      int v = b & 0xFF;
      fcs = Fcs16.update(fcs, v);
      if (v == FLAG || v == ESCAPE) {
        out.write(ESCAPE);
        out.write(v ^ 0x20);
      } else {
        out.write(v);
      }
    }
    out.write(fcs >>> 8);
    out.write(fcs & 0xFF);
    out.write(FLAG);
    return out.toByteArray();
  }
}
