package dev.nvmemi.mi.control;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiErrorResponse;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiResponse;
import dev.nvmemi.mi.Nmimt;
import dev.nvmemi.mi.internal.LittleEndian;

/**
 * Decoder of control primitives (NMIMT 0h). Callers normally go through
 * {@link dev.nvmemi.mi.MiCodec}. Stateless; thread-safe.
 */
public final class ControlPrimitiveCodec {
  private ControlPrimitiveCodec() {}

  /**
   * Decodes a control primitive request (frame from {@link MiFrame#parseRequest}): the body must
   * be exactly 4 bytes (opcode, tag, CPSP), else {@link MiErrorKind#LENGTH_MISMATCH}.
   */
  public static ControlPrimitive decodeRequest(MiFrame frame) {
    MiHeader h = frame.header();
    if (h.nmimt() != Nmimt.CONTROL_PRIMITIVE) {
      throw new MiProtocolException(MiErrorKind.NMIMT_MISMATCH,
          "not a control primitive: NMIMT " + h.nmimt() + " (expected: CONTROL_PRIMITIVE)");
    }
    byte[] b = frame.body();
    if (b.length != ControlPrimitive.BODY) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH, "control primitive length mismatch: "
          + (b.length + 8) + " bytes (expected: 12)");
    }
    int opc = b[0] & 0xFF;
    int tag = b[1] & 0xFF;
    int cpsp = LittleEndian.u16(b, 2);
    switch (opc) {
      case Pause.OPCODE: return new Pause(h, tag);
      case Resume.OPCODE: return new Resume(h, tag);
      case Abort.OPCODE: return new Abort(h, tag);
      case GetState.OPCODE: return new GetState(h, tag, (cpsp & 1) != 0);
      case Replay.OPCODE: return new Replay(h, tag, cpsp & 0xFF);
      default: return new RawControlPrimitive(h, opc, tag, cpsp);
    }
  }

  /**
   * Decodes the response to {@code request} (frame from {@link MiFrame#parseResponse}): the tag
   * must echo the request's ({@link MiErrorKind#TAG_MISMATCH}, §11.1 step 4), then a non-success
   * status gives {@link MiErrorResponse}, and a success must be exactly 12 bytes.
   */
  public static MiResponse decodeResponse(MiFrame frame, ControlPrimitive request, MiCodecOptions options) {
    int tag = frame.body()[1] & 0xFF;
    if (tag != request.tag()) {
      throw new MiProtocolException(MiErrorKind.TAG_MISMATCH, String.format(
          "control primitive response tag 0x%02x (expected: 0x%02x, the request's tag) [%s]", tag,
          request.tag(), request.commandName()));
    }
    if (!frame.status().isSuccess()) {
      return MiErrorResponse.fromFrame(frame, options);
    }
    if (frame.body().length != ControlPrimitive.BODY) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH, request.commandName()
          + " response length mismatch: " + (frame.body().length + 8) + " bytes (expected: 12)");
    }
    return request.decodeSuccess(frame, options);
  }
}
