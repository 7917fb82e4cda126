package dev.nvmemi.mi.command;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * SES Send (opcode 09h): enclosures only (prohibited for storage devices); dwords and data raw,
 * layout not confirmed ([U] §12 item 10). Immutable.
 *
 * @param header request header
 * @param nmd0 NMD0
 * @param nmd1 NMD1
 * @param data request data
 */
public record SesSend(MiHeader header, int nmd0, int nmd1, byte[] data) implements MiCommandRequest {
  public static final int OPCODE = 0x09;

  public SesSend {
    Requests.requestHeader(header);
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public int opcode() {
    return OPCODE;
  }

  @Override
  public byte[] requestData() {
    return data.clone();
  }

  @Override
  public String commandName() {
    return "SES Send";
  }

  @Override
  public RawMiCommandResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    return new RawMiCommandResponse(f.header(), f.status(), f.nmresp(), f.responseData());
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
