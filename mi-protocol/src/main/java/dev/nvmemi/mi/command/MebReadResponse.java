package dev.nvmemi.mi.command;

import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiStatus;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Success response of Management Endpoint Buffer Read: the buffer bytes (NMRESP reserved). Immutable (the data is copied in and out).
 *
 * @param header response header
 * @param status success
 * @param data the bytes read
 */
public record MebReadResponse(MiHeader header, MiStatus status, byte[] data) implements MiCommandResponse {
  public MebReadResponse {
    Requests.responseHeader(header, status);
    data = data.clone();
  }

  public static MebReadResponse of(MiHeader header, byte[] data) {
    return new MebReadResponse(header, MiStatus.SUCCESS, data);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public byte[] encode() {
    return Requests.encodeResponse(header, 0, data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MebReadResponse r && header.equals(r.header) && Arrays.equals(data, r.data);
  }

  @Override
  public int hashCode() {
    return header.hashCode() * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "MebReadResponse[" + HexFormat.of().formatHex(data) + "]";
  }
}
