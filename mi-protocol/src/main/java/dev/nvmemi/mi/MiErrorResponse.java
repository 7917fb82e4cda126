package dev.nvmemi.mi;

import dev.nvmemi.mi.client.ParameterErrorLocation;
import dev.nvmemi.mi.internal.LittleEndian;
import java.util.Objects;

/**
 * A response with a non-success Response Message Status (spec sheet §1.4, §1.5), for any request
 * family. Decoders return it instead of throwing (a status is a value, not an exception); NMRESP is
 * kept raw because its meaning depends on the status, and any data after it is ignored (libnvme
 * accepts error responses of any length ≥ 8).
 *
 * <p>Immutable; thread-safe.
 *
 * @param header the response header
 * @param status the status byte (never success)
 * @param nmresp bytes 5–7 as a 24-bit little-endian value (for a control primitive: the tag and CPSR)
 * @param errorLocation for Invalid Parameter (04h) the Parameter Error Location, else null
 */
public record MiErrorResponse(MiHeader header, MiStatus status, int nmresp,
    ParameterErrorLocation errorLocation) implements MiResponse {

  public MiErrorResponse {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(status, "status");
    if (status.isSuccess()) {
      throw new IllegalArgumentException("status: " + status + " (expected: a non-success status)");
    }
    LittleEndian.checkRange("nmresp", nmresp, 0xFFFFFF);
    if (errorLocation != null && !status.equals(MiStatus.INVALID_PARAMETER)) {
      throw new IllegalArgumentException("errorLocation given for status " + status
          + " (expected: only for Invalid Parameter)");
    }
  }

  /** An error response with reserved NMRESP. */
  public static MiErrorResponse of(MiHeader header, MiStatus status) {
    return new MiErrorResponse(header, status, 0, null);
  }

  /** An Invalid Parameter (04h) response carrying the location, encoded little-endian (§1.4). */
  public static MiErrorResponse invalidParameter(MiHeader header, ParameterErrorLocation location) {
    int nmresp = location.bitPosition() | location.byteOffset() << 8;
    return new MiErrorResponse(header, MiStatus.INVALID_PARAMETER, nmresp, location);
  }

  /**
   * Decodes the error part of a response frame whose status is not success (§11.1 step 6): the
   * Parameter Error Location for 04h, NMRESP raw otherwise; any response data is ignored.
   */
  public static MiErrorResponse fromFrame(MiFrame frame, MiCodecOptions options) {
    MiStatus status = frame.status();
    ParameterErrorLocation pel = status.equals(MiStatus.INVALID_PARAMETER)
        ? frame.parameterErrorLocation(options) : null;
    return new MiErrorResponse(frame.header(), status, frame.nmresp(), pel);
  }

  /** The 8-byte error message plus MIC, as an endpoint sends it. */
  public byte[] encode() {
    byte[] body = new byte[4];
    body[0] = (byte) status.code();
    LittleEndian.put24(body, 1, nmresp);
    return MiFrame.encode(header, body);
  }

  /** The spec's name of the status. */
  @Derived
  public String statusText() {
    return status.name();
  }
}
