package dev.nvmemi.mi;

/**
 * The NVMe-MI message header, bytes 0–3 of every message (spec sheet §1.2).
 *
 * <p>Byte 0 is the MCTP message type: 04h with bit 7 = IC. Byte 1 is
 * {@code ROR<<7 | NMIMT<<3 | CSI}. Byte 2 holds MEB (bit 0) and CIAP (bit 1). Byte 3 is reserved.
 *
 * @param integrityCheck IC, bit 7 of byte 0; always true out-of-band
 * @param nmimt NVMe-MI message type
 * @param response ROR: false for a request, true for a response
 * @param csi command slot identifier, 0 or 1
 * @param meb management endpoint buffer flag
 * @param ciap command initiated auto pause flag
 */
public record MiHeader(boolean integrityCheck, Nmimt nmimt, boolean response, int csi, boolean meb, boolean ciap) {
  /** MCTP message type of NVMe-MI. */
  public static final int MCTP_TYPE_NVME_MI = 0x04;
  /** Byte 0 with IC set, as sent out-of-band. */
  public static final int TYPE_BYTE = 0x84;
  /** Header length in bytes. */
  public static final int LENGTH = 4;

  public MiHeader {
    if (csi != 0 && csi != 1) {
      throw new IllegalArgumentException("csi: " + csi + " (expected: 0 or 1)");
    }
  }

  /** A request header with IC=1, MEB=0, CIAP=0. */
  public static MiHeader request(Nmimt nmimt, int csi) {
    return new MiHeader(true, nmimt, false, csi, false, false);
  }

  /** The matching response header (same NMIMT and CSI, ROR=1). */
  public MiHeader toResponse() {
    return new MiHeader(integrityCheck, nmimt, true, csi, false, false);
  }

  /** Writes the four header bytes at {@code offset}. */
  public void encode(byte[] out, int offset) {
    out[offset] = (byte) ((integrityCheck ? 0x80 : 0) | MCTP_TYPE_NVME_MI);
    out[offset + 1] = (byte) ((response ? 0x80 : 0) | nmimt.code() << 3 | csi);
    out[offset + 2] = (byte) ((meb ? 1 : 0) | (ciap ? 2 : 0));
    out[offset + 3] = 0;
  }

  /**
   * Parses bytes 0–3. Checks only what the header alone can tell: the MCTP type (04h, IC=1) and a
   * non-reserved NMIMT. The caller checks lengths and the MIC first (§11.1 order).
   *
   * @throws MiProtocolException {@link MiErrorKind#BAD_MESSAGE_TYPE} or {@link MiErrorKind#NMIMT_MISMATCH}
   */
  public static MiHeader decode(byte[] msg, int offset) {
    int type = msg[offset] & 0xFF;
    if (type != TYPE_BYTE) {
      throw new MiProtocolException(MiErrorKind.BAD_MESSAGE_TYPE,
          String.format("bad message type byte: 0x%02x (expected: 0x84, NVMe-MI with IC=1)", type));
    }
    int b1 = msg[offset + 1] & 0xFF;
    int b2 = msg[offset + 2] & 0xFF;
    return new MiHeader(true, Nmimt.fromCode((b1 >>> 3) & 0xF), (b1 & 0x80) != 0, b1 & 1,
        (b2 & 1) != 0, (b2 & 2) != 0);
  }
}
