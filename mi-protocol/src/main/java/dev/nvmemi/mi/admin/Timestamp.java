package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;
import static dev.nvmemi.mi.admin.LittleEndian.u16;
import static dev.nvmemi.mi.admin.LittleEndian.u32;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;
import java.time.Instant;

/**
 * The Timestamp feature (FID 0Eh): 8 bytes of data, returned by Get Features (the data libnvme
 * does not announce in DLEN, §12 point 5).
 *
 * <p>Immutable (arrays are copied in and out); usable from any thread.
 *
 * @param timestamp milliseconds since the Unix epoch, bytes 0–5 (48 bits)
 * @param synch Synch: the timestamp may have stopped advancing (byte 6 bit 0)
 * @param to TO, timestamp origin: 0 reset, 1 set by Set Features (byte 6 bits 3:1)
 */
public record Timestamp(long timestamp, boolean synch, int to) implements AdminPayload {

  /** Size of the data. */
  public static final int LENGTH = 8;

  public Timestamp {
    checkBits(timestamp, 48, "timestamp");
    checkBits(to, 3, "to");
  }

  /**
   * Decodes the 8 bytes.
   *
   * @throws MiProtocolException {@code LENGTH_MISMATCH} unless {@code data} is exactly 8 bytes
   */
  public static Timestamp decode(byte[] data) {
    if (data.length != LENGTH) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH,
          "Timestamp feature data: " + data.length + " bytes (expected: " + LENGTH + ")");
    }
    long ms = u32(data, 0) | (long) u16(data, 4) << 32;
    return new Timestamp(ms, (data[6] & 1) != 0, data[6] >>> 1 & 0x7);
  }

  /** The 8 bytes. */
  public byte[] encode() {
    byte[] b = new byte[LENGTH];
    LittleEndian.put32(b, 0, timestamp & 0xFFFFFFFFL);
    LittleEndian.put16(b, 4, (int) (timestamp >>> 32));
    b[6] = (byte) ((synch ? 1 : 0) | to << 1);
    return b;
  }

  /** The timestamp as an instant. */
  @Derived
  public Instant instant() {
    return Instant.ofEpochMilli(timestamp);
  }
}
