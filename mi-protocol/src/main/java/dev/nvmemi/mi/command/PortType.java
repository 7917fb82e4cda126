package dev.nvmemi.mi.command;

/** Port Information PRTTYP (spec sheet §3.2); an open set: codes 3–255 are reserved. */
public enum PortType {
  INACTIVE, PCIE, TWO_WIRE, RESERVED;

  public static PortType fromCode(int prttyp) {
    switch (prttyp) {
      case 0: return INACTIVE;
      case 1: return PCIE;
      case 2: return TWO_WIRE;
      default: return RESERVED;
    }
  }
}
