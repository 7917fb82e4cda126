package dev.nvmemi.mi.command;

import dev.nvmemi.mi.MiResponse;

/**
 * A success response to an NVMe-MI command (status 00h). Non-success statuses decode to
 * {@link dev.nvmemi.mi.MiErrorResponse}. Every record encodes to the exact wire form an endpoint
 * sends (the simulator builds its answers with these encoders). Immutable.
 */
public sealed interface MiCommandResponse extends MiResponse
    permits ReadDataStructureResponse, SubsystemHealthStatusPollResponse,
        ControllerHealthStatusPollResponse, ConfigurationGetResponse, ConfigurationSetResponse,
        VpdReadResponse, MebReadResponse, CommandCompletion, RawMiCommandResponse {

  /** The complete response message including the MIC. */
  byte[] encode();
}
