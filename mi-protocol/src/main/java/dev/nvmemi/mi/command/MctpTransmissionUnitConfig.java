package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

/**
 * MCTP Transmission Unit Size (CID 03h): NMRESP bits 15:0 MTUS in bytes (reset default 64).
 *
 * @param mtus the transmission unit size in bytes
 */
public record MctpTransmissionUnitConfig(int mtus) implements ConfigurationValue {
  public MctpTransmissionUnitConfig {
    checkRange("mtus", mtus, 0xFFFF);
  }

  @Override
  public int nmresp() {
    return mtus;
  }

  @Override
  public byte[] responseData() {
    return new byte[0];
  }
}
