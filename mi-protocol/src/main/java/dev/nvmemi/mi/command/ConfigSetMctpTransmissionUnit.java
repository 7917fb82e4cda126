package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * Configuration Set, MCTP Transmission Unit Size (CID 03h): NMD0 31:24 PORTID, NMD1 15:0 MTUS.
 * Changing it with commands outstanding is undefined; the management controller must change its
 * own MCTP MTU too. Immutable.
 *
 * @param header request header
 * @param portid the port
 * @param mtus transmission unit size in bytes
 */
public record ConfigSetMctpTransmissionUnit(MiHeader header, int portid, int mtus) implements ConfigurationSet {
  public ConfigSetMctpTransmissionUnit {
    Requests.requestHeader(header);
    checkRange("portid", portid, 0xFF);
    checkRange("mtus", mtus, 0xFFFF);
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
    return mtus;
  }

  @Override
  public ConfigurationSetResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    Requests.requireNoData(commandName(), f);
    return new ConfigurationSetResponse(f.header(), f.status(), f.nmresp(), null);
  }
}
