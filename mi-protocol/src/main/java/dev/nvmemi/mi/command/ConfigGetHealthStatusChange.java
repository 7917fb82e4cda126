package dev.nvmemi.mi.command;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * Configuration Get, Health Status Change (CID 02h): succeeds with reserved NMRESP. Immutable.
 *
 * @param header request header
 */
public record ConfigGetHealthStatusChange(MiHeader header) implements ConfigurationGet {
  public ConfigGetHealthStatusChange {
    Requests.requestHeader(header);
  }

  @Derived
  @Override
  public int cid() {
    return ConfigurationId.HEALTH_STATUS_CHANGE;
  }

  @Override
  public int nmd0() {
    return cid();
  }

  @Override
  public int nmd1() {
    return 0;
  }

  @Override
  public ConfigurationGetResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    Requests.requireNoData(commandName(), f);
    return new ConfigurationGetResponse(f.header(), f.status(), f.nmresp(), new HealthStatusChangeConfig());
  }
}
