package dev.nvmemi.mi.control;

import static dev.nvmemi.mi.Messages.sealed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.Fixtures;
import dev.nvmemi.mi.MiCodec;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiErrorResponse;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.Nmimt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ControlPrimitiveTest {
  private static final MiHeader CP0 = MiHeader.request(Nmimt.CONTROL_PRIMITIVE, 0);

  @Test
  void getStateFixtureRoundTrips() {
    byte[] b = Fixtures.load("control/get-state-response.hex");
    GetStateResponse r = (GetStateResponse) MiCodec.decodeResponse(b, new GetState(CP0, 7, true));
    assertThat(r.encode()).isEqualTo(b);
  }

  @Test
  void getStateFlagPositionsFollowTheConfiguredLayout() {
    ManagementEndpointState ws = ManagementEndpointState.fromCpsr(0x0018, MiCodecOptions.GetStateLayout.WS);
    assertThat(ws.flags()).containsExactlyInAnyOrder(ManagementEndpointState.Flag.CMNICS, ManagementEndpointState.Flag.BMICE);
    ManagementEndpointState am = ManagementEndpointState.fromCpsr(0x0018, MiCodecOptions.GetStateLayout.AM);
    assertThat(am.flags()).containsExactly(ManagementEndpointState.Flag.CMNICS);
    assertThat(ManagementEndpointState.fromCpsr(0x0020, MiCodecOptions.GetStateLayout.AM).flags())
        .containsExactly(ManagementEndpointState.Flag.BMICE);
    assertThat(new ManagementEndpointState(3, Set.of(ManagementEndpointState.Flag.PFLG,
        ManagementEndpointState.Flag.BMICE)).toCpsr(MiCodecOptions.GetStateLayout.WS)).isEqualTo(0x8013);
  }

  @Test
  void getStateUsesTheLayoutOfTheOptions() {
    byte[] resp = sealed(0x84, 0x80, 0, 0, 0, 0x01, 0x10, 0x00);
    GetState req = new GetState(CP0, 1, false);
    GetStateResponse ws = (GetStateResponse) MiCodec.decodeResponse(resp, req);
    GetStateResponse am = (GetStateResponse) MiCodec.decodeResponse(resp, req,
        MiCodecOptions.DEFAULTS.withGetStateLayout(MiCodecOptions.GetStateLayout.AM));
    assertThat(ws.state().flags()).containsExactly(ManagementEndpointState.Flag.BMICE);
    assertThat(am.state().flags()).containsExactly(ManagementEndpointState.Flag.CMNICS);
  }

  @Test
  void abortReportsHowFarTheCommandGot() {
    AbortResponse r = (AbortResponse) MiCodec.decodeResponse(sealed(0x84, 0x80, 0, 0, 0, 0x09, 0x02, 0), new Abort(CP0, 9));
    assertThat(r.cpas()).isEqualTo(AbortResponse.AbortStatus.PARTIALLY_PROCESSED);
  }

  @Test
  void replayReportsWhetherTheResponseIsReplayed() {
    Replay req = new Replay(CP0, 4, 2);
    assertThat(MiCodec.decodeRequest(req.encode())).isEqualTo(req);
    ReplayResponse r = (ReplayResponse) MiCodec.decodeResponse(sealed(0x84, 0x80, 0, 0, 0, 0x04, 0x01, 0), req);
    assertThat(r.rr()).isTrue();
  }

  @Test
  void errorStatusWithTheRightTagIsAnErrorResponse() {
    MiErrorResponse r = (MiErrorResponse) MiCodec.decodeResponse(sealed(0x84, 0x80, 0, 0, 0x08, 0x03, 0, 0), new Abort(CP0, 3));
    assertThat(r.status()).isEqualTo(MiStatus.UNABLE_TO_ABORT);
  }

  @Test
  void requestOfWrongLengthIsALengthMismatch() {
    assertThatThrownBy(() -> MiCodec.decodeRequest(sealed(0x84, 0x00, 0, 0, 0x03, 0x07, 0x01, 0x00, 0)))
        .isInstanceOfSatisfying(MiProtocolException.class, e -> assertThat(e.kind()).isEqualTo(MiErrorKind.LENGTH_MISMATCH));
  }

  @Test
  void everyPrimitiveDecodesToItsRecord() {
    assertThat(MiCodec.decodeRequest(new Pause(CP0, 1).encode())).isEqualTo(new Pause(CP0, 1));
    assertThat(MiCodec.decodeRequest(new Resume(CP0, 2).encode())).isEqualTo(new Resume(CP0, 2));
    assertThat(MiCodec.decodeRequest(new Abort(CP0, 3).encode())).isEqualTo(new Abort(CP0, 3));
    assertThat(MiCodec.decodeRequest(new RawControlPrimitive(CP0, 0xf1, 4, 0x1234).encode()))
        .isEqualTo(new RawControlPrimitive(CP0, 0xf1, 4, 0x1234));
  }
}
