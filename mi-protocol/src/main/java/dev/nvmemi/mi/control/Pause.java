package dev.nvmemi.mi.control;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * Pause (opcode 00h): pause the management endpoint's command processing. CPSP reserved; the
 * response's CPSR is reserved ([U] AM reads bits 0/1 as per-slot pause flags) and returned raw.
 * Immutable.
 *
 * @param header request header (NMIMT 0h)
 * @param tag the tag the endpoint echoes
 */
public record Pause(MiHeader header, int tag) implements ControlPrimitive {
  public static final int OPCODE = 0x00;

  public Pause {
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
    return "Pause";
  }

  @Override
  public ControlPrimitiveResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    return ControlResponse.fromFrame(f);
  }
}
