package dev.nvmemi.mi.control;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiRequest;
import dev.nvmemi.mi.Nmimt;
import dev.nvmemi.mi.internal.LittleEndian;
import java.util.Objects;

/**
 * A control primitive request (spec sheet §1.8): byte 4 opcode, byte 5 tag (opaque, echoed by the
 * response), bytes 6–7 CPSP (LE16), then the MIC. 12 bytes in all. Immutable.
 */
public sealed interface ControlPrimitive extends MiRequest
    permits Pause, Resume, Abort, GetState, Replay, RawControlPrimitive {

  /** Body length: opcode, tag, CPSP. */
  int BODY = 4;

  int opcode();

  /** The tag, echoed by the endpoint. */
  int tag();

  /** Control Primitive Specific Parameter. */
  int cpsp();

  @Override
  default byte[] encode() {
    byte[] body = new byte[BODY];
    body[0] = (byte) opcode();
    body[1] = (byte) tag();
    LittleEndian.put16(body, 2, cpsp());
    return MiFrame.encode(header(), body);
  }

  /** Decodes the success response (status 00h, tag already checked). */
  ControlPrimitiveResponse decodeSuccess(MiFrame frame, MiCodecOptions options);

  /** A control primitive header (NMIMT 0h, ROR 0) on slot {@code csi}. */
  static MiHeader header(int csi) {
    return MiHeader.request(Nmimt.CONTROL_PRIMITIVE, csi);
  }

  /** Checks a request header for the records. */
  static MiHeader requireRequestHeader(MiHeader h) {
    Objects.requireNonNull(h, "header");
    if (h.nmimt() != Nmimt.CONTROL_PRIMITIVE || h.response()) {
      throw new IllegalArgumentException("header " + h + " (expected: a control primitive request, NMIMT 0h, ROR 0)");
    }
    return h;
  }
}
