package dev.nvmemi.transport.mctp.it;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * DSP0253 MCTP-over-serial framing as Linux {@code mctp-serial} does it:
 * {@code 7E 01 LEN <packet, 7E/7D escaped as 7D 5E/7D 5D> FCS-hi FCS-lo 7E}, FCS = CRC-16/CCITT
 * reflected (0x8408), init 0xFFFF, no final XOR, over {@code 01 LEN} and the unescaped packet; the FCS
 * bytes are not escaped. Not thread-safe (the decoder keeps state): one reader thread.
 */
final class SerialFraming {
  private static final int FLAG = 0x7E;
  private static final int ESC = 0x7D;

  private final ByteArrayOutputStream frame = new ByteArrayOutputStream();
  private int state; // 0 = wait start, 1 = rev, 2 = len, 3 = data, 4 = esc, 5 = fcs1, 6 = fcs2, 7 = end
  private int len;
  private int fcsHi;
  private int fcs;
  private long badFrames;

  static int fcs(int fcs, int b) {
    fcs ^= b & 0xFF;
    for (int i = 0; i < 8; i++) {
      fcs = (fcs & 1) != 0 ? (fcs >>> 1) ^ 0x8408 : fcs >>> 1;
    }
    return fcs;
  }

  /** One framed packet. */
  static byte[] encode(byte[] packet) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int f = 0xFFFF;
    out.write(FLAG);
    out.write(0x01);
    out.write(packet.length);
    f = fcs(f, 0x01);
    f = fcs(f, packet.length);
    for (byte b : packet) {
      int v = b & 0xFF;
      f = fcs(f, v);
      if (v == FLAG || v == ESC) {
        out.write(ESC);
        out.write(v ^ 0x20);
      } else {
        out.write(v);
      }
    }
    out.write(f >>> 8);
    out.write(f & 0xFF);
    out.write(FLAG);
    return out.toByteArray();
  }

  /** Feeds received bytes; returns the packets completed by them (bad frames are counted). */
  List<byte[]> feed(byte[] buf, int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int b = buf[i] & 0xFF;
      switch (state) {
        case 0 -> { if (b == FLAG) { state = 1; } }
        case 1 -> {
          if (b == FLAG) {
            break; // back-to-back flags
          }
          if (b != 0x01) {
            badFrames++;
            state = 0;
            break;
          }
          fcs = fcs(0xFFFF, b);
          state = 2;
        }
        case 2 -> {
          len = b;
          fcs = fcs(fcs, b);
          frame.reset();
          state = len == 0 ? 5 : 3;
        }
        case 3 -> {
          if (b == ESC) {
            state = 4;
          } else if (b == FLAG) {
            badFrames++;
            state = 1;
          } else {
            data(b);
          }
        }
        case 4 -> data(b ^ 0x20);
        case 5 -> { fcsHi = b; state = 6; }
        case 6 -> {
          int got = fcsHi << 8 | b;
          state = 7;
          if (got == fcs) {
            out.add(frame.toByteArray());
          } else {
            badFrames++;
          }
        }
        default -> state = b == FLAG ? 1 : 0;
      }
    }
    return out;
  }

  private void data(int b) {
    frame.write(b);
    fcs = fcs(fcs, b);
    state = frame.size() == len ? 5 : 3;
  }

  long badFrames() {
    return badFrames;
  }
}
