package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.AdminFixtures.adminResponse;
import static dev.nvmemi.mi.admin.AdminFixtures.adminSuccess;
import static dev.nvmemi.mi.admin.AdminFixtures.le32;
import static dev.nvmemi.mi.admin.AdminFixtures.shortResponse;
import static dev.nvmemi.mi.admin.AdminFixtures.vectorRequest;
import static dev.nvmemi.mi.admin.AdminFixtures.vectorResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.MiTimeoutException;
import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.MoreProcessingRequired;
import dev.nvmemi.mi.NvmeStatus;
import dev.nvmemi.mi.client.ExchangeOptions;
import dev.nvmemi.mi.client.MiController;
import dev.nvmemi.mi.client.MiController.LogPageArgs;
import dev.nvmemi.mi.client.MiEndpoint;
import dev.nvmemi.mi.client.MiResult;
import dev.nvmemi.mi.client.MiTransport;
import dev.nvmemi.mi.client.ParameterErrorLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@link MiController} over a scripted fake {@link MiTransport}. */
class MiControllerTest {

  /**
   * A transport that answers each request with the messages a script returns: interim More
   * Processing Required messages first (reported to the listener as a real transport does), then
   * the final one. A script may instead return a failed stage. Records every request.
   */
  static final class ScriptedTransport implements MiTransport {
    final List<byte[]> requests = new ArrayList<>();
    final List<Duration> mprWaits = new ArrayList<>();
    final List<ExchangeOptions> options = new ArrayList<>();
    private final Function<byte[], Object> script;
    private final ExecutorService completer;

    ScriptedTransport(Function<byte[], Object> script) {
      this(script, null);
    }

    ScriptedTransport(Function<byte[], Object> script, ExecutorService completer) {
      this.script = script;
      this.completer = completer;
    }

    @Override
    public CompletionStage<byte[]> exchange(byte[] request, ExchangeOptions opts, InterimListener interim) {
      synchronized (this) {
        requests.add(request.clone());
        options.add(opts);
      }
      Object answer = script.apply(request);
      CompletableFuture<byte[]> f = new CompletableFuture<>();
      Runnable complete = () -> {
        if (answer instanceof Throwable t) {
          f.completeExceptionally(t);
          return;
        }
        @SuppressWarnings("unchecked")
        List<byte[]> messages = answer instanceof byte[] b ? List.of(b) : (List<byte[]>) answer;
        for (byte[] m : messages) {
          var mpr = MoreProcessingRequired.detect(m);
          if (mpr.isPresent()) {
            synchronized (this) {
              mprWaits.add(mpr.get().nextWait(opts.timeout(), opts.mprWaitCap()));
            }
            interim.onInterim(m, mpr.get());
          } else {
            f.complete(m);
            return;
          }
        }
        f.completeExceptionally(new MiTimeoutException(describe(), opts.command(), opts.timeout()));
      };
      if (completer != null) {
        completer.execute(complete);
      } else {
        complete.run();
      }
      return f;
    }

    @Override
    public String describe() {
      return "fake: net 1 eid 9";
    }

    @Override
    public void close() {}

    /** Dword n (1..15) of request i. */
    long dw(int i, int n) {
      return le32(requests.get(i), 4 + 4 * n) & 0xFFFFFFFFL;
    }
  }

