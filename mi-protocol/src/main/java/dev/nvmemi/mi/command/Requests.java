package dev.nvmemi.mi.command;

import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.Nmimt;
import dev.nvmemi.mi.internal.LittleEndian;
import java.util.Objects;

/** Checks shared by the command records. */
final class Requests {
  /** Request data of the commands that carry none; zero-length, so sharing it is safe. */
  static final byte[] NO_DATA = new byte[0];

  private Requests() {}

  static MiHeader requestHeader(MiHeader h) {
    Objects.requireNonNull(h, "header");
    if (h.nmimt() != Nmimt.MI_COMMAND || h.response()) {
      throw new IllegalArgumentException("header " + h + " (expected: an MI command request, NMIMT 1h, ROR 0)");
    }
    return h;
  }

  static MiHeader responseHeader(MiHeader h, MiStatus status) {
    Objects.requireNonNull(h, "header");
    Objects.requireNonNull(status, "status");
    // NMIMT is not checked: with MiCodecOptions.strictNmimt() false a response may carry another.
    if (!h.response()) {
      throw new IllegalArgumentException("header " + h + " (expected: a response header, ROR 1)");
    }
    if (!status.isSuccess()) {
      throw new IllegalArgumentException("status " + status + " (expected: Success; errors are MiErrorResponse)");
    }
    return h;
  }

  /** A response message body: status 0, NMRESP, data. */
  static byte[] encodeResponse(MiHeader h, int nmresp, byte[] data) {
    byte[] body = new byte[4 + data.length];
    LittleEndian.put24(body, 1, nmresp);
    System.arraycopy(data, 0, body, 4, data.length);
    return MiFrame.encode(h, body);
  }

  static void requireNoData(String command, MiFrame f) {
    if (f.responseDataLength() != 0) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH, command + " response carries "
          + f.responseDataLength() + " data bytes (expected: 0)");
    }
  }

  static void requireDataLength(String command, MiFrame f, long expected, String why) {
    if (f.responseDataLength() != expected) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH, command + " response data length mismatch: "
          + f.responseDataLength() + " bytes (expected: " + expected + ", " + why + ")");
    }
  }

  /**
   * {@link #requireDataLength(String, MiFrame, long, String)} where the reason is the request field
   * that gives the length ({@code "DLEN 512"}), built only when the check fails.
   */
  static void requireDataLengthOf(String command, MiFrame f, String field, long expected) {
    if (f.responseDataLength() != expected) {
      requireDataLength(command, f, expected, field + " " + expected);
    }
  }

  /**
   * {@link #requireDataLength(String, MiFrame, long, String)} for RENT-counted entries, without
   * building the reason text unless the check fails (it runs on every Controller Health poll).
   */
  static void requireEntriesLength(String command, MiFrame f, int entries, int entryLength) {
    if (f.responseDataLength() != (long) entries * entryLength) {
      requireDataLength(command, f, (long) entries * entryLength, "RENT " + entries + " x " + entryLength);
    }
  }

  static void requireDataLength(byte[] data, long dlen) {
    if (data.length != dlen) {
      throw new IllegalArgumentException("data: " + data.length + " bytes (expected: DLEN " + dlen + ")");
    }
  }
}
