package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;

/**
 * NVM Subsystem Information (DTYP 00h), 32 bytes (spec sheet §3.1). Immutable.
 *
 * @param nump number of ports, 0's based (byte 0)
 * @param mjr NVMe-MI major version (byte 1)
 * @param mnr NVMe-MI minor version (byte 2)
 * @param nnsc NVM subsystem capabilities (byte 3): bit 0 SRE
 */
public record NvmSubsystemInfo(int nump, int mjr, int mnr, int nnsc) implements DataStructure {
  public static final int LENGTH = 32;

  public NvmSubsystemInfo {
    checkRange("nump", nump, 0xFF);
    checkRange("mjr", mjr, 0xFF);
    checkRange("mnr", mnr, 0xFF);
    checkRange("nnsc", nnsc, 0xFF);
  }

  public static NvmSubsystemInfo decode(byte[] data) {
    Structures.requireLength("NVM subsystem information", data, LENGTH);
    return new NvmSubsystemInfo(data[0] & 0xFF, data[1] & 0xFF, data[2] & 0xFF, data[3] & 0xFF);
  }

  @Override
  public byte[] encode() {
    byte[] b = new byte[LENGTH];
    b[0] = (byte) nump;
    b[1] = (byte) mjr;
    b[2] = (byte) mnr;
    b[3] = (byte) nnsc;
    return b;
  }

  @Override
  public DataStructureType type() {
    return DataStructureType.NVM_SUBSYSTEM_INFORMATION;
  }

  /** Number of ports (NUMP + 1). */
  @Derived
  public int numberOfPorts() {
    return nump + 1;
  }

  /** Status reporting enhancements (NNSC bit 0, 1.2+). */
  @Derived
  public boolean sre() {
    return (nnsc & 1) != 0;
  }

  /** "major.minor". */
  @Derived
  public String version() {
    return mjr + "." + mnr;
  }
}
