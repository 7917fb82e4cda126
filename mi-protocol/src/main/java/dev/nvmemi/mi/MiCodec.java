package dev.nvmemi.mi;

import dev.nvmemi.mi.admin.AdminCodec;
import dev.nvmemi.mi.admin.AdminRequest;
import dev.nvmemi.mi.command.MiCommandCodec;
import dev.nvmemi.mi.command.MiCommandRequest;
import dev.nvmemi.mi.control.ControlPrimitive;
import dev.nvmemi.mi.control.ControlPrimitiveCodec;
import dev.nvmemi.mi.event.AsyncEventMessage;
import java.util.Objects;

/**
 * The codec facade: whole NVMe-MI messages (type byte to MIC) to typed records, with the
 * validation order of the spec sheet §11.1. Requests are decoded as an endpoint sees them;
 * responses in the context of the request they answer (which command, its NMIMT and CSI, a
 * control primitive's tag); endpoint-originated messages (AEMs) alone.
 *
 * <p>A non-success MI status is not an exception: it decodes to {@link MiErrorResponse}. Every
 * violation of the spec is a {@link MiProtocolException} whose {@link MiErrorKind} names the rule.
 *
 * <p>Stateless; thread-safe; cheap enough for an event loop.
 */
public final class MiCodec {
  private MiCodec() {}

  /** Encodes a request (the same as {@code request.encode()}). */
  public static byte[] encode(MiRequest request) {
    return request.encode();
  }

  /** {@link #decodeRequest(byte[], MiCodecOptions)} with the recommended options. */
  public static MiRequest decodeRequest(byte[] msg) {
    return decodeRequest(msg, MiCodecOptions.DEFAULTS);
  }

  /**
   * Decodes a request message: §11.1 steps 1–3 and ROR=0, then dispatch by NMIMT (0 control
   * primitive, 1 MI command, 2 admin command).
   *
   * @throws MiProtocolException on the first rule that fails; NMIMT 4h (PCIe) and 5h (AEM) are
   *     not requests this codec decodes ({@link MiErrorKind#UNSUPPORTED})
   */
  public static MiRequest decodeRequest(byte[] msg, MiCodecOptions options) {
    Objects.requireNonNull(msg, "msg");
    Objects.requireNonNull(options, "options");
    MiFrame frame = MiFrame.parseRequest(msg);
    switch (frame.header().nmimt()) {
      case CONTROL_PRIMITIVE:
        return ControlPrimitiveCodec.decodeRequest(frame);
      case MI_COMMAND:
        return MiCommandCodec.decodeRequest(frame);
      case ADMIN_COMMAND:
        return AdminCodec.decodeRequest(frame);
      default:
        throw new MiProtocolException(MiErrorKind.UNSUPPORTED, "no request decoder for NMIMT "
            + frame.header().nmimt() + " (expected: CONTROL_PRIMITIVE, MI_COMMAND or ADMIN_COMMAND)");
    }
  }

  /** {@link #decodeResponse(byte[], MiRequest, MiCodecOptions)} with the recommended options. */
  public static MiResponse decodeResponse(byte[] msg, MiRequest request) {
    return decodeResponse(msg, request, MiCodecOptions.DEFAULTS);
  }

  /**
   * Decodes the response to {@code request}: §11.1 steps 1–4 ({@link MiFrame#parseResponse}),
   * then the family's rules (tag echo, status, NMRESP and data length checks).
   *
   * @throws MiProtocolException on the first rule that fails
   */
  public static MiResponse decodeResponse(byte[] msg, MiRequest request, MiCodecOptions options) {
    Objects.requireNonNull(msg, "msg");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(options, "options");
    MiFrame frame = MiFrame.parseResponse(msg, request.header(), options);
    if (request instanceof MiCommandRequest c) {
      return MiCommandCodec.decodeResponse(frame, c, options);
    }
    if (request instanceof ControlPrimitive cp) {
      return ControlPrimitiveCodec.decodeResponse(frame, cp, options);
    }
    if (request instanceof AdminRequest a) {
      return AdminCodec.decodeResponse(frame, a, options);
    }
    throw new MiProtocolException(MiErrorKind.UNSUPPORTED,
        "no response decoder for request type " + request.getClass().getName());
  }

  /** {@link #decodeUnsolicited(byte[], MiCodecOptions)} with the recommended options. */
  public static MiResponse decodeUnsolicited(byte[] msg) {
    return decodeUnsolicited(msg, MiCodecOptions.DEFAULTS);
  }

  /**
   * Decodes a message the endpoint sent unasked: an Asynchronous Event Message (NMIMT 5h), with the
   * occurrence-list rules of §8.4 except the enabled-map and generation checks, which need the
   * session state ({@link dev.nvmemi.mi.event.AemSession}).
   */
  public static MiResponse decodeUnsolicited(byte[] msg, MiCodecOptions options) {
    Objects.requireNonNull(msg, "msg");
    Objects.requireNonNull(options, "options");
    return AsyncEventMessage.decode(msg);
  }
}
