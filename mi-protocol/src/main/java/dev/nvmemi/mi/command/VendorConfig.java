package dev.nvmemi.mi.command;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A vendor-specific configuration (CID C0h–FFh): NMRESP (in the response) and data kept verbatim.
 *
 * @param nmresp NMRESP as received
 * @param data the response data
 */
public record VendorConfig(int nmresp, byte[] data) implements ConfigurationValue {
  public VendorConfig {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public byte[] responseData() {
    return data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VendorConfig v && nmresp == v.nmresp && Arrays.equals(data, v.data);
  }

  @Override
  public int hashCode() {
    return nmresp * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "VendorConfig[nmresp=" + nmresp + ", data=" + HexFormat.of().formatHex(data) + "]";
  }
}
