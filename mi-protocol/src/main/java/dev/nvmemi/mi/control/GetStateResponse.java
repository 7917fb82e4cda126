package dev.nvmemi.mi.control;

import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiStatus;
import java.util.Objects;

/**
 * Success response to Get State: CPSR is the management endpoint state, decoded with the
 * configured CMNICS/BMICE positions. Immutable.
 *
 * @param header response header
 * @param status success
 * @param tag echoed tag
 * @param cpsr CPSR as received
 * @param state the decoded state
 */
public record GetStateResponse(MiHeader header, MiStatus status, int tag, int cpsr, ManagementEndpointState state)
    implements ControlPrimitiveResponse {
  public GetStateResponse {
    ControlResponses.check(header, status, tag, cpsr);
    Objects.requireNonNull(state, "state");
  }
}
