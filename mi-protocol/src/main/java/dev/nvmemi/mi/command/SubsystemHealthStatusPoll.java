package dev.nvmemi.mi.command;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * NVM Subsystem Health Status Poll (opcode 01h, spec sheet §4.1). NMD0 reserved; NMD1 bit 31 CS
 * (clear the Composite Controller Status flags after building the response). Immutable.
 *
 * @param header request header
 * @param cs Clear Status; the agent leaves it false by default (read-only polling, design §4)
 */
public record SubsystemHealthStatusPoll(MiHeader header, boolean cs) implements MiCommandRequest {
  public static final int OPCODE = 0x01;

  public SubsystemHealthStatusPoll {
    Requests.requestHeader(header);
  }

  @Override
  public int opcode() {
    return OPCODE;
  }

  @Override
  public int nmd0() {
    return 0;
  }

  @Override
  public int nmd1() {
    return cs ? 0x8000_0000 : 0;
  }

  @Override
  public String commandName() {
    return "NVM Subsystem Health Status Poll";
  }

  /** The response data must be the 8-byte NSHDS (decoded in place: bytes 4–11 of the frame body). */
  @Override
  public SubsystemHealthStatusPollResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    Requests.requireDataLength(commandName(), f, SubsystemHealthStatus.LENGTH, "the NSHDS");
    return new SubsystemHealthStatusPollResponse(f.header(), f.status(),
        SubsystemHealthStatus.decode(f.body(), 4));
  }
}
