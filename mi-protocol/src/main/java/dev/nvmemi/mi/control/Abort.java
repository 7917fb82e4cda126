package dev.nvmemi.mi.control;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * Abort (opcode 02h): abort the command in the slot. CPSP reserved; the response CPSR bits 1:0
 * are CPAS ({@link AbortResponse}). Immutable.
 *
 * @param header request header (NMIMT 0h)
 * @param tag the tag the endpoint echoes
 */
public record Abort(MiHeader header, int tag) implements ControlPrimitive {
  public static final int OPCODE = 0x02;

  public Abort {
    ControlPrimitive.requireRequestHeader(header);
    checkRange("tag", tag, 0xFF);
  }

  @Override
  public int opcode() {
    return OPCODE;
  }

  @Override
  public int cpsp() {
    return 0;
  }

  @Override
  public String commandName() {
    return "Abort";
  }

  @Override
  public AbortResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    return new AbortResponse(f.header(), f.status(), f.body()[1] & 0xFF, cpsr(f));
  }

  static int cpsr(MiFrame f) {
    return (f.body()[2] & 0xFF) | (f.body()[3] & 0xFF) << 8;
  }
}
