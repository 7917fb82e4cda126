package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.event.AeOccurrenceList;

/**
 * Success response of Configuration Set: NMRESP (reserved for CIDs 01h–03h) and, for CID 04h
 * (Asynchronous Event, including the AEM acknowledgement), the AE Occurrence List. Immutable.
 *
 * @param header response header
 * @param status success
 * @param nmresp NMRESP as received
 * @param aeol the AE Occurrence List for CID 04h; null for every other CID
 */
public record ConfigurationSetResponse(MiHeader header, MiStatus status, int nmresp, AeOccurrenceList aeol)
    implements MiCommandResponse {

  public ConfigurationSetResponse {
    Requests.responseHeader(header, status);
    checkRange("nmresp", nmresp, 0xFFFFFF);
  }

  /** A plain success (CIDs 01h–03h). */
  public static ConfigurationSetResponse of(MiHeader header) {
    return new ConfigurationSetResponse(header, MiStatus.SUCCESS, 0, null);
  }

  /** A CID 04h success carrying the occurrence list. */
  public static ConfigurationSetResponse of(MiHeader header, AeOccurrenceList aeol) {
    return new ConfigurationSetResponse(header, MiStatus.SUCCESS, 0, aeol);
  }

  @Override
  public byte[] encode() {
    return Requests.encodeResponse(header, nmresp, aeol == null ? new byte[0] : aeol.encode());
  }
}
