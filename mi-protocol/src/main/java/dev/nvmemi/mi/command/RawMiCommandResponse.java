package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiStatus;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Success response to a command whose response layout the codec does not type (SES, reserved and
 * vendor opcodes): NMRESP and data verbatim. Immutable.
 *
 * @param header response header
 * @param status success
 * @param nmresp NMRESP
 * @param data response data
 */
public record RawMiCommandResponse(MiHeader header, MiStatus status, int nmresp, byte[] data)
    implements MiCommandResponse {
  public RawMiCommandResponse {
    Requests.responseHeader(header, status);
    checkRange("nmresp", nmresp, 0xFFFFFF);
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public byte[] encode() {
    return Requests.encodeResponse(header, nmresp, data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawMiCommandResponse r && header.equals(r.header) && nmresp == r.nmresp
        && Arrays.equals(data, r.data);
  }

  @Override
  public int hashCode() {
    return (header.hashCode() * 31 + nmresp) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "RawMiCommandResponse[nmresp=" + nmresp + ", data=" + HexFormat.of().formatHex(data) + "]";
  }
}
