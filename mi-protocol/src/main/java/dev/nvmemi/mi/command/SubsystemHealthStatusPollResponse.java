package dev.nvmemi.mi.command;

import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiStatus;
import java.util.Objects;

/**
 * Success response of the NVM Subsystem Health Status Poll: NMRESP reserved, 8 bytes of NSHDS.
 * Immutable.
 *
 * @param header response header
 * @param status success
 * @param nshds the NVM Subsystem Health Data Structure
 */
public record SubsystemHealthStatusPollResponse(MiHeader header, MiStatus status, SubsystemHealthStatus nshds)
    implements MiCommandResponse {

  public SubsystemHealthStatusPollResponse {
    Requests.responseHeader(header, status);
    Objects.requireNonNull(nshds, "nshds");
  }

  public static SubsystemHealthStatusPollResponse of(MiHeader header, SubsystemHealthStatus nshds) {
    return new SubsystemHealthStatusPollResponse(header, MiStatus.SUCCESS, nshds);
  }

  @Override
  public byte[] encode() {
    return Requests.encodeResponse(header, 0, nshds.encode());
  }
}
