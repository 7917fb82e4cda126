package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * Shutdown (opcode 0Ch, spec sheet §2.3): NMD0 31:24 SHDNTYP, 00h normal, 01h abrupt. Immutable.
 *
 * @param header request header
 * @param shdntyp shutdown type
 */
public record Shutdown(MiHeader header, int shdntyp) implements MiCommandRequest {
  public static final int OPCODE = 0x0C;
  public static final int NORMAL = 0x00;
  public static final int ABRUPT = 0x01;

  public Shutdown {
    Requests.requestHeader(header);
    checkRange("shdntyp", shdntyp, 0xFF);
  }

  @Override
  public int opcode() {
    return OPCODE;
  }

  @Override
  public int nmd0() {
    return shdntyp << 24;
  }

  @Override
  public int nmd1() {
    return 0;
  }

  @Override
  public String commandName() {
    return "Shutdown";
  }

  /** "normal", "abrupt" or "reserved(n)". */
  @Derived
  public String shutdownType() {
    return shdntyp == NORMAL ? "normal" : shdntyp == ABRUPT ? "abrupt" : "reserved(" + shdntyp + ")";
  }

  @Override
  public CommandCompletion decodeSuccess(MiFrame f, MiCodecOptions options) {
    Requests.requireNoData(commandName(), f);
    return new CommandCompletion(f.header(), f.status(), f.nmresp());
  }
}
