package dev.nvmemi.mi.command;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiErrorResponse;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiResponse;
import dev.nvmemi.mi.Nmimt;
import dev.nvmemi.mi.internal.LittleEndian;
import java.util.Arrays;

/**
 * Decoder of the NVMe-MI command set (NMIMT 1h). Requests are decoded as an endpoint sees them;
 * responses in the context of the request they answer. Callers normally go through
 * {@link dev.nvmemi.mi.MiCodec}. Stateless; thread-safe.
 */
public final class MiCommandCodec {
  private MiCommandCodec() {}

  /**
   * Decodes an MI command request from a frame that passed {@link MiFrame#parseRequest}. A body
   * shorter than the fixed 12 bytes, or request data on a command that takes none, is
   * {@link MiErrorKind#LENGTH_MISMATCH} (an endpoint answers 05h/06h). A request is decoded as it
   * is on the wire, reserved values included, so that it can be shown next to the endpoint's answer:
   * a reserved DTYP stays in {@link ReadDataStructure#dtyp()} (named by
   * {@link ReadDataStructure#dtypName()}), a reserved CID gives {@link ConfigGetReserved} /
   * {@link ConfigSetReserved}, reserved and vendor opcodes give {@link RawMiCommand} (an endpoint
   * answers 04h, 04h and 03h to them). Only a success answer to such a request is rejected
   * ({@link MiErrorKind#INVALID_FIELD}), since it has no defined layout.
   */
  public static MiCommandRequest decodeRequest(MiFrame frame) {
    MiHeader h = frame.header();
    if (h.nmimt() != Nmimt.MI_COMMAND) {
      throw new MiProtocolException(MiErrorKind.NMIMT_MISMATCH,
          "not an MI command: NMIMT " + h.nmimt() + " (expected: MI_COMMAND)");
    }
    byte[] b = frame.body();
    if (b.length < MiCommandRequest.FIXED_BODY) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH, "MI command request too short: "
          + (b.length + 8) + " bytes (expected: 20+ bytes: header, OPC, NMD0, NMD1, MIC)");
    }
    int opc = b[0] & 0xFF;
    int nmd0 = LittleEndian.i32(b, 4);
    int nmd1 = LittleEndian.i32(b, 8);
    byte[] data = Arrays.copyOfRange(b, MiCommandRequest.FIXED_BODY, b.length);
    switch (opc) {
      case ReadDataStructure.OPCODE:
        noData("Read NVMe-MI Data Structure", data);
        return ReadDataStructure.decode(h, nmd0, nmd1);
      case SubsystemHealthStatusPoll.OPCODE:
        noData("NVM Subsystem Health Status Poll", data);
        return new SubsystemHealthStatusPoll(h, nmd1 < 0);
      case ControllerHealthStatusPoll.OPCODE:
        noData("Controller Health Status Poll", data);
        return ControllerHealthStatusPoll.decode(h, nmd0, nmd1);
      case ConfigurationSet.OPCODE:
        return decodeConfigSet(h, nmd0, nmd1, data);
      case ConfigurationGet.OPCODE:
        return decodeConfigGet(h, nmd0, nmd1, data);
      case VpdRead.OPCODE:
        noData("VPD Read", data);
        return new VpdRead(h, nmd0 & 0xFFFF, nmd1 & 0xFFFF);
      case VpdWrite.OPCODE:
        dataLength("VPD Write", data, nmd1 & 0xFFFF);
        return new VpdWrite(h, nmd0 & 0xFFFF, nmd1 & 0xFFFF, data);
      case Reset.OPCODE:
        noData("Reset", data);
        return new Reset(h, nmd0 >>> 24);
      case SesReceive.OPCODE:
        noData("SES Receive", data);
        return new SesReceive(h, nmd0, nmd1);
      case SesSend.OPCODE:
        return new SesSend(h, nmd0, nmd1, data);
      case MebRead.OPCODE:
        noData("Management Endpoint Buffer Read", data);
        return new MebRead(h, nmd0 & 0xFFFF_FFFFL, nmd1 & 0xFFFF_FFFFL);
      case MebWrite.OPCODE:
        dataLength("Management Endpoint Buffer Write", data, nmd1 & 0xFFFF_FFFFL);
        return new MebWrite(h, nmd0 & 0xFFFF_FFFFL, nmd1 & 0xFFFF_FFFFL, data);
      case Shutdown.OPCODE:
        noData("Shutdown", data);
        return new Shutdown(h, nmd0 >>> 24);
      default:
        return new RawMiCommand(h, opc, nmd0, nmd1, data);
    }
  }

  private static MiCommandRequest decodeConfigSet(MiHeader h, int nmd0, int nmd1, byte[] data) {
    int cid = nmd0 & 0xFF;
    if (ConfigurationId.isReserved(cid)) {
      return new ConfigSetReserved(h, nmd0, nmd1, data);
    }
    switch (cid) {
      case ConfigurationId.SMBUS_I2C_FREQUENCY:
        noData("Configuration Set", data);
        return new ConfigSetSmbusFrequency(h, nmd0 >>> 24, (nmd0 >>> 8) & 0xF);
      case ConfigurationId.HEALTH_STATUS_CHANGE:
        noData("Configuration Set", data);
        return new ConfigSetHealthStatusChange(h, nmd1);
      case ConfigurationId.MCTP_TRANSMISSION_UNIT_SIZE:
        noData("Configuration Set", data);
        return new ConfigSetMctpTransmissionUnit(h, nmd0 >>> 24, nmd1 & 0xFFFF);
      case ConfigurationId.ASYNCHRONOUS_EVENT:
        return ConfigSetAsyncEvent.decode(h, nmd0, data);
      default:
        return new ConfigSetVendor(h, nmd0, nmd1, data);
    }
  }

  private static MiCommandRequest decodeConfigGet(MiHeader h, int nmd0, int nmd1, byte[] data) {
    int cid = nmd0 & 0xFF;
    noData("Configuration Get", data);
    if (ConfigurationId.isReserved(cid)) {
      return new ConfigGetReserved(h, nmd0, nmd1);
    }
    switch (cid) {
      case ConfigurationId.SMBUS_I2C_FREQUENCY:
        return new ConfigGetSmbusFrequency(h, nmd0 >>> 24);
      case ConfigurationId.HEALTH_STATUS_CHANGE:
        return new ConfigGetHealthStatusChange(h);
      case ConfigurationId.MCTP_TRANSMISSION_UNIT_SIZE:
        return new ConfigGetMctpTransmissionUnit(h, nmd0 >>> 24);
      case ConfigurationId.ASYNCHRONOUS_EVENT:
        return new ConfigGetAsyncEvent(h);
      default:
        return new ConfigGetVendor(h, nmd0, nmd1);
    }
  }

  private static void noData(String command, byte[] data) {
    if (data.length != 0) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH, command + " request carries "
          + data.length + " bytes of request data (expected: 0)");
    }
  }

  private static void dataLength(String command, byte[] data, long dlen) {
    if (data.length != dlen) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH, command + " request data length mismatch: "
          + data.length + " bytes (expected: DLEN " + dlen + ")");
    }
  }

  /**
   * Decodes a response frame (already through {@link MiFrame#parseResponse}, §11.1 steps 1–4) to
   * {@code request}: a non-success status gives {@link MiErrorResponse} (steps 5–6), success the
   * command's typed response (step 7).
   */
  public static MiResponse decodeResponse(MiFrame frame, MiCommandRequest request, MiCodecOptions options) {
    if (!frame.status().isSuccess()) {
      return MiErrorResponse.fromFrame(frame, options);
    }
    return request.decodeSuccess(frame, options);
  }
}
