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
 * The NVM Subsystem Health Data Structure (NSHDS), 8 bytes, returned by the NVM Subsystem Health
 * Status Poll (spec sheet §4.1). Immutable.
 *
 * @param nss NVM Subsystem Status (byte 0), see {@link NssFlag}
 * @param sw SMART Warnings (byte 1), <em>inverted</em>: a bit is 0 while the warning is active
 * @param ctemp composite temperature code (byte 2), see {@link CompositeTemperature}
 * @param pdlu percentage drive life used (byte 3); 255 means ≥ 255 %
 * @param ccs Composite Controller Status flags (bytes 4–5), see {@link CcsFlag}; named CCSF
 *     (Composite Controller Status Flags) from NVMe-MI 2.1 (TP6039) on, same bits
 */
public record SubsystemHealthStatus(int nss, int sw, int ctemp, int pdlu,
    @RenamedIn(revision = MiRevision.V2_1, name = "ccsf") int ccs) {
  /** Size of the structure. */
  public static final int LENGTH = 8;

  public SubsystemHealthStatus {
    checkRange("nss", nss, 0xFF);
    checkRange("sw", sw, 0xFF);
    checkRange("ctemp", ctemp, 0xFF);
    checkRange("pdlu", pdlu, 0xFF);
    checkRange("ccs", ccs, 0xFFFF);
  }

  /**
   * Decodes exactly {@value #LENGTH} bytes.
   *
   * @throws MiProtocolException {@link MiErrorKind#LENGTH_MISMATCH} for any other length
   */
  public static SubsystemHealthStatus decode(byte[] data) {
    if (data.length != LENGTH) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH,
          "NVM subsystem health status length mismatch: " + data.length + " bytes (expected: 8)");
    }
    return decode(data, 0);
  }

  /** Decodes the structure at {@code off}; the caller has checked that 8 bytes are there. */
  static SubsystemHealthStatus decode(byte[] b, int off) {
    return new SubsystemHealthStatus(b[off] & 0xFF, b[off + 1] & 0xFF, b[off + 2] & 0xFF, b[off + 3] & 0xFF,
        LittleEndian.u16(b, off + 4));
  }

  /** The 8 bytes of the structure (bytes 6–7 reserved, 0). */
  public byte[] encode() {
    byte[] b = new byte[LENGTH];
    b[0] = (byte) nss;
    b[1] = (byte) sw;
    b[2] = (byte) ctemp;
    b[3] = (byte) pdlu;
    LittleEndian.put16(b, 4, ccs);
    return b;
  }

  /** The NSS bits that are set. */
  @Derived
  public Set<NssFlag> nssFlags() {
    return NssFlag.fromNss(nss);
  }

  /** Drive functional (NSS bit 5). */
  public boolean driveFunctional() {
    return (nss & 0x20) != 0;
  }

  /** SMART warnings currently asserted by some controller (SW bits that are 0). */
  @Derived
  public Set<SmartWarning> warningsActive() {
    return SmartWarning.fromInverted(sw);
  }

  /** Composite temperature in °C; null for no data, sensor failure or a reserved code. */
  @Derived
  public Integer ctempCelsius() {
    return CompositeTemperature.celsius(ctemp);
  }

  /** What the CTEMP code says (exact, saturated, no data, sensor failure, reserved). */
  @Derived
  public CompositeTemperature.Kind ctempKind() {
    return CompositeTemperature.kind(ctemp);
  }

  /** The CCS flags that are set (CCSF flags in NVMe-MI 2.1). */
  @Derived
  @RenamedIn(revision = MiRevision.V2_1, name = "ccsfFlags")
  public Set<CcsFlag> ccsFlags() {
    return CcsFlag.fromCcs(ccs);
  }
}
