package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * Reset (opcode 07h, spec sheet §2.3): NMD0 31:24 RSTTYP, 00h = reset the NVM subsystem (others
 * reserved). [U] (§12 item 10, single source): a successful NVM Subsystem Reset may produce no
 * success response at all, so a timeout after Reset is not proof of failure. Immutable.
 *
 * @param header request header
 * @param rsttyp reset type
 */
public record Reset(MiHeader header, int rsttyp) implements MiCommandRequest {
  public static final int OPCODE = 0x07;
  /** Reset the NVM subsystem. */
  public static final int NVM_SUBSYSTEM = 0x00;

  public Reset {
    Requests.requestHeader(header);
    checkRange("rsttyp", rsttyp, 0xFF);
  }

  @Override
  public int opcode() {
    return OPCODE;
  }

  @Override
  public int nmd0() {
    return rsttyp << 24;
  }

  @Override
  public int nmd1() {
    return 0;
  }

  @Override
  public String commandName() {
    return "Reset";
  }

  @Override
  public CommandCompletion decodeSuccess(MiFrame f, MiCodecOptions options) {
    Requests.requireNoData(commandName(), f);
    return new CommandCompletion(f.header(), f.status(), f.nmresp());
  }
}
