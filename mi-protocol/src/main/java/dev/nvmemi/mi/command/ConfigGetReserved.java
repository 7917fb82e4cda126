package dev.nvmemi.mi.command;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;

/**
 * Configuration Get with a reserved CID (00h, 05h–BFh), kept verbatim so that a request seen on
 * the wire can be shown with the endpoint's answer to it: a spec-faithful endpoint answers Invalid
 * Parameter (04h) with the CID byte (byte 8) as the Parameter Error Location. A success answer has
 * no defined layout and is rejected ({@link MiErrorKind#INVALID_FIELD}). Immutable.
 *
 * @param header request header
 * @param nmd0 NMD0 (bits 7:0 the reserved CID)
 * @param nmd1 NMD1
 */
public record ConfigGetReserved(MiHeader header, int nmd0, int nmd1) implements ConfigurationGet {
  public ConfigGetReserved {
    Requests.requestHeader(header);
    ConfigurationId.requireReserved(nmd0 & 0xFF);
  }

  @Derived
  @Override
  public int cid() {
    return nmd0 & 0xFF;
  }

  /** {@code reserved(0xNN)}: the CID named as what it is. */
  @Derived
  public String cidName() {
    return ConfigurationId.name(cid());
  }

  @Override
  public ConfigurationGetResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    throw new MiProtocolException(MiErrorKind.INVALID_FIELD, String.format(
        "success answer to Configuration Get with reserved CID 0x%02x: no defined response layout "
            + "(expected: Invalid Parameter)", cid()));
  }
}
