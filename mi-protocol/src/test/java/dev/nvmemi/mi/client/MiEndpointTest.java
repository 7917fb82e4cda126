package dev.nvmemi.mi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.Fixtures;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiResponse;
import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.MiTimeoutException;
import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.MoreProcessingRequired;
import dev.nvmemi.mi.Nmimt;
import dev.nvmemi.mi.Vectors;
import dev.nvmemi.mi.command.CcsFlag;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.NvmSubsystemInfo;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import dev.nvmemi.mi.command.SubsystemHealthStatusPoll;
import dev.nvmemi.mi.control.ManagementEndpointState;
import dev.nvmemi.mi.internal.LittleEndian;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class MiEndpointTest {
  private static final MiHeader MI_RESPONSE_0 = MiHeader.request(Nmimt.MI_COMMAND, 0).toResponse();

  private static <T> MiResult<T> now(CompletionStage<MiResult<T>> stage) {
    return stage.toCompletableFuture().getNow(null);
  }

  private static byte[] vectorResponse(String name) {
    return Vectors.get(name).response();
  }

  @Test
  void successDecodesTheTypedValue() {
    ScriptedTransport t = new ScriptedTransport().answer(vectorResponse("mi_read_ds_subsys_info"));
    MiResult<NvmSubsystemInfo> r = now(new MiEndpoint(t).readNvmSubsystemInfo());
    assertThat(r).isEqualTo(new MiResult.Success<>(new NvmSubsystemInfo(1, 1, 2, 0)));
    assertThat(t.requests.get(0)).isEqualTo(Vectors.get("mi_read_ds_subsys_info").request());
    assertThat(t.options.get(0).command()).isEqualTo("Read NVMe-MI Data Structure");
    assertThat(t.options.get(0).mprPossible()).isTrue();
    assertThat(t.options.get(0).timeout()).isEqualTo(ExchangeOptions.DEFAULT_TIMEOUT);
  }

  @Test
  void miErrorStatusCarriesTheParameterErrorLocation() {
    ScriptedTransport t = new ScriptedTransport().answer(Fixtures.load("message/invalid-parameter.hex"));
    MiResult<NvmSubsystemInfo> r = now(new MiEndpoint(t).readNvmSubsystemInfo());
    assertThat(r).isEqualTo(new MiResult.MiError<>(MiStatus.INVALID_PARAMETER, new ParameterErrorLocation(11, 0)));
    assertThat(r.errorType()).isEqualTo("mi_status");
  }

  @Test
  void miErrorWithoutLocationForOtherStatuses() {
    ScriptedTransport t = new ScriptedTransport().answer(vectorResponse("mi_error_invalid_opcode"));
    MiResult<SubsystemHealthStatus> r = now(new MiEndpoint(t).pollSubsystemHealth(false));
    assertThat(r).isEqualTo(new MiResult.MiError<>(MiStatus.INVALID_COMMAND_OPCODE, null));
  }

  @Test
  void interimMoreProcessingRequiredIsReportedAndTheFinalResponseDecoded() {
    byte[] interim = MiFrame.encode(MI_RESPONSE_0, new byte[] {0x01, 0x00, 0x0a, 0x00});
    List<MoreProcessingRequired> seen = new ArrayList<>();
    ScriptedTransport t = new ScriptedTransport().interimThenAnswer(interim, vectorResponse("mi_subsys_health_poll"));
    MiEndpoint ep = MiEndpoint.over(t, MiEndpointOptions.DEFAULTS.withInterimListener((m, mpr) -> seen.add(mpr)));
    MiResult<SubsystemHealthStatus> r = now(ep.pollSubsystemHealth(false));
    assertThat(seen).containsExactly(new MoreProcessingRequired(10));
    assertThat(seen.get(0).estimate()).isEqualTo(Duration.ofSeconds(1));
    assertThat(r.orElseThrow().ctempCelsius()).isEqualTo(30);
  }

  @Test
  void timeoutBecomesAFailure() {
    MiTimeoutException timeout = new MiTimeoutException("scripted: test", "NVM Subsystem Health Status Poll",
        Duration.ofMillis(5000));
    ScriptedTransport t = new ScriptedTransport().fail(timeout);
    MiResult<SubsystemHealthStatus> r = now(new MiEndpoint(t).pollSubsystemHealth(false));
    assertThat(r).isEqualTo(new MiResult.Failure<>(timeout));
    assertThat(r.errorType()).isEqualTo("timeout");
  }

  @Test
  void malformedResponseBecomesAProtocolFailure() {
    ScriptedTransport t = new ScriptedTransport().answer(vectorResponse("bad_mic"));
    MiResult<NvmSubsystemInfo> r = now(new MiEndpoint(t).readNvmSubsystemInfo());
    assertThat(r).isInstanceOfSatisfying(MiResult.Failure.class, f ->
        assertThat(((MiProtocolException) f.cause()).kind()).isEqualTo(MiErrorKind.MIC_MISMATCH));
    assertThat(r.errorType()).isEqualTo("mic_mismatch");
  }

  @Test
  void foreignExceptionFromTheTransportBecomesAnIoFailure() {
    ScriptedTransport t = new ScriptedTransport().fail(new IllegalStateException("boom"));
    MiResult<NvmSubsystemInfo> r = now(new MiEndpoint(t).readNvmSubsystemInfo());
    assertThat(r).isInstanceOfSatisfying(MiResult.Failure.class, f -> {
      assertThat(f.cause()).isInstanceOf(MiTransportException.class);
      assertThat(((MiTransportException) f.cause()).reason()).isEqualTo(MiTransportException.Reason.IO);
      assertThat(f.cause().getCause()).hasMessage("boom");
    });
  }

  @Test
  void transportThrowingSynchronouslyBecomesAFailureAndFreesTheSlot() {
    ScriptedTransport t = new ScriptedTransport()
        .throwNow(new MiTransportException(MiTransportException.Reason.CLOSED, "scripted: test", "closed"))
        .answer(vectorResponse("mi_subsys_health_poll"));
    MiEndpoint ep = new MiEndpoint(t);
    MiResult<SubsystemHealthStatus> first = now(ep.pollSubsystemHealth(false));
    assertThat(first).isInstanceOf(MiResult.Failure.class);
    assertThat(now(ep.pollSubsystemHealth(false)).isSuccess()).isTrue();
  }

  @Test
  void nullMessageFromTheTransportIsAFailure() {
    ScriptedTransport t = new ScriptedTransport().answer((byte[]) null);
    assertThat(now(new MiEndpoint(t).readNvmSubsystemInfo())).isInstanceOf(MiResult.Failure.class);
  }

  @Test
  void selectedCommandSlotIsSentAndMustBeEchoed() {
    ScriptedTransport t = new ScriptedTransport().answer(vectorResponse("mi_subsys_health_poll"));
    MiEndpoint slot1 = new MiEndpoint(t).withCsi(1);
    MiResult<SubsystemHealthStatus> r = now(slot1.pollSubsystemHealth(false));
    assertThat(t.requests.get(0)[1]).isEqualTo((byte) 0x09);
    assertThat(r).isInstanceOfSatisfying(MiResult.Failure.class, f ->
        assertThat(((MiProtocolException) f.cause()).kind()).isEqualTo(MiErrorKind.CSI_MISMATCH));
  }

  @Test
  void commandsGoToTheTransportAtOnceBecauseAdmissionIsTheCallers() {
    ScriptedTransport t = new ScriptedTransport().hold().hold().hold();
    MiEndpoint ep = new MiEndpoint(t);
    CompletionStage<MiResult<SubsystemHealthStatus>> first = ep.pollSubsystemHealth(false);
    CompletionStage<MiResult<SubsystemHealthStatus>> second = ep.pollSubsystemHealth(true);
    assertThat(t.requests).as("never queued here: the bus scheduler admits one per slot").hasSize(2);
    assertThat(t.requests.get(1)).isEqualTo(new SubsystemHealthStatusPoll(MiHeader.request(Nmimt.MI_COMMAND, 0), true).encode());
    ep.withCsi(1).pollSubsystemHealth(false);
    assertThat(t.requests).hasSize(3);
    t.pending.get(0).complete(vectorResponse("mi_subsys_health_poll"));
    assertThat(now(first).isSuccess()).isTrue();
    assertThat(now(second)).isNull();
  }

  @Test
  void controlPrimitivesBypassABusySlot() {
    ScriptedTransport t = new ScriptedTransport().hold()
        .answer(req -> getStateResponse(req[5] & 0xFF, 0x8002));
    MiEndpoint ep = new MiEndpoint(t);
    ep.pollSubsystemHealth(false);
    MiResult<ManagementEndpointState> r = now(ep.getState(false));
    assertThat(t.requests).hasSize(2);
    assertThat(t.options.get(1).mprPossible()).isFalse();
    ManagementEndpointState s = r.orElseThrow();
    assertThat(s.slotState()).isEqualTo(ManagementEndpointState.SlotState.PROCESS);
    assertThat(s.paused()).isTrue();
  }

  @Test
  void controlPrimitiveTagsAdvanceAndAWrongEchoIsATagMismatch() {
    ScriptedTransport t = new ScriptedTransport()
        .answer(req -> getStateResponse(req[5] & 0xFF, 0))
        .answer(req -> getStateResponse((req[5] + 1) & 0xFF, 0));
    MiEndpoint ep = new MiEndpoint(t);
    assertThat(now(ep.getState(true)).isSuccess()).isTrue();
    MiResult<ManagementEndpointState> r = now(ep.getState(true));
    assertThat(t.requests.get(0)[5]).isEqualTo((byte) 0);
    assertThat(t.requests.get(1)[5]).isEqualTo((byte) 1);
    assertThat(r).isInstanceOfSatisfying(MiResult.Failure.class, f ->
        assertThat(((MiProtocolException) f.cause()).kind()).isEqualTo(MiErrorKind.TAG_MISMATCH));
  }

  private static byte[] getStateResponse(int tag, int cpsr) {
    byte[] body = new byte[4];
    body[1] = (byte) tag;
    LittleEndian.put16(body, 2, cpsr);
    return MiFrame.encode(MiHeader.request(Nmimt.CONTROL_PRIMITIVE, 0).toResponse(), body);
  }

  @Test
  void controllerListStartIdFollowsTheConfiguredPosition() {
    byte[] emptyList = MiFrame.encode(MI_RESPONSE_0, new byte[] {0, 2, 0, 0, 0, 0});
    ScriptedTransport t = new ScriptedTransport().answer(emptyList).answer(emptyList);
    new MiEndpoint(t).readControllerList(5);
    MiEndpoint.over(t, MiEndpointOptions.DEFAULTS.withCodec(MiCodecOptions.DEFAULTS
        .withControllerListStartId(MiCodecOptions.ControllerListStartId.PORTID_LIBNVME))).readControllerList(5);
    assertThat(LittleEndian.i32(t.requests.get(0), 8)).isEqualTo(0x0200_0005);
    assertThat(LittleEndian.i32(t.requests.get(1), 8)).isEqualTo(0x0205_0000);
  }

  @Test
  void healthStatusChangeMaskIsTranslatedUnlessLibnvmeLayoutIsChosen() {
    byte[] ok = Vectors.get("mi_config_set_health_status_change").response();
    ScriptedTransport t = new ScriptedTransport().answer(ok).answer(ok);
    new MiEndpoint(t).configSetHealthStatusChange(Set.of(CcsFlag.CECO, CcsFlag.CWARN));
    MiEndpoint.over(t, MiEndpointOptions.DEFAULTS.withCodec(MiCodecOptions.DEFAULTS
        .withHscMaskLayout(MiCodecOptions.HscMaskLayout.CCS_POSITIONS)))
        .configSetHealthStatusChange(Set.of(CcsFlag.CECO, CcsFlag.CWARN));
    assertThat(LittleEndian.i32(t.requests.get(0), 12)).isEqualTo(1 << 4 | 1 << 11);
    assertThat(LittleEndian.i32(t.requests.get(1), 12)).isEqualTo(1 << 5 | 1 << 12);
  }

  @Test
  void controllerHealthPollReturnsTheEntries() {
    ScriptedTransport t = new ScriptedTransport().answer(vectorResponse("mi_ctrl_health_poll_all"));
    MiResult<List<ControllerHealthStatus>> r = now(new MiEndpoint(t).pollControllerHealth(0, 3));
    assertThat(r.orElseThrow()).hasSize(1);
    assertThat(LittleEndian.i32(t.requests.get(0), 8)).isEqualTo(0x8702_0000);
  }

  @Test
  void rawSubmitReturnsTheDecodedResponse() {
    ScriptedTransport t = new ScriptedTransport().answer(vectorResponse("mi_subsys_health_poll"));
    MiEndpoint ep = new MiEndpoint(t);
    MiResult<MiResponse> r = now(ep.submit(new SubsystemHealthStatusPoll(ep.header(Nmimt.MI_COMMAND), false),
        ExchangeOptions.defaults("poll").withTimeout(Duration.ofMillis(250))));
    assertThat(r.isSuccess()).isTrue();
    assertThat(t.options.get(0).timeout()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void controllerViewUsesThisEndpointsSlot() {
    MiEndpoint ep = new MiEndpoint(new ScriptedTransport()).withCsi(1);
    MiController c = ep.controller(7);
    assertThat(c.id()).isEqualTo(7);
    assertThat(c.csi()).isEqualTo(1);
  }

  @Test
  void thousandsOfCommandsSubmittedFromCompletionCallbacksOverASynchronousTransportDoNotRecurse() {
    byte[] ok = vectorResponse("mi_subsys_health_poll");
    int n = 20_000;
    ScriptedTransport t = new ScriptedTransport().hold();
    for (int i = 0; i < 2 * n; i++) {
      t.answer(ok);
    }
    MiEndpoint ep = new MiEndpoint(t);
    ep.pollSubsystemHealth(false);
    List<CompletionStage<MiResult<SubsystemHealthStatus>>> follow = new ArrayList<>();
    List<CompletionStage<MiResult<SubsystemHealthStatus>>> queued = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // a callback registered before completion submits the next command from the completion thread
      queued.add(ep.pollSubsystemHealth(false).whenComplete((r, e) -> follow.add(ep.pollSubsystemHealth(false))));
    }
    t.pending.get(0).complete(ok);
    assertThat(queued).allSatisfy(s -> assertThat(now(s).isSuccess()).isTrue());
    assertThat(follow).hasSize(n).allSatisfy(s -> assertThat(now(s).isSuccess()).isTrue());
    assertThat(t.requests).hasSize(1 + 2 * n);
  }

  @Test
  void enablingAsyncEventsDisablesThePreviousOnesThenEnablesAndValidates() {
    byte[] done = MiFrame.encode(MI_RESPONSE_0, concat(new byte[4], dev.nvmemi.mi.event.AeOccurrenceList.of(0, List.of()).encode()));
    ScriptedTransport t = new ScriptedTransport()
        .answer(vectorResponse("mi_config_get_async_event"))
        .answer(done)
        .answer(vectorResponse("mi_config_set_async_event_enable"));
    MiResult<dev.nvmemi.mi.event.AsyncEventSync> r = now(new MiEndpoint(t).enableAsyncEvents(Set.of(6),
        new dev.nvmemi.mi.event.AsyncEventSettings(false, false, false, 1, 10)));
    assertThat(r.orElseThrow().enabled()).containsExactly(6);
    assertThat(r.orElseThrow().aeol().occurrences()).hasSize(1);
    // second request: disable AE 05h (enabled per the supported list), AEMD 1, AERD 0
    assertThat(LittleEndian.i32(t.requests.get(1), 8)).isEqualTo(0x0001_0004);
    assertThat(dev.nvmemi.mi.Fixtures.hex(java.util.Arrays.copyOfRange(t.requests.get(1), 16, 24))).isEqualTo("0100080005030500");
    assertThat(t.requests.get(2)).isEqualTo(Vectors.get("mi_config_set_async_event_enable").request());
  }

  @Test
  void enablingByDefaultReportsEventsOfControllersOnPciFunctions() {
    ScriptedTransport t = new ScriptedTransport()
        .answer(supported(6))
        .answer(vectorResponse("mi_config_set_async_event_enable"));
    now(new MiEndpoint(t).enableAsyncEvents(Set.of(6), 0, 10));
    // NMD0: ENCFA (bit 24), AEMD 0, AERD 10 (0Ah), CID 04h
    assertThat(LittleEndian.i32(t.requests.get(1), 8)).isEqualTo(0x0100_0A04);
  }

  @Test
  void eventsTheEndpointDoesNotSupportAreLeftOutOfTheEnableList() {
    ScriptedTransport t = new ScriptedTransport()
        .answer(supported(6))
        .answer(vectorResponse("mi_config_set_async_event_enable"));
    MiResult<dev.nvmemi.mi.event.AsyncEventSync> r = now(new MiEndpoint(t).enableAsyncEvents(Set.of(6, 0x0E), 1, 10));
    assertThat(r.orElseThrow().enabled()).containsExactly(6);
    // AE Enable List: NUMAEE 1, AEELVER 0, AEETL 8, AEELHL 5, one item enabling 06h
    assertThat(dev.nvmemi.mi.Fixtures.hex(java.util.Arrays.copyOfRange(t.requests.get(1), 16, 24))).isEqualTo("0100080005030680");
  }

  @Test
  void enablingOnlyUnsupportedEventsSendsNoConfigurationSet() {
    ScriptedTransport t = new ScriptedTransport().answer(supported(6));
    MiResult<dev.nvmemi.mi.event.AsyncEventSync> r = now(new MiEndpoint(t).enableAsyncEvents(Set.of(0x0E), 1, 10));
    assertThat(r.orElseThrow().enabled()).isEmpty();
    assertThat(t.requests).hasSize(1);
  }

  private static byte[] supported(int... ids) {
    List<dev.nvmemi.mi.event.AeSupported> items = new java.util.ArrayList<>();
    for (int id : ids) {
      items.add(dev.nvmemi.mi.event.AeSupported.of(id, false));
    }
    return MiFrame.encode(MI_RESPONSE_0, concat(new byte[4], dev.nvmemi.mi.event.AeSupportedList.of(items).encode()));
  }

  @Test
  void occurrenceOfAnEventNotRequestedFailsTheEnable() {
    ScriptedTransport t = new ScriptedTransport()
        .answer(supported(5))
        .answer(vectorResponse("mi_config_set_async_event_enable"));
    MiResult<dev.nvmemi.mi.event.AsyncEventSync> r = now(new MiEndpoint(t).enableAsyncEvents(Set.of(5), 1, 10));
    assertThat(t.requests).as("nothing to disable").hasSize(2);
    assertThat(r).isInstanceOfSatisfying(MiResult.Failure.class, f ->
        assertThat(((MiProtocolException) f.cause()).kind()).isEqualTo(MiErrorKind.INVALID_FIELD));
  }

  @Test
  void miErrorOnTheSupportedListStopsTheEnable() {
    ScriptedTransport t = new ScriptedTransport().answer(vectorResponse("mi_error_invalid_opcode"));
    MiResult<dev.nvmemi.mi.event.AsyncEventSync> r = now(new MiEndpoint(t).enableAsyncEvents(Set.of(5), 1, 10));
    assertThat(r).isEqualTo(new MiResult.MiError<>(MiStatus.INVALID_COMMAND_OPCODE, null));
    assertThat(t.requests).hasSize(1);
  }

  @Test
  void disablingAsyncEventsTurnsOffEveryEnabledOne() {
    byte[] done = MiFrame.encode(MI_RESPONSE_0, concat(new byte[4], dev.nvmemi.mi.event.AeOccurrenceList.of(0, List.of()).encode()));
    ScriptedTransport t = new ScriptedTransport().answer(vectorResponse("mi_config_get_async_event")).answer(done);
    assertThat(now(new MiEndpoint(t).disableAsyncEvents()).orElseThrow()).containsExactly(5);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void closeClosesTheTransportAndDescribeDelegates() {
    ScriptedTransport t = new ScriptedTransport();
    MiEndpoint ep = new MiEndpoint(t);
    assertThat(ep.describe()).isEqualTo("scripted: test");
    ep.close();
    assertThat(t.closed).isTrue();
  }
}
