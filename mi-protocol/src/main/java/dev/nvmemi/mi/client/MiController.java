package dev.nvmemi.mi.client;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiErrorResponse;
import dev.nvmemi.mi.MiException;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiRequest;
import dev.nvmemi.mi.MiResponse;
import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.Nmimt;
import dev.nvmemi.mi.admin.AdminCodec;
import dev.nvmemi.mi.admin.AdminCommand;
import dev.nvmemi.mi.admin.AdminOptions;
import dev.nvmemi.mi.admin.AdminRequest;
import dev.nvmemi.mi.admin.AdminResponse;
import dev.nvmemi.mi.admin.Arbitration;
import dev.nvmemi.mi.admin.ControllerIdList;
import dev.nvmemi.mi.admin.ErrorLog;
import dev.nvmemi.mi.admin.ErrorLogEntry;
import dev.nvmemi.mi.admin.FeatureId;
import dev.nvmemi.mi.admin.FirmwareCommit;
import dev.nvmemi.mi.admin.FirmwareImageDownload;
import dev.nvmemi.mi.admin.FormatNvm;
import dev.nvmemi.mi.admin.GetFeatures;
import dev.nvmemi.mi.admin.GetLogPage;
import dev.nvmemi.mi.admin.Identify;
import dev.nvmemi.mi.admin.IdentifyController;
import dev.nvmemi.mi.admin.IdentifyControllerSummary;
import dev.nvmemi.mi.admin.NamespaceAttachment;
import dev.nvmemi.mi.admin.NamespaceIdList;
import dev.nvmemi.mi.admin.NamespaceManagement;
import dev.nvmemi.mi.admin.OcpLatencyMonitorLog;
import dev.nvmemi.mi.admin.OcpLogOptions;
import dev.nvmemi.mi.admin.OcpSmartExtendedLog;
import dev.nvmemi.mi.admin.PowerManagement;
import dev.nvmemi.mi.admin.Sanitize;
import dev.nvmemi.mi.admin.SecurityReceive;
import dev.nvmemi.mi.admin.SecuritySend;
import dev.nvmemi.mi.admin.SetFeatures;
import dev.nvmemi.mi.admin.SmartLog;
import dev.nvmemi.mi.admin.TemperatureThreshold;
import dev.nvmemi.mi.admin.UuidList;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * One NVMe controller behind a management endpoint, reached through the NVMe-MI admin tunnel
 * (libnvme's {@code nvme_mi_ctrl_t}, spec sheet §6, §9.3). One method per admin command libnvme
 * offers: Identify (full and partial), Get Log Page with libnvme's 4096-byte chunking and RAE rule
 * (§6.5), Get/Set Features, Security Send/Receive, Namespace Management/Attachment, Firmware
 * Download/Commit, Format NVM and Sanitize, plus the generic {@link #submit(AdminRequest)}.
 *
 * <p>Every method returns a {@link CompletionStage} of a typed {@link MiResult}: {@code Success}
 * with the decoded value; {@code MiError} for a non-success MI status; {@code NvmeError} when the
 * MI layer succeeded but the controller completed the command with a non-zero NVMe status (CQE
 * DW3); {@code Failure} for a protocol violation, a timeout or a transport error. Methods never
 * throw for device behaviour; they throw {@link IllegalArgumentException} only for arguments the
 * spec does not allow (libnvme's {@code EINVAL}).
 *
 * <p>Built by {@code MiEndpoint.controller(id)} over the endpoint's {@code submit}, or directly over
 * a transport with {@link #over(MiTransport, int)}. Immutable and thread-safe; completion callbacks
 * run on the transport's completion thread. Commands are issued one after another for a chunked
 * read; concurrent calls are serialised (or not) by the transport / endpoint.
 */
public final class MiController {

  /** libnvme's Get Log Page chunk size (the DLEN limit). */
  public static final int DEFAULT_LOG_CHUNK = 4096;

  /**
   * Sends one request and returns its decoded outcome: the shape of {@code MiEndpoint.submit}
   * (encode, exchange, decode with the codec; a non-success MI status as {@code MiError}, exceptions
   * as {@code Failure}).
   */
  @FunctionalInterface
  public interface Submitter {
    CompletionStage<MiResult<MiResponse>> submit(MiRequest request, ExchangeOptions options);
  }

  private final Submitter submitter;
  private final int id;
  private final int csi;
  private final AdminOptions options;
  private final ExchangeOptions exchange;

  /**
   * @param submitter how requests are exchanged (the endpoint's {@code submit})
   * @param controllerId CTLID of this controller, 0..65535
   * @param csi the command slot to use, 0 or 1
   * @param options encoding choices (CFLGS, features DLEN; spec sheet §12 points 4, 5)
   * @param exchange timeouts and MPR limits for each exchange (the command name is filled in per call)
   */
  public MiController(Submitter submitter, int controllerId, int csi, AdminOptions options, ExchangeOptions exchange) {
    this.submitter = Objects.requireNonNull(submitter, "submitter");
    if (controllerId < 0 || controllerId > 0xFFFF) {
      throw new IllegalArgumentException("controllerId: " + controllerId + " (expected: 0 ~ 65535)");
    }
    if (csi != 0 && csi != 1) {
      throw new IllegalArgumentException("csi: " + csi + " (expected: 0 or 1)");
    }
    this.id = controllerId;
    this.csi = csi;
    this.options = Objects.requireNonNull(options, "options");
    this.exchange = Objects.requireNonNull(exchange, "exchange");
  }

  /** Command slot 0, recommended options, libnvme's 5 s MCTP timeout. */
  public MiController(Submitter submitter, int controllerId) {
    this(submitter, controllerId, 0, AdminOptions.DEFAULTS, ExchangeOptions.defaults("NVMe Admin"));
  }

  /** A controller reached directly over {@code transport} (no {@code MiEndpoint}), default options. */
  public static MiController over(MiTransport transport, int controllerId) {
    return new MiController(directSubmitter(transport, MiCodecOptions.DEFAULTS, AdminOptions.DEFAULTS),
        controllerId);
  }

  /** A controller reached directly over {@code transport}. */
  public static MiController over(MiTransport transport, int controllerId, int csi, MiCodecOptions codecOptions,
      AdminOptions adminOptions, ExchangeOptions exchange) {
    return new MiController(directSubmitter(transport, codecOptions, adminOptions), controllerId, csi,
        adminOptions, exchange);
  }

  /**
   * A {@link Submitter} that encodes an admin request, exchanges it over {@code transport} and
   * decodes the response with {@link AdminCodec} (what {@code MiEndpoint.submit} does through the
   * {@code MiCodec} facade).
   */
  public static Submitter directSubmitter(MiTransport transport, MiCodecOptions codecOptions,
      AdminOptions adminOptions) {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(codecOptions, "codecOptions");
    Objects.requireNonNull(adminOptions, "adminOptions");
    return (request, exchangeOptions) -> {
      if (!(request instanceof AdminRequest admin)) {
        return CompletableFuture.completedFuture(new MiResult.Failure<>(new MiProtocolException(
            MiErrorKind.UNSUPPORTED, "not an admin request: " + request.commandName()
                + " (expected: an AdminRequest on a controller submitter)")));
      }
      CompletionStage<byte[]> exchanged;
      try {
        exchanged = transport.exchange(admin.encode(), exchangeOptions);
      } catch (MiException e) {
        return CompletableFuture.completedFuture(new MiResult.Failure<>(e));
      }
      return exchanged.handle((msg, error) -> {
        if (error != null) {
          return new MiResult.Failure<>(asMiException(error, transport.describe(), exchangeOptions.command()));
        }
        try {
          MiFrame frame = MiFrame.parseResponse(msg, admin.header(), codecOptions);
          MiResponse response = AdminCodec.decodeResponse(frame, admin, codecOptions, adminOptions);
          if (response instanceof MiErrorResponse e) {
            return new MiResult.MiError<>(e.status(), e.errorLocation());
          }
          return new MiResult.Success<>(response);
        } catch (MiException e) {
          return new MiResult.Failure<>(e);
        }
      });
    };
  }

  private static MiException asMiException(Throwable error, String endpoint, String command) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof MiException e) {
      return e;
    }
    return new MiTransportException(MiTransportException.Reason.IO, endpoint, 0,
        command + " failed on " + endpoint + ": " + t, t);
  }

  /** CTLID of this controller. */
  public int id() {
    return id;
  }

  /** The command slot used. */
  public int csi() {
    return csi;
  }

  /** The encoding options. */
  public AdminOptions options() {
    return options;
  }

  /** The same controller with other exchange options (e.g. a longer timeout for Format NVM). */
  public MiController withExchangeOptions(ExchangeOptions newExchange) {
    return new MiController(submitter, id, csi, options, newExchange);
  }

  // ---------------------------------------------------------------------------------------------
  // Generic

  /**
   * Sends any admin request (libnvme's {@code nvme_mi_admin_xfer} / {@code admin_passthru}); the
   * request's own CTLID and CSI are used as given. A non-zero NVMe status becomes {@code NvmeError}.
   */
  public CompletionStage<MiResult<AdminResponse>> submit(AdminRequest request) {
    Objects.requireNonNull(request, "request");
    ExchangeOptions opts = exchange.withCommand(describe(request));
    CompletionStage<MiResult<MiResponse>> stage;
    try {
      stage = submitter.submit(request, opts);
    } catch (MiException e) {
      return CompletableFuture.completedFuture(new MiResult.Failure<>(e));
    }
    return stage.thenApply(MiController::toAdminResult);
  }

  /**
   * libnvme's {@code nvme_mi_admin_admin_passthru}: an admin command with data in either direction
   * (direction from opcode bits 1:0), built for this controller. DLEN is the data length for a
   * host-to-controller opcode and {@code responseLength} otherwise.
   */
  public CompletionStage<MiResult<AdminResponse>> adminPassthru(int opcode, long nsid, long cdw2, long cdw3,
      long cdw10, long cdw11, long cdw12, long cdw13, long cdw14, long cdw15, byte[] data, int responseLength) {
    boolean h2c = (opcode & 0x3) == 0x1;
    boolean c2h = (opcode & 0x3) == 0x2;
    if ((opcode & 0x3) == 0x3) {
      throw new IllegalArgumentException(String.format("opcode 0x%02x is bidirectional (expected: one data direction)", opcode));
    }
    if ((!h2c && data.length > 0) || (!c2h && responseLength > 0)) {
      throw new IllegalArgumentException(String.format("opcode 0x%02x transfers %s (expected data only in that direction)",
          opcode, h2c ? "host to controller" : c2h ? "controller to host" : "no data"));
    }
    if (responseLength < 0 || responseLength > AdminCommand.MAX_DATA || responseLength % 4 != 0) {
      throw new IllegalArgumentException("responseLength: " + responseLength + " (expected: a multiple of 4 in 0 ~ 4096)");
    }
    long dlen = h2c ? data.length : responseLength;
    AdminCommand c = new AdminCommand(MiHeader.request(Nmimt.ADMIN_COMMAND, csi), opcode,
        options.cflgsEncoding().cflgs(dlen, 0), id, nsid, cdw2, cdw3, 0, 0, 0, dlen, 0, 0, cdw10, cdw11, cdw12,
        cdw13, cdw14, cdw15, data);
    return submit(c);
  }

  // ---------------------------------------------------------------------------------------------
  // Identify

  /** libnvme's {@code nvme_mi_admin_identify}: the whole 4096-byte structure of {@code cns}. */
  public CompletionStage<MiResult<byte[]>> identify(int cns, int cntid, long nsid, int cnssid, int iocsi, int uidx) {
    return identifyPartial(cns, cntid, nsid, cnssid, iocsi, uidx, 0, Identify.DATA_LENGTH);
  }

  /**
   * libnvme's {@code nvme_mi_admin_identify_partial}: {@code length} bytes at {@code offset} of the
   * structure. The response must carry exactly {@code length} bytes ({@code LENGTH_MISMATCH}
   * otherwise, libnvme's {@code EPROTO}).
   */
  public CompletionStage<MiResult<byte[]>> identifyPartial(int cns, int cntid, long nsid, int cnssid, int iocsi,
      int uidx, int offset, int length) {
    Identify req = Identify.partial(csi, id, cns, cntid, nsid, cnssid, iocsi, uidx, offset, length, options);
    return submit(req).thenApply(r -> decoded(r, resp -> resp.requireDataLength(length).data()));
  }

  /** Identify Controller (CNS 01h), decoded. */
  public CompletionStage<MiResult<IdentifyController>> identifyController() {
    return identify(Identify.CNS_CONTROLLER, 0, 0, 0, 0, 0).thenApply(r -> decoded(r, IdentifyController::decode));
  }

  /** libnvme's probe: the first 72 bytes of Identify Controller (VID, SSVID, SN, MN, FR). */
  public CompletionStage<MiResult<IdentifyControllerSummary>> identifyControllerSummary() {
    return identifyPartial(Identify.CNS_CONTROLLER, 0, 0, 0, 0, 0, 0, Identify.PROBE_LENGTH)
        .thenApply(r -> decoded(r, IdentifyControllerSummary::decode));
  }

  /** Identify Namespace (CNS 00h), raw 4096 bytes. */
  public CompletionStage<MiResult<byte[]>> identifyNamespace(long nsid) {
    return identify(Identify.CNS_NAMESPACE, 0, nsid, 0, 0, 0);
  }

  /** Namespace Identification Descriptor list (CNS 03h), raw 4096 bytes. */
  public CompletionStage<MiResult<byte[]>> identifyNamespaceDescriptors(long nsid) {
    return identify(Identify.CNS_NAMESPACE_DESCRIPTORS, 0, nsid, 0, 0, 0);
  }

  /** Identify Namespace for an allocated namespace (CNS 11h), raw 4096 bytes. */
  public CompletionStage<MiResult<byte[]>> identifyAllocatedNamespace(long nsid) {
    return identify(Identify.CNS_ALLOCATED_NAMESPACE, 0, nsid, 0, 0, 0);
  }

  /** Active namespace IDs greater than {@code startNsid} (CNS 02h). */
  public CompletionStage<MiResult<NamespaceIdList>> identifyActiveNamespaceList(long startNsid) {
    return identify(Identify.CNS_ACTIVE_NAMESPACE_LIST, 0, startNsid, 0, 0, 0)
        .thenApply(r -> decoded(r, NamespaceIdList::decode));
  }

  /** Allocated namespace IDs greater than {@code startNsid} (CNS 10h). */
  public CompletionStage<MiResult<NamespaceIdList>> identifyAllocatedNamespaceList(long startNsid) {
    return identify(Identify.CNS_ALLOCATED_NAMESPACE_LIST, 0, startNsid, 0, 0, 0)
        .thenApply(r -> decoded(r, NamespaceIdList::decode));
  }

  /** Controllers attached to namespace {@code nsid}, from {@code startCntid} (CNS 12h). */
  public CompletionStage<MiResult<ControllerIdList>> identifyNamespaceControllerList(long nsid, int startCntid) {
    return identify(Identify.CNS_NAMESPACE_CONTROLLER_LIST, startCntid, nsid, 0, 0, 0)
        .thenApply(r -> decoded(r, ControllerIdList::decode));
  }

  /** Controllers in the NVM subsystem, from {@code startCntid} (CNS 13h). */
  public CompletionStage<MiResult<ControllerIdList>> identifyControllerList(int startCntid) {
    return identify(Identify.CNS_CONTROLLER_LIST, startCntid, 0, 0, 0, 0)
        .thenApply(r -> decoded(r, ControllerIdList::decode));
  }

  /** The UUID List (CNS 17h): where the OCP UUID index is ({@link UuidList#ocpUuidIndex()}). */
  public CompletionStage<MiResult<UuidList>> uuidList() {
    return identify(Identify.CNS_UUID_LIST, 0, 0, 0, 0, 0).thenApply(r -> decoded(r, UuidList::decode));
  }

  /** Primary Controller Capabilities of controller {@code cntid} (CNS 14h), raw 4096 bytes. */
  public CompletionStage<MiResult<byte[]>> identifyPrimaryController(int cntid) {
    return identify(Identify.CNS_PRIMARY_CONTROLLER_CAPABILITIES, cntid, 0, 0, 0, 0);
  }

  /** Secondary Controller list from {@code startCntid} (CNS 15h), raw 4096 bytes. */
  public CompletionStage<MiResult<byte[]>> identifySecondaryControllerList(int startCntid) {
    return identify(Identify.CNS_SECONDARY_CONTROLLER_LIST, startCntid, 0, 0, 0, 0);
  }

  // ---------------------------------------------------------------------------------------------
  // Get Log Page

  /**
   * What to read with {@link #getLogPage(LogPageArgs, int)}: libnvme's {@code nvme_get_log_args}.
   *
   * @param lid LID
   * @param nsid NSID
   * @param lsp LSP (7 bits)
   * @param rae RAE the caller wants; used on the final chunk only (§6.5)
   * @param lpo LPO of the first byte wanted
   * @param lsi LSI
   * @param uidx UUID index
   * @param ot offset type (LPO is an index): logs larger than one chunk are refused
   * @param iocsi CSI, the (I/O) command set identifier (DW14 31:24)
   * @param length total bytes to read, a multiple of 4
   */
  public record LogPageArgs(int lid, long nsid, int lsp, boolean rae, long lpo, int lsi, int uidx, boolean ot,
      int iocsi, int length) {
    public LogPageArgs {
      if (length < 4 || length % 4 != 0) {
        throw new IllegalArgumentException("log length: " + length + " (expected: a positive multiple of 4)");
      }
      if (lid < 0 || lid > 0xFF || lsp < 0 || lsp > 0x7F || lsi < 0 || lsi > 0xFFFF || uidx < 0 || uidx > 0x7F
          || iocsi < 0 || iocsi > 0xFF || nsid < 0 || nsid > 0xFFFFFFFFL) {
        throw new IllegalArgumentException("log page arguments out of range: " + this);
      }
    }

    /** {@code length} bytes of log {@code lid} for {@code nsid}, from offset 0, RAE 0. */
    public static LogPageArgs of(int lid, long nsid, int length) {
      return new LogPageArgs(lid, nsid, 0, false, 0, 0, 0, false, 0, length);
    }

    public LogPageArgs withRae(boolean v) {
      return new LogPageArgs(lid, nsid, lsp, v, lpo, lsi, uidx, ot, iocsi, length);
    }

    public LogPageArgs withLsp(int v) {
      return new LogPageArgs(lid, nsid, v, rae, lpo, lsi, uidx, ot, iocsi, length);
    }

    public LogPageArgs withLpo(long v) {
      return new LogPageArgs(lid, nsid, lsp, rae, v, lsi, uidx, ot, iocsi, length);
    }

    public LogPageArgs withLsi(int v) {
      return new LogPageArgs(lid, nsid, lsp, rae, lpo, v, uidx, ot, iocsi, length);
    }

    public LogPageArgs withUidx(int v) {
      return new LogPageArgs(lid, nsid, lsp, rae, lpo, lsi, v, ot, iocsi, length);
    }

    public LogPageArgs withOt(boolean v) {
      return new LogPageArgs(lid, nsid, lsp, rae, lpo, lsi, uidx, v, iocsi, length);
    }

    public LogPageArgs withIocsi(int v) {
      return new LogPageArgs(lid, nsid, lsp, rae, lpo, lsi, uidx, ot, v, length);
    }
  }

  /** libnvme's {@code nvme_mi_admin_get_log}: {@link #getLogPage(LogPageArgs, int)} in 4096-byte chunks. */
  public CompletionStage<MiResult<byte[]>> getLogPage(LogPageArgs args) {
    return getLogPage(args, DEFAULT_LOG_CHUNK);
  }

  /**
   * libnvme's {@code nvme_mi_admin_get_log_page} (spec sheet §6.5): reads {@code args.length()} bytes
   * in chunks of {@code chunkLength}; chunk at relative offset {@code off} has LPO = args.lpo + off,
   * DOFST 0, DLEN = its length, NUMD = length/4 − 1; RAE is forced to 1 on every chunk but the last,
   * which carries the caller's RAE, so asynchronous events are not cleared before the whole log was
   * read. A chunk that returns fewer bytes than asked ends the read; the result is what arrived. Any
   * error ends the read with that error.
   *
   * @throws IllegalArgumentException when {@code chunkLength} is not a multiple of 4 in 4..4096, or OT
   *     is set and the log needs more than one chunk (libnvme's {@code EINVAL})
   */
  public CompletionStage<MiResult<byte[]>> getLogPage(LogPageArgs args, int chunkLength) {
    Objects.requireNonNull(args, "args");
    if (chunkLength < 4 || chunkLength > AdminCommand.MAX_DATA || chunkLength % 4 != 0) {
      throw new IllegalArgumentException("chunkLength: " + chunkLength + " (expected: a multiple of 4 in 4 ~ 4096)");
    }
    if (args.ot() && args.length() > chunkLength) {
      throw new IllegalArgumentException("offset type (OT) log of " + args.length()
          + " bytes needs more than one chunk of " + chunkLength + " (expected: at most one chunk with OT)");
    }
    return logChunk(args, chunkLength, 0, new ByteArrayOutputStream(args.length()));
  }

  private CompletionStage<MiResult<byte[]>> logChunk(LogPageArgs args, int chunkLength, int off,
      ByteArrayOutputStream acc) {
    int len = Math.min(chunkLength, args.length() - off);
    boolean last = off + len >= args.length();
    GetLogPage req = GetLogPage.of(csi, id, args.nsid(), args.lid(), args.lsp(), last ? args.rae() : true,
        args.lsi(), args.lpo() + off, args.uidx(), args.ot(), args.iocsi(), len, options);
    return submit(req).thenCompose(r -> {
      if (!(r instanceof MiResult.Success<AdminResponse> s)) {
        return CompletableFuture.completedFuture(recast(r));
      }
      byte[] d = s.value().data();
      acc.write(d, 0, d.length);
      if (last || d.length < len) {
        return CompletableFuture.completedFuture(new MiResult.Success<>(acc.toByteArray()));
      }
      return logChunk(args, chunkLength, off + len, acc);
    });
  }

  /** libnvme's {@code _get_log_simple}: {@code length} bytes of a controller-wide log, RAE 0. */
  public CompletionStage<MiResult<byte[]>> getLog(int lid, int length) {
    return getLogPage(LogPageArgs.of(lid, GetLogPage.NSID_ALL, length));
  }

  /** The SMART / Health log (LID 02h) for the controller (NSID FFFFFFFFh), RAE 0. */
  public CompletionStage<MiResult<SmartLog>> smartLog() {
    return smartLog(GetLogPage.NSID_ALL, false);
  }

  /** The SMART / Health log for {@code nsid} (per-namespace only if Identify LPA bit 0). */
  public CompletionStage<MiResult<SmartLog>> smartLog(long nsid, boolean rae) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_SMART_HEALTH, nsid, SmartLog.LENGTH).withRae(rae))
        .thenApply(r -> decoded(r, SmartLog::decode));
  }

  /**
   * The OCP SMART / Health Information Extended log (C0h, 512 bytes, {@code ocp-logs.md} §1) with
   * UUID index {@code uidx} and RAE 1. A page with another GUID fails with the codec's
   * {@link dev.nvmemi.mi.LogPageGuidMismatchException}.
   */
  public CompletionStage<MiResult<OcpSmartExtendedLog>> ocpSmartExtendedLog(int uidx, OcpLogOptions options) {
    Objects.requireNonNull(options, "options");
    return getLogPage(ocpArgs(GetLogPage.LID_OCP_SMART_EXTENDED, uidx))
        .thenApply(r -> decoded(r, d -> OcpSmartExtendedLog.decode(d, options)));
  }

  /** The OCP Latency Monitor log (C3h, first 512 bytes) with UUID index {@code uidx} and RAE 1. */
  public CompletionStage<MiResult<OcpLatencyMonitorLog>> ocpLatencyMonitorLog(int uidx) {
    return getLogPage(ocpArgs(GetLogPage.LID_OCP_LATENCY_MONITOR, uidx))
        .thenApply(r -> decoded(r, OcpLatencyMonitorLog::decode));
  }

  private static LogPageArgs ocpArgs(int lid, int uidx) {
    return LogPageArgs.of(lid, GetLogPage.NSID_ALL, OcpSmartExtendedLog.LENGTH).withRae(true).withUidx(uidx);
  }

  /**
   * The first {@code entries} Error Information log entries (LID 01h); a drive keeps ELPE + 1.
   *
   * @throws IllegalArgumentException unless 1 ≤ entries ≤ 256
   */
  public CompletionStage<MiResult<List<ErrorLogEntry>>> errorLog(int entries) {
    if (entries < 1 || entries > 256) {
      throw new IllegalArgumentException("entries: " + entries + " (expected: 1 ~ 256, ELPE + 1)");
    }
    return getLogPage(LogPageArgs.of(GetLogPage.LID_ERROR_INFORMATION, GetLogPage.NSID_ALL,
        entries * ErrorLogEntry.LENGTH)).thenApply(r -> decoded(r, d -> ErrorLog.decode(d).entries()));
  }

  /** Firmware Slot Information log (LID 03h), 512 bytes raw. */
  public CompletionStage<MiResult<byte[]>> firmwareSlotLog() {
    return getLog(GetLogPage.LID_FIRMWARE_SLOT, 512);
  }

  /** Changed Namespace List log (LID 04h); RAE as the caller wishes (reading clears the event). */
  public CompletionStage<MiResult<NamespaceIdList>> changedNamespaceList(boolean rae) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_CHANGED_NAMESPACE_LIST, GetLogPage.NSID_ALL,
        NamespaceIdList.LENGTH).withRae(rae)).thenApply(r -> decoded(r, NamespaceIdList::decode));
  }

  /** Commands Supported and Effects log (LID 05h) for command set {@code iocsi}, 4096 bytes raw. */
  public CompletionStage<MiResult<byte[]>> commandsSupportedAndEffectsLog(int iocsi) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_COMMANDS_SUPPORTED_AND_EFFECTS, GetLogPage.NSID_ALL, 4096)
        .withIocsi(iocsi));
  }

  /** Device Self-test log (LID 06h), 564 bytes raw. */
  public CompletionStage<MiResult<byte[]>> deviceSelfTestLog() {
    return getLog(GetLogPage.LID_DEVICE_SELF_TEST, 564);
  }

  /** Endurance Group Information log (LID 09h) of endurance group {@code endgid}, 512 bytes raw. */
  public CompletionStage<MiResult<byte[]>> enduranceGroupLog(int endgid) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_ENDURANCE_GROUP, GetLogPage.NSID_ALL, 512).withLsi(endgid));
  }

  /** Sanitize Status log (LID 81h), 512 bytes raw. */
  public CompletionStage<MiResult<byte[]>> sanitizeStatusLog(boolean rae) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_SANITIZE_STATUS, GetLogPage.NSID_ALL, 512).withRae(rae));
  }

  /** Supported Log Pages log (LID 00h), 1024 bytes raw. */
  public CompletionStage<MiResult<byte[]>> supportedLogPages() {
    return getLog(GetLogPage.LID_SUPPORTED_LOG_PAGES, 1024);
  }

  /**
   * libnvme's {@code _get_log_create_telemetry_host} / {@code _get_log_telemetry_host}: the
   * Telemetry Host-Initiated log (LID 07h) from byte {@code offset}; {@code create} sets LSP bit 0
   * (create telemetry host-initiated data), which libnvme sends as a 512-byte header read.
   */
  public CompletionStage<MiResult<byte[]>> telemetryHostLog(boolean create, long offset, int length) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_TELEMETRY_HOST, GetLogPage.NSID_ALL, length)
        .withLsp(create ? 1 : 0).withLpo(offset));
  }

  /** libnvme's {@code _get_log_telemetry_ctrl}: the Telemetry Controller-Initiated log (LID 08h). */
  public CompletionStage<MiResult<byte[]>> telemetryControllerLog(boolean rae, long offset, int length) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_TELEMETRY_CONTROLLER, GetLogPage.NSID_ALL, length)
        .withRae(rae).withLpo(offset));
  }

  /** libnvme's {@code _get_log_predictable_lat_nvmset} (LID 0Ah, LSI = NVM set), 512 bytes raw. */
  public CompletionStage<MiResult<byte[]>> predictableLatencyNvmSetLog(int nvmsetid) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_PREDICTABLE_LATENCY_NVM_SET, GetLogPage.NSID_ALL, 512)
        .withLsi(nvmsetid));
  }

  /** libnvme's {@code _get_log_predictable_lat_event} (LID 0Bh). */
  public CompletionStage<MiResult<byte[]>> predictableLatencyEventAggregateLog(boolean rae, long offset, int length) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_PREDICTABLE_LATENCY_EVENT_AGGREGATE, GetLogPage.NSID_ALL, length)
        .withRae(rae).withLpo(offset));
  }

  /** libnvme's {@code _get_log_ana} (LID 0Ch); {@code lsp} 0 all, 1 groups only (ana_groups). */
  public CompletionStage<MiResult<byte[]>> anaLog(int lsp, boolean rae, long offset, int length) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_ASYMMETRIC_NAMESPACE_ACCESS, GetLogPage.NSID_ALL, length)
        .withLsp(lsp).withRae(rae).withLpo(offset));
  }

  /** libnvme's {@code _get_log_persistent_event} (LID 0Dh); {@code action} in LSP (0 read, 1 establish, 2 release). */
  public CompletionStage<MiResult<byte[]>> persistentEventLog(int action, long offset, int length) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_PERSISTENT_EVENT, GetLogPage.NSID_ALL, length)
        .withLsp(action).withLpo(offset));
  }

  /** libnvme's {@code _get_log_lba_status} (LID 0Eh). */
  public CompletionStage<MiResult<byte[]>> lbaStatusLog(boolean rae, long offset, int length) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_LBA_STATUS, GetLogPage.NSID_ALL, length)
        .withRae(rae).withLpo(offset));
  }

  /** libnvme's {@code _get_log_endurance_grp_evt} (LID 0Fh). */
  public CompletionStage<MiResult<byte[]>> enduranceGroupEventAggregateLog(boolean rae, long offset, int length) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_ENDURANCE_GROUP_EVENT_AGGREGATE, GetLogPage.NSID_ALL, length)
        .withRae(rae).withLpo(offset));
  }

  /** libnvme's {@code _get_log_media_unit_stat} (LID 10h, LSI = domain/endurance group), 4096 bytes raw. */
  public CompletionStage<MiResult<byte[]>> mediaUnitStatusLog(int domid) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_MEDIA_UNIT_STATUS, GetLogPage.NSID_ALL, 4096).withLsi(domid));
  }

  /** libnvme's {@code _get_log_support_cap_config_list} (LID 11h, LSI = domain), 4096 bytes raw. */
  public CompletionStage<MiResult<byte[]>> supportedCapacityConfigurationListLog(int domid) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_SUPPORTED_CAPACITY_CONFIGURATION_LIST, GetLogPage.NSID_ALL,
        4096).withLsi(domid));
  }

  /** libnvme's {@code _get_log_fid_supported_effects} (LID 12h, CSI as given), 1024 bytes raw. */
  public CompletionStage<MiResult<byte[]>> featureIdentifiersSupportedEffectsLog(int iocsi) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_FEATURE_IDENTIFIERS_SUPPORTED_AND_EFFECTS, GetLogPage.NSID_ALL,
        1024).withIocsi(iocsi));
  }

  /** libnvme's {@code _get_log_mi_cmd_supported_effects} (LID 13h), 1024 bytes raw. */
  public CompletionStage<MiResult<byte[]>> miCommandsSupportedEffectsLog() {
    return getLog(GetLogPage.LID_NVME_MI_COMMANDS_SUPPORTED_AND_EFFECTS, 1024);
  }

  /** libnvme's {@code _get_log_lockdown} (LID 14h, LSP = content selection), 1024 bytes raw. */
  public CompletionStage<MiResult<byte[]>> commandAndFeatureLockdownLog(int cnscp) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_COMMAND_AND_FEATURE_LOCKDOWN, GetLogPage.NSID_ALL, 1024)
        .withLsp(cnscp));
  }

  /** libnvme's {@code _get_log_boot_partition} (LID 15h, LSP = boot partition ID). */
  public CompletionStage<MiResult<byte[]>> bootPartitionLog(int bpid, long offset, int length) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_BOOT_PARTITION, GetLogPage.NSID_ALL, length)
        .withLsp(bpid).withLpo(offset));
  }

  /** libnvme's {@code _get_log_discovery} (LID 70h). */
  public CompletionStage<MiResult<byte[]>> discoveryLog(long offset, int length) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_DISCOVERY, 0, length).withLpo(offset));
  }

  /** libnvme's {@code _get_log_reservation} (LID 80h), 64 bytes raw. */
  public CompletionStage<MiResult<byte[]>> reservationNotificationLog() {
    return getLog(GetLogPage.LID_RESERVATION_NOTIFICATION, 64);
  }

  /** libnvme's {@code _get_log_zns_changed_zones} (LID BFh, CSI 02h, per namespace), 4096 bytes raw. */
  public CompletionStage<MiResult<byte[]>> zonedChangedZonesLog(long nsid, boolean rae) {
    return getLogPage(LogPageArgs.of(GetLogPage.LID_ZNS_CHANGED_ZONES, nsid, 4096).withIocsi(2).withRae(rae));
  }

  // ---------------------------------------------------------------------------------------------
  // Features

  /**
   * libnvme's {@code nvme_mi_admin_get_features}: the response (CQE DW0 = the value, data for the
   * features that return data, the typed {@code payload} where known).
   */
  public CompletionStage<MiResult<AdminResponse>> getFeatures(int fid, int sel, long nsid, long cdw11, int uidx) {
    return submit(GetFeatures.of(csi, id, fid, sel, nsid, cdw11, uidx, options));
  }

  /** libnvme's {@code _get_features_simple}: the current value's CQE DW0. */
  public CompletionStage<MiResult<Long>> getFeaturesSimple(int fid, long nsid) {
    return getFeatures(fid, GetFeatures.SEL_CURRENT, nsid, 0, 0).thenApply(r -> r.map(AdminResponse::cqeDw0));
  }

  /** The Temperature Threshold for sensor {@code tmpsel} (0 composite) and type {@code thsel} (0 over, 1 under). */
  public CompletionStage<MiResult<TemperatureThreshold>> temperatureThreshold(int sel, int tmpsel, int thsel) {
    return submit(GetFeatures.of(csi, id, FeatureId.TEMPERATURE_THRESHOLD, sel, 0,
        TemperatureThreshold.selectorDword(tmpsel, thsel), 0, options))
        .thenApply(r -> r.map(resp -> TemperatureThreshold.fromDword(resp.cqeDw0())));
  }

  /** libnvme's {@code _get_features_arbitration}. */
  public CompletionStage<MiResult<Arbitration>> arbitration(int sel) {
    return getFeatures(FeatureId.ARBITRATION, sel, 0, 0, 0)
        .thenApply(r -> r.map(resp -> Arbitration.fromDword(resp.cqeDw0())));
  }

  /** libnvme's {@code _get_features_power_mgmt}. */
  public CompletionStage<MiResult<PowerManagement>> powerManagement(int sel) {
    return getFeatures(FeatureId.POWER_MANAGEMENT, sel, 0, 0, 0)
        .thenApply(r -> r.map(resp -> PowerManagement.fromDword(resp.cqeDw0())));
  }

  /**
   * libnvme's {@code nvme_mi_admin_set_features}; the response's CQE DW0 is the command specific
   * result. Whether DLEN announces {@code data} follows {@link AdminOptions#featuresDataLength()}.
   */
  public CompletionStage<MiResult<AdminResponse>> setFeatures(int fid, boolean sv, long nsid, long cdw11, long cdw12,
      long cdw13, int uidx, long cdw15, byte[] data) {
    return submit(SetFeatures.of(csi, id, fid, sv, nsid, cdw11, cdw12, cdw13, uidx, cdw15, data, options));
  }

  /** Sets a Temperature Threshold. */
  public CompletionStage<MiResult<AdminResponse>> setTemperatureThreshold(TemperatureThreshold threshold,
      boolean sv) {
    return setFeatures(FeatureId.TEMPERATURE_THRESHOLD, sv, 0, threshold.toDword(), 0, 0, 0, 0, new byte[0]);
  }

  /** libnvme's {@code _set_features_power_mgmt}. */
  public CompletionStage<MiResult<AdminResponse>> setPowerManagement(PowerManagement value, boolean sv) {
    return setFeatures(FeatureId.POWER_MANAGEMENT, sv, 0, value.toDword(), 0, 0, 0, 0, new byte[0]);
  }

  // ---------------------------------------------------------------------------------------------
  // Security, namespaces, firmware, format, sanitize

  /** libnvme's {@code nvme_mi_admin_security_send}. */
  public CompletionStage<MiResult<AdminResponse>> securitySend(long nsid, int secp, int spsp, int nssf, byte[] data) {
    return submit(SecuritySend.of(csi, id, nsid, secp, spsp, nssf, data, options));
  }

  /** libnvme's {@code nvme_mi_admin_security_recv}: up to {@code length} bytes (a shorter answer is returned as is). */
  public CompletionStage<MiResult<byte[]>> securityReceive(long nsid, int secp, int spsp, int nssf, int length) {
    return submit(SecurityReceive.of(csi, id, nsid, secp, spsp, nssf, length, options))
        .thenApply(r -> r.map(AdminResponse::data));
  }

  /** libnvme's {@code _ns_mgmt_create}: creates a namespace from {@code data}; the result is the new NSID (CQE DW0). */
  public CompletionStage<MiResult<Long>> namespaceCreate(int iocsi, byte[] data) {
    return submit(NamespaceManagement.create(csi, id, iocsi, data, options))
        .thenApply(r -> r.map(AdminResponse::cqeDw0));
  }

  /** libnvme's {@code _ns_mgmt_delete}. */
  public CompletionStage<MiResult<AdminResponse>> namespaceDelete(long nsid) {
    return submit(NamespaceManagement.delete(csi, id, nsid));
  }

  /** libnvme's {@code _ns_attach_ctrls}. */
  public CompletionStage<MiResult<AdminResponse>> namespaceAttach(long nsid, List<Integer> controllers) {
    return submit(NamespaceAttachment.of(csi, id, nsid, NamespaceAttachment.SEL_ATTACH, controllers, options));
  }

  /** libnvme's {@code _ns_detach_ctrls}. */
  public CompletionStage<MiResult<AdminResponse>> namespaceDetach(long nsid, List<Integer> controllers) {
    return submit(NamespaceAttachment.of(csi, id, nsid, NamespaceAttachment.SEL_DETACH, controllers, options));
  }

  /** libnvme's {@code nvme_mi_admin_fw_download}: one piece (≤ 4096 bytes) at {@code offset}. */
  public CompletionStage<MiResult<AdminResponse>> firmwareDownload(long offset, byte[] piece) {
    return submit(FirmwareImageDownload.of(csi, id, offset, piece, options));
  }

  /**
   * A whole firmware image in 4096-byte pieces, one after another; stops at the first error.
   *
   * @throws IllegalArgumentException when the image is empty or not a multiple of 4 bytes
   */
  public CompletionStage<MiResult<AdminResponse>> firmwareDownloadImage(byte[] image) {
    if (image.length == 0 || image.length % 4 != 0) {
      throw new IllegalArgumentException("image: " + image.length + " bytes (expected: a positive multiple of 4)");
    }
    return downloadFrom(image.clone(), 0);
  }

  private CompletionStage<MiResult<AdminResponse>> downloadFrom(byte[] image, int off) {
    int len = Math.min(AdminCommand.MAX_DATA, image.length - off);
    return firmwareDownload(off, Arrays.copyOfRange(image, off, off + len)).thenCompose(r -> {
      if (!r.isSuccess() || off + len >= image.length) {
        return CompletableFuture.completedFuture(r);
      }
      return downloadFrom(image, off + len);
    });
  }

  /** libnvme's {@code nvme_mi_admin_fw_commit}: slot {@code fs}, commit action {@code ca}, boot partition {@code bpid}. */
  public CompletionStage<MiResult<AdminResponse>> firmwareCommit(int fs, int ca, boolean bpid) {
    return submit(FirmwareCommit.of(csi, id, fs, ca, bpid));
  }

  /** libnvme's {@code nvme_mi_admin_format_nvm}; expect More Processing Required on real drives. */
  public CompletionStage<MiResult<AdminResponse>> formatNvm(long nsid, int lbaFormat, boolean mset, int pi,
      boolean pil, int ses) {
    return submit(FormatNvm.of(csi, id, nsid, lbaFormat, mset, pi, pil, ses));
  }

  /** libnvme's {@code nvme_mi_admin_sanitize_nvm}. */
  public CompletionStage<MiResult<AdminResponse>> sanitize(int sanact, boolean ause, int owpass, boolean oipbp,
      boolean nodas, long ovrpat) {
    return submit(Sanitize.of(csi, id, sanact, ause, owpass, oipbp, nodas, ovrpat));
  }

  // ---------------------------------------------------------------------------------------------

  private static String describe(AdminRequest r) {
    if (r instanceof Identify i) {
      return String.format("Identify (CNS 0x%02x) ctrl %d", i.cns(), i.ctlid());
    }
    if (r instanceof GetLogPage g) {
      return String.format("Get Log Page (LID 0x%02x, LPO %d) ctrl %d", g.lid(), g.lpo(), g.ctlid());
    }
    if (r instanceof GetFeatures f) {
      return String.format("Get Features (FID 0x%02x) ctrl %d", f.fid(), f.ctlid());
    }
    if (r instanceof SetFeatures f) {
      return String.format("Set Features (FID 0x%02x) ctrl %d", f.fid(), f.ctlid());
    }
    return r.commandName() + " ctrl " + r.ctlid();
  }

  /** Maps the endpoint's outcome to an admin outcome: a non-zero NVMe status becomes {@code NvmeError}. */
  private static MiResult<AdminResponse> toAdminResult(MiResult<MiResponse> r) {
    if (r instanceof MiResult.Success<MiResponse> s) {
      if (!(s.value() instanceof AdminResponse a)) {
        return new MiResult.Failure<>(new MiProtocolException(MiErrorKind.UNSUPPORTED,
            "unexpected response to an admin command: " + s.value().getClass().getSimpleName()
                + " (expected: AdminResponse)"));
      }
      if (!a.nvmeSuccess()) {
        return new MiResult.NvmeError<>(a.nvmeStatus());
      }
      return new MiResult.Success<>(a);
    }
    return recast(r);
  }

  /** A non-success outcome re-typed (it carries no value). */
  private static <T> MiResult<T> recast(MiResult<?> r) {
    if (r instanceof MiResult.MiError<?> e) {
      return new MiResult.MiError<>(e.status(), e.errorLocation());
    }
    if (r instanceof MiResult.NvmeError<?> e) {
      return new MiResult.NvmeError<>(e.status());
    }
    if (r instanceof MiResult.Failure<?> f) {
      return new MiResult.Failure<>(f.cause());
    }
    throw new IllegalArgumentException("recast of a success: " + r);
  }

  /** Applies a decoder to a successful response; a decoder's protocol exception becomes a Failure. */
  private static <A, T> MiResult<T> decoded(MiResult<A> r, Function<? super A, ? extends T> decoder) {
    if (r instanceof MiResult.Success<A> s) {
      try {
        return new MiResult.Success<>(decoder.apply(s.value()));
      } catch (MiProtocolException e) {
        return new MiResult.Failure<>(e);
      }
    }
    return recast(r);
  }
}
