package dev.nvmemi.mi.control;

import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiStatus;

/**
 * Success response to Pause, Resume or a reserved/vendor control primitive: CPSR kept raw.
 * Immutable.
 *
 * @param header response header
 * @param status success
 * @param tag echoed tag
 * @param cpsr CPSR as received
 */
public record ControlResponse(MiHeader header, MiStatus status, int tag, int cpsr) implements ControlPrimitiveResponse {
  public ControlResponse {
    ControlResponses.check(header, status, tag, cpsr);
  }

  static ControlResponse fromFrame(MiFrame f) {
    return new ControlResponse(f.header(), f.status(), f.body()[1] & 0xFF,
        (f.body()[2] & 0xFF) | (f.body()[3] & 0xFF) << 8);
  }
}
