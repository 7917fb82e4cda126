package dev.nvmemi.mi.control;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiStatus;

/**
 * Success response to Replay: CPSR bit 0 RR (the response is being replayed). Immutable.
 *
 * @param header response header
 * @param status success
 * @param tag echoed tag
 * @param cpsr CPSR as received
 */
public record ReplayResponse(MiHeader header, MiStatus status, int tag, int cpsr) implements ControlPrimitiveResponse {
  public ReplayResponse {
    ControlResponses.check(header, status, tag, cpsr);
  }

  /** CPSR bit 0. */
  @Derived
  public boolean rr() {
    return (cpsr & 1) != 0;
  }
}
