package dev.nvmemi.mi.client;

import dev.nvmemi.mi.MiCodec;
import dev.nvmemi.mi.MiErrorResponse;
import dev.nvmemi.mi.MiException;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiRequest;
import dev.nvmemi.mi.MiResponse;
import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.Nmimt;
import dev.nvmemi.mi.admin.AdminOptions;
import dev.nvmemi.mi.command.AsyncEventConfig;
import dev.nvmemi.mi.command.CcsFlag;
import dev.nvmemi.mi.command.CommandCompletion;
import dev.nvmemi.mi.command.ConfigGetAsyncEvent;
import dev.nvmemi.mi.command.ConfigGetHealthStatusChange;
import dev.nvmemi.mi.command.ConfigGetMctpTransmissionUnit;
import dev.nvmemi.mi.command.ConfigGetSmbusFrequency;
import dev.nvmemi.mi.command.ConfigSetAsyncEvent;
import dev.nvmemi.mi.command.ConfigSetHealthStatusChange;
import dev.nvmemi.mi.command.ConfigSetMctpTransmissionUnit;
import dev.nvmemi.mi.command.ConfigSetSmbusFrequency;
import dev.nvmemi.mi.command.ConfigurationGetResponse;
import dev.nvmemi.mi.command.ConfigurationSetResponse;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.ControllerHealthStatusPoll;
import dev.nvmemi.mi.command.ControllerHealthStatusPollResponse;
import dev.nvmemi.mi.command.ControllerInfo;
import dev.nvmemi.mi.command.ControllerList;
import dev.nvmemi.mi.command.DataStructure;
import dev.nvmemi.mi.command.HealthChangeSelector;
import dev.nvmemi.mi.command.MctpTransmissionUnitConfig;
import dev.nvmemi.mi.command.MebCommandSupportList;
import dev.nvmemi.mi.command.MebRead;
import dev.nvmemi.mi.command.MebReadResponse;
import dev.nvmemi.mi.command.MebWrite;
import dev.nvmemi.mi.command.NvmSubsystemInfo;
import dev.nvmemi.mi.command.OptionalCommandList;
import dev.nvmemi.mi.command.PortInfo;
import dev.nvmemi.mi.command.ReadDataStructure;
import dev.nvmemi.mi.command.ReadDataStructureResponse;
import dev.nvmemi.mi.command.Reset;
import dev.nvmemi.mi.command.Shutdown;
import dev.nvmemi.mi.command.SmbusFrequencyConfig;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import dev.nvmemi.mi.command.SubsystemHealthStatusPoll;
import dev.nvmemi.mi.command.SubsystemHealthStatusPollResponse;
import dev.nvmemi.mi.command.VpdRead;
import dev.nvmemi.mi.command.VpdReadResponse;
import dev.nvmemi.mi.command.VpdWrite;
import dev.nvmemi.mi.control.Abort;
import dev.nvmemi.mi.control.AbortResponse;
import dev.nvmemi.mi.control.ControlPrimitive;
import dev.nvmemi.mi.control.ControlResponse;
import dev.nvmemi.mi.control.GetState;
import dev.nvmemi.mi.control.GetStateResponse;
import dev.nvmemi.mi.control.ManagementEndpointState;
import dev.nvmemi.mi.control.Pause;
import dev.nvmemi.mi.control.Replay;
import dev.nvmemi.mi.control.ReplayResponse;
import dev.nvmemi.mi.control.Resume;
import dev.nvmemi.mi.event.AeEnable;
import dev.nvmemi.mi.event.AeEnableList;
import dev.nvmemi.mi.event.AeOccurrenceList;
import dev.nvmemi.mi.event.AeSupported;
import dev.nvmemi.mi.event.AsyncEventSettings;
import dev.nvmemi.mi.event.AsyncEventSync;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One NVMe-MI management endpoint: one method per MI command and control primitive, each
 * returning a typed {@link MiResult} (success value, MI error status with the Parameter Error
 * Location, or a protocol/transport failure), over any {@link MiTransport}. Everything here is
 * transport-agnostic; only the transport is built per medium ({@code MctpTransport.open},
 * {@code SimulatedFleet.endpoint}).
 *
 * <h2>Threading</h2>
 * Methods may be called from any thread and never block. The returned stages complete on the
 * transport's completion thread (or on the caller's thread when the transport completes at once);
 * decoding runs there too (it is cheap and pure). With a transport that completes synchronously,
 * commands submitted from completion callbacks are run one after another on a per-thread
 * trampoline, not recursively, so long chains cannot overflow the stack.
 *
 * <h2>Command slots: admission is the caller's</h2>
 * The spec allows one outstanding command per command slot (CSI). This class never queues: every
 * request goes to the transport at once, and keeping one MI or admin command per slot in flight is
 * the caller's job (in the agent, the bus scheduler admits one exchange per endpoint). A transport
 * may refuse a second exchange on a busy slot as a programming error ({@code MctpTransport} does).
 * Control primitives (Abort, Pause, Get State) are meant to reach a slot that is busy.
 * {@link #withCsi(int)} gives a view on the other slot that shares the tag counter and the
 * transport.
 *
 * <h2>Outcomes</h2>
 * A non-success MI status becomes {@link MiResult.MiError}; a malformed response, a timeout or a
 * transport error becomes {@link MiResult.Failure} — a stage returned here never completes
 * exceptionally. Reset (07h) may legitimately get no response ([U] spec sheet §12 item 10): its
 * timeout is reported as a failure like any other.
 */
public final class MiEndpoint implements AutoCloseable {

  private final MiTransport transport;
  private final MiEndpointOptions options;
  private final AtomicInteger nextTag;

  /** An endpoint with {@link MiEndpointOptions#DEFAULTS}. */
  public MiEndpoint(MiTransport transport) {
    this(transport, MiEndpointOptions.DEFAULTS, new AtomicInteger());
  }

  private MiEndpoint(MiTransport transport, MiEndpointOptions options, AtomicInteger nextTag) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.options = Objects.requireNonNull(options, "options");
    this.nextTag = nextTag;
  }

  /** An endpoint over {@code transport} with {@code options}. */
  public static MiEndpoint over(MiTransport transport, MiEndpointOptions options) {
    return new MiEndpoint(transport, options, new AtomicInteger());
  }

  /** A view of this endpoint that uses command slot {@code csi}; shares transport and tags. */
  public MiEndpoint withCsi(int csi) {
    return new MiEndpoint(transport, options.withCsi(csi), nextTag);
  }

  /** A view with other options (same transport and tags). */
  public MiEndpoint withOptions(MiEndpointOptions newOptions) {
    return new MiEndpoint(transport, newOptions, nextTag);
  }

  public MiEndpointOptions options() {
    return options;
  }

  /** The command slot this view uses. */
  public int csi() {
    return options.csi();
  }

  /** The transport (for the controller API and diagnostics). */
  public MiTransport transport() {
    return transport;
  }

  /** The transport's description, e.g. {@code "mctp: net 1 eid 9"}. */
  public String describe() {
    return transport.describe();
  }

  /** Closes the transport; pending exchanges fail with reason CLOSED. Idempotent. */
  @Override
  public void close() {
    transport.close();
  }

  /** A request header for this view's slot. */
  public MiHeader header(Nmimt nmimt) {
    return MiHeader.request(nmimt, options.csi());
  }

  private MiHeader mi() {
    return header(Nmimt.MI_COMMAND);
  }

  /**
   * The controller {@code id} behind this endpoint, for NVMe Admin commands through the tunnel; its
   * requests go through {@link #submit(MiRequest, ExchangeOptions)} on this view's command slot.
   */
  public MiController controller(int id) {
    return controller(id, AdminOptions.DEFAULTS);
  }

  /** {@link #controller(int)} with admin encoding options. */
  public MiController controller(int id, AdminOptions adminOptions) {
    return new MiController(this::submit, id, options.csi(), adminOptions,
        options.exchange("NVMe Admin", true));
  }

  // ---------------------------------------------------------------- generic

  /** Submits with exchange options derived from this endpoint's options. */
  public CompletionStage<MiResult<MiResponse>> submit(MiRequest request) {
    boolean mpr = !(request instanceof ControlPrimitive);
    return submit(request, options.exchange(request.commandName(), mpr));
  }

  /**
   * Encodes {@code request}, exchanges it, decodes the answer in the context of the request
   * ({@link MiCodec#decodeResponse}), and maps it: {@link MiErrorResponse} to
   * {@link MiResult.MiError}, any exception to {@link MiResult.Failure}, anything else to
   * {@link MiResult.Success}. The request goes to the transport at once (see "Command slots").
   */
  public CompletionStage<MiResult<MiResponse>> submit(MiRequest request, ExchangeOptions exchange) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(exchange, "exchange");
    CompletableFuture<MiResult<MiResponse>> result = new CompletableFuture<>();
    byte[] message;
    try {
      message = request.encode();
    } catch (RuntimeException e) {
      result.complete(new MiResult.Failure<>(new MiProtocolException(MiErrorKind.INVALID_FIELD,
          "cannot encode " + request.commandName() + ": " + e.getMessage(), e)));
      return result;
    }
    trampoline(() -> exchange(request, message, exchange, result));
    return result;
  }

  private void exchange(MiRequest request, byte[] message, ExchangeOptions exchange,
      CompletableFuture<MiResult<MiResponse>> result) {
    CompletionStage<byte[]> stage;
    try {
      stage = transport.exchange(message, exchange, options.interimListener());
    } catch (RuntimeException e) {
      result.complete(new MiResult.Failure<>(asMiException(e)));
      return;
    }
    stage.whenComplete((response, error) -> {
      MiResult<MiResponse> r;
      if (error != null) {
        r = new MiResult.Failure<>(asMiException(error));
      } else if (response == null) {
        r = new MiResult.Failure<>(new MiTransportException(MiTransportException.Reason.IO, describe(),
            "transport completed " + request.commandName() + " without a message (expected: the response)"));
      } else {
        r = decode(response, request);
      }
      result.complete(r);
    });
  }

  private MiResult<MiResponse> decode(byte[] response, MiRequest request) {
    try {
      MiResponse decoded = MiCodec.decodeResponse(response, request, options.codec());
      if (decoded instanceof MiErrorResponse e) {
        return new MiResult.MiError<>(e.status(), e.errorLocation());
      }
      return new MiResult.Success<>(decoded);
    } catch (MiException e) {
      return new MiResult.Failure<>(e);
    } catch (RuntimeException e) {
      return new MiResult.Failure<>(new MiProtocolException(MiErrorKind.INVALID_FIELD,
          "response to " + request.commandName() + " could not be decoded: " + e, e));
    }
  }

  private MiException asMiException(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof MiException e) {
      return e;
    }
    return new MiTransportException(MiTransportException.Reason.IO, describe(), 0,
        "transport failed: " + c, c);
  }

  private <R extends MiResponse, T> CompletionStage<MiResult<T>> call(MiRequest request, Class<R> type,
      Function<R, T> value) {
    return submit(request).thenApply(r -> {
      if (r instanceof MiResult.Success<MiResponse> s && !type.isInstance(s.value())) {
        // Unreachable with this codec (each request decodes to its own response type); kept so
        // that a stage returned here still never completes exceptionally.
        return new MiResult.Failure<>(new MiProtocolException(MiErrorKind.UNSUPPORTED, request.commandName()
            + " answered with " + s.value().getClass().getSimpleName() + " (expected: " + type.getSimpleName() + ")"));
      }
      return r.map(resp -> value.apply(type.cast(resp)));
    });
  }

  // ---------------------------------------------------------------- Read NVMe-MI Data Structure

  private <T extends DataStructure> CompletionStage<MiResult<T>> read(ReadDataStructure req, Class<T> type) {
    return call(req, ReadDataStructureResponse.class, r -> type.cast(r.data()));
  }

  /** Read NVMe-MI Data Structure, NVM Subsystem Information (DTYP 00h). */
  public CompletionStage<MiResult<NvmSubsystemInfo>> readNvmSubsystemInfo() {
    return read(ReadDataStructure.subsystemInfo(mi()), NvmSubsystemInfo.class);
  }

  /** Read NVMe-MI Data Structure, Port Information (DTYP 01h) of {@code portId}. */
  public CompletionStage<MiResult<PortInfo>> readPortInfo(int portId) {
    return read(ReadDataStructure.portInfo(mi(), portId), PortInfo.class);
  }

  /**
   * Read NVMe-MI Data Structure, Controller List (DTYP 02h) from {@code startId}, placed as
   * {@link dev.nvmemi.mi.MiCodecOptions#controllerListStartId()} says.
   */
  public CompletionStage<MiResult<ControllerList>> readControllerList(int startId) {
    return read(ReadDataStructure.controllerList(mi(), startId, options.codec()), ControllerList.class);
  }

  /** Read NVMe-MI Data Structure, Controller Information (DTYP 03h) of {@code ctrlId}. */
  public CompletionStage<MiResult<ControllerInfo>> readControllerInfo(int ctrlId) {
    return read(ReadDataStructure.controllerInfo(mi(), ctrlId), ControllerInfo.class);
  }

  /** Read NVMe-MI Data Structure, Optionally Supported Command List (DTYP 04h). */
  public CompletionStage<MiResult<OptionalCommandList>> readOptionalCommandList(int iocsi) {
    return read(ReadDataStructure.optionalCommands(mi(), iocsi), OptionalCommandList.class);
  }

  /** Read NVMe-MI Data Structure, MEB Command Support List (DTYP 05h). */
  public CompletionStage<MiResult<MebCommandSupportList>> readMebCommandSupportList(int iocsi) {
    return read(ReadDataStructure.mebCommands(mi(), iocsi), MebCommandSupportList.class);
  }

  // ---------------------------------------------------------------- health

  /**
   * NVM Subsystem Health Status Poll. {@code clearStatus} sets CS, which clears the CCS flags for
   * every other out-of-band reader too (a BMC); the agent leaves it false by default.
   */
  public CompletionStage<MiResult<SubsystemHealthStatus>> pollSubsystemHealth(boolean clearStatus) {
    return call(new SubsystemHealthStatusPoll(mi(), clearStatus), SubsystemHealthStatusPollResponse.class,
        SubsystemHealthStatusPollResponse::nshds);
  }

  /** Controller Health Status Poll with ALL=1 from {@code startId}, up to {@code maxEntries} (1..256), read-only. */
  public CompletionStage<MiResult<List<ControllerHealthStatus>>> pollControllerHealth(int startId, int maxEntries) {
    return call(ControllerHealthStatusPoll.all(mi(), startId, maxEntries),
        ControllerHealthStatusPollResponse.class, ControllerHealthStatusPollResponse::chds);
  }

  /**
   * Controller Health Status Poll with every selector: functions to include, ALL, the change
   * selectors and CCF (clear the changed flags of the controllers returned).
   */
  public CompletionStage<MiResult<List<ControllerHealthStatus>>> pollControllerHealth(int startId,
      int maxEntries, boolean incf, boolean incpf, boolean incvf, boolean all,
      Set<HealthChangeSelector> changed, boolean clearChanged) {
    if (maxEntries < 1 || maxEntries > 256) {
      throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: 1 ~ 256)");
    }
    ControllerHealthStatusPoll req = new ControllerHealthStatusPoll(mi(), startId, maxEntries - 1, incf,
        incpf, incvf, all, changed.contains(HealthChangeSelector.CSTS),
        changed.contains(HealthChangeSelector.CTEMP), changed.contains(HealthChangeSelector.PDLU),
        changed.contains(HealthChangeSelector.SPARE), changed.contains(HealthChangeSelector.CWARN),
        clearChanged);
    return call(req, ControllerHealthStatusPollResponse.class, ControllerHealthStatusPollResponse::chds);
  }

  // ---------------------------------------------------------------- configuration

  /** Configuration Get, SMBus/I2C Frequency (CID 01h) of {@code portId}. */
  public CompletionStage<MiResult<SmbusFrequencyConfig>> configGetSmbusFrequency(int portId) {
    return call(new ConfigGetSmbusFrequency(mi(), portId), ConfigurationGetResponse.class,
        r -> (SmbusFrequencyConfig) r.value());
  }

  /** Configuration Set, SMBus/I2C Frequency (CID 01h): 1 = 100 kHz, 2 = 400 kHz, 3 = 1 MHz. */
  public CompletionStage<MiResult<ConfigurationSetResponse>> configSetSmbusFrequency(int portId, int sfreq) {
    return call(new ConfigSetSmbusFrequency(mi(), portId, sfreq), ConfigurationSetResponse.class, r -> r);
  }

  /** Configuration Get, Health Status Change (CID 02h): succeeds, NMRESP reserved. */
  public CompletionStage<MiResult<ConfigurationGetResponse>> configGetHealthStatusChange() {
    return call(new ConfigGetHealthStatusChange(mi()), ConfigurationGetResponse.class, r -> r);
  }

  /**
   * Configuration Set, Health Status Change (CID 02h): clears {@code flags} from CCS. The flags
   * are translated into the contiguous mask layout unless
   * {@link dev.nvmemi.mi.MiCodecOptions#hscMaskLayout()} says otherwise.
   */
  public CompletionStage<MiResult<ConfigurationSetResponse>> configSetHealthStatusChange(Set<CcsFlag> flags) {
    return call(ConfigSetHealthStatusChange.clearing(mi(), flags, options.codec().hscMaskLayout()),
        ConfigurationSetResponse.class, r -> r);
  }

  /** Configuration Get, MCTP Transmission Unit Size (CID 03h) of {@code portId}, in bytes. */
  public CompletionStage<MiResult<Integer>> configGetMctpTransmissionUnitSize(int portId) {
    return call(new ConfigGetMctpTransmissionUnit(mi(), portId), ConfigurationGetResponse.class,
        r -> ((MctpTransmissionUnitConfig) r.value()).mtus());
  }

  /** Configuration Set, MCTP Transmission Unit Size (CID 03h). */
  public CompletionStage<MiResult<ConfigurationSetResponse>> configSetMctpTransmissionUnitSize(int portId, int mtus) {
    return call(new ConfigSetMctpTransmissionUnit(mi(), portId, mtus), ConfigurationSetResponse.class, r -> r);
  }

  /** Configuration Get, Asynchronous Event (CID 04h): AEELVER and the AE Supported List. */
  public CompletionStage<MiResult<AsyncEventConfig>> configGetAsyncEvent() {
    return call(new ConfigGetAsyncEvent(mi()), ConfigurationGetResponse.class, r -> (AsyncEventConfig) r.value());
  }

  /**
   * Configuration Set, Asynchronous Event (CID 04h) with an enable-list delta; returns the AE
   * Occurrence List of the response (validate it against the session with
   * {@link dev.nvmemi.mi.event.AemSession}).
   */
  public CompletionStage<MiResult<AeOccurrenceList>> configSetAsyncEvent(boolean envfa, boolean enpfa,
      boolean encfa, int aemd, int aerd, AeEnableList enableList) {
    return call(new ConfigSetAsyncEvent(mi(), envfa, enpfa, encfa, aemd, aerd, enableList),
        ConfigurationSetResponse.class, ConfigurationSetResponse::aeol);
  }

  /** The AEM acknowledgement: Configuration Set CID 04h with an empty enable list. */
  public CompletionStage<MiResult<AeOccurrenceList>> acknowledgeAsyncEvents() {
    return call(ConfigSetAsyncEvent.acknowledgement(mi()), ConfigurationSetResponse.class,
        ConfigurationSetResponse::aeol);
  }

  /**
   * {@link #enableAsyncEvents(Set, AsyncEventSettings)} with ENCFA set, ENPFA/ENVFA clear and the
   * given delays.
   *
   * @param aemd AEM delay, seconds
   * @param aerd AEM retry delay, 100 ms units
   */
  public CompletionStage<MiResult<AsyncEventSync>> enableAsyncEvents(Set<Integer> aeids, int aemd, int aerd) {
    return enableAsyncEvents(aeids, AsyncEventSettings.DEFAULTS.withAemd(aemd).withAerd(aerd));
  }

  /**
   * libnvme's enable sequence ({@code nvme_mi_aem_enable}, spec sheet §8.4 step 1): Configuration
   * Get AE (the supported list is validated by the decoder), then a Configuration Set that disables
   * every event currently enabled (AEMD 1, AERD 0) when there is one, then a Configuration Set that
   * enables the requested events the endpoint supports, with {@code settings} in NMD0. Requested
   * IDs the endpoint does not list are left out rather than sent (an endpoint answers an unsupported
   * ID with Invalid Parameter, failing the whole set); {@link AsyncEventSync#enabled()} says what
   * was enabled, and when none is left no enabling Configuration Set is sent. The occurrence list
   * of the last response is validated against the enabled set (an occurrence of another event is a
   * protocol failure). Draining AEMs that arrived meanwhile is the AEM reader's business (it owns
   * that socket).
   *
   * @param aeids AE IDs to enable (0..255)
   */
  public CompletionStage<MiResult<AsyncEventSync>> enableAsyncEvents(Set<Integer> aeids, AsyncEventSettings settings) {
    Set<Integer> requested = new TreeSet<>(aeids);
    return configGetAsyncEvent().thenCompose(got -> {
      if (!(got instanceof MiResult.Success<AsyncEventConfig> s)) {
        return CompletableFuture.completedFuture(got.<AsyncEventSync>map(x -> null));
      }
      Set<Integer> wanted = new TreeSet<>();
      List<AeEnable> disables = new ArrayList<>();
      for (AeSupported a : s.value().aesl().items()) {
        if (a.enabled()) {
          disables.add(AeEnable.of(a.aeid(), false));
        }
        if (requested.contains(a.aeid())) {
          wanted.add(a.aeid());
        }
      }
      List<AeEnable> enables = new ArrayList<>();
      for (int id : wanted) {
        enables.add(AeEnable.of(id, true));
      }
      CompletionStage<MiResult<AeOccurrenceList>> disabled = disables.isEmpty()
          ? CompletableFuture.completedFuture(new MiResult.Success<>(AeOccurrenceList.of(0, List.of())))
          : configSetAsyncEvent(false, false, false, 1, 0, AeEnableList.of(disables));
      return disabled.thenCompose(d -> {
        if (!d.isSuccess()) {
          return CompletableFuture.completedFuture(d.<AsyncEventSync>map(x -> null));
        }
        if (wanted.isEmpty()) {
          return CompletableFuture.completedFuture(
              new MiResult.Success<>(new AsyncEventSync(Set.of(), AeOccurrenceList.of(0, List.of()))));
        }
        return configSetAsyncEvent(settings.envfa(), settings.enpfa(), settings.encfa(), settings.aemd(),
            settings.aerd(), AeEnableList.of(enables)).thenApply(r -> {
              if (!(r instanceof MiResult.Success<AeOccurrenceList> ok)) {
                return r.<AsyncEventSync>map(x -> null);
              }
              try {
                AeOccurrenceList checked = AeOccurrenceList.decode(ok.value().encode(), wanted);
                return new MiResult.Success<>(new AsyncEventSync(wanted, checked));
              } catch (MiProtocolException e) {
                return new MiResult.Failure<>(e);
              }
            });
      });
    });
  }

  /**
   * Disables every asynchronous event that is enabled (libnvme {@code nvme_mi_aem_disable}):
   * Configuration Get AE, then one Configuration Set disabling each enabled ID; returns the IDs
   * that were disabled.
   */
  public CompletionStage<MiResult<Set<Integer>>> disableAsyncEvents() {
    return configGetAsyncEvent().thenCompose(got -> {
      if (!(got instanceof MiResult.Success<AsyncEventConfig> s)) {
        return CompletableFuture.completedFuture(got.<Set<Integer>>map(x -> null));
      }
      Set<Integer> ids = new TreeSet<>();
      List<AeEnable> disables = new ArrayList<>();
      for (AeSupported a : s.value().aesl().items()) {
        if (a.enabled()) {
          ids.add(a.aeid());
          disables.add(AeEnable.of(a.aeid(), false));
        }
      }
      if (disables.isEmpty()) {
        return CompletableFuture.completedFuture(new MiResult.Success<>(Set.<Integer>of()));
      }
      return configSetAsyncEvent(false, false, false, 1, 0, AeEnableList.of(disables))
          .thenApply(r -> r.map(x -> Set.copyOf(ids)));
    });
  }

  // ---------------------------------------------------------------- VPD, reset, shutdown, MEB

  /** VPD Read of {@code dlen} bytes at {@code dofst}. */
  public CompletionStage<MiResult<byte[]>> vpdRead(int dofst, int dlen) {
    return call(new VpdRead(mi(), dofst, dlen), VpdReadResponse.class, VpdReadResponse::data);
  }

  /** VPD Write of {@code data} at {@code dofst}. */
  public CompletionStage<MiResult<CommandCompletion>> vpdWrite(int dofst, byte[] data) {
    return call(VpdWrite.of(mi(), dofst, data), CommandCompletion.class, r -> r);
  }

  /** Reset (07h), type 00h: NVM subsystem reset. See the class comment on a missing response. */
  public CompletionStage<MiResult<CommandCompletion>> reset() {
    return call(new Reset(mi(), Reset.NVM_SUBSYSTEM), CommandCompletion.class, r -> r);
  }

  /** Shutdown (0Ch): {@link Shutdown#NORMAL} or {@link Shutdown#ABRUPT}. */
  public CompletionStage<MiResult<CommandCompletion>> shutdown(int shdntyp) {
    return call(new Shutdown(mi(), shdntyp), CommandCompletion.class, r -> r);
  }

  /** Management Endpoint Buffer Read. */
  public CompletionStage<MiResult<byte[]>> mebRead(long dofst, long dlen) {
    return call(new MebRead(mi(), dofst, dlen), MebReadResponse.class, MebReadResponse::data);
  }

  /** Management Endpoint Buffer Write. */
  public CompletionStage<MiResult<CommandCompletion>> mebWrite(long dofst, byte[] data) {
    return call(MebWrite.of(mi(), dofst, data), CommandCompletion.class, r -> r);
  }

  // ---------------------------------------------------------------- control primitives

  private MiHeader cp() {
    return header(Nmimt.CONTROL_PRIMITIVE);
  }

  private int tag() {
    return nextTag.getAndIncrement() & 0xFF;
  }

  /** Pause. */
  public CompletionStage<MiResult<ControlResponse>> pause() {
    return call(new Pause(cp(), tag()), ControlResponse.class, r -> r);
  }

  /** Resume. */
  public CompletionStage<MiResult<ControlResponse>> resume() {
    return call(new Resume(cp(), tag()), ControlResponse.class, r -> r);
  }

  /** Abort the command in this view's slot; the response says how far it got (CPAS). */
  public CompletionStage<MiResult<AbortResponse>> abort() {
    return call(new Abort(cp(), tag()), AbortResponse.class, r -> r);
  }

  /** Get State; {@code clearErrorFlags} sets CESF. */
  public CompletionStage<MiResult<ManagementEndpointState>> getState(boolean clearErrorFlags) {
    return call(new GetState(cp(), tag(), clearErrorFlags), GetStateResponse.class, GetStateResponse::state);
  }

  /** Replay the last response from packet offset {@code rro} (0's based). */
  public CompletionStage<MiResult<ReplayResponse>> replay(int rro) {
    return call(new Replay(cp(), tag(), rro), ReplayResponse.class, r -> r);
  }

  @Override
  public String toString() {
    return "MiEndpoint[" + describe() + ", csi " + options.csi() + "]";
  }

  /**
   * Runs {@code task} now or, when called from inside another task on this thread, right after
   * that task returns. A transport that completes synchronously (the simulator without latency)
   * would otherwise recurse once per command: exchange → completion → next queued exchange, or a
   * caller that submits the next command (the next log chunk) from the completion callback.
   */
  private static void trampoline(Runnable task) {
    ArrayDeque<Runnable> pending = TRAMPOLINE.get();
    if (pending != null) {
      pending.add(task);
      return;
    }
    pending = new ArrayDeque<>();
    TRAMPOLINE.set(pending);
    try {
      task.run();
      for (Runnable next = pending.poll(); next != null; next = pending.poll()) {
        next.run();
      }
    } finally {
      TRAMPOLINE.remove();
    }
  }

  private static final ThreadLocal<ArrayDeque<Runnable>> TRAMPOLINE = new ThreadLocal<>();
}
