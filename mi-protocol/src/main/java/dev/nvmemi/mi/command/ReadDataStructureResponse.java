package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiStatus;
import java.util.Objects;

/**
 * Success response of Read NVMe-MI Data Structure (spec sheet §3): NMRESP bits 15:0 RDL, then RDL
 * bytes of the structure. Immutable.
 *
 * @param header response header
 * @param status success
 * @param rdl response data length (NMRESP bits 15:0)
 * @param data the structure
 */
public record ReadDataStructureResponse(MiHeader header, MiStatus status, int rdl, DataStructure data)
    implements MiCommandResponse {

  public ReadDataStructureResponse {
    Requests.responseHeader(header, status);
    checkRange("rdl", rdl, 0xFFFF);
    Objects.requireNonNull(data, "data");
  }

  /** A response with RDL set to the structure's size. */
  public static ReadDataStructureResponse of(MiHeader header, DataStructure data) {
    return new ReadDataStructureResponse(header, MiStatus.SUCCESS, data.encode().length, data);
  }

  @Override
  public byte[] encode() {
    return Requests.encodeResponse(header, rdl, data.encode());
  }
}
