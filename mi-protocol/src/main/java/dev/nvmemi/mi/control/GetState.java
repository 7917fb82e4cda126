package dev.nvmemi.mi.control;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * Get State (opcode 03h): CPSP bit 0 CESF (clear the error state flags after reporting them); the
 * response CPSR is the management endpoint state ({@link GetStateResponse}). Immutable.
 *
 * @param header request header (NMIMT 0h)
 * @param tag the tag the endpoint echoes
 * @param cesf clear error state flags
 */
public record GetState(MiHeader header, int tag, boolean cesf) implements ControlPrimitive {
  public static final int OPCODE = 0x03;

  public GetState {
    ControlPrimitive.requireRequestHeader(header);
    checkRange("tag", tag, 0xFF);
  }

  @Override
  public int opcode() {
    return OPCODE;
  }

  @Override
  public int cpsp() {
    return cesf ? 1 : 0;
  }

  @Override
  public String commandName() {
    return "Get State";
  }

  /** CPSR read with the CMNICS/BMICE positions of {@code options} ([U] §12 item 7). */
  @Override
  public GetStateResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    int cpsr = Abort.cpsr(f);
    return new GetStateResponse(f.header(), f.status(), f.body()[1] & 0xFF, cpsr,
        ManagementEndpointState.fromCpsr(cpsr, options.getStateLayout()));
  }
}
