package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.ascii;
import static dev.nvmemi.mi.admin.LittleEndian.checkAscii;
import static dev.nvmemi.mi.admin.LittleEndian.checkBits;
import static dev.nvmemi.mi.admin.LittleEndian.put16;
import static dev.nvmemi.mi.admin.LittleEndian.putAsciiPadded;
import static dev.nvmemi.mi.admin.LittleEndian.u16;

import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;

/**
 * The first 72 bytes of Identify Controller (VID through FR): what libnvme's quirk probe reads with
 * a partial Identify (spec sheet §1.7, vector {@code admin_identify_ctrl_partial72}). Enough for a
 * drive's identity ({@code hw.id = vid-sn}).
 *
 * <p>Immutable; thread-safe.
 *
 * @param vid VID, PCI vendor ID, bytes 0–1
 * @param ssvid SSVID, PCI subsystem vendor ID, bytes 2–3
 * @param sn SN, serial number, bytes 4–23, trimmed
 * @param mn MN, model number, bytes 24–63, trimmed
 * @param fr FR, firmware revision, bytes 64–71, trimmed
 */
public record IdentifyControllerSummary(int vid, int ssvid, String sn, String mn, String fr) implements AdminPayload {

  /** Bytes covered. */
  public static final int LENGTH = Identify.PROBE_LENGTH;

  public IdentifyControllerSummary {
    checkBits(vid, 16, "vid");
    checkBits(ssvid, 16, "ssvid");
    checkAscii(sn, 20, "sn");
    checkAscii(mn, 40, "mn");
    checkAscii(fr, 8, "fr");
  }

  /**
   * Decodes bytes 0–71 of Identify Controller data starting at structure offset 0.
   *
   * @throws MiProtocolException {@code LENGTH_MISMATCH} when fewer than 72 bytes are given
   */
  public static IdentifyControllerSummary decode(byte[] data) {
    if (data.length < LENGTH) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH,
          "Identify Controller data too short for VID..FR: " + data.length + " bytes (expected: " + LENGTH + "+)");
    }
    return new IdentifyControllerSummary(u16(data, 0), u16(data, 2), ascii(data, 4, 20), ascii(data, 24, 40),
        ascii(data, 64, 8));
  }

  /** The 72 bytes (strings space padded). */
  public byte[] encode() {
    byte[] b = new byte[LENGTH];
    put16(b, 0, vid);
    put16(b, 2, ssvid);
    putAsciiPadded(b, 4, 20, sn, "sn");
    putAsciiPadded(b, 24, 40, mn, "mn");
    putAsciiPadded(b, 64, 8, fr, "fr");
    return b;
  }
}
