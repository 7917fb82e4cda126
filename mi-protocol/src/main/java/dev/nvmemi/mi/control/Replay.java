package dev.nvmemi.mi.control;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * Replay (opcode 04h): CPSP bits 7:0 RRO, the 0's based packet offset to replay the response from;
 * the response CPSR bit 0 is RR ({@link ReplayResponse}). Immutable.
 *
 * @param header request header (NMIMT 0h)
 * @param tag the tag the endpoint echoes
 * @param rro response replay offset (0's based packets)
 */
public record Replay(MiHeader header, int tag, int rro) implements ControlPrimitive {
  public static final int OPCODE = 0x04;

  public Replay {
    ControlPrimitive.requireRequestHeader(header);
    checkRange("tag", tag, 0xFF);
    checkRange("rro", rro, 0xFF);
  }

  @Override
  public int opcode() {
    return OPCODE;
  }

  @Override
  public int cpsp() {
    return rro;
  }

  @Override
  public String commandName() {
    return "Replay";
  }

  @Override
  public ReplayResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    return new ReplayResponse(f.header(), f.status(), f.body()[1] & 0xFF, Abort.cpsr(f));
  }
}
