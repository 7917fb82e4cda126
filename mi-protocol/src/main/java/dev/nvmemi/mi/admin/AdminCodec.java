package dev.nvmemi.mi.admin;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiErrorResponse;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiResponse;
import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.Nmimt;
import java.util.Arrays;
import java.util.Optional;

/**
 * The admin-tunnel part of the codec (NMIMT 2, spec sheet §6): requests from bytes to the typed
 * {@link AdminRequest} records, responses to {@link AdminResponse} (or {@code MiErrorResponse}) in
 * the context of their request, validated in the order of §11.1 (steps 1–4 in {@link MiFrame},
 * steps 6–7 here). The {@code MiCodec} facade dispatches here for NMIMT 2.
 *
 * <p>Pure and stateless; callable from any thread (including an event loop).
 */
public final class AdminCodec {

  private AdminCodec() {}

  /** {@link #decodeRequest(MiFrame, AdminOptions)} with the recommended options. */
  public static AdminRequest decodeRequest(MiFrame frame) {
    return decodeRequest(frame, AdminOptions.DEFAULTS);
  }

  /**
   * Decodes an admin request frame ({@link MiFrame#parseRequest} checked length, MIC, type byte,
   * ROR) into the most specific record that reproduces it exactly.
   *
   * @throws MiProtocolException see {@link AdminCommand#decode(MiFrame, AdminOptions)}
   */
  public static AdminRequest decodeRequest(MiFrame frame, AdminOptions options) {
    return typed(AdminCommand.decode(frame, options));
  }

  /**
   * The typed record for a generic command: the record of its opcode when re-encoding that record
   * yields exactly {@code command}, else {@code command} itself (nothing is ever lost).
   */
  public static AdminRequest typed(AdminCommand command) {
    Optional<? extends AdminRequest> t;
    switch (command.opcode()) {
      case AdminOpcode.IDENTIFY: t = Identify.from(command); break;
      case AdminOpcode.GET_LOG_PAGE: t = GetLogPage.from(command); break;
      case AdminOpcode.GET_FEATURES: t = GetFeatures.from(command); break;
      case AdminOpcode.SET_FEATURES: t = SetFeatures.from(command); break;
      case AdminOpcode.SECURITY_SEND: t = SecuritySend.from(command); break;
      case AdminOpcode.SECURITY_RECEIVE: t = SecurityReceive.from(command); break;
      case AdminOpcode.NAMESPACE_MANAGEMENT: t = NamespaceManagement.from(command); break;
      case AdminOpcode.NAMESPACE_ATTACHMENT: t = NamespaceAttachment.from(command); break;
      case AdminOpcode.FIRMWARE_IMAGE_DOWNLOAD: t = FirmwareImageDownload.from(command); break;
      case AdminOpcode.FIRMWARE_COMMIT: t = FirmwareCommit.from(command); break;
      case AdminOpcode.FORMAT_NVM: t = FormatNvm.from(command); break;
      case AdminOpcode.SANITIZE: t = Sanitize.from(command); break;
      default: t = Optional.empty();
    }
    return t.isPresent() ? t.get() : command;
  }

  /** {@link #decodeResponse(MiFrame, AdminRequest, MiCodecOptions, AdminOptions)} with recommended admin options. */
  public static MiResponse decodeResponse(MiFrame frame, AdminRequest request, MiCodecOptions options) {
    return decodeResponse(frame, request, options, AdminOptions.DEFAULTS);
  }

