package dev.nvmemi.mi.control;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * Resume (opcode 01h): resume command processing after Pause. CPSP reserved; the response's CPSR
 * is reserved and returned raw. Immutable.
 *
 * @param header request header (NMIMT 0h)
 * @param tag the tag the endpoint echoes
 */
public record Resume(MiHeader header, int tag) implements ControlPrimitive {
  public static final int OPCODE = 0x01;

  public Resume {
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
    return "Resume";
  }

  @Override
  public ControlPrimitiveResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    return ControlResponse.fromFrame(f);
  }
}
