package dev.nvmemi.mi.command;

import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiStatus;
import java.util.List;

/**
 * Success response of the Controller Health Status Poll: NMRESP byte 7 RENT, then RENT 16-byte
 * CHDS entries. Immutable.
 *
 * @param header response header
 * @param status success
 * @param rent number of entries (NMRESP bits 23:16)
 * @param chds the entries
 */
public record ControllerHealthStatusPollResponse(MiHeader header, MiStatus status, int rent,
    List<ControllerHealthStatus> chds) implements MiCommandResponse {

  public ControllerHealthStatusPollResponse {
    Requests.responseHeader(header, status);
    chds = List.copyOf(chds);
    if (rent != chds.size() || rent > 0xFF) {
      throw new IllegalArgumentException("rent " + rent + " but " + chds.size() + " entries (expected: equal, <= 255)");
    }
  }

  public static ControllerHealthStatusPollResponse of(MiHeader header, List<ControllerHealthStatus> chds) {
    return new ControllerHealthStatusPollResponse(header, MiStatus.SUCCESS, chds.size(), chds);
  }

  @Override
  public byte[] encode() {
    byte[] d = new byte[rent * ControllerHealthStatus.LENGTH];
    for (int i = 0; i < rent; i++) {
      chds.get(i).encodeInto(d, i * ControllerHealthStatus.LENGTH);
    }
    return Requests.encodeResponse(header, rent << 16, d);
  }
}