  /**
   * Decodes an admin response frame ({@link MiFrame#parseResponse} checked §11.1 steps 1–4) in the
   * context of {@code request} (may be null when unknown: no DLEN checks, no typed payload).
   *
   * <ol>
   *   <li>A non-success MI status (step 6) gives an {@code MiErrorResponse}, with the Parameter Error
   *       Location for Invalid Parameter (04h); an error response may be any length ≥ 8.</li>
   *   <li>Otherwise (step 7) the 20-byte admin header must be complete ({@code TOO_SHORT}), the data at
   *       most 4096 bytes and never longer than a non-zero DLEN ({@code LENGTH_MISMATCH}); data to a
   *       DLEN = 0 request only with {@link AdminOptions#tolerateZeroDlen()}; exactly DLEN with
   *       {@link AdminOptions#requireExactDataLength()} when the NVMe status is success.</li>
   *   <li>A successful NVMe status gets the typed {@link AdminPayload} of {@link #decodePayload}.</li>
   * </ol>
   */
  public static MiResponse decodeResponse(MiFrame frame, AdminRequest request, MiCodecOptions options,
      AdminOptions admin) {
    MiHeader h = frame.header();
    if (h.nmimt() != Nmimt.ADMIN_COMMAND) {
      throw new MiProtocolException(MiErrorKind.NMIMT_MISMATCH,
          "not an admin response: NMIMT " + h.nmimt() + " (expected: ADMIN_COMMAND, 0x2)");
    }
    MiStatus status = frame.status();
    if (!status.isSuccess()) {
      return MiErrorResponse.fromFrame(frame, options);
    }
    byte[] body = frame.body();
    int headerBody = AdminResponse.HEADER_LENGTH - MiHeader.LENGTH;
    if (body.length < headerBody) {
      throw new MiProtocolException(MiErrorKind.TOO_SHORT, "admin response too short: "
          + (body.length + MiHeader.LENGTH) + " bytes before the MIC (expected: " + AdminResponse.HEADER_LENGTH
          + "+ bytes: header, status, CQE DW0/DW1/DW3)" + context(request));
    }
    long dw0 = LittleEndian.u32(body, 4);
    long dw1 = LittleEndian.u32(body, 8);
    long dw3 = LittleEndian.u32(body, 12);
    byte[] data = Arrays.copyOfRange(body, headerBody, body.length);
    if (data.length > AdminCommand.MAX_DATA) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH, "admin response data: " + data.length
          + " bytes (expected: at most " + AdminCommand.MAX_DATA + ")" + context(request));
    }
    boolean nvmeOk = (dw3 >>> 17) == 0;
    if (request != null) {
      long dlen = request.dlen();
      if (dlen != 0 && data.length > dlen) {
        throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH, "admin response data: " + data.length
            + " bytes (expected: at most DLEN = " + dlen + ")" + context(request));
      }
      if (dlen == 0 && data.length > 0 && !admin.tolerateZeroDlen()) {
        throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH, "admin response data: " + data.length
            + " bytes (expected: 0, the request's DLEN)" + context(request));
      }
      if (admin.requireExactDataLength() && nvmeOk && dlen != 0 && data.length != dlen) {
        throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH, "admin response data: " + data.length
            + " bytes (expected: exactly DLEN = " + dlen + ")" + context(request));
      }
    }
    AdminPayload payload = nvmeOk && request != null ? decodePayload(request, dw0, data) : null;
    return new AdminResponse(h, status, dw0, dw1, dw3, data, payload);
  }

  /**
   * The typed meaning of a successful completion of {@code request}, or null when the command has no
   * typed result or the data does not have the structure's shape (e.g. a partial or offset read):
   * <ul>
   *   <li>Identify CNS 01h at DOFST 0: {@link IdentifyController} for 4096 bytes,
   *       {@link IdentifyControllerSummary} for 72..4092 bytes;</li>
   *   <li>Identify CNS 02h/07h/10h/1Ah (4096 bytes): {@link NamespaceIdList}; CNS 12h/13h: {@link ControllerIdList};</li>
   *   <li>Get Log Page LID 02h at LPO 0, 512 bytes: {@link SmartLog}; LID 01h at LPO 0, whole entries: {@link ErrorLog};
   *       LID C0h / C3h at LPO 0, 512 bytes with the OCP GUID: {@link OcpSmartExtendedLog} /
   *       {@link OcpLatencyMonitorLog} (another GUID: null, the data stays raw);</li>
   *   <li>Identify CNS 17h (4096 bytes): {@link UuidList};</li>
   *   <li>Get Features (SEL ≠ 3) FID 01h/02h/04h/05h/06h/07h from CQE DW0, FID 0Eh from its 8 data
   *       bytes; Set Features FID 07h (the allocated queue counts).</li>
   * </ul>
   *
   * @throws MiProtocolException when the data has the structure's size but invalid content
   */
  public static AdminPayload decodePayload(AdminRequest request, long cqeDw0, byte[] data) {
    AdminRequest r = request instanceof AdminCommand c ? typed(c) : request;
    if (r instanceof Identify i) {
      if (i.dofst() != 0) {
        return null;
      }
      switch (i.cns()) {
        case Identify.CNS_CONTROLLER:
          if (data.length == IdentifyController.LENGTH) {
            return IdentifyController.decode(data);
          }
          return data.length >= IdentifyControllerSummary.LENGTH ? IdentifyControllerSummary.decode(data) : null;
        case Identify.CNS_ACTIVE_NAMESPACE_LIST:
        case Identify.CNS_CSI_ACTIVE_NAMESPACE_LIST:
        case Identify.CNS_ALLOCATED_NAMESPACE_LIST:
        case 0x1A:
          return data.length == NamespaceIdList.LENGTH ? NamespaceIdList.decode(data) : null;
        case Identify.CNS_NAMESPACE_CONTROLLER_LIST:
        case Identify.CNS_CONTROLLER_LIST:
          return data.length == ControllerIdList.LENGTH ? ControllerIdList.decode(data) : null;
        case Identify.CNS_UUID_LIST:
          return data.length == UuidList.LENGTH ? UuidList.decode(data) : null;
        default:
          return null;
      }
    }
    if (r instanceof GetLogPage g) {
      if (g.lpo() != 0 || g.ot() || g.dofst() != 0) {
        return null;
      }
      if (g.lid() == GetLogPage.LID_SMART_HEALTH && data.length == SmartLog.LENGTH) {
        return SmartLog.decode(data);
      }
      if (g.lid() == GetLogPage.LID_ERROR_INFORMATION && data.length > 0
          && data.length % ErrorLogEntry.LENGTH == 0) {
        return ErrorLog.decode(data);
      }
      // Vendor LIDs: the GUID, not the LID, names the layout (ocp-logs.md §2). A page with another
      // GUID stays raw data here (the message itself is valid); OcpSmartExtendedLog.decode on the
      // data gives the typed GUID error.
      if (g.lid() == GetLogPage.LID_OCP_SMART_EXTENDED && data.length == OcpSmartExtendedLog.LENGTH
          && LogPageGuid.read(data, OcpSmartExtendedLog.GUID_OFFSET).equals(LogPageGuid.OCP_SMART_EXTENDED)) {
        return OcpSmartExtendedLog.decode(data);
      }
      if (g.lid() == GetLogPage.LID_OCP_LATENCY_MONITOR && data.length == OcpLatencyMonitorLog.LENGTH
          && LogPageGuid.read(data, OcpLatencyMonitorLog.GUID_OFFSET).equals(LogPageGuid.OCP_LATENCY_MONITOR)) {
        return OcpLatencyMonitorLog.decode(data);
      }
      return null;
    }
    if (r instanceof GetFeatures f) {
      if (f.sel() == GetFeatures.SEL_SUPPORTED_CAPABILITIES) {
        return null;
      }
      return featureValue(f.fid(), cqeDw0, data);
    }
    if (r instanceof SetFeatures s && s.fid() == FeatureId.NUMBER_OF_QUEUES) {
      return NumberOfQueues.fromDword(cqeDw0);
    }
    return null;
  }

  private static AdminPayload featureValue(int fid, long dw0, byte[] data) {
    switch (fid) {
      case FeatureId.ARBITRATION: return Arbitration.fromDword(dw0);
      case FeatureId.POWER_MANAGEMENT: return PowerManagement.fromDword(dw0);
      case FeatureId.TEMPERATURE_THRESHOLD: return TemperatureThreshold.fromDword(dw0);
      case FeatureId.ERROR_RECOVERY: return ErrorRecovery.fromDword(dw0);
      case FeatureId.VOLATILE_WRITE_CACHE: return VolatileWriteCache.fromDword(dw0);
      case FeatureId.NUMBER_OF_QUEUES: return NumberOfQueues.fromDword(dw0);
      case FeatureId.TIMESTAMP: return data.length == Timestamp.LENGTH ? Timestamp.decode(data) : null;
      default: return null;
    }
  }

  private static String context(AdminRequest request) {
    return request == null ? "" : String.format(" [opcode 0x%02x %s, ctlid %d]", request.opcode(),
        request.commandName(), request.ctlid());
  }
}
