package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * Configuration Set, SMBus/I2C Frequency (CID 01h): NMD0 31:24 PORTID, 11:8 SFREQ. The port must
 * be 2-Wire and SFREQ at most its MSMBFREQ, else the endpoint answers Invalid Parameter. Immutable.
 *
 * @param header request header
 * @param portid the port
 * @param sfreq 1 = 100 kHz, 2 = 400 kHz, 3 = 1 MHz
 */
public record ConfigSetSmbusFrequency(MiHeader header, int portid, int sfreq) implements ConfigurationSet {
  public ConfigSetSmbusFrequency {
    Requests.requestHeader(header);
    checkRange("portid", portid, 0xFF);
    checkRange("sfreq", sfreq, 0xF);
  }

  @Derived
  @Override
  public int cid() {
    return ConfigurationId.SMBUS_I2C_FREQUENCY;
  }

  @Override
  public int nmd0() {
    return portid << 24 | sfreq << 8 | cid();
  }

  @Override
  public int nmd1() {
    return 0;
  }

  @Derived
  public String frequencyText() {
    return SmbusFrequency.text(sfreq);
  }

  @Override
  public ConfigurationSetResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    Requests.requireNoData(commandName(), f);
    return new ConfigurationSetResponse(f.header(), f.status(), f.nmresp(), null);
  }
}
