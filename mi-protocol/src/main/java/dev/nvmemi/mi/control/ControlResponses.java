package dev.nvmemi.mi.control;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.internal.LittleEndian;
import java.util.Objects;

/** Helpers shared by the control primitive response records. */
final class ControlResponses {
  private ControlResponses() {}

  static void check(MiHeader h, MiStatus status, int tag, int cpsr) {
    Objects.requireNonNull(h, "header");
    Objects.requireNonNull(status, "status");
    // NMIMT is not checked: with MiCodecOptions.strictNmimt() false a response may carry another.
    if (!h.response()) {
      throw new IllegalArgumentException("header " + h + " (expected: a response header, ROR 1)");
    }
    if (!status.isSuccess()) {
      throw new IllegalArgumentException("status " + status + " (expected: Success; errors are MiErrorResponse)");
    }
    checkRange("tag", tag, 0xFF);
    checkRange("cpsr", cpsr, 0xFFFF);
  }

  static byte[] encode(MiHeader h, int tag, int cpsr) {
    byte[] body = new byte[4];
    body[1] = (byte) tag;
    LittleEndian.put16(body, 2, cpsr);
    return MiFrame.encode(h, body);
  }
}
