package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.AdminFixtures.adminResponse;
import static dev.nvmemi.mi.admin.AdminFixtures.adminSuccess;
import static dev.nvmemi.mi.admin.AdminFixtures.shortResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiErrorResponse;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiResponse;
import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.MoreProcessingRequired;
import dev.nvmemi.mi.NvmeStatus;
import dev.nvmemi.mi.client.ParameterErrorLocation;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Admin response decoding in the order of spec sheet §11.1 (steps 1–4 through {@link MiFrame},
 * 6–7 in {@link AdminCodec}): one named test per rule and per malformed case.
 */
class AdminResponseTest {

  private static final MiCodecOptions O = MiCodecOptions.DEFAULTS;
  private static final Identify PROBE = Identify.probe(0, 0);

  private static MiResponse decode(AdminRequest req, byte[] msg) {
    return decode(req, msg, AdminOptions.DEFAULTS);
  }

  private static MiResponse decode(AdminRequest req, byte[] msg, AdminOptions admin) {
    return AdminCodec.decodeResponse(MiFrame.parseResponse(msg, req == null ? null : req.header(), O), req, O, admin);
  }

  private static void assertKind(ThrowingCallable call, MiErrorKind kind) {
    assertThatThrownBy(call).isInstanceOfSatisfying(MiProtocolException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  // ---- §11.1 steps 1-4 on an admin response ----

  @Test
  void rejectsResponseShorterThan12Bytes() {
    byte[] m = {(byte) 0x84, (byte) 0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    AdminFixtures.resealed(m);
    assertKind(() -> decode(PROBE, m), MiErrorKind.TOO_SHORT);
  }

  @Test
  void rejectsBadMicBeforeReadingAnyField() {
    byte[] m = adminSuccess(new byte[72]);
    m[m.length - 1] ^= 0x01;
    assertKind(() -> decode(PROBE, m), MiErrorKind.MIC_MISMATCH);
  }

  @Test
  void rejectsWrongMctpTypeByte() {
    byte[] m = adminSuccess(new byte[72]);
    m[0] = (byte) 0x83;
    AdminFixtures.resealed(m);
    assertKind(() -> decode(PROBE, m), MiErrorKind.BAD_MESSAGE_TYPE);
  }

  @Test
  void rejectsARequestInPlaceOfTheResponse() {
    byte[] m = adminSuccess(new byte[72]);
    m[1] = 0x10;
    AdminFixtures.resealed(m);
    assertKind(() -> decode(PROBE, m), MiErrorKind.NOT_A_RESPONSE);
  }

  @Test
  void rejectsAnMiCommandResponseToAnAdminRequest() {
    byte[] m = adminSuccess(new byte[72]);
    m[1] = (byte) 0x88;
    AdminFixtures.resealed(m);
    assertKind(() -> decode(PROBE, m), MiErrorKind.NMIMT_MISMATCH);
  }

  @Test
  void rejectsANonAdminFrameEvenWhenNmimtIsNotCheckedStrictly() {
    byte[] m = adminSuccess(new byte[72]);
    m[1] = (byte) 0x88;
    AdminFixtures.resealed(m);
    MiCodecOptions lax = O.withStrictNmimt(false);
    assertKind(() -> AdminCodec.decodeResponse(MiFrame.parseResponse(m, PROBE.header(), lax), PROBE, lax),
        MiErrorKind.NMIMT_MISMATCH);
  }

  @Test
  void rejectsResponseOnTheOtherCommandSlot() {
    byte[] m = adminResponse(1, 0, 0, 0, 0, new byte[72]);
    assertKind(() -> decode(PROBE, m), MiErrorKind.CSI_MISMATCH);
  }

  // ---- step 5/6: non-success MI status ----

  @Test
  void mapsANonSuccessMiStatusToAnErrorResponse() {
    MiResponse r = decode(PROBE, shortResponse(0x90, 0x02, 0, 0, 0));
    assertThat(r).isInstanceOfSatisfying(MiErrorResponse.class, e -> {
      assertThat(e.status()).isEqualTo(MiStatus.INTERNAL_ERROR);
      assertThat(e.errorLocation()).isNull();
    });
  }

  @Test
  void decodesTheParameterErrorLocationOfInvalidParameter() {
    MiResponse r = decode(PROBE, shortResponse(0x90, 0x04, 0x03, 0x2C, 0x00));
    assertThat(((MiErrorResponse) r).errorLocation()).isEqualTo(new ParameterErrorLocation(44, 3));
  }

  @Test
  void acceptsAnErrorResponseInTheFullAdminForm() {
    byte[] m = adminResponse(0, 0x03, 0, 0, 0, new byte[64]);
    assertThat(decode(PROBE, m).status()).isEqualTo(MiStatus.INVALID_COMMAND_OPCODE);
  }

  @Test
  void keepsVendorSpecificMiStatus() {
    assertThat(decode(PROBE, shortResponse(0x90, 0xE7, 0, 0, 0)).status()).isEqualTo(MiStatus.valueOf(0xE7));
  }

  @Test
  void recognisesMoreProcessingRequiredInTheTwentyByteAdminForm() {
    byte[] m = adminResponse(0, 0x01, 0, 0, 0, new byte[0]);
    m[6] = 0x32; // MPRT 50 x 100 ms
    AdminFixtures.resealed(m);
    assertThat(MoreProcessingRequired.detect(m)).contains(new MoreProcessingRequired(50));
  }

  // ---- step 7: admin header, data length, NVMe status ----

  @Test
  void rejectsSuccessWithoutTheTwentyByteAdminHeader() {
    byte[] m = shortResponse(0x90, 0x00, 0, 0, 0);
    assertThatThrownBy(() -> decode(PROBE, m))
        .isInstanceOfSatisfying(MiProtocolException.class, e -> assertThat(e.kind()).isEqualTo(MiErrorKind.TOO_SHORT))
        .hasMessageContaining("admin response too short: 8 bytes before the MIC (expected: 20+ bytes");
  }

  @Test
  void rejectsSuccessWithTruncatedCqeDword3() {
    byte[] full = adminSuccess(new byte[0]);
    byte[] m = AdminFixtures.resealed(Arrays.copyOf(full, 18 + 4));
    assertKind(() -> decode(PROBE, m), MiErrorKind.TOO_SHORT);
  }

  @Test
  void rejectsMoreDataThanDlenAskedFor() {
    byte[] m = adminSuccess(new byte[76]);
    assertThatThrownBy(() -> decode(PROBE, m))
        .isInstanceOfSatisfying(MiProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(MiErrorKind.LENGTH_MISMATCH))
        .hasMessageContaining("76 bytes (expected: at most DLEN = 72)");
  }

  @Test
  void rejectsMoreThan4096BytesOfData() {
    byte[] m = adminSuccess(new byte[4100]);
    assertKind(() -> decode(null, m), MiErrorKind.LENGTH_MISMATCH);
  }

  @Test
  void acceptsShortDataUnlessExactLengthIsRequired() {
    GetLogPage g = GetLogPage.smartHealth(0, 0);
    byte[] m = adminSuccess(new byte[256]);
    assertThat(((AdminResponse) decode(g, m)).dataLen()).isEqualTo(256);
    assertKind(() -> decode(g, m, AdminOptions.DEFAULTS.withRequireExactDataLength(true)), MiErrorKind.LENGTH_MISMATCH);
  }

  @Test
  void exactLengthIsNotRequiredOfAFailedCommand() {
    byte[] m = adminResponse(0, 0, 0, 0, 0x80040000L, new byte[0]);
    AdminResponse a = (AdminResponse) decode(PROBE, m, AdminOptions.DEFAULTS.withRequireExactDataLength(true));
    assertThat(a.nvmeSuccess()).isFalse();
  }

  @Test
  void acceptsDataToAZeroDlenRequestByDefault() {
    GetFeatures g = GetFeatures.of(0, 0, FeatureId.TIMESTAMP, 0, 0, 0, 0,
        AdminOptions.DEFAULTS.withFeaturesDataLength(AdminOptions.FeaturesDataLength.LIBNVME_ZERO));
    byte[] data = {(byte) 0xE8, 0x03, 0, 0, 0, 0, 0x02, 0};
    AdminResponse a = (AdminResponse) decode(g, adminSuccess(data));
    assertThat(a.payload()).isEqualTo(new Timestamp(1000, false, 1));
  }

  @Test
  void rejectsDataToAZeroDlenRequestWhenNotTolerated() {
    GetFeatures g = GetFeatures.of(0, 0, FeatureId.TIMESTAMP, 0, 0, 0, 0,
        AdminOptions.DEFAULTS.withFeaturesDataLength(AdminOptions.FeaturesDataLength.LIBNVME_ZERO));
    assertKind(() -> decode(g, adminSuccess(new byte[8]), AdminOptions.DEFAULTS.withTolerateZeroDlen(false)),
        MiErrorKind.LENGTH_MISMATCH);
  }

  @Test
  void decodesNvmeStatusIgnoringPhaseTagAndCommandId() {
    // DW3: DNR, M, CRD 2, SCT 1, SC 0x0B, plus phase bit and CID 0xBEEF that must not leak in
    long dw3 = 1L << 31 | 1L << 30 | 2L << 28 | 1L << 25 | 0x0BL << 17 | 1L << 16 | 0xBEEF;
    AdminResponse a = (AdminResponse) decode(PROBE, adminResponse(0, 0, 0, 0, dw3, new byte[0]));
    assertThat(a.nvmeStatus()).isEqualTo(new NvmeStatus(0x0B, 1, 2, true, true));
    assertThat(a.nvmeStatusField()).isEqualTo(0x7000 | 0x0100 | 0x0B);
  }

  @Test
  void aPhaseTagAloneIsStillSuccess() {
    AdminResponse a = (AdminResponse) decode(PROBE, adminResponse(0, 0, 0, 0, 0x0001_FFFFL, new byte[72]));
    assertThat(a.nvmeSuccess()).isTrue();
    assertThat(a.payload()).isInstanceOf(IdentifyControllerSummary.class);
  }

  @Test
  void aFailedCommandHasNoTypedPayload() {
    AdminResponse a = (AdminResponse) decode(PROBE, adminResponse(0, 0, 0, 0, 0x80040000L, new byte[72]));
    assertThat(a.payload()).isNull();
    assertThat(a.dataLen()).isEqualTo(72);
  }

  @Test
  void decodesWithoutARequestAsAGenericCompletion() {
    AdminResponse a = (AdminResponse) decode(null, adminResponse(0, 0, 0x15F, 7, 0, new byte[16]));
    assertThat(a.cqeDw0()).isEqualTo(0x15F);
    assertThat(a.cqeDw1()).isEqualTo(7);
    assertThat(a.payload()).isNull();
  }

  @Test
  void ignoresReservedBytesFiveToSeven() {
    byte[] m = adminResponse(0, 0, 0, 0, 0, new byte[72]);
    m[5] = 0x11;
    m[6] = 0x22;
    m[7] = 0x33;
    AdminFixtures.resealed(m);
    assertThat(decode(PROBE, m)).isInstanceOf(AdminResponse.class);
  }

  @Test
  void aMalformedStructureInsideTheDataIsAProtocolError() {
    Identify list = Identify.of(0, 0, Identify.CNS_CONTROLLER_LIST, 0, 0, 0, 0, 0, AdminOptions.DEFAULTS);
    byte[] data = new byte[4096];
    data[0] = (byte) 0xFF;
    data[1] = (byte) 0xFF; // NUMIDS 65535 > 2047
    assertKind(() -> decode(list, adminSuccess(data)), MiErrorKind.INVALID_FIELD);
  }

  // ---- payload selection ----

  @Test
  void anOffsetIdentifyReadHasNoTypedPayload() {
    Identify i = Identify.partial(0, 0, Identify.CNS_CONTROLLER, 0, 0, 0, 0, 0, 256, 128, AdminOptions.DEFAULTS);
    assertThat(((AdminResponse) decode(i, adminSuccess(new byte[128]))).payload()).isNull();
  }

  @Test
  void aLogReadAtAnOffsetHasNoTypedPayload() {
    GetLogPage g = GetLogPage.of(0, 0, GetLogPage.NSID_ALL, 2, 0, false, 0, 512, 0, false, 0, 512, AdminOptions.DEFAULTS);
    assertThat(((AdminResponse) decode(g, adminSuccess(new byte[512]))).payload()).isNull();
  }

  @Test
  void errorLogDataDecodesToEntries() {
    GetLogPage g = GetLogPage.of(0, 0, GetLogPage.NSID_ALL, 1, 0, false, 0, 0, 0, false, 0, 128, AdminOptions.DEFAULTS);
    byte[] data = new byte[128];
    data[0] = 5;
    AdminResponse a = (AdminResponse) decode(g, adminSuccess(data));
    assertThat(((ErrorLog) a.payload()).entries()).hasSize(2);
    assertThat(((ErrorLog) a.payload()).usedEntries()).hasSize(1);
  }

  @Test
  void supportedCapabilitiesOfAFeatureAreNotReadAsItsValue() {
    GetFeatures g = GetFeatures.of(0, 0, FeatureId.TEMPERATURE_THRESHOLD, GetFeatures.SEL_SUPPORTED_CAPABILITIES, 0,
        0, 0, AdminOptions.DEFAULTS);
    assertThat(((AdminResponse) decode(g, adminResponse(0, 0, 0x5, 0, 0, new byte[0]))).payload()).isNull();
  }

  @Test
  void featureValuesDecodeFromDword0() {
    assertThat(payloadOfFeature(FeatureId.ARBITRATION, 0x0302_0103L)).isEqualTo(new Arbitration(3, 1, 2, 3));
    assertThat(payloadOfFeature(FeatureId.POWER_MANAGEMENT, 0x43)).isEqualTo(new PowerManagement(3, 2));
    assertThat(payloadOfFeature(FeatureId.ERROR_RECOVERY, 0x1_0005)).isEqualTo(new ErrorRecovery(5, true));
    assertThat(payloadOfFeature(FeatureId.VOLATILE_WRITE_CACHE, 1)).isEqualTo(new VolatileWriteCache(true));
    assertThat(payloadOfFeature(FeatureId.NUMBER_OF_QUEUES, 0x001F_003FL)).isEqualTo(new NumberOfQueues(0x3F, 0x1F));
  }

  private static AdminPayload payloadOfFeature(int fid, long dw0) {
    GetFeatures g = GetFeatures.of(0, 0, fid, 0, 0, 0, 0, AdminOptions.DEFAULTS);
    return ((AdminResponse) decode(g, adminResponse(0, 0, dw0, 0, 0, new byte[0]))).payload();
  }

  // ---- the encoder the simulator uses ----

  @Test
  void encodedResponseMatchesTheHandBuiltMessage() {
    AdminResponse r = AdminResponse.of(PROBE, 0x15F, new NvmeStatus(2, 0, 0, false, true), new byte[] {1, 2, 3, 4},
        null);
    assertThat(r.encode()).isEqualTo(adminResponse(0, 0, 0x15F, 0, 0x80040000L, new byte[] {1, 2, 3, 4}));
  }

  @Test
  void responseRoundTripsThroughTheCodec() {
    AdminResponse r = AdminResponse.of(PROBE, 0, new NvmeStatus(0, 0, 0, false, false),
        new IdentifyControllerSummary(0x1b96, 0x1b96, "SN1", "MODEL", "FW1").encode(),
        new IdentifyControllerSummary(0x1b96, 0x1b96, "SN1", "MODEL", "FW1"));
    assertThat(decode(PROBE, r.encode())).isEqualTo(r);
  }
}
