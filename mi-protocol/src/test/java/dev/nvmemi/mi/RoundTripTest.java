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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request, response and structure record survives encode → decode unchanged: for each fixed
 * seed of {@link Gen#seeds()}, {@value Gen#CASES} random cases; a failure names its seed and case.
 */
class RoundTripTest {
  private static final MiHeader MI0 = MiHeader.request(Nmimt.MI_COMMAND, 0);
  private static final MiHeader MI0R = MI0.toResponse();
  private static final MiHeader CP0 = MiHeader.request(Nmimt.CONTROL_PRIMITIVE, 0);
  private static final MiHeader CP0R = CP0.toResponse();
  private static final String SEEDS = "dev.nvmemi.mi.Gen#seeds";

  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void miCommandRequestsRoundTrip(long seed) {
    Gen.forCases(seed, r -> {
      MiCommandRequest req = Gen.miCommand(r);
      assertThat(MiCodec.decodeRequest(req.encode())).isEqualTo(req);
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void controlPrimitivesRoundTrip(long seed) {
    Gen.forCases(seed, r -> {
      ControlPrimitive req = Gen.controlPrimitive(r);
      assertThat(MiCodec.decodeRequest(req.encode())).isEqualTo(req);
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void dataStructuresRoundTripThroughReadDataStructure(long seed) {
    Gen.forCases(seed, r -> {
      DataStructure d = Gen.dataStructure(r);
      assertThat(DataStructure.decode(d.type(), d.encode())).isEqualTo(d);
      ReadDataStructure req = new ReadDataStructure(MI0, d.type().code(), 0, 0, 0);
      ReadDataStructureResponse resp = ReadDataStructureResponse.of(MI0R, d);
      assertThat(MiCodec.decodeResponse(resp.encode(), req)).isEqualTo(resp);
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void subsystemHealthResponsesRoundTrip(long seed) {
    Gen.forCases(seed, r -> {
      SubsystemHealthStatusPollResponse resp = SubsystemHealthStatusPollResponse.of(MI0R, Gen.nshds(r));
      assertThat(MiCodec.decodeResponse(resp.encode(), new SubsystemHealthStatusPoll(MI0, false))).isEqualTo(resp);
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void controllerHealthResponsesRoundTrip(long seed) {
    Gen.forCases(seed, r -> {
      List<ControllerHealthStatus> l = Gen.list(r, 20, Gen::chds);
      ControllerHealthStatusPollResponse resp = ControllerHealthStatusPollResponse.of(MI0R, l);
      assertThat(MiCodec.decodeResponse(resp.encode(), ControllerHealthStatusPoll.all(MI0, 0, 256))).isEqualTo(resp);
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void configurationResponsesRoundTrip(long seed) {
    Gen.forCases(seed, r -> {
      int v = Gen.u16(r);
      AeSupportedList aesl = Gen.supportedList(r);
      AeOccurrenceList aeol = Gen.occurrenceList(r);
      byte[] data = Gen.bytes(r, 200);
      int nmresp = r.nextInt(0x1000000);
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
      assertThat(MiCodec.decodeResponse(plain.encode(), new ConfigSetMctpTransmissionUnit(MI0, 0, 64)))
          .isEqualTo(plain);
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void dataAndCompletionResponsesRoundTrip(long seed) {
    Gen.forCases(seed, r -> {
      byte[] data = Gen.bytes(r, 200);
      int nmresp = r.nextInt(0x1000000);
      VpdReadResponse vpd = VpdReadResponse.of(MI0R, data);
      assertThat(MiCodec.decodeResponse(vpd.encode(), new VpdRead(MI0, 0, data.length))).isEqualTo(vpd);
      MebReadResponse meb = MebReadResponse.of(MI0R, data);
      assertThat(MiCodec.decodeResponse(meb.encode(), new MebRead(MI0, 0, data.length))).isEqualTo(meb);
      CommandCompletion done = new CommandCompletion(MI0R, MiStatus.SUCCESS, nmresp);
      assertThat(MiCodec.decodeResponse(done.encode(), new Reset(MI0, 0))).isEqualTo(done);
      RawMiCommandResponse raw = new RawMiCommandResponse(MI0R, MiStatus.SUCCESS, nmresp, data);
      assertThat(MiCodec.decodeResponse(raw.encode(), new RawMiCommand(MI0, 0xC0, 0, 0, new byte[0])))
          .isEqualTo(raw);
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void controlResponsesRoundTrip(long seed) {
    Gen.forCases(seed, r -> {
      int tag = Gen.u8(r);
      int cpsr = Gen.u16(r);
      ControlResponse pause = new ControlResponse(CP0R, MiStatus.SUCCESS, tag, cpsr);
      assertThat(MiCodec.decodeResponse(pause.encode(), new Pause(CP0, tag))).isEqualTo(pause);
      AbortResponse abort = new AbortResponse(CP0R, MiStatus.SUCCESS, tag, cpsr);
      assertThat(MiCodec.decodeResponse(abort.encode(), new Abort(CP0, tag))).isEqualTo(abort);
      ReplayResponse replay = new ReplayResponse(CP0R, MiStatus.SUCCESS, tag, cpsr);
      assertThat(MiCodec.decodeResponse(replay.encode(), new Replay(CP0, tag, 0))).isEqualTo(replay);
      GetStateResponse state = new GetStateResponse(CP0R, MiStatus.SUCCESS, tag, cpsr,
          ManagementEndpointState.fromCpsr(cpsr, MiCodecOptions.GetStateLayout.WS));
      assertThat(MiCodec.decodeResponse(state.encode(), new GetState(CP0, tag, false))).isEqualTo(state);
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void errorResponsesRoundTrip(long seed) {
    Gen.forCases(seed, r -> {
      MiStatus s = MiStatus.valueOf(Gen.between(r, 1, 0xFF));
      int nmresp = r.nextInt(0x1000000);
      ParameterErrorLocation pel = s.equals(MiStatus.INVALID_PARAMETER)
          ? new ParameterErrorLocation(nmresp >>> 8, nmresp & 7) : null;
      MiErrorResponse e = new MiErrorResponse(MI0R, s, nmresp, pel);
      assertThat(MiCodec.decodeResponse(e.encode(), new SubsystemHealthStatusPoll(MI0, false))).isEqualTo(e);
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void asyncEventMessagesRoundTrip(long seed) {
    Gen.forCases(seed, r -> {
      AsyncEventMessage m = AsyncEventMessage.of(Gen.occurrenceList(r));
      assertThat(MiCodec.decodeUnsolicited(m.encode())).isEqualTo(m);
    });
  }
}
