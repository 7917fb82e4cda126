package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiStatus;

/**
 * Success response without data (VPD Write, Reset, Shutdown, MEB Write). Immutable.
 *
 * @param header response header
 * @param status success
 * @param nmresp NMRESP as received (reserved)
 */
public record CommandCompletion(MiHeader header, MiStatus status, int nmresp) implements MiCommandResponse {
  public CommandCompletion {
    Requests.responseHeader(header, status);
    checkRange("nmresp", nmresp, 0xFFFFFF);
  }

  public static CommandCompletion of(MiHeader header) {
    return new CommandCompletion(header, MiStatus.SUCCESS, 0);
  }

  @Override
  public byte[] encode() {
    return Requests.encodeResponse(header, nmresp, new byte[0]);
  }
}
