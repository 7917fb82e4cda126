package dev.nvmemi.mi.control;

import dev.nvmemi.mi.MiResponse;

/**
 * Success response to a control primitive: byte 4 status, byte 5 the echoed tag, bytes 6–7 CPSR.
 * Immutable.
 */
public sealed interface ControlPrimitiveResponse extends MiResponse
    permits ControlResponse, AbortResponse, GetStateResponse, ReplayResponse {

  /** The echoed tag. */
  int tag();

  /** Control Primitive Specific Response. */
  int cpsr();

  /** The complete 12-byte message. */
  default byte[] encode() {
    return ControlResponses.encode(header(), tag(), cpsr());
  }
}
