package dev.nvmemi.mi.control;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiStatus;

/**
 * Success response to Abort: CPSR bits 1:0 CPAS. Immutable.
 *
 * @param header response header
 * @param status success
 * @param tag echoed tag
 * @param cpsr CPSR as received
 */
public record AbortResponse(MiHeader header, MiStatus status, int tag, int cpsr) implements ControlPrimitiveResponse {
  /** Control Primitive Abort Status. */
  public enum AbortStatus {
    /** 0: aborted after completion, or nothing to abort. */
    COMPLETED_OR_NOTHING,
    /** 1: aborted before processing began. */
    ABORTED_BEFORE_PROCESSING,
    /** 2: partially processed. */
    PARTIALLY_PROCESSED,
    /** 3: reserved. */
    RESERVED
  }

  public AbortResponse {
    ControlResponses.check(header, status, tag, cpsr);
  }

  /** CPSR bits 1:0. */
  @Derived
  public AbortStatus cpas() {
    return AbortStatus.values()[cpsr & 3];
  }
}
