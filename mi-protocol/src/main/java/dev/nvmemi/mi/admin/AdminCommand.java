package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;
import static dev.nvmemi.mi.admin.LittleEndian.put16;
import static dev.nvmemi.mi.admin.LittleEndian.put32;
import static dev.nvmemi.mi.admin.LittleEndian.u16;
import static dev.nvmemi.mi.admin.LittleEndian.u32;
import static dev.nvmemi.mi.admin.LittleEndian.u8;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.Nmimt;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A generic NVMe admin command in the NVMe-MI tunnel (NMIMT 2, spec sheet §6.1): the 68-byte request
 * (header, OPC, CFLGS, CTLID, SQE dwords 1–5, DOFST, DLEN, dwords 8–9, dwords 10–15) followed by
 * DLEN bytes of host-to-controller data and the MIC. Every {@link AdminRequest} can be expressed as
 * one ({@link AdminRequest#toCommand()}); libnvme's {@code nvme_mi_admin_xfer} / passthru.
 *
 * <p>All dword fields are unsigned 32-bit values held in {@code long}s. Immutable (the data array
 * is copied in and out); thread-safe.
 *
 * @param header the NVMe-MI header (NMIMT 2, ROR 0)
 * @param opcode OPC, byte 4: the admin opcode
 * @param cflgs CFLGS, byte 5: command flags (bit 0 DLENV, bit 1 DOFFV in NVMe-MI 1.1; bit 2 ISH in 2.0)
 * @param ctlid CTLID, bytes 6–7: the target controller
 * @param cdw1 SQE dword 1 (usually the NSID)
 * @param cdw2 SQE dword 2
 * @param cdw3 SQE dword 3
 * @param cdw4 SQE dword 4 (metadata pointer, normally 0)
 * @param cdw5 SQE dword 5
 * @param dofst DOFST, bytes 28–31: offset into the data the command produces
 * @param dlen DLEN, bytes 32–35: data length (≤ 4096)
 * @param cdw8 bytes 36–39 (reserved, SQE dword 8); kept so that decoding loses nothing
 * @param cdw9 bytes 40–43 (reserved, SQE dword 9)
 * @param cdw10 SQE dword 10
 * @param cdw11 SQE dword 11
 * @param cdw12 SQE dword 12
 * @param cdw13 SQE dword 13
 * @param cdw14 SQE dword 14
 * @param cdw15 SQE dword 15
 * @param data request data (bytes 68…), host to controller
 */
public record AdminCommand(MiHeader header, int opcode, int cflgs, int ctlid, long cdw1, long cdw2,
    long cdw3, long cdw4, long cdw5, long dofst, long dlen, long cdw8, long cdw9, long cdw10,
    long cdw11, long cdw12, long cdw13, long cdw14, long cdw15, byte[] data) implements AdminRequest {

  /** Length of the fixed request, type byte through DW15, without MIC. */
  public static final int REQUEST_LENGTH = 68;
  /** Fixed request body after the 4-byte header. */
  public static final int BODY_LENGTH = REQUEST_LENGTH - MiHeader.LENGTH;
  /** Largest data payload (DLEN limit). */
  public static final int MAX_DATA = 4096;
  /** CFLGS bit 0: DLEN valid (NVMe-MI 1.1). */
  public static final int CFLGS_DLENV = 0x01;
  /** CFLGS bit 1: DOFST valid (NVMe-MI 1.1). */
  public static final int CFLGS_DOFFV = 0x02;
  /** CFLGS bit 2: ignore shutdown state (NVMe-MI 2.0, NMD). */
  public static final int CFLGS_ISH = 0x04;

  public AdminCommand {
    checkHeader(header);
    checkBits(opcode, 8, "opcode");
    checkBits(cflgs, 8, "cflgs");
    checkBits(ctlid, 16, "ctlid");
    checkBits(cdw1, 32, "cdw1");
    checkBits(cdw2, 32, "cdw2");
    checkBits(cdw3, 32, "cdw3");
    checkBits(cdw4, 32, "cdw4");
    checkBits(cdw5, 32, "cdw5");
    checkBits(dofst, 32, "dofst");
    checkBits(dlen, 32, "dlen");
    checkBits(cdw8, 32, "cdw8");
    checkBits(cdw9, 32, "cdw9");
    checkBits(cdw10, 32, "cdw10");
    checkBits(cdw11, 32, "cdw11");
    checkBits(cdw12, 32, "cdw12");
    checkBits(cdw13, 32, "cdw13");
    checkBits(cdw14, 32, "cdw14");
    checkBits(cdw15, 32, "cdw15");
    Objects.requireNonNull(data, "data");
    if (data.length > MAX_DATA) {
      throw new IllegalArgumentException("data: " + data.length + " bytes (expected: at most " + MAX_DATA + ")");
    }
    data = data.clone();
  }

  /**
   * A command with the given dwords and no data, CFLGS 0, DOFST 0, DLEN 0: a starting point for
   * the {@code with…} methods.
   */
  public static AdminCommand of(int csi, int ctlid, int opcode) {
    return new AdminCommand(MiHeader.request(Nmimt.ADMIN_COMMAND, csi), opcode, 0, ctlid,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new byte[0]);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** Number of data bytes, without copying them. */
  public int dataLength() {
    return data.length;
  }

  @Override
  public AdminCommand toCommand() {
    return this;
  }

  @Override
  public String commandName() {
    return AdminOpcode.name(opcode);
  }

  /** The opcode's NVMe name. */
  @Derived
  public String opcodeName() {
    return AdminOpcode.name(opcode);
  }

  /** DLENV: CFLGS bit 0 (NVMe-MI 1.1 "DLEN valid"). */
  @Derived
  public boolean dlenv() {
    return (cflgs & CFLGS_DLENV) != 0;
  }

  /** DOFFV: CFLGS bit 1 (NVMe-MI 1.1 "DOFST valid"). */
  @Derived
  public boolean doffv() {
    return (cflgs & CFLGS_DOFFV) != 0;
  }

  /** ISH: CFLGS bit 2 (NVMe-MI 2.0 "ignore shutdown state", NMD). */
  @Derived
  public boolean ish() {
    return (cflgs & CFLGS_ISH) != 0;
  }

  /** DLEN as a receiver should use it under {@code options} (§12 point 4). */
  public long effectiveDlen(AdminOptions options) {
    return options.cflgsGatesDataFields() && !dlenv() ? 0 : dlen;
  }

  /** DOFST as a receiver should use it under {@code options} (§12 point 4). */
  public long effectiveDofst(AdminOptions options) {
    return options.cflgsGatesDataFields() && !doffv() ? 0 : dofst;
  }

  /** The 64-bit value of two dwords, low first (e.g. LPO in dwords 12/13). */
  static long qword(long low, long high) {
    return low | high << 32;
  }

  @Override
  public byte[] encode() {
    byte[] body = new byte[BODY_LENGTH + data.length];
    // Offsets below are message byte numbers (byte 0 = 0x84) minus the 4-byte header.
    body[0] = (byte) opcode;
    body[1] = (byte) cflgs;
    put16(body, 2, ctlid);
    put32(body, 4, cdw1);
    put32(body, 8, cdw2);
    put32(body, 12, cdw3);
    put32(body, 16, cdw4);
    put32(body, 20, cdw5);
    put32(body, 24, dofst);
    put32(body, 28, dlen);
    put32(body, 32, cdw8);
    put32(body, 36, cdw9);
    put32(body, 40, cdw10);
    put32(body, 44, cdw11);
    put32(body, 48, cdw12);
    put32(body, 52, cdw13);
    put32(body, 56, cdw14);
    put32(body, 60, cdw15);
    System.arraycopy(data, 0, body, BODY_LENGTH, data.length);
    return MiFrame.encode(header, body);
  }

  /**
   * Decodes the generic command from a request frame ({@link MiFrame#parseRequest} already checked
   * length, MIC, type byte and ROR).
   *
   * @throws MiProtocolException {@code NMIMT_MISMATCH} for a non-admin frame, {@code TOO_SHORT} when
   *     the fixed 68 bytes are incomplete, {@code LENGTH_MISMATCH} when the request data disagrees
   *     with DLEN or the opcode's data direction
   */
  public static AdminCommand decode(MiFrame frame, AdminOptions options) {
    MiHeader h = frame.header();
    if (h.nmimt() != Nmimt.ADMIN_COMMAND) {
      throw new MiProtocolException(MiErrorKind.NMIMT_MISMATCH,
          "not an admin command: NMIMT " + h.nmimt() + " (expected: ADMIN_COMMAND, 0x2)");
    }
    if (h.response()) {
      throw new MiProtocolException(MiErrorKind.NOT_A_REQUEST, "admin message is a response (expected: ROR=0)");
    }
    byte[] b = frame.body();
    if (b.length < BODY_LENGTH) {
      throw new MiProtocolException(MiErrorKind.TOO_SHORT, "admin request too short: "
          + (b.length + MiHeader.LENGTH) + " bytes before the MIC (expected: " + REQUEST_LENGTH + "+ bytes)");
    }
    int opcode = u8(b, 0);
    int cflgs = u8(b, 1);
    long dlen = u32(b, 28);
    byte[] data = Arrays.copyOfRange(b, BODY_LENGTH, b.length);
    if (data.length > MAX_DATA) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH, "admin request data too long: "
          + data.length + " bytes (expected: at most " + MAX_DATA + ") [opcode 0x" + hex2(opcode) + "]");
    }
    long declared = options.cflgsGatesDataFields() && (cflgs & CFLGS_DLENV) == 0 ? 0 : dlen;
    if (data.length > 0 && !AdminOpcode.hostToController(opcode)) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH, "admin request carries " + data.length
          + " data bytes but " + AdminOpcode.name(opcode) + " (0x" + hex2(opcode)
          + ") transfers no host-to-controller data (expected: 0 bytes)");
    }
    if (AdminOpcode.hostToController(opcode) && data.length != declared
        && !(declared == 0 && options.tolerateZeroDlen())) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH, "admin request data length: "
          + data.length + " bytes (expected: DLEN = " + declared + ") [opcode 0x" + hex2(opcode) + "]");
    }
    return new AdminCommand(h, opcode, cflgs, u16(b, 2), u32(b, 4), u32(b, 8), u32(b, 12), u32(b, 16),
        u32(b, 20), u32(b, 24), dlen, u32(b, 32), u32(b, 36), u32(b, 40), u32(b, 44), u32(b, 48),
        u32(b, 52), u32(b, 56), u32(b, 60), data);
  }

  private static String hex2(int v) {
    return String.format("%02x", v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdminCommand c && header.equals(c.header) && opcode == c.opcode && cflgs == c.cflgs
        && ctlid == c.ctlid && cdw1 == c.cdw1 && cdw2 == c.cdw2 && cdw3 == c.cdw3 && cdw4 == c.cdw4
        && cdw5 == c.cdw5 && dofst == c.dofst && dlen == c.dlen && cdw8 == c.cdw8 && cdw9 == c.cdw9
        && cdw10 == c.cdw10 && cdw11 == c.cdw11 && cdw12 == c.cdw12 && cdw13 == c.cdw13
        && cdw14 == c.cdw14 && cdw15 == c.cdw15 && Arrays.equals(data, c.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(header, opcode, cflgs, ctlid, cdw1, cdw2, cdw3, cdw4, cdw5, dofst, dlen, cdw8,
        cdw9, cdw10, cdw11, cdw12, cdw13, cdw14, cdw15) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return String.format("AdminCommand[opcode=0x%02x (%s), cflgs=0x%02x, ctlid=%d, cdw1=0x%08x, cdw2=0x%08x,"
        + " cdw3=0x%08x, cdw4=0x%08x, cdw5=0x%08x, dofst=%d, dlen=%d, cdw8=0x%08x, cdw9=0x%08x,"
        + " cdw10=0x%08x, cdw11=0x%08x, cdw12=0x%08x, cdw13=0x%08x, cdw14=0x%08x, cdw15=0x%08x, data=%s, csi=%d]",
        opcode, AdminOpcode.name(opcode), cflgs, ctlid, cdw1, cdw2, cdw3, cdw4, cdw5, dofst, dlen, cdw8, cdw9,
        cdw10, cdw11, cdw12, cdw13, cdw14, cdw15,
        data.length <= 32 ? HexFormat.of().formatHex(data) : data.length + " bytes", header.csi());
  }

  // ---- helpers for the typed requests ----

  /** Checks that a typed request's header is an admin request header. */
  static MiHeader checkHeader(MiHeader header) {
    Objects.requireNonNull(header, "header");
    if (header.nmimt() != Nmimt.ADMIN_COMMAND || header.response()) {
      throw new IllegalArgumentException("header: " + header + " (expected: an admin request, NMIMT 2, ROR 0)");
    }
    return header;
  }

  /** A command with the dwords a typed request uses (dwords 2–5, 8–9 zero). */
  static AdminCommand build(MiHeader header, int opcode, int cflgs, int ctlid, long cdw1, long dofst, long dlen,
      long cdw10, long cdw11, long cdw12, long cdw13, long cdw14, long cdw15, byte[] data) {
    return new AdminCommand(header, opcode, cflgs, ctlid, cdw1, 0, 0, 0, 0, dofst, dlen, 0, 0,
        cdw10, cdw11, cdw12, cdw13, cdw14, cdw15, data);
  }

  /** True when dwords 2–5 and 8–9 are zero, as every typed request encodes them. */
  boolean unusedDwordsZero() {
    return cdw2 == 0 && cdw3 == 0 && cdw4 == 0 && cdw5 == 0 && cdw8 == 0 && cdw9 == 0;
  }
}
