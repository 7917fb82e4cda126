package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiResponse;
import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.Nmimt;
import dev.nvmemi.mi.NvmeStatus;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An NVMe admin response through the tunnel (spec sheet §6.2): the MI status (byte 4), CQE dwords
 * 0, 1 and 3 (bytes 8–19), then the response data. A successful MI status with a non-zero NVMe
 * status in DW3 means the controller rejected the command ({@link #nvmeStatus()}).
 *
 * <p>Immutable (the data array is copied in and out); thread-safe.
 *
 * @param header the NVMe-MI header (NMIMT 2, ROR 1)
 * @param status MI Response Message Status (00h for every decoded response; others are
 *     {@code MiErrorResponse}s; the encoder also writes the 20-byte MPR form some drives send)
 * @param cqeDw0 CQE dword 0, bytes 8–11: command specific result (e.g. the Get Features value)
 * @param cqeDw1 CQE dword 1, bytes 12–15
 * @param cqeDw3 CQE dword 3, bytes 16–19: bits 31:17 the NVMe status, 16:0 phase and CID (ignored)
 * @param data response data, bytes 20…
 * @param payload the typed meaning of the completion for the request it answers, or null when the
 *     NVMe status is an error, the request is unknown, or the command has no typed result
 */
public record AdminResponse(MiHeader header, MiStatus status, long cqeDw0, long cqeDw1, long cqeDw3, byte[] data,
    AdminPayload payload) implements MiResponse {

  /** Admin response header length, type byte through CQE DW3, without MIC. */
  public static final int HEADER_LENGTH = 20;

  public AdminResponse {
    Objects.requireNonNull(header, "header");
    if (header.nmimt() != Nmimt.ADMIN_COMMAND || !header.response()) {
      throw new IllegalArgumentException("header: " + header + " (expected: an admin response, NMIMT 2, ROR 1)");
    }
    Objects.requireNonNull(status, "status");
    checkBits(cqeDw0, 32, "cqeDw0");
    checkBits(cqeDw1, 32, "cqeDw1");
    checkBits(cqeDw3, 32, "cqeDw3");
    Objects.requireNonNull(data, "data");
    if (data.length > AdminCommand.MAX_DATA) {
      throw new IllegalArgumentException("data: " + data.length + " bytes (expected: at most 4096)");
    }
    data = data.clone();
  }

  /**
   * A successful MI response to {@code request} with the given completion and data: what an
   * endpoint (the simulator) sends.
   */
  public static AdminResponse of(AdminRequest request, long cqeDw0, NvmeStatus nvmeStatus, byte[] data,
      AdminPayload payload) {
    return new AdminResponse(request.header().toResponse(), MiStatus.SUCCESS, cqeDw0, 0,
        (long) nvmeStatus.statusField() << 17, data, payload);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** Number of response data bytes. */
  @Derived
  public int dataLen() {
    return data.length;
  }

  /** The NVMe completion status from CQE DW3 bits 31:17. */
  @Derived
  public NvmeStatus nvmeStatus() {
    return NvmeStatus.fromCqeDword3((int) cqeDw3);
  }

  /** libnvme's return value for the completion: the 15-bit status field (DW3 &gt;&gt; 17), 0 = success. */
  @Derived
  public int nvmeStatusField() {
    return (int) (cqeDw3 >>> 17);
  }

  /** True when the controller completed the command successfully (NVMe status 0). */
  public boolean nvmeSuccess() {
    return nvmeStatusField() == 0;
  }

  /**
   * Checks that exactly {@code expected} data bytes came back (libnvme's identify rule).
   *
   * @throws MiProtocolException {@code LENGTH_MISMATCH} otherwise
   */
  public AdminResponse requireDataLength(int expected) {
    if (data.length != expected) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH,
          "admin response data: " + data.length + " bytes (expected: " + expected + ")");
    }
    return this;
  }

  /** The complete message: header, status, reserved bytes 5–7, DW0, DW1, DW3, data, MIC. */
  public byte[] encode() {
    byte[] body = new byte[HEADER_LENGTH - MiHeader.LENGTH + data.length];
    body[0] = (byte) status.code();
    LittleEndian.put32(body, 4, cqeDw0);
    LittleEndian.put32(body, 8, cqeDw1);
    LittleEndian.put32(body, 12, cqeDw3);
    System.arraycopy(data, 0, body, HEADER_LENGTH - MiHeader.LENGTH, data.length);
    return MiFrame.encode(header, body);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdminResponse r && header.equals(r.header) && status.equals(r.status)
        && cqeDw0 == r.cqeDw0 && cqeDw1 == r.cqeDw1 && cqeDw3 == r.cqeDw3 && Arrays.equals(data, r.data)
        && Objects.equals(payload, r.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(header, status, cqeDw0, cqeDw1, cqeDw3, payload) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return String.format("AdminResponse[status=%s, cqeDw0=0x%08x, cqeDw1=0x%08x, cqeDw3=0x%08x, %s, data=%s,"
        + " payload=%s, csi=%d]", status, cqeDw0, cqeDw1, cqeDw3, nvmeStatus(),
        data.length <= 32 ? HexFormat.of().formatHex(data) : data.length + " bytes", payload, header.csi());
  }
}