  private static <T> MiResult<T> get(CompletionStage<MiResult<T>> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static <T> T success(CompletionStage<MiResult<T>> stage) throws Exception {
    MiResult<T> r = get(stage);
    assertThat(r).isInstanceOf(MiResult.Success.class);
    return r.orElseThrow();
  }

  /** Answers a Get Log Page with DLEN bytes, each byte = (LPO + index) & 0xFF, so order is visible. */
  private static byte[] logBytes(byte[] req) {
    int dlen = le32(req, 32);
    long lpo = (le32(req, 52) & 0xFFFFFFFFL) | (long) le32(req, 56) << 32;
    byte[] d = new byte[dlen];
    for (int i = 0; i < dlen; i++) {
      d[i] = (byte) (lpo + i);
    }
    return adminSuccess(d);
  }

  // ---- Identify ----

  @Test
  void identifyControllerDecodesTheFixture() throws Exception {
    byte[] fixture = AdminFixtures.load("identify-controller.hex");
    ScriptedTransport t = new ScriptedTransport(req -> adminSuccess(fixture));
    IdentifyController c = success(MiController.over(t, 6).identifyController());
    assertThat(c).isEqualTo(IdentifyController.decode(fixture));
    assertThat(t.requests.get(0)).isEqualTo(Identify.controller(0, 6).encode());
  }

  @Test
  void identifyControllerSummarySendsLibnvmesProbe() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> vectorResponse("admin_identify_ctrl_partial72"));
    IdentifyControllerSummary s = success(MiController.over(t, 0).identifyControllerSummary());
    assertThat(t.requests.get(0)).isEqualTo(vectorRequest("admin_identify_ctrl_partial72"));
    assertThat(s.sn()).isEqualTo("S4EWNX0R123456");
    assertThat(s.vid()).isEqualTo(0x144d);
  }

  @Test
  void identifyPartialFailsWhenFewerBytesComeBack() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> adminSuccess(new byte[64]));
    MiResult<byte[]> r = get(MiController.over(t, 0).identifyPartial(1, 0, 0, 0, 0, 0, 0, 72));
    assertThat(r).isInstanceOfSatisfying(MiResult.Failure.class, f -> assertThat(((MiProtocolException) f.cause())
        .kind()).isEqualTo(MiErrorKind.LENGTH_MISMATCH));
  }

  @Test
  void identifyListsDecodeTheirIds() throws Exception {
    byte[] list = new byte[4096];
    list[0] = 2;
    list[2] = 1;
    list[4] = 2;
    ScriptedTransport t = new ScriptedTransport(req -> adminSuccess(list));
    assertThat(success(MiController.over(t, 0).identifyControllerList(1)).ids()).containsExactly(1, 2);
    assertThat(t.dw(0, 10)).isEqualTo(1L << 16 | Identify.CNS_CONTROLLER_LIST);
  }

  @Test
  void identifyUsesTheControllersCommandSlot() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> adminResponse(1, 0, 0, 0, 0, new byte[72]));
    MiController c = MiController.over(t, 0, 1, MiCodecOptions.DEFAULTS, AdminOptions.DEFAULTS,
        ExchangeOptions.defaults("admin"));
    success(c.identifyControllerSummary());
    assertThat(t.requests.get(0)[1]).isEqualTo((byte) 0x11);
  }

  // ---- Get Log Page: libnvme's chunking and RAE rule (§6.5) ----

  @Test
  void smartLogSendsVector23AndDecodesItsAnswer() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> vectorResponse("admin_get_log_smart"));
    SmartLog s = success(MiController.over(t, 0).smartLog());
    assertThat(t.requests.get(0)).isEqualTo(vectorRequest("admin_get_log_smart"));
    assertThat(s.ctemp()).isEqualTo(311);
    assertThat(t.options.get(0).command()).contains("Get Log Page (LID 0x02");
  }

  @Test
  void ocpSmartExtendedLogReadsC0WithRaeAndTheUuidIndex() throws Exception {
    byte[] page = AdminFixtures.load("../ocp/c0-a-lpv4.hex");
    ScriptedTransport t = new ScriptedTransport(req -> AdminFixtures.adminSuccess(page));
    OcpSmartExtendedLog l = success(MiController.over(t, 0).ocpSmartExtendedLog(2, OcpLogOptions.DEFAULTS));
    assertThat(t.dw(0, 10)).isEqualTo(0x007F80C0L); // ocp-logs.md section 1, with RAE = 1
    assertThat(t.dw(0, 14)).isEqualTo(2L);
    assertThat(l.logPageVersion()).isEqualTo(4);
  }

  @Test
  void ocpSmartExtendedLogWithAnotherGuidFailsWithTheGuidError() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> AdminFixtures.adminSuccess(new byte[512]));
    MiResult<OcpSmartExtendedLog> r = get(MiController.over(t, 0).ocpSmartExtendedLog(0, OcpLogOptions.DEFAULTS));
    assertThat(r).isInstanceOfSatisfying(MiResult.Failure.class,
        f -> assertThat(f.cause()).isInstanceOf(dev.nvmemi.mi.LogPageGuidMismatchException.class));
  }

  @Test
  void uuidListIsIdentifyCns17() throws Exception {
    byte[] list = AdminFixtures.load("../ocp/uuid-list.hex");
    ScriptedTransport t = new ScriptedTransport(req -> AdminFixtures.adminSuccess(list));
    UuidList l = success(MiController.over(t, 0).uuidList());
    assertThat(t.dw(0, 10) & 0xFF).isEqualTo(0x17L);
    assertThat(l.ocpUuidIndex()).isEqualTo(2);
  }

  @Test
  void getLogPageSplitsAn8196ByteLogIntoLibnvmesThreeChunks() throws Exception {
    ScriptedTransport t = new ScriptedTransport(MiControllerTest::logBytes);
    byte[] log = success(MiController.over(t, 0).getLogPage(LogPageArgs.of(0x01, 0xFFFFFFFFL, 8196)));
    assertThat(t.requests).hasSize(3);
    // libnvme test_admin_get_log_split: (LPO 0, 4096), (4096, 4096), (8192, 4)
    assertThat(t.dw(0, 10)).isEqualTo(0x03FF8001L);
    assertThat(t.dw(1, 10)).isEqualTo(0x03FF8001L);
    assertThat(t.dw(2, 10)).isEqualTo(0x00000001L);
    assertThat(List.of(t.dw(0, 12), t.dw(1, 12), t.dw(2, 12))).containsExactly(0L, 4096L, 8192L);
    assertThat(List.of(t.dw(0, 7), t.dw(1, 7), t.dw(2, 7))).containsExactly(4096L, 4096L, 4L);
    assertThat(List.of(t.dw(0, 6), t.dw(1, 6), t.dw(2, 6))).containsExactly(0L, 0L, 0L);
    assertThat(log).hasSize(8196);
    for (int i = 0; i < log.length; i++) {
      assertThat(log[i]).as("byte %d", i).isEqualTo((byte) i);
    }
  }

  @Test
  void getLogPageKeepsTheCallersRaeOnTheFinalChunk() throws Exception {
    ScriptedTransport t = new ScriptedTransport(MiControllerTest::logBytes);
    success(MiController.over(t, 0).getLogPage(LogPageArgs.of(0x01, 0xFFFFFFFFL, 8196).withRae(true)));
    for (int i = 0; i < 3; i++) {
      assertThat(t.dw(i, 10) & 0x8000).as("RAE of chunk %d", i).isEqualTo(0x8000);
    }
  }

  @Test
  void getLogPageAddsTheChunkOffsetToTheCallersLpo() throws Exception {
    ScriptedTransport t = new ScriptedTransport(MiControllerTest::logBytes);
    long lpo = 0x1_FFFF_F000L;
    success(MiController.over(t, 0).getLogPage(LogPageArgs.of(0x07, 1, 8192).withLpo(lpo).withLsp(1)));
    assertThat(t.dw(0, 12)).isEqualTo(0xFFFF_F000L);
    assertThat(t.dw(0, 13)).isEqualTo(1);
    assertThat(t.dw(1, 12)).isEqualTo(0);
    assertThat(t.dw(1, 13)).isEqualTo(2);
    assertThat(t.dw(1, 10) & 0x7F00).isEqualTo(0x100);
    assertThat(t.dw(1, 1)).isEqualTo(1);
  }

  @Test
  void getLogPageHonoursASmallerChunkSize() throws Exception {
    ScriptedTransport t = new ScriptedTransport(MiControllerTest::logBytes);
    byte[] log = success(MiController.over(t, 0).getLogPage(LogPageArgs.of(0x02, 0xFFFFFFFFL, 1024), 512));
    assertThat(t.requests).hasSize(2);
    assertThat(t.dw(0, 10)).isEqualTo(0x007F8002L);
    assertThat(t.dw(1, 10)).isEqualTo(0x007F0002L);
    assertThat(log).hasSize(1024);
  }

  @Test
  void aShortChunkEndsTheRead() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> le32(req, 52) == 0 ? logBytes(req) : adminSuccess(new byte[100]));
    byte[] log = success(MiController.over(t, 0).getLogPage(LogPageArgs.of(0x01, 0xFFFFFFFFL, 12288)));
    assertThat(t.requests).hasSize(2);
    assertThat(log).hasSize(4196);
  }

  @Test
  void anNvmeErrorOnAChunkEndsTheReadWithThatError() throws Exception {
    ScriptedTransport t = new ScriptedTransport(
        req -> le32(req, 52) == 0 ? logBytes(req) : adminResponse(0, 0, 0, 0, 0x80040000L, new byte[0]));
    MiResult<byte[]> r = get(MiController.over(t, 0).getLogPage(LogPageArgs.of(0x01, 0xFFFFFFFFL, 12288)));
    assertThat(r).isEqualTo(new MiResult.NvmeError<byte[]>(new NvmeStatus(2, 0, 0, false, true)));
    assertThat(t.requests).hasSize(2);
  }

  @Test
  void anMiErrorOnAChunkEndsTheReadWithThatError() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> shortResponse(0x90, 0x02, 0, 0, 0));
    MiResult<byte[]> r = get(MiController.over(t, 0).getLogPage(LogPageArgs.of(0x01, 0xFFFFFFFFL, 8192)));
    assertThat(r).isEqualTo(new MiResult.MiError<byte[]>(MiStatus.INTERNAL_ERROR, null));
    assertThat(t.requests).hasSize(1);
  }

  @Test
  void anOffsetTypeLogLargerThanOneChunkIsRefused() {
    ScriptedTransport t = new ScriptedTransport(MiControllerTest::logBytes);
    MiController c = MiController.over(t, 0);
    assertThatThrownBy(() -> c.getLogPage(LogPageArgs.of(0x0D, 0xFFFFFFFFL, 8192).withOt(true)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OT");
    assertThat(t.requests).isEmpty();
  }

  @Test
  void logArgumentsOutsideTheSpecAreRefused() {
    assertThatThrownBy(() -> LogPageArgs.of(0x02, 0, 510)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LogPageArgs.of(0x100, 0, 512)).isInstanceOf(IllegalArgumentException.class);
    MiController c = MiController.over(new ScriptedTransport(MiControllerTest::logBytes), 0);
    assertThatThrownBy(() -> c.getLogPage(LogPageArgs.of(2, 0, 512), 4100)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void chunkedReadWorksWhenTheTransportCompletesOnAnotherThread() throws Exception {
    ExecutorService io = Executors.newSingleThreadExecutor();
    try {
      ScriptedTransport t = new ScriptedTransport(MiControllerTest::logBytes, io);
      byte[] log = success(MiController.over(t, 0).getLogPage(LogPageArgs.of(0x01, 0xFFFFFFFFL, 3 * 4096)));
      assertThat(log).hasSize(12288);
      assertThat(log[12287]).isEqualTo((byte) 12287);
    } finally {
      io.shutdownNow();
    }
  }

  @Test
  void errorLogReturnsTheRequestedEntries() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> {
      byte[] d = new byte[le32(req, 32)];
      d[0] = 9;
      return adminSuccess(d);
    });
    List<ErrorLogEntry> entries = success(MiController.over(t, 0).errorLog(2));
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).errcnt()).isEqualTo(9);
    assertThat(t.dw(0, 7)).isEqualTo(128);
    assertThat(t.dw(0, 10) & 0xFF).isEqualTo(1);
  }

  @Test
  void namedLogReadersFillLspLsiCsiAndLpo() throws Exception {
    ScriptedTransport t = new ScriptedTransport(MiControllerTest::logBytes);
    MiController c = MiController.over(t, 0);
    success(c.telemetryHostLog(true, 512, 512));
    success(c.anaLog(1, true, 0, 4096));
    success(c.zonedChangedZonesLog(7, false));
    success(c.mediaUnitStatusLog(3));
    // telemetry host: LID 07h, LSP 1 (create), LPO 512
    assertThat(t.dw(0, 10) & 0x7FFF).isEqualTo(0x0107);
    assertThat(t.dw(0, 12)).isEqualTo(512);
    // ANA: LID 0Ch, LSP 1, RAE
    assertThat(t.dw(1, 10) & 0xFFFF).isEqualTo(0x810C);
    // ZNS changed zones: LID BFh, NSID 7, CSI 2 in DW14 31:24
    assertThat(t.dw(2, 10) & 0xFF).isEqualTo(0xBF);
    assertThat(t.dw(2, 1)).isEqualTo(7);
    assertThat(t.dw(2, 14)).isEqualTo(0x0200_0000L);
    // media unit status: LSI 3 in DW11 31:16
    assertThat(t.dw(3, 11) >>> 16).isEqualTo(3);
  }

  // ---- outcome mapping ----

  @Test
  void aNonZeroNvmeStatusBecomesNvmeError() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> vectorResponse("admin_nvme_error_invalid_field"));
    MiResult<byte[]> r = get(MiController.over(t, 0).identify(0xFF, 0, 0, 0, 0, 0));
    assertThat(t.requests.get(0)).isEqualTo(vectorRequest("admin_nvme_error_invalid_field"));
    assertThat(r).isInstanceOfSatisfying(MiResult.NvmeError.class, e -> {
      assertThat(e.status().sc()).isEqualTo(2);
      assertThat(e.status().dnr()).isTrue();
      assertThat(e.status().isInvalidCommand()).isTrue();
    });
    assertThat(r.errorType()).isEqualTo("nvme_status");
  }

  @Test
  void aNonSuccessMiStatusBecomesMiErrorWithItsLocation() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> shortResponse(0x90, 0x04, 0x00, 0x2C, 0x00));
    MiResult<IdentifyController> r = get(MiController.over(t, 0).identifyController());
    assertThat(r).isEqualTo(new MiResult.MiError<IdentifyController>(MiStatus.INVALID_PARAMETER,
        new ParameterErrorLocation(44, 0)));
  }

  @Test
  void aTimeoutBecomesFailureWithTheTransportsCause() throws Exception {
    MiTimeoutException timeout = new MiTimeoutException("fake: net 1 eid 9", "Identify", Duration.ofMillis(5000));
    ScriptedTransport t = new ScriptedTransport(req -> timeout);
    MiResult<SmartLog> r = get(MiController.over(t, 0).smartLog());
    assertThat(r).isEqualTo(new MiResult.Failure<SmartLog>(timeout));
    assertThat(r.errorType()).isEqualTo("timeout");
  }

  @Test
  void anUnexpectedTransportExceptionBecomesAnIoFailure() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> new IllegalStateException("socket gone"));
    MiResult<SmartLog> r = get(MiController.over(t, 0).smartLog());
    assertThat(r).isInstanceOfSatisfying(MiResult.Failure.class, f -> {
      assertThat(f.cause()).isInstanceOf(MiTransportException.class).hasMessageContaining("socket gone");
      assertThat(((MiTransportException) f.cause()).reason()).isEqualTo(MiTransportException.Reason.IO);
    });
  }

  @Test
  void aTransportThatThrowsAtOnceBecomesFailure() throws Exception {
    MiTransportException closed = new MiTransportException(MiTransportException.Reason.CLOSED, "fake", "closed");
    MiTransport t = new MiTransport() {
      @Override
      public CompletionStage<byte[]> exchange(byte[] request, ExchangeOptions opts, InterimListener interim) {
        throw closed;
      }

      @Override
      public String describe() {
        return "fake";
      }

      @Override
      public void close() {}
    };
    assertThat(get(MiController.over(t, 0).smartLog())).isEqualTo(new MiResult.Failure<SmartLog>(closed));
  }

  @Test
  void aCorruptResponseBecomesAProtocolFailure() throws Exception {
    byte[] bad = vectorResponse("admin_get_log_smart");
    bad[100] ^= 0x40;
    ScriptedTransport t = new ScriptedTransport(req -> bad);
    MiResult<SmartLog> r = get(MiController.over(t, 0).smartLog());
    assertThat(r).isInstanceOfSatisfying(MiResult.Failure.class, f -> assertThat(((MiProtocolException) f.cause())
        .kind()).isEqualTo(MiErrorKind.MIC_MISMATCH));
  }

  @Test
  void aShortSmartLogIsALengthFailure() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> adminSuccess(new byte[256]));
    MiResult<SmartLog> r = get(MiController.over(t, 0).smartLog());
    assertThat(r).isInstanceOfSatisfying(MiResult.Failure.class, f -> assertThat(((MiProtocolException) f.cause())
        .kind()).isEqualTo(MiErrorKind.LENGTH_MISMATCH));
  }

  @Test
  void moreProcessingRequiredThenFinalGivesTheFinalAnswer() throws Exception {
    byte[] fin = AdminFixtures.hex(AdminFixtures.vector("admin_mpr_then_final").get("expected")
        .get("final_response_hex").asText());
    ScriptedTransport t = new ScriptedTransport(req -> List.of(vectorResponse("admin_mpr_then_final"), fin));
    TemperatureThreshold th = success(MiController.over(t, 0).temperatureThreshold(0, 0, 0));
    assertThat(t.requests.get(0)).isEqualTo(vectorRequest("admin_mpr_then_final"));
    assertThat(t.mprWaits).containsExactly(Duration.ofMillis(1000));
    assertThat(th.tmpth()).isEqualTo(351);
    assertThat(th.tmpthCelsius()).isEqualTo(78);
  }

  // ---- through MiEndpoint (the MiCodec facade) ----

  @Test
  void worksOverMiEndpointSubmit() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> vectorResponse("admin_get_log_smart"));
    MiEndpoint endpoint = new MiEndpoint(t);
    MiController c = new MiController(endpoint::submit, 0);
    assertThat(success(c.smartLog()).poh().longValue()).isEqualTo(12345);
    assertThat(t.requests.get(0)).isEqualTo(vectorRequest("admin_get_log_smart"));
  }

  @Test
  void nvmeErrorIsMappedOverMiEndpointToo() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> vectorResponse("admin_nvme_error_invalid_field"));
    MiController c = new MiController(new MiEndpoint(t)::submit, 0);
    assertThat(get(c.identify(0xFF, 0, 0, 0, 0, 0))).isInstanceOf(MiResult.NvmeError.class);
  }

  // ---- features and the other admin commands ----

  @Test
  void getFeaturesSimpleReturnsDword0() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> adminResponse(0, 0, 0x1234, 0, 0, new byte[0]));
    assertThat(success(MiController.over(t, 0).getFeaturesSimple(FeatureId.ARBITRATION, 0))).isEqualTo(0x1234L);
  }

  @Test
  void typedFeatureGettersDecodeDword0() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> adminResponse(0, 0, 0x23, 0, 0, new byte[0]));
    MiController c = MiController.over(t, 0);
    assertThat(success(c.powerManagement(0))).isEqualTo(new PowerManagement(3, 1));
    assertThat(success(c.arbitration(0))).isEqualTo(new Arbitration(3, 0, 0, 0));
  }

  @Test
  void setFeaturesDeclaresDataInDlenByDefault() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> adminSuccess(new byte[0]));
    success(MiController.over(t, 0).setFeatures(FeatureId.TIMESTAMP, false, 0, 0, 0, 0, 0, 0, new byte[8]));
    assertThat(t.dw(0, 7)).isEqualTo(8);
    assertThat(t.requests.get(0)).hasSize(68 + 8 + 4);
  }

  @Test
  void setFeaturesFollowsLibnvmeWhenConfigured() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> adminSuccess(new byte[0]));
    AdminOptions libnvme = AdminOptions.DEFAULTS.withFeaturesDataLength(AdminOptions.FeaturesDataLength.LIBNVME_ZERO);
    MiController c = MiController.over(t, 0, 0, MiCodecOptions.DEFAULTS, libnvme, ExchangeOptions.defaults("admin"));
    success(c.setFeatures(FeatureId.TIMESTAMP, false, 0, 0, 0, 0, 0, 0, new byte[8]));
    assertThat(t.dw(0, 7)).isZero();
    assertThat(t.requests.get(0)[5]).isZero();
  }

  @Test
  void setTemperatureThresholdSendsTheValueInDw11() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> adminSuccess(new byte[0]));
    success(MiController.over(t, 0).setTemperatureThreshold(new TemperatureThreshold(350, 0, 0), true));
    assertThat(t.dw(0, 10)).isEqualTo(0x8000_0004L);
    assertThat(t.dw(0, 11)).isEqualTo(350);
  }

  @Test
  void securityReceiveReturnsTheData() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> adminSuccess(new byte[] {1, 2, 3, 4}));
    assertThat(success(MiController.over(t, 0).securityReceive(0, 1, 0, 0, 16))).containsExactly(1, 2, 3, 4);
    assertThat(t.requests.get(0)[4]).isEqualTo((byte) 0x82);
  }

  @Test
  void namespaceCreateReturnsTheNewNsid() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> adminResponse(0, 0, 5, 0, 0, new byte[0]));
    assertThat(success(MiController.over(t, 0).namespaceCreate(0, new byte[384]))).isEqualTo(5L);
    assertThat(t.requests.get(0)[4]).isEqualTo((byte) 0x0D);
  }

  @Test
  void namespaceAttachAndDetachSendTheControllerList() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> adminSuccess(new byte[0]));
    MiController c = MiController.over(t, 0);
    success(c.namespaceAttach(1, List.of(3)));
    success(c.namespaceDetach(1, List.of(3)));
    assertThat(t.dw(0, 10)).isZero();
    assertThat(t.dw(1, 10)).isEqualTo(1);
    assertThat(Arrays.copyOfRange(t.requests.get(1), 68, 72)).containsExactly(1, 0, 3, 0);
  }

  @Test
  void firmwareImageIsDownloadedInOrderedPieces() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> adminSuccess(new byte[0]));
    success(MiController.over(t, 0).firmwareDownloadImage(new byte[9000]));
    assertThat(t.requests).hasSize(3);
    assertThat(List.of(t.dw(0, 11), t.dw(1, 11), t.dw(2, 11))).containsExactly(0L, 1024L, 2048L);
    assertThat(List.of(t.dw(0, 7), t.dw(1, 7), t.dw(2, 7))).containsExactly(4096L, 4096L, 808L);
  }

  @Test
  void firmwareDownloadStopsAtTheFirstError() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> adminResponse(0, 0, 0, 0, 0x0114L << 17, new byte[0]));
    MiResult<AdminResponse> r = get(MiController.over(t, 0).firmwareDownloadImage(new byte[9000]));
    assertThat(r).isInstanceOf(MiResult.NvmeError.class);
    assertThat(t.requests).hasSize(1);
  }

  @Test
  void firmwareCommitFormatAndSanitizeSendTheirOpcodes() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> adminSuccess(new byte[0]));
    MiController c = MiController.over(t, 0);
    success(c.firmwareCommit(1, 1, false));
    success(c.formatNvm(1, 0, false, 0, false, 1));
    success(c.sanitize(Sanitize.SANACT_BLOCK_ERASE, false, 0, false, false, 0));
    assertThat(List.of(t.requests.get(0)[4], t.requests.get(1)[4], t.requests.get(2)[4]))
        .containsExactly((byte) 0x10, (byte) 0x80, (byte) 0x84);
  }

  @Test
  void adminPassthruSetsDlenFromTheDataDirection() throws Exception {
    ScriptedTransport t = new ScriptedTransport(req -> adminSuccess(new byte[0]));
    MiController c = MiController.over(t, 3);
    success(c.adminPassthru(0xC1, 0, 0, 0, 0, 0, 0, 0, 0, 0, new byte[12], 0));
    success(c.adminPassthru(0xC2, 0, 0, 0, 0, 0, 0, 0, 0, 0, new byte[0], 64));
    assertThat(t.dw(0, 7)).isEqualTo(12);
    assertThat(t.dw(1, 7)).isEqualTo(64);
    assertThat(t.requests.get(1)[6]).isEqualTo((byte) 3);
    assertThatThrownBy(() -> c.adminPassthru(0xC3, 0, 0, 0, 0, 0, 0, 0, 0, 0, new byte[4], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.adminPassthru(0xC2, 0, 0, 0, 0, 0, 0, 0, 0, 0, new byte[4], 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void controllerIdAndSlotAreValidated() {
    MiController.Submitter s = (r, o) -> CompletableFuture.completedFuture(null);
    assertThatThrownBy(() -> new MiController(s, 0x10000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MiController(s, 0, 2, AdminOptions.DEFAULTS, ExchangeOptions.defaults("x")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
