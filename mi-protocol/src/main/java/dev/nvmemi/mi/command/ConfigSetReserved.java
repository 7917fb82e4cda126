package dev.nvmemi.mi.command;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;

/**
 * Configuration Set with a reserved CID (00h, 05h–BFh); dwords and data kept verbatim so that a
 * request seen on the wire can be shown with the endpoint's answer to it (Invalid Parameter, 04h,
 * from a spec-faithful endpoint). A success answer has no defined layout and is rejected
 * ({@link MiErrorKind#INVALID_FIELD}). Immutable.
 *
 * @param header request header
 * @param nmd0 NMD0 (bits 7:0 the reserved CID)
 * @param nmd1 NMD1
 * @param data request data
 */
public record ConfigSetReserved(MiHeader header, int nmd0, int nmd1, byte[] data) implements ConfigurationSet {
  public ConfigSetReserved {
    Requests.requestHeader(header);
    ConfigurationId.requireReserved(nmd0 & 0xFF);
    data = data.clone();
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
  public byte[] data() {
    return data.clone();
  }

  @Override
  public byte[] requestData() {
    return data.clone();
  }

  @Override
  public ConfigurationSetResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    throw new MiProtocolException(MiErrorKind.INVALID_FIELD, String.format(
        "success answer to Configuration Set with reserved CID 0x%02x: no defined response layout "
            + "(expected: Invalid Parameter)", cid()));
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
