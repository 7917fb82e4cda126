package dev.nvmemi.transport.mctp;

import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.Nmimt;
import java.util.Arrays;

/** NVMe-MI messages for the transport tests, built with the mi-protocol framing (header + MIC). */
final class Msgs {
  private Msgs() {}

  /** NVM Subsystem Health Status Poll request (MI command opcode 01h) on slot {@code csi}. */
  static byte[] healthPoll(int csi) {
    byte[] body = new byte[12]; // opcode, 3 reserved, DWORD0, DWORD1
    body[0] = 0x01;
    return MiFrame.encode(MiHeader.request(Nmimt.MI_COMMAND, csi), body);
  }

  /** A success response to an MI command on slot {@code csi} with {@code data} after NMRESP. */
  static byte[] success(int csi, byte... data) {
    byte[] body = new byte[4 + data.length];
    System.arraycopy(data, 0, body, 4, data.length);
    return MiFrame.encode(MiHeader.request(Nmimt.MI_COMMAND, csi).toResponse(), body);
  }

  /** A More Processing Required interim response (status 01h) with MPRT in 100 ms units. */
  static byte[] mpr(int csi, int mprt) {
    byte[] body = {0x01, 0x00, (byte) mprt, (byte) (mprt >>> 8)};
    return MiFrame.encode(MiHeader.request(Nmimt.MI_COMMAND, csi).toResponse(), body);
  }

  /** The AF_MCTP payload of a whole message: everything after the type byte. */
  static byte[] payload(byte[] msg) {
    return Arrays.copyOfRange(msg, 1, msg.length);
  }
}
