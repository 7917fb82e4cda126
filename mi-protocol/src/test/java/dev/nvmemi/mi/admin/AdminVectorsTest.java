package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.AdminFixtures.vectorRequest;
import static dev.nvmemi.mi.admin.AdminFixtures.vectorResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiErrorResponse;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiResponse;
import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.MoreProcessingRequired;
import dev.nvmemi.mi.NvmeStatus;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shared known-answer vectors admin_* (#22–#28): exact request bytes, decoded fields. */
class AdminVectorsTest {

  private static MiResponse decode(AdminRequest request, byte[] response) {
    MiFrame frame = MiFrame.parseResponse(response, request.header(), MiCodecOptions.DEFAULTS);
    return AdminCodec.decodeResponse(frame, request, MiCodecOptions.DEFAULTS);
  }

  private static AdminRequest decodeRequest(byte[] request) {
    return AdminCodec.decodeRequest(MiFrame.parseRequest(request));
  }

  @Test
  void identifyProbeEncodesToVector22() {
    assertThat(Identify.probe(0, 0).encode()).isEqualTo(vectorRequest("admin_identify_ctrl_partial72"));
  }

  @Test
  void identifyProbeMatchesTheAnnotatedFixture() {
    assertThat(AdminFixtures.load("identify-probe-request.hex")).isEqualTo(vectorRequest("admin_identify_ctrl_partial72"));
  }

  @Test
  void vector22RequestDecodesToTypedIdentify() {
    AdminRequest r = decodeRequest(vectorRequest("admin_identify_ctrl_partial72"));
    assertThat(r).isInstanceOf(Identify.class);
    Identify i = (Identify) r;
    assertThat(i.header().nmimt().code()).isEqualTo(2);
    assertThat(i.opcode()).isEqualTo(6);
    assertThat(i.cflgs()).isEqualTo(1);
    assertThat(i.ctlid()).isZero();
    assertThat(i.dofst()).isZero();
    assertThat(i.dlen()).isEqualTo(72);
    assertThat(i.cns()).isEqualTo(1);
    assertThat(i).isEqualTo(Identify.probe(0, 0));
  }

  @Test
  void vector22ResponseDecodesTheFirst72BytesOfIdentifyController() {
    MiResponse r = decode(Identify.probe(0, 0), vectorResponse("admin_identify_ctrl_partial72"));
    assertThat(r).isInstanceOf(AdminResponse.class);
    AdminResponse a = (AdminResponse) r;
    assertThat(a.status()).isEqualTo(MiStatus.SUCCESS);
    assertThat(a.cqeDw3()).isZero();
    assertThat(a.dataLen()).isEqualTo(72);
    assertThat(a.payload()).isEqualTo(new IdentifyControllerSummary(0x144d, 0x144d, "S4EWNX0R123456",
        "EXAMPLE NVME SSD 1TB", "1B2QEXM7"));
  }

  @Test
  void smartLogRequestEncodesToVector23() {
    GetLogPage g = GetLogPage.smartHealth(0, 0);
    assertThat(g.encode()).isEqualTo(vectorRequest("admin_get_log_smart"));
    assertThat(g.toCommand().cdw10()).isEqualTo(0x007F0002L);
    assertThat(g.nsid()).isEqualTo(0xFFFFFFFFL);
    assertThat(g.dlen()).isEqualTo(512);
    assertThat(g.lid()).isEqualTo(2);
    assertThat(g.numd()).isEqualTo(128);
  }

  @Test
  void vector23RequestDecodesToTypedGetLogPage() {
    assertThat(decodeRequest(vectorRequest("admin_get_log_smart"))).isEqualTo(GetLogPage.smartHealth(0, 0));
  }

  @Test
  void vector23ResponseDecodesTheSmartLog() {
    AdminResponse a = (AdminResponse) decode(GetLogPage.smartHealth(0, 0), vectorResponse("admin_get_log_smart"));
    SmartLog s = (SmartLog) a.payload();
    assertThat(s.critWarn()).isZero();
    assertThat(s.ctemp()).isEqualTo(311);
    assertThat(s.ctempCelsius()).isEqualTo(38);
    assertThat(s.avsp()).isEqualTo(100);
    assertThat(s.avspt()).isEqualTo(10);
    assertThat(s.pused()).isEqualTo(3);
    assertThat(s.dur()).isEqualTo(BigInteger.valueOf(1234567));
    assertThat(s.dataReadBytes()).isEqualTo(BigInteger.valueOf(632098304000L));
    assertThat(s.duw()).isEqualTo(BigInteger.valueOf(2345678));
    assertThat(s.hrc()).isEqualTo(BigInteger.valueOf(98765432));
    assertThat(s.hwc()).isEqualTo(BigInteger.valueOf(87654321));
    assertThat(s.cbt()).isEqualTo(BigInteger.valueOf(4321));
    assertThat(s.pwrc()).isEqualTo(BigInteger.valueOf(57));
    assertThat(s.poh()).isEqualTo(BigInteger.valueOf(12345));
    assertThat(s.unsafeShutdowns()).isEqualTo(BigInteger.valueOf(7));
    assertThat(s.mdie()).isEqualTo(BigInteger.ZERO);
    assertThat(s.neile()).isEqualTo(BigInteger.valueOf(3));
    assertThat(s.tsen().subList(0, 3)).containsExactly(313, 305, 0);
  }

  @Test
  void getFeaturesTemperatureThresholdEncodesToVector25() {
    GetFeatures g = GetFeatures.temperatureThreshold(0, 0, GetFeatures.SEL_CURRENT, 0, TemperatureThreshold.THSEL_OVER);
    assertThat(g.encode()).isEqualTo(vectorRequest("admin_get_features_temp_threshold"));
    assertThat(g.fid()).isEqualTo(4);
    assertThat(g.sel()).isZero();
    assertThat(g.cflgs()).isZero();
    assertThat(g.dlen()).isZero();
  }

  @Test
  void vector25ResponseDecodesTheThresholdFromDw0() {
    GetFeatures g = (GetFeatures) decodeRequest(vectorRequest("admin_get_features_temp_threshold"));
    AdminResponse a = (AdminResponse) decode(g, vectorResponse("admin_get_features_temp_threshold"));
    assertThat(a.cqeDw0()).isEqualTo(0x15F);
    TemperatureThreshold t = (TemperatureThreshold) a.payload();
    assertThat(t.tmpth()).isEqualTo(351);
    assertThat(t.tmpthCelsius()).isEqualTo(78);
  }

  @Test
  void identifyReservedCnsEncodesToVector26() {
    Identify i = Identify.of(0, 0, 0xFF, 0, 0, 0, 0, 0, AdminOptions.DEFAULTS);
    assertThat(i.encode()).isEqualTo(vectorRequest("admin_nvme_error_invalid_field"));
  }

  @Test
  void vector26ResponseCarriesInvalidFieldWithDnr() {
    AdminRequest req = decodeRequest(vectorRequest("admin_nvme_error_invalid_field"));
    AdminResponse a = (AdminResponse) decode(req, vectorResponse("admin_nvme_error_invalid_field"));
    assertThat(a.status()).isEqualTo(MiStatus.SUCCESS);
    assertThat(a.cqeDw3()).isEqualTo(0x80040000L);
    assertThat(a.nvmeStatusField()).isEqualTo(0x4002);
    assertThat(a.nvmeStatus()).isEqualTo(new NvmeStatus(2, 0, 0, false, true));
    assertThat(a.nvmeSuccess()).isFalse();
    assertThat(a.payload()).isNull();
  }

  @Test
  void vector28InterimIsMoreProcessingRequiredOfOneSecond() {
    byte[] interim = vectorResponse("admin_mpr_then_final");
    MoreProcessingRequired mpr = MoreProcessingRequired.detect(interim).orElseThrow();
    assertThat(mpr.mprt()).isEqualTo(10);
    assertThat(mpr.estimate()).isEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void vector28InterimDecodesAsAnErrorResponseNotAsData() {
    AdminRequest req = decodeRequest(vectorRequest("admin_mpr_then_final"));
    MiResponse r = decode(req, vectorResponse("admin_mpr_then_final"));
    assertThat(r).isInstanceOf(MiErrorResponse.class);
    assertThat(r.status()).isEqualTo(MiStatus.MORE_PROCESSING_REQUIRED);
  }

  @Test
  void vector28FinalResponseIsVector25s() {
    byte[] fin = AdminFixtures.hex(AdminFixtures.vector("admin_mpr_then_final").get("expected")
        .get("final_response_hex").asText());
    AdminRequest req = decodeRequest(vectorRequest("admin_mpr_then_final"));
    AdminResponse a = (AdminResponse) decode(req, fin);
    assertThat(((TemperatureThreshold) a.payload()).tmpth()).isEqualTo(351);
  }
}
