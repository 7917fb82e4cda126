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

  /**
   * Every header {@link #decode} can return, indexed by {@link #decodeIndex}: byte 1 bits 7:3 (ROR,
   * NMIMT), byte 1 bit 0 (CSI) and byte 2 bits 1:0 (CIAP, MEB). Null where the NMIMT is reserved.
   * Records are immutable, so decoding shares these instead of allocating one per message.
   */
  private static final MiHeader[] DECODED = decodedHeaders();

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
    MiHeader h = DECODED[decodeIndex(b1, b2)];
    if (h == null) {
      Nmimt.fromCode((b1 >>> 3) & 0xF); // reserved NMIMT: throws NMIMT_MISMATCH
      throw new AssertionError("NMIMT 0x" + Integer.toHexString((b1 >>> 3) & 0xF) + " has no header");
    }
    return h;
  }

  private static int decodeIndex(int b1, int b2) {
    return (b1 >>> 3) << 3 | (b1 & 1) << 2 | (b2 & 3);
  }

  private static MiHeader[] decodedHeaders() {
    MiHeader[] all = new MiHeader[256];
    for (Nmimt nmimt : Nmimt.values()) {
      for (int ror = 0; ror < 2; ror++) {
        for (int csi = 0; csi < 2; csi++) {
          for (int b2 = 0; b2 < 4; b2++) {
            int b1 = ror << 7 | nmimt.code() << 3 | csi;
            all[decodeIndex(b1, b2)] = new MiHeader(true, nmimt, ror == 1, csi, (b2 & 1) != 0, (b2 & 2) != 0);
          }
        }
      }
    }
    return all;
  }
}
