package dev.nvmemi.mi;

import dev.nvmemi.mi.client.ParameterErrorLocation;
import dev.nvmemi.mi.internal.Mic;
import java.util.Arrays;

/**
 * One NVMe-MI message split into its header and body (bytes 4..N-5, MIC removed), with the generic
 * validation of the spec sheet §11.1 steps 1–4. Command-specific decoders take it from here.
 *
 * <p>Immutable after construction (the body array is not copied on access for speed: do not
 * modify it). Pure; thread-safe.
 *
 * @param header the parsed header
 * @param body bytes 4..N-5 of the message (without header and MIC)
 */
public record MiFrame(MiHeader header, byte[] body) {

  /** Smallest message: header + MIC. */
  public static final int MIN_MESSAGE = MiHeader.LENGTH + Mic.LENGTH;
  /** Smallest response: header + status + NMRESP + MIC (libnvme rejects shorter with EPROTO). */
  public static final int MIN_RESPONSE = 12;
  /** Largest NVMe-MI message including type byte and MIC (4 KiB + 128). */
  public static final int MAX_MESSAGE = 4224;

  /** Builds a complete message: header, body, MIC. */
  public static byte[] encode(MiHeader header, byte[] body) {
    byte[] msg = new byte[MiHeader.LENGTH + body.length + Mic.LENGTH];
    header.encode(msg, 0);
    System.arraycopy(body, 0, msg, MiHeader.LENGTH, body.length);
    Mic.seal(msg);
    return msg;
  }

  /**
   * Parses a request (as an endpoint sees it): length, MIC, type byte, ROR=0.
   *
   * @throws MiProtocolException on the first rule that fails, in §11.1 order
   */
  public static MiFrame parseRequest(byte[] msg) {
    checkLength(msg, MIN_MESSAGE, "request");
    checkMic(msg);
    checkType(msg);
    // ROR is checked on the raw byte, before the header is parsed, so that a response with a
    // reserved NMIMT is reported as what it is first (§11.1 step 4 order: ROR, NMIMT, CSI).
    if ((msg[1] & 0x80) != 0) {
      throw new MiProtocolException(MiErrorKind.NOT_A_REQUEST,
          String.format("message is a response: byte 1 = 0x%02x has ROR=1 (expected: ROR=0 in a request)", msg[1] & 0xFF));
    }
    MiHeader h = MiHeader.decode(msg, 0);
    return new MiFrame(h, Arrays.copyOfRange(msg, MiHeader.LENGTH, msg.length - Mic.LENGTH));
  }

  /**
   * Parses a message the endpoint sent unasked (an Asynchronous Event Message): length, MIC, type.
   */
  public static MiFrame parseUnsolicited(byte[] msg) {
    checkLength(msg, MIN_MESSAGE, "message");
    checkMic(msg);
    MiHeader h = MiHeader.decode(msg, 0);
    return new MiFrame(h, Arrays.copyOfRange(msg, MiHeader.LENGTH, msg.length - Mic.LENGTH));
  }

  /**
   * Parses a response in the context of its request, §11.1 steps 1–4: length ≥ 12, MIC, byte 0,
   * ROR=1, NMIMT equal (strict mode), CSI equal.
   *
   * @throws MiProtocolException on the first rule that fails
   */
  public static MiFrame parseResponse(byte[] msg, MiHeader request, MiCodecOptions options) {
    checkLength(msg, MIN_RESPONSE, "response");
    checkMic(msg);
    checkType(msg);
    if ((msg[1] & 0x80) == 0) {
      throw new MiProtocolException(MiErrorKind.NOT_A_RESPONSE,
          String.format("message is not a response: byte 1 = 0x%02x has ROR=0 (expected: ROR=1)", msg[1] & 0xFF));
    }
    MiHeader h = MiHeader.decode(msg, 0);
    if (request != null) {
      if (options.strictNmimt() && h.nmimt() != request.nmimt()) {
        throw new MiProtocolException(MiErrorKind.NMIMT_MISMATCH,
            "response NMIMT " + h.nmimt() + " (0x" + Integer.toHexString(h.nmimt().code())
                + ") differs from the request's (expected: " + request.nmimt() + ")");
      }
      if (h.csi() != request.csi()) {
        throw new MiProtocolException(MiErrorKind.CSI_MISMATCH,
            "response command slot " + h.csi() + " (expected: " + request.csi() + ")");
      }
    }
    return new MiFrame(h, Arrays.copyOfRange(msg, MiHeader.LENGTH, msg.length - Mic.LENGTH));
  }

  private static void checkLength(byte[] msg, int min, String what) {
    if (msg.length < min) {
      throw new MiProtocolException(MiErrorKind.TOO_SHORT,
          what + " too short: " + msg.length + " bytes (expected: " + min + "+ bytes)");
    }
    if (msg.length > MAX_MESSAGE) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH,
          what + " too long: " + msg.length + " bytes (expected: at most " + MAX_MESSAGE + " bytes)");
    }
  }

  /** §11.1 step 3, before any header field is interpreted. */
  private static void checkType(byte[] msg) {
    int type = msg[0] & 0xFF;
    if (type != MiHeader.TYPE_BYTE) {
      throw new MiProtocolException(MiErrorKind.BAD_MESSAGE_TYPE,
          String.format("bad message type byte: 0x%02x (expected: 0x84, NVMe-MI with IC=1)", type));
    }
  }

  private static void checkMic(byte[] msg) {
    if (!Mic.verify(msg)) {
      int computed = Mic.compute(msg, 0, msg.length - Mic.LENGTH);
      throw new MiProtocolException(MiErrorKind.MIC_MISMATCH,
          String.format("MIC mismatch: message carries 0x%08x, computed 0x%08x", Mic.stored(msg), computed));
    }
  }

  /** Response status (byte 4). Only meaningful for responses. */
  public MiStatus status() {
    return MiStatus.valueOf(body[0]);
  }

  /** The 24-bit NVMe Management Response (bytes 5–7, little-endian). */
  public int nmresp() {
    return (body[1] & 0xFF) | (body[2] & 0xFF) << 8 | (body[3] & 0xFF) << 16;
  }

  /** Response data after the 4 status/NMRESP bytes (bytes 8..N-5), a copy. */
  public byte[] responseData() {
    return Arrays.copyOfRange(body, 4, body.length);
  }

  /** Length of the response data (bytes 8..N-5). */
  public int responseDataLength() {
    return body.length - 4;
  }

  /**
   * The Parameter Error Location of an Invalid Parameter (04h) response: byte 5 bits 2:0 the bit,
   * bytes 6–7 the byte offset.
   */
  public ParameterErrorLocation parameterErrorLocation(MiCodecOptions options) {
    int lo = body[2] & 0xFF;
    int hi = body[3] & 0xFF;
    int offset = options.pelLittleEndian() ? lo | hi << 8 : hi | lo << 8;
    return new ParameterErrorLocation(offset, body[1] & 0x7);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MiFrame f && header.equals(f.header) && Arrays.equals(body, f.body);
  }

  @Override
  public int hashCode() {
    return header.hashCode() * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "MiFrame[" + header + ", " + body.length + " body bytes]";
  }
}
