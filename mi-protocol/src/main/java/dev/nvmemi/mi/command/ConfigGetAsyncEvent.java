package dev.nvmemi.mi.command;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.event.AeSupportedList;

/**
 * Configuration Get, Asynchronous Event (CID 04h): returns the AE Supported List. Immutable.
 *
 * @param header request header
 */
public record ConfigGetAsyncEvent(MiHeader header) implements ConfigurationGet {
  public ConfigGetAsyncEvent {
    Requests.requestHeader(header);
  }

  @Derived
  @Override
  public int cid() {
    return ConfigurationId.ASYNCHRONOUS_EVENT;
  }

  @Override
  public int nmd0() {
    return cid();
  }

  @Override
  public int nmd1() {
    return 0;
  }

  /** NMRESP bits 7:0 AEELVER; data = AE Supported List, validated as libnvme does (§8.4). */
  @Override
  public ConfigurationGetResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    return new ConfigurationGetResponse(f.header(), f.status(), f.nmresp(),
        new AsyncEventConfig(f.nmresp() & 0xFF, AeSupportedList.decode(f.responseData())));
  }
}
