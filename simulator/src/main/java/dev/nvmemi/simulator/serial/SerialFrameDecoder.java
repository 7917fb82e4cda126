package dev.nvmemi.simulator.serial;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Receives a DSP0253 byte stream and emits each MCTP packet whose frame is well formed and whose
 * FCS verifies, following the Linux receiver (mctp.md §2.7): a wrong revision, a bad length, a
 * flag inside the data or a missing end flag resynchronise on the next 0x7E; a bad FCS drops the
 * frame. Every drop is counted by cause.
 *
 * <p>Not thread-safe: feed it from one reader thread.
 */
public final class SerialFrameDecoder {
  private enum State { IDLE, REVISION, LENGTH, DATA, FCS_HI, FCS_LO, END }

  private final int maxPacket;
  private final Consumer<byte[]> sink;
  private State state = State.IDLE;
  private byte[] buf = new byte[0];
  private int len;
  private int pos;
  private boolean escaped;
  private int fcsRx;
  private long framesOk;
  private long fcsErrors;
  private long framingErrors;

  /**
   * @param maxPacket largest accepted packet (the LEN byte); the kernel uses its MTU (68)
   * @param sink receives each good packet (header included); called on the feeding thread
   */
  public SerialFrameDecoder(int maxPacket, Consumer<byte[]> sink) {
    if (maxPacket < 4 || maxPacket > 255) {
      throw new IllegalArgumentException("maxPacket: " + maxPacket + " (expected: 4 ~ 255)");
    }
    this.maxPacket = maxPacket;
    this.sink = sink;
  }

  /** Feeds {@code n} bytes. */
  public void feed(byte[] data, int off, int n) {
    for (int i = off; i < off + n; i++) {
      feed(data[i] & 0xFF);
    }
  }

  /** Feeds one byte. */
  public void feed(int b) {
    switch (state) {
      case IDLE:
        if (b == SerialFraming.FLAG) {
          state = State.REVISION;
        }
        break;
      case REVISION:
        if (b == SerialFraming.FLAG) {
          break;
        }
        if (b != SerialFraming.REVISION) {
          framingErrors++;
          state = State.IDLE;
          break;
        }
        state = State.LENGTH;
        break;
      case LENGTH:
        if (b < MctpPacket.HEADER_LENGTH || b > maxPacket) {
          framingErrors++;
          state = b == SerialFraming.FLAG ? State.REVISION : State.IDLE;
          break;
        }
        len = b;
        if (buf.length < len) {
          buf = new byte[maxPacket];
        }
        pos = 0;
        escaped = false;
        state = State.DATA;
        break;
      case DATA:
        if (b == SerialFraming.FLAG) {
          framingErrors++;
          state = State.REVISION;
          break;
        }
        if (escaped) {
          buf[pos++] = (byte) (b ^ 0x20);
          escaped = false;
        } else if (b == SerialFraming.ESCAPE) {
          escaped = true;
          break;
        } else {
          buf[pos++] = (byte) b;
        }
        if (pos == len) {
          state = State.FCS_HI;
        }
        break;
      case FCS_HI:
        fcsRx = b << 8;
        state = State.FCS_LO;
        break;
      case FCS_LO:
        fcsRx |= b;
        state = State.END;
        break;
      case END:
        if (b != SerialFraming.FLAG) {
          framingErrors++;
          state = State.IDLE;
          break;
        }
        // the end flag may double as the next frame's start flag
        state = State.REVISION;
        int fcs = Fcs16.update(Fcs16.INIT, SerialFraming.REVISION);
        fcs = Fcs16.update(fcs, len);
        fcs = Fcs16.update(fcs, buf, 0, len);
        if (fcs != fcsRx) {
          fcsErrors++;
          break;
        }
        framesOk++;
        sink.accept(Arrays.copyOf(buf, len));
        break;
      default:
        throw new IllegalStateException(state.toString());
    }
  }

  /** Frames delivered. */
  public long framesOk() {
    return framesOk;
  }

  /** Frames dropped for a bad FCS (the kernel's rx_crc_errors). */
  public long fcsErrors() {
    return fcsErrors;
  }

  /** Frames dropped for a bad revision, length, flag in the data or missing end flag. */
  public long framingErrors() {
    return framingErrors;
  }
}
