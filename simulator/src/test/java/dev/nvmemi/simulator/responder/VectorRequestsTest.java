package dev.nvmemi.simulator.responder;

import static dev.nvmemi.simulator.Msg.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.MiCodec;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiErrorResponse;
import dev.nvmemi.mi.MiRequest;
import dev.nvmemi.mi.MiResponse;
import dev.nvmemi.mi.internal.Mic;
import dev.nvmemi.simulator.Fixtures;
import dev.nvmemi.simulator.SimulatedEndpoint;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.simulator.VirtualClock;
import dev.nvmemi.simulator.scenario.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request vector of vectors.json (copied into test resources) gets a well-formed answer of
 * the right family from the simulator, and each of the §11.2 drop rules applied to it gives no
 * answer.
 */
class VectorRequestsTest {

  static Stream<Arguments> requestVectors() throws IOException {
    String text;
    try (InputStream in = VectorRequestsTest.class.getResourceAsStream("/vectors.json")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Arguments> out = new ArrayList<>();
    for (Json.Value v : ((Json.Arr) Json.parse(text)).items()) {
      Json.Obj o = (Json.Obj) v;
      if (o.members().get("request_hex") instanceof Json.Str s) {
        out.add(Arguments.of(((Json.Str) o.members().get("name")).value(), s.value(), o.members().get("expected")));
      }
    }
    return out.stream();
  }

  private static SimulatedEndpoint endpoint() {
    SimulatedFleet fleet = Fixtures.vectorFleet(new VirtualClock()).build();
    return fleet.allEndpoints().get(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requestVectors")
  void answersEveryRequestVectorWithAWellFormedResponse(String name, String requestHex, Json.Value expected) {
    byte[] request = hex(requestHex);
    byte[] response = endpoint().process(request).response();
    assertThat(response).as(name).isNotNull();
    assertThat(Mic.verify(response)).as("MIC of the answer to %s", name).isTrue();
    assertThat(response.length).isGreaterThanOrEqualTo(12);
    assertThat(response[0] & 0xFF).isEqualTo(0x84);
    assertThat(response[1] & 0x80).as("ROR").isEqualTo(0x80);
    assertThat(response[1] & 0x7F).as("NMIMT and CSI echo").isEqualTo(request[1] & 0x7F);
    int status = response[4] & 0xFF;
    Json.Obj exp = (Json.Obj) expected;
    if (name.equals("mic_header_only_example")) {
      assertThat(status).as("a bare header is too short for any command").isEqualTo(0x05);
    } else if (exp.members().get("resp.status") instanceof Json.Num n && !name.equals("admin_mpr_then_final")) {
      assertThat(status).isEqualTo(n.value().intValue());
    } else {
      assertThat(status).as(name).isZero();
    }
    // the answer decodes with mi-protocol to a response of the request's family
    if (name.equals("mic_header_only_example")) {
      // not a decodable request (no opcode): check the generic §11.1 frame of the error answer
      MiFrame frame = MiFrame.parseResponse(response, MiHeader.decode(request, 0), MiCodecOptions.DEFAULTS);
      assertThat(frame.status().code()).isEqualTo(0x05);
      return;
    }
    MiRequest decodedRequest = MiCodec.decodeRequest(request);
    MiResponse decoded = MiCodec.decodeResponse(response, decodedRequest);
    assertThat(decoded.header().nmimt()).isEqualTo(decodedRequest.header().nmimt());
    assertThat(decoded.status().code()).isEqualTo(status);
    if (status != 0) {
      assertThat(decoded).isInstanceOf(MiErrorResponse.class);
    } else {
      assertThat(decoded).isNotInstanceOf(MiErrorResponse.class);
    }
    if ((request[1] >>> 3 & 0xF) == 0) {
      assertThat(response[5]).as("control primitive tag echo").isEqualTo(request[5]);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requestVectors")
  void dropsEveryVariantTheSpecSaysToDrop(String name, String requestHex, Json.Value expected) {
    byte[] request = hex(requestHex);
    SimulatedEndpoint ep = endpoint();
    // IC=0 (MIC recomputed, so only the IC bit is wrong)
    byte[] noIc = request.clone();
    noIc[0] = 0x04;
    Mic.seal(noIc);
    assertThat(ep.process(noIc).response()).as("IC=0").isNull();
    // bad MIC
    byte[] badMic = request.clone();
    badMic[badMic.length - 1] ^= 0x5A;
    assertThat(ep.process(badMic).response()).as("bad MIC").isNull();
    // ROR=1
    byte[] ror = request.clone();
    ror[1] |= (byte) 0x80;
    Mic.seal(ror);
    assertThat(ep.process(ror).response()).as("ROR=1").isNull();
    // reserved NMIMT 3 and 6..F, and 5 (endpoint-originated AEM)
    for (int nmimt : new int[] {3, 5, 6, 7, 8, 15}) {
      byte[] r = request.clone();
      r[1] = (byte) ((r[1] & 0x81) | nmimt << 3);
      Mic.seal(r);
      assertThat(ep.process(r).response()).as("NMIMT %d", nmimt).isNull();
    }
    // fewer than 4 bytes
    assertThat(ep.process(new byte[] {(byte) 0x84, 0x08, 0x00}).response()).as("3 bytes").isNull();
    // the untouched request is still answered afterwards
    assertThat(ep.process(request).response()).isNotNull();
  }
}
