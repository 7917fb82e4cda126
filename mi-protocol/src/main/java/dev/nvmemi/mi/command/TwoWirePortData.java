package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;

/**
 * 2-Wire (SMBus/I2C/I3C) port data of Port Information (structure bytes 8–12, spec sheet §3.2).
 * Immutable.
 *
 * @param cvpdaddr current VPD 2-wire address, 0 = none (byte 8)
 * @param mvpdfreq maximum VPD access frequency: 0 none, 1 100 kHz, 2 400 kHz, 3 1 MHz (byte 9)
 * @param cmeaddr current management endpoint 2-wire address (byte 10)
 * @param twprt 2-wire port capabilities (byte 11): bit 7 I3C support, bits 1:0 MSMBFREQ
 * @param nvmebm NVMe Basic Management (byte 12): bit 0 supported
 */
public record TwoWirePortData(int cvpdaddr, int mvpdfreq, int cmeaddr, int twprt, int nvmebm)
    implements PortSpecificData {

  public TwoWirePortData {
    checkRange("cvpdaddr", cvpdaddr, 0xFF);
    checkRange("mvpdfreq", mvpdfreq, 0xFF);
    checkRange("cmeaddr", cmeaddr, 0xFF);
    checkRange("twprt", twprt, 0xFF);
    checkRange("nvmebm", nvmebm, 0xFF);
  }

  static TwoWirePortData decode(byte[] d, int off) {
    return new TwoWirePortData(d[off] & 0xFF, d[off + 1] & 0xFF, d[off + 2] & 0xFF, d[off + 3] & 0xFF,
        d[off + 4] & 0xFF);
  }

  @Override
  public byte[] encode() {
    byte[] b = new byte[LENGTH];
    b[0] = (byte) cvpdaddr;
    b[1] = (byte) mvpdfreq;
    b[2] = (byte) cmeaddr;
    b[3] = (byte) twprt;
    b[4] = (byte) nvmebm;
    return b;
  }

  /** Maximum SMBus/I2C frequency code (TWPRT bits 1:0, same coding as SFREQ). */
  @Derived
  public int msmbfreq() {
    return twprt & 0x3;
  }

  /** Maximum SMBus/I2C frequency in Hz; null when MSMBFREQ is 0 (reserved). */
  @Derived
  public Integer maxSmbusFrequencyHz() {
    return SmbusFrequency.hz(msmbfreq());
  }

  /** Maximum VPD access frequency in Hz; null for 0 (not supported) or reserved codes. */
  @Derived
  public Integer maxVpdFrequencyHz() {
    return SmbusFrequency.hz(mvpdfreq);
  }

  /** TWPRT bit 7: I3C supported. */
  @Derived
  public boolean i3cSupported() {
    return (twprt & 0x80) != 0;
  }

  /** NVMEBM bit 0: the NVMe Basic Management command is supported. */
  @Derived
  public boolean basicManagementSupported() {
    return (nvmebm & 1) != 0;
  }
}
