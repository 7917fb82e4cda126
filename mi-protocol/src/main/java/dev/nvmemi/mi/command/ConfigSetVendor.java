package dev.nvmemi.mi.command;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * Configuration Set with a vendor-specific CID (C0h–FFh); dwords and data kept verbatim. The
 * response is a {@link ConfigurationSetResponse} without an occurrence list; its data must be
 * empty. Immutable.
 *
 * @param header request header
 * @param nmd0 NMD0 (bits 7:0 the CID)
 * @param nmd1 NMD1
 * @param data request data
 */
public record ConfigSetVendor(MiHeader header, int nmd0, int nmd1, byte[] data) implements ConfigurationSet {
  public ConfigSetVendor {
    Requests.requestHeader(header);
    ConfigurationId.requireVendorSpecific(nmd0 & 0xFF);
    data = data.clone();
  }

  @Derived
  @Override
  public int cid() {
    return nmd0 & 0xFF;
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public byte[] requestData() {
    return data.clone();
  }

  @Override
  public ConfigurationSetResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    Requests.requireNoData(commandName(), f);
    return new ConfigurationSetResponse(f.header(), f.status(), f.nmresp(), null);
  }

  @Override
  public boolean equals(Object o) {
    return VerbatimRequests.same(this, o);
  }

  @Override
  public int hashCode() {
    return VerbatimRequests.hash(this);
  }

  @Override
  public String toString() {
    return VerbatimRequests.show(this, "nmd0", "nmd1");
  }
}
