package dev.nvmemi.mi.command;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * Configuration Get with a vendor-specific CID (C0h–FFh); dwords kept verbatim. Immutable.
 *
 * @param header request header
 * @param nmd0 NMD0 (bits 7:0 the CID)
 * @param nmd1 NMD1
 */
public record ConfigGetVendor(MiHeader header, int nmd0, int nmd1) implements ConfigurationGet {
  public ConfigGetVendor {
    Requests.requestHeader(header);
    ConfigurationId.requireVendorSpecific(nmd0 & 0xFF);
  }

  @Derived
  @Override
  public int cid() {
    return nmd0 & 0xFF;
  }

  @Override
  public ConfigurationGetResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    return new ConfigurationGetResponse(f.header(), f.status(), f.nmresp(),
        new VendorConfig(f.nmresp(), f.responseData()));
  }
}
