package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiStatus;
import java.util.Objects;

/**
 * Success response of Configuration Get: NMRESP raw and the value it and the data carry.
 * Immutable.
 *
 * @param header response header
 * @param status success
 * @param nmresp NMRESP bytes 5–7 as received
 * @param value the typed configuration value
 */
public record ConfigurationGetResponse(MiHeader header, MiStatus status, int nmresp, ConfigurationValue value)
    implements MiCommandResponse {

  public ConfigurationGetResponse {
    Requests.responseHeader(header, status);
    checkRange("nmresp", nmresp, 0xFFFFFF);
    Objects.requireNonNull(value, "value");
  }

  public static ConfigurationGetResponse of(MiHeader header, ConfigurationValue value) {
    return new ConfigurationGetResponse(header, MiStatus.SUCCESS, value.nmresp(), value);
  }

  @Override
  public byte[] encode() {
    return Requests.encodeResponse(header, nmresp, value.responseData());
  }
}
