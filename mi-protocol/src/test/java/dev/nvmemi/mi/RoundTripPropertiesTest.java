package dev.nvmemi.mi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.client.ParameterErrorLocation;
import dev.nvmemi.mi.command.AsyncEventConfig;
import dev.nvmemi.mi.command.CommandCompletion;
import dev.nvmemi.mi.command.ConfigGetAsyncEvent;
import dev.nvmemi.mi.command.ConfigGetMctpTransmissionUnit;
import dev.nvmemi.mi.command.ConfigGetSmbusFrequency;
import dev.nvmemi.mi.command.ConfigGetVendor;
import dev.nvmemi.mi.command.ConfigSetAsyncEvent;
import dev.nvmemi.mi.command.ConfigSetMctpTransmissionUnit;
import dev.nvmemi.mi.command.ConfigurationGetResponse;
import dev.nvmemi.mi.command.ConfigurationSetResponse;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.ControllerHealthStatusPoll;
import dev.nvmemi.mi.command.ControllerHealthStatusPollResponse;
import dev.nvmemi.mi.command.DataStructure;
import dev.nvmemi.mi.command.MctpTransmissionUnitConfig;
import dev.nvmemi.mi.command.MebRead;
import dev.nvmemi.mi.command.MebReadResponse;
import dev.nvmemi.mi.command.MiCommandRequest;
import dev.nvmemi.mi.command.RawMiCommand;
import dev.nvmemi.mi.command.RawMiCommandResponse;
import dev.nvmemi.mi.command.ReadDataStructure;
import dev.nvmemi.mi.command.ReadDataStructureResponse;
import dev.nvmemi.mi.command.Reset;
import dev.nvmemi.mi.command.SmbusFrequencyConfig;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import dev.nvmemi.mi.command.SubsystemHealthStatusPoll;
import dev.nvmemi.mi.command.SubsystemHealthStatusPollResponse;
import dev.nvmemi.mi.command.VendorConfig;
import dev.nvmemi.mi.command.VpdRead;
import dev.nvmemi.mi.command.VpdReadResponse;
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
import dev.nvmemi.mi.event.AeOccurrenceList;
import dev.nvmemi.mi.event.AeSupportedList;
import dev.nvmemi.mi.event.AsyncEventMessage;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every request, response and structure record survives encode → decode unchanged. */
class RoundTripPropertiesTest {
  private static final MiHeader MI0 = MiHeader.request(Nmimt.MI_COMMAND, 0);
  private static final MiHeader MI0R = MI0.toResponse();
  private static final MiHeader CP0 = MiHeader.request(Nmimt.CONTROL_PRIMITIVE, 0);
  private static final MiHeader CP0R = CP0.toResponse();

  @Provide
  Arbitrary<MiCommandRequest> miCommands() {
    return Arbs.miCommands();
  }

  @Provide
  Arbitrary<ControlPrimitive> controlPrimitives() {
    return Arbs.controlPrimitives();
  }

  @Provide
  Arbitrary<DataStructure> dataStructures() {
    return Arbs.dataStructures();
  }

  @Provide
  Arbitrary<SubsystemHealthStatus> nshds() {
    return Arbs.nshds();
  }

  @Provide
  Arbitrary<List<ControllerHealthStatus>> chdsLists() {
    return Arbs.chds().list().ofMaxSize(20);
  }

  @Provide
  Arbitrary<AeOccurrenceList> occurrenceLists() {
    return Arbs.occurrenceLists();
  }

  @Provide
  Arbitrary<AeSupportedList> supportedLists() {
    return Arbs.supportedLists();
  }

  @Provide
  Arbitrary<byte[]> data() {
    return Arbs.bytes(200);
  }

  @Provide
  Arbitrary<Integer> u8() {
    return Arbs.u8();
  }

  @Provide
  Arbitrary<Integer> u16() {
    return Arbs.u16();
  }

  @Provide
  Arbitrary<Integer> u24() {
    return Arbitraries.integers().between(0, 0xFFFFFF);
  }

  @Provide
  Arbitrary<Integer> errorStatus() {
    return Arbitraries.integers().between(1, 0xFF);
  }

  @Property(tries = 2000)
  void miCommandRequestsRoundTrip(@ForAll("miCommands") MiCommandRequest r) {
    assertThat(MiCodec.decodeRequest(r.encode())).isEqualTo(r);
  }

  @Property(tries = 500)
  void controlPrimitivesRoundTrip(@ForAll("controlPrimitives") ControlPrimitive r) {
    assertThat(MiCodec.decodeRequest(r.encode())).isEqualTo(r);
  }

  @Property(tries = 1000)
  void dataStructuresRoundTripThroughReadDataStructure(@ForAll("dataStructures") DataStructure d) {
    assertThat(DataStructure.decode(d.type(), d.encode())).isEqualTo(d);
    ReadDataStructure req = new ReadDataStructure(MI0, d.type().code(), 0, 0, 0);
    ReadDataStructureResponse resp = ReadDataStructureResponse.of(MI0R, d);
    assertThat(MiCodec.decodeResponse(resp.encode(), req)).isEqualTo(resp);
  }

  @Property(tries = 500)
  void subsystemHealthResponsesRoundTrip(@ForAll("nshds") SubsystemHealthStatus s) {
    SubsystemHealthStatusPollResponse resp = SubsystemHealthStatusPollResponse.of(MI0R, s);
    assertThat(MiCodec.decodeResponse(resp.encode(), new SubsystemHealthStatusPoll(MI0, false))).isEqualTo(resp);
  }

