package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiRevision;
import dev.nvmemi.mi.RenamedIn;
import dev.nvmemi.mi.internal.LittleEndian;
import java.util.Set;

/**
 * One Controller Health Data Structure (CHDS), 16 bytes, of a Controller Health Status Poll
 * response (spec sheet §4.2). Immutable.
 *
 * @param ctlid controller ID (bytes 0–1)
 * @param csts controller status (bytes 2–3): RDY, CFS, SHST (bits 3:2), NSSRO, CECO, NAC, FA, TCIDA
 * @param ctemp composite temperature in Kelvin (bytes 4–5)
 * @param pdlu percentage used (byte 6)
 * @param spare available spare, % (byte 7)
 * @param cwarn critical warning (byte 8), <em>not</em> inverted
 * @param chsc Controller Health Status Changed flags (bytes 9–10, offset 9: unaligned), CCS layout;
 *     named CHSCF from NVMe-MI 2.1 (TP6039) on, same bits
 */
public record ControllerHealthStatus(int ctlid, int csts, int ctemp, int pdlu, int spare, int cwarn,
    @RenamedIn(revision = MiRevision.V2_1, name = "chscf") int chsc) {
  /** Size of one entry. */
  public static final int LENGTH = 16;

  /** Shutdown status, CSTS bits 3:2 (two bits, §12 item 3). */
  public enum ShutdownStatus { NORMAL, OCCURRING, COMPLETE, RESERVED }

  public ControllerHealthStatus {
    checkRange("ctlid", ctlid, 0xFFFF);
    checkRange("csts", csts, 0xFFFF);
    checkRange("ctemp", ctemp, 0xFFFF);
    checkRange("pdlu", pdlu, 0xFF);
    checkRange("spare", spare, 0xFF);
    checkRange("cwarn", cwarn, 0xFF);
    checkRange("chsc", chsc, 0xFFFF);
  }

  /** Decodes the 16 bytes at {@code off}; the caller checked the length. */
  static ControllerHealthStatus decode(byte[] b, int off) {
    return new ControllerHealthStatus(LittleEndian.u16(b, off), LittleEndian.u16(b, off + 2),
        LittleEndian.u16(b, off + 4), b[off + 6] & 0xFF, b[off + 7] & 0xFF, b[off + 8] & 0xFF,
        LittleEndian.u16(b, off + 9));
  }

  /**
   * Decodes exactly one 16-byte entry.
   *
   * @throws MiProtocolException {@link MiErrorKind#LENGTH_MISMATCH} for any other length
   */
  public static ControllerHealthStatus decode(byte[] data) {
    if (data.length != LENGTH) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH,
          "controller health data structure length mismatch: " + data.length + " bytes (expected: 16)");
    }
    return decode(data, 0);
  }

  /** The 16 bytes of the entry (bytes 11–15 reserved, 0). */
  public byte[] encode() {
    byte[] b = new byte[LENGTH];
    encodeInto(b, 0);
    return b;
  }

  void encodeInto(byte[] b, int off) {
    LittleEndian.put16(b, off, ctlid);
    LittleEndian.put16(b, off + 2, csts);
    LittleEndian.put16(b, off + 4, ctemp);
    b[off + 6] = (byte) pdlu;
    b[off + 7] = (byte) spare;
    b[off + 8] = (byte) cwarn;
    LittleEndian.put16(b, off + 9, chsc);
  }

  /** Single-bit CSTS flags that are set. */
  @Derived
  public Set<CstsFlag> cstsFlags() {
    return CstsFlag.fromCsts(csts);
  }

  /** CSTS.SHST, bits 3:2. */
  @Derived
  public ShutdownStatus shutdownStatus() {
    return ShutdownStatus.values()[(csts >>> 2) & 3];
  }

  /** Composite temperature in °C (Kelvin − 273). */
  @Derived
  public int ctempCelsius() {
    return ctemp - 273;
  }

  /** Critical warnings asserted (CWARN bits that are 1). */
  @Derived
  public Set<SmartWarning> cwarnFlags() {
    return SmartWarning.fromAsserted(cwarn);
  }

  /** Changed flags that are set (CHSCF flags in NVMe-MI 2.1). */
  @Derived
  @RenamedIn(revision = MiRevision.V2_1, name = "chscfFlags")
  public Set<CcsFlag> chscFlags() {
    return CcsFlag.fromCcs(chsc);
  }
}
