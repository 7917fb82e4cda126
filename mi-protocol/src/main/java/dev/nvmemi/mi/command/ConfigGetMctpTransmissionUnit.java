package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * Configuration Get, MCTP Transmission Unit Size (CID 03h): NMD0 31:24 PORTID. Immutable.
 *
 * @param header request header
 * @param portid the port
 */
public record ConfigGetMctpTransmissionUnit(MiHeader header, int portid) implements ConfigurationGet {
  public ConfigGetMctpTransmissionUnit {
    Requests.requestHeader(header);
    checkRange("portid", portid, 0xFF);
  }

  @Derived
  @Override
  public int cid() {
    return ConfigurationId.MCTP_TRANSMISSION_UNIT_SIZE;
  }

  @Override
  public int nmd0() {
    return portid << 24 | cid();
  }

  @Override
  public int nmd1() {
    return 0;
  }

  /** No data; NMRESP bits 15:0 MTUS. */
  @Override
  public ConfigurationGetResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    Requests.requireNoData(commandName(), f);
    return new ConfigurationGetResponse(f.header(), f.status(), f.nmresp(),
        new MctpTransmissionUnitConfig(f.nmresp() & 0xFFFF));
  }
}