  @Property(tries = 500)
  void controllerHealthResponsesRoundTrip(@ForAll("chdsLists") List<ControllerHealthStatus> l) {
    ControllerHealthStatusPollResponse resp = ControllerHealthStatusPollResponse.of(MI0R, l);
    assertThat(MiCodec.decodeResponse(resp.encode(), ControllerHealthStatusPoll.all(MI0, 0, 256))).isEqualTo(resp);
  }

  @Property(tries = 500)
  void configurationResponsesRoundTrip(@ForAll("u16") int v, @ForAll("supportedLists") AeSupportedList aesl,
      @ForAll("occurrenceLists") AeOccurrenceList aeol, @ForAll("data") byte[] data, @ForAll("u24") int nmresp) {
    ConfigurationGetResponse smbus = ConfigurationGetResponse.of(MI0R, new SmbusFrequencyConfig(v & 0xF));
    assertThat(MiCodec.decodeResponse(smbus.encode(), new ConfigGetSmbusFrequency(MI0, 1))).isEqualTo(smbus);
    ConfigurationGetResponse mtu = ConfigurationGetResponse.of(MI0R, new MctpTransmissionUnitConfig(v));
    assertThat(MiCodec.decodeResponse(mtu.encode(), new ConfigGetMctpTransmissionUnit(MI0, 1))).isEqualTo(mtu);
    ConfigurationGetResponse ae = ConfigurationGetResponse.of(MI0R, new AsyncEventConfig(v & 0xFF, aesl));
    assertThat(MiCodec.decodeResponse(ae.encode(), new ConfigGetAsyncEvent(MI0))).isEqualTo(ae);
    ConfigurationGetResponse vendor = ConfigurationGetResponse.of(MI0R, new VendorConfig(nmresp, data));
    assertThat(MiCodec.decodeResponse(vendor.encode(), new ConfigGetVendor(MI0, 0xC5, 0))).isEqualTo(vendor);
    ConfigurationSetResponse occ = ConfigurationSetResponse.of(MI0R, aeol);
    assertThat(MiCodec.decodeResponse(occ.encode(), ConfigSetAsyncEvent.acknowledgement(MI0))).isEqualTo(occ);
    ConfigurationSetResponse plain = new ConfigurationSetResponse(MI0R, MiStatus.SUCCESS, nmresp, null);
    assertThat(MiCodec.decodeResponse(plain.encode(), new ConfigSetMctpTransmissionUnit(MI0, 0, 64))).isEqualTo(plain);
  }

  @Property(tries = 500)
  void dataAndCompletionResponsesRoundTrip(@ForAll("data") byte[] data, @ForAll("u24") int nmresp) {
    VpdReadResponse vpd = VpdReadResponse.of(MI0R, data);
    assertThat(MiCodec.decodeResponse(vpd.encode(), new VpdRead(MI0, 0, data.length))).isEqualTo(vpd);
    MebReadResponse meb = MebReadResponse.of(MI0R, data);
    assertThat(MiCodec.decodeResponse(meb.encode(), new MebRead(MI0, 0, data.length))).isEqualTo(meb);
    CommandCompletion done = new CommandCompletion(MI0R, MiStatus.SUCCESS, nmresp);
    assertThat(MiCodec.decodeResponse(done.encode(), new Reset(MI0, 0))).isEqualTo(done);
    RawMiCommandResponse raw = new RawMiCommandResponse(MI0R, MiStatus.SUCCESS, nmresp, data);
    assertThat(MiCodec.decodeResponse(raw.encode(), new RawMiCommand(MI0, 0xC0, 0, 0, new byte[0]))).isEqualTo(raw);
  }

  @Property(tries = 500)
  void controlResponsesRoundTrip(@ForAll("u8") int tag, @ForAll("u16") int cpsr) {
    ControlResponse pause = new ControlResponse(CP0R, MiStatus.SUCCESS, tag, cpsr);
    assertThat(MiCodec.decodeResponse(pause.encode(), new Pause(CP0, tag))).isEqualTo(pause);
    AbortResponse abort = new AbortResponse(CP0R, MiStatus.SUCCESS, tag, cpsr);
    assertThat(MiCodec.decodeResponse(abort.encode(), new Abort(CP0, tag))).isEqualTo(abort);
    ReplayResponse replay = new ReplayResponse(CP0R, MiStatus.SUCCESS, tag, cpsr);
    assertThat(MiCodec.decodeResponse(replay.encode(), new Replay(CP0, tag, 0))).isEqualTo(replay);
    GetStateResponse state = new GetStateResponse(CP0R, MiStatus.SUCCESS, tag, cpsr,
        ManagementEndpointState.fromCpsr(cpsr, MiCodecOptions.GetStateLayout.WS));
    assertThat(MiCodec.decodeResponse(state.encode(), new GetState(CP0, tag, false))).isEqualTo(state);
  }

  @Property(tries = 500)
  void errorResponsesRoundTrip(@ForAll("errorStatus") int status, @ForAll("u24") int nmresp) {
    MiStatus s = MiStatus.valueOf(status);
    ParameterErrorLocation pel = s.equals(MiStatus.INVALID_PARAMETER)
        ? new ParameterErrorLocation(nmresp >>> 8, nmresp & 7) : null;
    MiErrorResponse e = new MiErrorResponse(MI0R, s, nmresp, pel);
    assertThat(MiCodec.decodeResponse(e.encode(), new SubsystemHealthStatusPoll(MI0, false))).isEqualTo(e);
  }

  @Property(tries = 500)
  void asyncEventMessagesRoundTrip(@ForAll("occurrenceLists") AeOccurrenceList l) {
    AsyncEventMessage m = AsyncEventMessage.of(l);
    assertThat(MiCodec.decodeUnsolicited(m.encode())).isEqualTo(m);
  }
}
