package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.internal.LittleEndian;

/**
 * Controller Information (DTYP 03h), 32 bytes (spec sheet §3.4). Immutable.
 *
 * @param portid port the controller is on (byte 0)
 * @param prii PCIe routing ID information (byte 5): bit 0 PCIERIV
 * @param pri PCIe routing ID (bytes 6–7): bits 15:8 bus, 7:3 device, 2:0 function
 * @param pcivid PCI vendor ID (bytes 8–9)
 * @param pcidid PCI device ID (bytes 10–11)
 * @param pcisvid PCI subsystem vendor ID (bytes 12–13)
 * @param pcisdid PCI subsystem device ID (bytes 14–15)
 * @param pciesn PCIe segment number (byte 16; reserved before NVMe-MI 1.2)
 */
public record ControllerInfo(int portid, int prii, int pri, int pcivid, int pcidid, int pcisvid,
    int pcisdid, int pciesn) implements DataStructure {
  public static final int LENGTH = 32;

  public ControllerInfo {
    checkRange("portid", portid, 0xFF);
    checkRange("prii", prii, 0xFF);
    checkRange("pri", pri, 0xFFFF);
    checkRange("pcivid", pcivid, 0xFFFF);
    checkRange("pcidid", pcidid, 0xFFFF);
    checkRange("pcisvid", pcisvid, 0xFFFF);
    checkRange("pcisdid", pcisdid, 0xFFFF);
    checkRange("pciesn", pciesn, 0xFF);
  }

  public static ControllerInfo decode(byte[] d) {
    Structures.requireLength("controller information", d, LENGTH);
    return new ControllerInfo(d[0] & 0xFF, d[5] & 0xFF, LittleEndian.u16(d, 6), LittleEndian.u16(d, 8),
        LittleEndian.u16(d, 10), LittleEndian.u16(d, 12), LittleEndian.u16(d, 14), d[16] & 0xFF);
  }

  @Override
  public byte[] encode() {
    byte[] b = new byte[LENGTH];
    b[0] = (byte) portid;
    b[5] = (byte) prii;
    LittleEndian.put16(b, 6, pri);
    LittleEndian.put16(b, 8, pcivid);
    LittleEndian.put16(b, 10, pcidid);
    LittleEndian.put16(b, 12, pcisvid);
    LittleEndian.put16(b, 14, pcisdid);
    b[16] = (byte) pciesn;
    return b;
  }

  @Override
  public DataStructureType type() {
    return DataStructureType.CONTROLLER_INFORMATION;
  }

  /** PRII bit 0: the routing ID (bus/device/function) is valid. */
  @Derived
  public boolean pcieRoutingIdValid() {
    return (prii & 1) != 0;
  }

  @Derived
  public int pciBus() {
    return pri >>> 8;
  }

  @Derived
  public int pciDevice() {
    return (pri >>> 3) & 0x1F;
  }

  @Derived
  public int pciFunction() {
    return pri & 0x7;
  }
}
