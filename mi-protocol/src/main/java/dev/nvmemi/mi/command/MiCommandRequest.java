package dev.nvmemi.mi.command;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiRequest;
import dev.nvmemi.mi.internal.LittleEndian;
import dev.nvmemi.mi.internal.Mic;

/**
 * A request of the NVMe-MI command set (NMIMT 1h, spec sheet §2.1): byte 4 OPC, bytes 5–7
 * reserved, NMD0 (bytes 8–11), NMD1 (bytes 12–15), optional request data, MIC. Every record
 * encodes to the exact wire form and knows how to decode the success response that answers it
 * (responses never echo the opcode: the request gives the context).
 *
 * <p>Records; immutable and thread-safe.
 */
public sealed interface MiCommandRequest extends MiRequest
    permits ReadDataStructure, SubsystemHealthStatusPoll, ControllerHealthStatusPoll,
        ConfigurationSet, ConfigurationGet, VpdRead, VpdWrite, Reset, SesReceive, SesSend, MebRead,
        MebWrite, Shutdown, RawMiCommand {

  /** Size of the fixed part of the body: OPC, 3 reserved bytes, NMD0, NMD1. */
  int FIXED_BODY = 12;

  /** OPC, byte 4. */
  int opcode();

  /** NMD0, bytes 8–11 (LE32). */
  int nmd0();

  /** NMD1, bytes 12–15 (LE32). */
  int nmd1();

  /** Request data after NMD1 (a copy); empty for most commands. */
  default byte[] requestData() {
    return Requests.NO_DATA;
  }

  /** The whole message, written in place (no intermediate body array): header, OPC, NMD0, NMD1, data, MIC. */
  @Override
  default byte[] encode() {
    byte[] data = requestData();
    byte[] msg = new byte[MiHeader.LENGTH + FIXED_BODY + data.length + Mic.LENGTH];
    header().encode(msg, 0);
    msg[MiHeader.LENGTH] = (byte) opcode();
    LittleEndian.put32(msg, MiHeader.LENGTH + 4, nmd0());
    LittleEndian.put32(msg, MiHeader.LENGTH + 8, nmd1());
    System.arraycopy(data, 0, msg, MiHeader.LENGTH + FIXED_BODY, data.length);
    Mic.seal(msg);
    return msg;
  }

  /**
   * Decodes the success response to this request (spec sheet §11.1 step 7: NMRESP and data length
   * checks). The caller has already done steps 1–6 and established that the status is success.
   *
   * @throws dev.nvmemi.mi.MiProtocolException when the response data does not fit this command
   */
  MiCommandResponse decodeSuccess(MiFrame frame, MiCodecOptions options);
}
