package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.internal.LittleEndian;
import java.util.Objects;

/**
 * Port Information (DTYP 01h), 32 bytes (spec sheet §3.2). Immutable.
 *
 * @param prttyp port type (byte 0): 0 inactive, 1 PCIe, 2 2-Wire; others reserved
 * @param prtcap port capabilities (byte 1): bit 0 CIAPS, bit 1 AEMS
 * @param mmtus maximum MCTP transmission unit size in bytes (bytes 2–3)
 * @param mebs management endpoint buffer size in bytes, 0 = none (bytes 4–7)
 * @param portData the port-type specific bytes 8–31
 */
public record PortInfo(int prttyp, int prtcap, int mmtus, long mebs, PortSpecificData portData)
    implements DataStructure {
  public static final int LENGTH = 32;

  public PortInfo {
    checkRange("prttyp", prttyp, 0xFF);
    checkRange("prtcap", prtcap, 0xFF);
    checkRange("mmtus", mmtus, 0xFFFF);
    checkRange("mebs", mebs, 0xFFFF_FFFFL);
    Objects.requireNonNull(portData, "portData");
    PortType t = PortType.fromCode(prttyp);
    boolean ok = t == PortType.PCIE ? portData instanceof PciePortData
        : t == PortType.TWO_WIRE ? portData instanceof TwoWirePortData
        : portData instanceof OtherPortData;
    if (!ok) {
      throw new IllegalArgumentException("portData " + portData.getClass().getSimpleName()
          + " does not match prttyp " + prttyp);
    }
  }

  public static PortInfo decode(byte[] d) {
    Structures.requireLength("port information", d, LENGTH);
    int prttyp = d[0] & 0xFF;
    return new PortInfo(prttyp, d[1] & 0xFF, LittleEndian.u16(d, 2), LittleEndian.u32(d, 4),
        PortSpecificData.decode(prttyp, d, 8));
  }

  @Override
  public byte[] encode() {
    byte[] b = new byte[LENGTH];
    b[0] = (byte) prttyp;
    b[1] = (byte) prtcap;
    LittleEndian.put16(b, 2, mmtus);
    LittleEndian.put32(b, 4, (int) mebs);
    System.arraycopy(portData.encode(), 0, b, 8, PortSpecificData.LENGTH);
    return b;
  }

  @Override
  public DataStructureType type() {
    return DataStructureType.PORT_INFORMATION;
  }

  @Derived
  public PortType portType() {
    return PortType.fromCode(prttyp);
  }

  /** PRTCAP bit 0: command initiated auto pause supported. */
  @Derived
  public boolean ciaps() {
    return (prtcap & 1) != 0;
  }

  /** PRTCAP bit 1: asynchronous event messages supported. */
  @Derived
  public boolean aems() {
    return (prtcap & 2) != 0;
  }
}
