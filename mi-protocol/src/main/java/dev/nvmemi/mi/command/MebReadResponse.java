package dev.nvmemi.mi.command;

import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiStatus;

/**
 * Success response of Management Endpoint Buffer Read: the buffer bytes (NMRESP reserved). Immutable (the data is copied in and out).
 *
 * @param header response header
 * @param status success
 * @param data the bytes read
 */
public record MebReadResponse(MiHeader header, MiStatus status, byte[] data)
    implements MiCommandResponse, VerbatimResponse {
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
    return VerbatimResponse.same(this, o);
  }

  @Override
  public int hashCode() {
    return VerbatimResponse.hash(this);
  }

  @Override
  public String toString() {
    return VerbatimResponse.show(this);
  }
}
