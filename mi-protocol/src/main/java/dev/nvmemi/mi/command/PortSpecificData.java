package dev.nvmemi.mi.command;

/**
 * Bytes 8–31 of Port Information, whose meaning depends on PRTTYP (spec sheet §3.2). Immutable.
 */
public sealed interface PortSpecificData permits PciePortData, TwoWirePortData, OtherPortData {
  /** Length of the port-specific part. */
  int LENGTH = 24;

  /** The 24 bytes. */
  byte[] encode();

  static PortSpecificData decode(int prttyp, byte[] data, int off) {
    switch (PortType.fromCode(prttyp)) {
      case PCIE: return PciePortData.decode(data, off);
      case TWO_WIRE: return TwoWirePortData.decode(data, off);
      default: return OtherPortData.decode(data, off);
    }
  }
}
