package dev.nvmemi.transport.mctp.it;

import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.Nmimt;
import java.util.Arrays;

/** NVMe-MI messages the integration tests send and the stand-in peers answer with. */
final class ItMessages {
  private ItMessages() {}

  /** An MI command request on slot {@code csi} with {@code body} after the header. */
  static byte[] request(int csi, byte... body) {
    return MiFrame.encode(MiHeader.request(Nmimt.MI_COMMAND, csi), body);
  }

  /** A success response whose data is the request's body (bytes 4..N-5), on the request's slot. */
  static byte[] echo(byte[] request) {
    MiHeader h = MiHeader.decode(request, 0);
    return success(h.csi(), Arrays.copyOfRange(request, 4, request.length - 4));
  }

  /** A success response carrying {@code data} after the status and NMRESP. */
  static byte[] success(int csi, byte[] data) {
    byte[] body = new byte[4 + data.length];
    System.arraycopy(data, 0, body, 4, data.length);
    return MiFrame.encode(MiHeader.request(Nmimt.MI_COMMAND, csi).toResponse(), body);
  }

  /** An interim More Processing Required response with MPRT in 100 ms units. */
  static byte[] mpr(int csi, int mprt) {
    return MiFrame.encode(MiHeader.request(Nmimt.MI_COMMAND, csi).toResponse(),
        new byte[] {0x01, 0, (byte) mprt, (byte) (mprt >>> 8)});
  }
}
