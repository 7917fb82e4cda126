package dev.nvmemi.mi.command;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * SES Receive (opcode 08h): enclosures only (prohibited for storage devices). The NMD0/NMD1 layout
 * (page code, lengths) is not confirmed ([U] §12 item 10), so the dwords are kept raw and the
 * response is returned verbatim. Immutable.
 *
 * @param header request header
 * @param nmd0 NMD0
 * @param nmd1 NMD1
 */
public record SesReceive(MiHeader header, int nmd0, int nmd1) implements MiCommandRequest {
  public static final int OPCODE = 0x08;

  public SesReceive {
    Requests.requestHeader(header);
  }

  @Override
  public int opcode() {
    return OPCODE;
  }

  @Override
  public String commandName() {
    return "SES Receive";
  }

  @Override
  public RawMiCommandResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    return new RawMiCommandResponse(f.header(), f.status(), f.nmresp(), f.responseData());
  }
}
