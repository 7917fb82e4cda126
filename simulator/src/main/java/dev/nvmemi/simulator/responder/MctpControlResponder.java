package dev.nvmemi.simulator.responder;

import java.util.Arrays;

/**
 * The MCTP control protocol responder (message type 0, DSP0236; spec sheet mctp.md §2.4–2.6):
 * Get/Set Endpoint ID, Get Endpoint UUID, Get MCTP Version Support and Get Message Type Support
 * (types 0 and 4), enough for a real {@code mctpd} to enumerate the endpoint. Everything else is
 * answered with completion code 05h (unsupported command). Messages with Rq=0 (responses) and
 * datagrams (D=1) get no answer.
 *
 * <p>Thread-safe (its methods hold the responder's lock for a few microseconds): the serial front
 * end answers MCTP control with it directly while the rest of the endpoint is still being built,
 * and through the endpoint (under the endpoint's lock) afterwards.
 */
public final class MctpControlResponder {
  /** Completion codes. */
  static final int CC_SUCCESS = 0x00;
  static final int CC_ERROR_INVALID_DATA = 0x02;
  static final int CC_ERROR_INVALID_LENGTH = 0x03;
  static final int CC_ERROR_UNSUPPORTED_CMD = 0x05;
  static final int CC_VERSION_TYPE_UNSUPPORTED = 0x80;

  /** Supported MCTP base/control versions 1.0, 1.1, 1.2, 1.3.1 (as mctpd answers). */
  private static final byte[] BASE_VERSIONS = {
      (byte) 0xF1, (byte) 0xF0, (byte) 0xFF, 0x00,
      (byte) 0xF1, (byte) 0xF1, (byte) 0xFF, 0x00,
      (byte) 0xF1, (byte) 0xF2, (byte) 0xFF, 0x00,
      (byte) 0xF1, (byte) 0xF3, (byte) 0xF1, 0x00};
  /** NVMe-MI message type version 1.2. */
  private static final byte[] NVME_MI_VERSIONS = {(byte) 0xF1, (byte) 0xF2, (byte) 0xFF, 0x00};

  private final int staticEid;
  private int eid;
  private final byte[] uuid;

  /**
   * @param eid the EID the endpoint starts with (0 = unassigned)
   * @param uuid the 16-byte endpoint UUID
   */
  public MctpControlResponder(int eid, byte[] uuid) {
    if (uuid.length != 16) {
      throw new IllegalArgumentException("uuid: " + uuid.length + " bytes (expected: 16)");
    }
    this.staticEid = eid;
    this.eid = eid;
    this.uuid = uuid.clone();
  }

  /** The EID currently assigned; 0 until a bus owner assigns one when the endpoint started without. */
  public synchronized int eid() {
    return eid;
  }

  /** The 16-byte UUID. */
  public byte[] uuid() {
    return uuid.clone();
  }

  /**
   * Answers one control message.
   *
   * @param msg the MCTP message: byte 0 = message type 00h, byte 1 = Rq/D/IID, byte 2 = command
   * @return the response message (type byte first), or null for no answer
   */
  public synchronized byte[] respond(byte[] msg) {
    if (msg.length < 3 || (msg[0] & 0x7F) != 0x00) {
      return null;
    }
    int b1 = msg[1] & 0xFF;
    if ((b1 & 0x80) == 0 || (b1 & 0x40) != 0) {
      return null;
    }
    int iid = b1 & 0x1F;
    int cmd = msg[2] & 0xFF;
    int dataLen = msg.length - 3;
    switch (cmd) {
      case 0x01: {
        if (dataLen < 2) {
          return reply(iid, cmd, CC_ERROR_INVALID_LENGTH);
        }
        int op = msg[3] & 0x03;
        int newEid = msg[4] & 0xFF;
        if (op == 0 || op == 1) {
          if (newEid < 8 || newEid == 0xFF) {
            return reply(iid, cmd, CC_ERROR_INVALID_DATA);
          }
          eid = newEid;
        } else if (op == 2) {
          eid = staticEid;
        }
        return reply(iid, cmd, CC_SUCCESS, 0x00, eid, 0x00);
      }
      case 0x02:
        // simple endpoint, dynamic EID; medium-specific byte 0
        return reply(iid, cmd, CC_SUCCESS, eid, 0x00, 0x00);
      case 0x03: {
        byte[] r = reply(iid, cmd, CC_SUCCESS);
        byte[] out = Arrays.copyOf(r, r.length + 16);
        System.arraycopy(uuid, 0, out, r.length, 16);
        return out;
      }
      case 0x04: {
        if (dataLen < 1) {
          return reply(iid, cmd, CC_ERROR_INVALID_LENGTH);
        }
        int type = msg[3] & 0xFF;
        byte[] versions;
        if (type == 0xFF || type == 0x00) {
          versions = BASE_VERSIONS;
        } else if (type == 0x04) {
          versions = NVME_MI_VERSIONS;
        } else {
          return reply(iid, cmd, CC_VERSION_TYPE_UNSUPPORTED, 0);
        }
        byte[] r = reply(iid, cmd, CC_SUCCESS, versions.length / 4);
        byte[] out = Arrays.copyOf(r, r.length + versions.length);
        System.arraycopy(versions, 0, out, r.length, versions.length);
        return out;
      }
      case 0x05:
        return reply(iid, cmd, CC_SUCCESS, 2, 0x00, 0x04);
      default:
        return reply(iid, cmd, CC_ERROR_UNSUPPORTED_CMD);
    }
  }

  private static byte[] reply(int iid, int cmd, int cc, int... data) {
    byte[] r = new byte[4 + data.length];
    r[0] = 0x00;
    r[1] = (byte) iid;
    r[2] = (byte) cmd;
    r[3] = (byte) cc;
    for (int i = 0; i < data.length; i++) {
      r[4 + i] = (byte) data[i];
    }
    return r;
  }
}
