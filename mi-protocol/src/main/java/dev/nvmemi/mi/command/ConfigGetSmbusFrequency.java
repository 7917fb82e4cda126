package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * Configuration Get, SMBus/I2C Frequency (CID 01h): NMD0 31:24 PORTID. Immutable.
 *
 * @param header request header
 * @param portid the port (must be a 2-Wire port)
 */
public record ConfigGetSmbusFrequency(MiHeader header, int portid) implements ConfigurationGet {
  public ConfigGetSmbusFrequency {
    Requests.requestHeader(header);
    checkRange("portid", portid, 0xFF);
  }

  @Derived
  @Override
  public int cid() {
    return ConfigurationId.SMBUS_I2C_FREQUENCY;
  }

  @Override
  public int nmd0() {
    return portid << 24 | cid();
  }

  @Override
  public int nmd1() {
    return 0;
  }

  /** No data; NMRESP bits 3:0 SFREQ. */
  @Override
  public ConfigurationGetResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    Requests.requireNoData(commandName(), f);
    return new ConfigurationGetResponse(f.header(), f.status(), f.nmresp(),
        new SmbusFrequencyConfig(f.nmresp() & 0xF));
  }
}
