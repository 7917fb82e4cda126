package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.event.AeSupportedList;
import java.util.Objects;

/**
 * Asynchronous Event (CID 04h) Get: NMRESP bits 7:0 AEELVER ([U] libnvme masks 4 bits), data = AE
 * Supported List (spec sheet §5, §8.2).
 *
 * @param aeelver AE enable list version the endpoint supports
 * @param aesl the AE Supported List
 */
public record AsyncEventConfig(int aeelver, AeSupportedList aesl) implements ConfigurationValue {
  public AsyncEventConfig {
    checkRange("aeelver", aeelver, 0xFF);
    Objects.requireNonNull(aesl, "aesl");
  }

  @Override
  public int nmresp() {
    return aeelver;
  }

  @Override
  public byte[] responseData() {
    return aesl.encode();
  }
}
