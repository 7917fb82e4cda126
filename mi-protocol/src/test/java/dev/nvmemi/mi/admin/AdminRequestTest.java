package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.AdminFixtures.le32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.Nmimt;
import dev.nvmemi.mi.internal.Mic;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Admin request layout (spec sheet §6.1, §6.4): where each field lands in the 68-byte request, the
 * CFLGS / features-DLEN options (§12 points 4 and 5), typed decoding, and one test per malformed
 * request.
 */
class AdminRequestTest {

  private static final AdminOptions D = AdminOptions.DEFAULTS;

  /** Dword {@code n} (1..15) of an encoded request: message bytes 4n+4 .. 4n+7. */
  private static long dw(byte[] msg, int n) {
    return le32(msg, 4 + 4 * n) & 0xFFFFFFFFL;
  }

  private static AdminRequest roundTrip(AdminRequest r) {
    return AdminCodec.decodeRequest(MiFrame.parseRequest(r.encode()));
  }

  // ---- layout of each typed request ----

  @Test
  void genericCommandPutsEveryFieldAtItsSpecOffset() {
    AdminCommand c = new AdminCommand(MiHeader.request(Nmimt.ADMIN_COMMAND, 1), 0xC5, 0x03, 0x1234, 0x11111111L,
        0x22222222L, 0x33333333L, 0x44444444L, 0x55555555L, 0x100, 0x8, 0x88888888L, 0x99999999L, 0xAAAAAAAAL,
        0xBBBBBBBBL, 0xCCCCCCCCL, 0xDDDDDDDDL, 0xEEEEEEEEL, 0xFFFFFFFFL, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    byte[] m = c.encode();
    assertThat(m).hasSize(68 + 8 + 4);
    assertThat(m[1] & 0xFF).isEqualTo(0x11); // NMIMT 2, CSI 1
    assertThat(m[4] & 0xFF).isEqualTo(0xC5);
    assertThat(m[5] & 0xFF).isEqualTo(0x03);
    assertThat((m[6] & 0xFF) | (m[7] & 0xFF) << 8).isEqualTo(0x1234);
    long[] expected = {0, 0x11111111L, 0x22222222L, 0x33333333L, 0x44444444L, 0x55555555L, 0x100, 0x8,
        0x88888888L, 0x99999999L, 0xAAAAAAAAL, 0xBBBBBBBBL, 0xCCCCCCCCL, 0xDDDDDDDDL, 0xEEEEEEEEL, 0xFFFFFFFFL};
    for (int n = 1; n <= 15; n++) {
      assertThat(dw(m, n)).as("dword %d", n).isEqualTo(expected[n]);
    }
    assertThat(Arrays.copyOfRange(m, 68, 76)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(Mic.verify(m)).isTrue();
  }

  @Test
  void identifyPartialSetsDofftvOnlyForANonZeroOffset() {
    Identify atZero = Identify.partial(0, 3, Identify.CNS_CONTROLLER, 0, 0, 0, 0, 0, 0, 256, D);
    Identify atOffset = Identify.partial(0, 3, Identify.CNS_CONTROLLER, 0, 0, 0, 0, 0, 512, 256, D);
    assertThat(atZero.cflgs()).isEqualTo(0x01);
    assertThat(atOffset.cflgs()).isEqualTo(0x03);
    byte[] m = atOffset.encode();
    assertThat(dw(m, 6)).isEqualTo(512); // DOFST
    assertThat(dw(m, 7)).isEqualTo(256); // DLEN
    assertThat((m[6] & 0xFF)).isEqualTo(3); // CTLID
  }

  @Test
  void identifyPacksCntidCnsCsiCnssidAndUuidIndex() {
    Identify i = Identify.of(0, 0, Identify.CNS_CONTROLLER_LIST, 0x0102, 0x0A0B0C0DL, 0x3344, 0x05, 0x12, D);
    byte[] m = i.encode();
    assertThat(dw(m, 1)).isEqualTo(0x0A0B0C0DL);
    assertThat(dw(m, 10)).isEqualTo(0x0102_0013L);
    assertThat(dw(m, 11)).isEqualTo(0x0500_3344L);
    assertThat(dw(m, 14)).isEqualTo(0x12);
    assertThat(roundTrip(i)).isEqualTo(i);
  }

  @Test
  void identifyRejectsRangesOutsideTheStructure() {
    assertThatThrownBy(() -> Identify.partial(0, 0, 1, 0, 0, 0, 0, 0, 4094, 4, D))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Identify.partial(0, 0, 1, 0, 0, 0, 0, 0, 0, 70, D))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Identify.partial(0, 0, 1, 0, 0, 0, 0, 0, 4092, 8, D))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void getLogPageSplitsNumdAndLpoAcrossDwords() {
    // 0x12344 dwords: NUMD (0's based) 0x12343 -> NUMDL 0x2343, NUMDU 0x0001
    GetLogPage g = new GetLogPage(MiHeader.request(Nmimt.ADMIN_COMMAND, 0), 0, 1, 0xFFFFFFFFL, 0x0D, 0x05, true,
        0x12344, 0xBEEF, 0x1_2345_6789L, 0x11, true, 0x02, 0, 4096);
    byte[] m = g.encode();
    assertThat(dw(m, 10)).isEqualTo(0x2343_0000L | 0x8000 | 0x05 << 8 | 0x0D);
    assertThat(dw(m, 11)).isEqualTo(0xBEEF_0001L);
    assertThat(dw(m, 12)).isEqualTo(0x2345_6789L);
    assertThat(dw(m, 13)).isEqualTo(0x1);
    assertThat(dw(m, 14)).isEqualTo(0x0280_0011L);
    assertThat(roundTrip(g)).isEqualTo(g);
  }

  @Test
  void getLogPageRejectsUnalignedOrOversizedChunks() {
    assertThatThrownBy(() -> GetLogPage.of(0, 0, 0, 2, 0, false, 0, 0, 0, false, 0, 510, D))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GetLogPage.of(0, 0, 0, 2, 0, false, 0, 0, 0, false, 0, 4100, D))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void getFeaturesAnnouncesFeatureDataInDlenByDefault() {
    GetFeatures g = GetFeatures.of(0, 0, FeatureId.TIMESTAMP, 0, 0, 0, 0, D);
    assertThat(g.dlen()).isEqualTo(8);
    assertThat(g.cflgs()).isEqualTo(1);
  }

  @Test
  void getFeaturesReproducesLibnvmesZeroDlenWhenAsked() {
    GetFeatures g = GetFeatures.of(0, 0, FeatureId.TIMESTAMP, 0, 0, 0, 0,
        D.withFeaturesDataLength(AdminOptions.FeaturesDataLength.LIBNVME_ZERO));
    assertThat(g.dlen()).isZero();
    assertThat(g.cflgs()).isZero();
  }

  @Test
  void getFeaturesPacksSelFidAndUuidIndex() {
    GetFeatures g = GetFeatures.of(0, 0, 0xC1, GetFeatures.SEL_SAVED, 7, 0xABCD, 0x3, D);
    byte[] m = g.encode();
    assertThat(dw(m, 1)).isEqualTo(7);
    assertThat(dw(m, 10)).isEqualTo(0x2C1);
    assertThat(dw(m, 11)).isEqualTo(0xABCD);
    assertThat(dw(m, 14)).isEqualTo(3);
  }

  @Test
  void setFeaturesDeclaresItsDataByDefault() {
    SetFeatures s = SetFeatures.of(0, 0, FeatureId.TIMESTAMP, true, 0, 0, 0, 0, 0, 0, new byte[8], D);
    byte[] m = s.encode();
    assertThat(m[5]).isEqualTo((byte) 0x01);
    assertThat(dw(m, 7)).isEqualTo(8);
    assertThat(dw(m, 10)).isEqualTo(0x8000_000EL);
    assertThat(m).hasSize(68 + 8 + 4);
  }

  @Test
  void setFeaturesReproducesLibnvmesUndeclaredDataWhenAsked() {
    SetFeatures s = SetFeatures.of(0, 0, FeatureId.TIMESTAMP, false, 0, 0, 0, 0, 0, 0, new byte[8],
        D.withFeaturesDataLength(AdminOptions.FeaturesDataLength.LIBNVME_ZERO));
    byte[] m = s.encode();
    assertThat(m[5]).isZero();
    assertThat(dw(m, 7)).isZero();
    assertThat(m).hasSize(68 + 8 + 4);
    // a lenient decoder takes the data from the message size (§12 point 5)
    assertThat(roundTrip(s)).isEqualTo(s);
  }

  @Test
  void setFeaturesTemperatureThresholdPutsTheValueInDw11() {
    SetFeatures s = SetFeatures.temperatureThreshold(0, 0, false, new TemperatureThreshold(350, 2, 1));
    assertThat(dw(s.encode(), 11)).isEqualTo(1 << 20 | 2 << 16 | 350);
    assertThat(s.cflgs()).isZero();
  }

  @Test
  void securitySendAndReceivePackProtocolFields() {
    SecuritySend s = SecuritySend.of(0, 0, 1, 0xEF, 0x0102, 0x03, new byte[12], D);
    byte[] m = s.encode();
    assertThat(dw(m, 10)).isEqualTo(0xEF01_0203L);
    assertThat(dw(m, 11)).isEqualTo(12);
    assertThat(dw(m, 7)).isEqualTo(12);
    assertThat(m[5]).isEqualTo((byte) 1);
    SecurityReceive r = SecurityReceive.of(0, 0, 1, 0xEF, 0x0102, 0x03, 256, D);
    assertThat(dw(r.encode(), 11)).isEqualTo(256);
    assertThat(dw(r.encode(), 7)).isEqualTo(256);
    assertThat(roundTrip(s)).isEqualTo(s);
    assertThat(roundTrip(r)).isEqualTo(r);
  }

  @Test
  void namespaceManagementCreateCarriesDataAndCsi() {
    NamespaceManagement n = NamespaceManagement.create(0, 0, 2, new byte[384], D);
    byte[] m = n.encode();
    assertThat(dw(m, 1)).isZero();
    assertThat(dw(m, 10)).isZero();
    assertThat(dw(m, 11)).isEqualTo(0x0200_0000L);
    assertThat(dw(m, 7)).isEqualTo(384);
    NamespaceManagement del = NamespaceManagement.delete(0, 0, 5);
    assertThat(dw(del.encode(), 10)).isEqualTo(1);
    assertThat(dw(del.encode(), 1)).isEqualTo(5);
    assertThat(roundTrip(n)).isEqualTo(n);
    assertThat(roundTrip(del)).isEqualTo(del);
  }

  @Test
  void namespaceAttachmentSendsA4096ByteControllerList() {
    NamespaceAttachment a = NamespaceAttachment.of(0, 0, 1, NamespaceAttachment.SEL_DETACH, List.of(1, 0x0203), D);
    byte[] m = a.encode();
    assertThat(dw(m, 7)).isEqualTo(4096);
    assertThat(dw(m, 10)).isEqualTo(1);
    assertThat(Arrays.copyOfRange(m, 68, 74)).containsExactly(2, 0, 1, 0, 3, 2);
    assertThat(a.controllerIds()).containsExactly(1, 0x0203);
    assertThat(roundTrip(a)).isEqualTo(a);
  }

  @Test
  void firmwareDownloadUsesZerosBasedNumdAndDwordOffset() {
    FirmwareImageDownload f = FirmwareImageDownload.of(0, 0, 8192, new byte[4096], D);
    byte[] m = f.encode();
    assertThat(dw(m, 10)).isEqualTo(1023);
    assertThat(dw(m, 11)).isEqualTo(2048);
    assertThat(f.offsetBytes()).isEqualTo(8192);
    assertThat(roundTrip(f)).isEqualTo(f);
    assertThatThrownBy(() -> FirmwareImageDownload.of(0, 0, 2, new byte[4], D))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void firmwareCommitFormatAndSanitizePackTheirBits() {
    assertThat(dw(FirmwareCommit.of(0, 0, 2, 3, true).encode(), 10)).isEqualTo(0x8000_0000L | 3 << 3 | 2);
    FormatNvm f = FormatNvm.of(0, 0, 1, 0x23, true, 2, true, 1);
    assertThat(dw(f.encode(), 10)).isEqualTo(2L << 12 | 1 << 9 | 1 << 8 | 2 << 5 | 1 << 4 | 3);
    assertThat(f.lbaFormat()).isEqualTo(0x23);
    Sanitize s = Sanitize.of(0, 0, Sanitize.SANACT_OVERWRITE, true, 4, true, true, 0xA5A5A5A5L);
    assertThat(dw(s.encode(), 10)).isEqualTo(1 << 9 | 1 << 8 | 4 << 4 | 1 << 3 | 3);
    assertThat(dw(s.encode(), 11)).isEqualTo(0xA5A5A5A5L);
    assertThat(roundTrip(FirmwareCommit.of(0, 0, 2, 3, true))).isEqualTo(FirmwareCommit.of(0, 0, 2, 3, true));
    assertThat(roundTrip(f)).isEqualTo(f);
    assertThat(roundTrip(s)).isEqualTo(s);
  }

  // ---- CFLGS options (§12 point 4) ----

  @Test
  void cflgsEncodingZeroNeverSetsValidBits() {
    Identify i = Identify.partial(0, 0, 1, 0, 0, 0, 0, 0, 8, 64, D.withCflgsEncoding(AdminOptions.CflgsEncoding.ZERO));
    assertThat(i.cflgs()).isZero();
  }

  @Test
  void cflgsEncodingWithDataSetsBothValidBits() {
    Identify i = Identify.partial(0, 0, 1, 0, 0, 0, 0, 0, 0, 64,
        D.withCflgsEncoding(AdminOptions.CflgsEncoding.DLENV_DOFFV_WITH_DATA));
    assertThat(i.cflgs()).isEqualTo(3);
  }

  @Test
  void receiversHonourDlenAndDofstWithoutValidBitsByDefault() {
    AdminCommand c = Identify.partial(0, 0, 1, 0, 0, 0, 0, 0, 8, 64, D.withCflgsEncoding(AdminOptions.CflgsEncoding.ZERO))
        .toCommand();
    assertThat(c.effectiveDlen(D)).isEqualTo(64);
    assertThat(c.effectiveDofst(D)).isEqualTo(8);
  }

  @Test
  void receiversIgnoreDlenAndDofstWithoutValidBitsWhenCflgsGates() {
    AdminOptions gated = D.withCflgsGatesDataFields(true);
    AdminCommand c = Identify.partial(0, 0, 1, 0, 0, 0, 0, 0, 8, 64, D.withCflgsEncoding(AdminOptions.CflgsEncoding.ZERO))
        .toCommand();
    assertThat(c.effectiveDlen(gated)).isZero();
    assertThat(c.effectiveDofst(gated)).isZero();
    AdminCommand valid = Identify.partial(0, 0, 1, 0, 0, 0, 0, 0, 8, 64, D).toCommand();
    assertThat(valid.effectiveDlen(gated)).isEqualTo(64);
    assertThat(valid.effectiveDofst(gated)).isEqualTo(8);
  }

  @Test
  void cflgsBitsAreReadAsDlenvDoffvAndIsh() {
    AdminCommand c = AdminCommand.of(0, 0, 6);
    AdminCommand all = new AdminCommand(c.header(), 6, 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new byte[0]);
    assertThat(all.dlenv()).isTrue();
    assertThat(all.doffv()).isTrue();
    assertThat(all.ish()).isTrue();
    assertThat(c.dlenv() || c.doffv() || c.ish()).isFalse();
  }

  // ---- typed decoding ----

  @Test
  void decodingKeepsTheGenericFormWhenATypedRecordWouldLoseAField() {
    // Identify with a non-zero reserved dword 12: not representable by the Identify record
    AdminCommand c = new AdminCommand(MiHeader.request(Nmimt.ADMIN_COMMAND, 0), 0x06, 1, 0, 0, 0, 0, 0, 0, 0,
        4096, 0, 0, 1, 0, 0x77, 0, 0, 0, new byte[0]);
    assertThat(roundTrip(c)).isEqualTo(c).isInstanceOf(AdminCommand.class);
  }

  @Test
  void decodingKeepsTheGenericFormForVendorOpcodes() {
    AdminCommand c = new AdminCommand(MiHeader.request(Nmimt.ADMIN_COMMAND, 1), 0xC2, 1, 9, 0, 0, 0, 0, 0, 0,
        16, 0, 0, 1, 2, 3, 4, 5, 6, new byte[0]);
    assertThat(roundTrip(c)).isEqualTo(c);
  }

  @Test
  void typedFormOfAGenericIdentifyIsIdentify() {
    assertThat(AdminCodec.typed(Identify.controller(0, 4).toCommand())).isEqualTo(Identify.controller(0, 4));
  }

  // ---- malformed requests: one test per rule ----

  private static byte[] sealedRequest(byte[] m) {
    Mic.seal(m);
    return m;
  }

  @Test
  void rejectsAdminRequestShorterThan68Bytes() {
    byte[] full = Identify.probe(0, 0).encode();
    byte[] shortMsg = sealedRequest(Arrays.copyOf(full, 64 + 4));
    assertThatThrownBy(() -> AdminCodec.decodeRequest(MiFrame.parseRequest(shortMsg)))
        .isInstanceOfSatisfying(MiProtocolException.class, e -> assertThat(e.kind()).isEqualTo(MiErrorKind.TOO_SHORT))
        .hasMessageContaining("admin request too short: 64 bytes");
  }

  @Test
  void rejectsRequestDataThatDisagreesWithDlen() {
    byte[] m = SecuritySend.of(0, 0, 0, 1, 0, 0, new byte[8], D).encode();
    m[32] = 12; // DLEN (bytes 32-35) = 12, but 8 data bytes follow
    sealedRequest(m);
    assertThatThrownBy(() -> AdminCodec.decodeRequest(MiFrame.parseRequest(m)))
        .isInstanceOfSatisfying(MiProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(MiErrorKind.LENGTH_MISMATCH))
        .hasMessageContaining("8 bytes (expected: DLEN = 12)");
  }

  @Test
  void rejectsHostToControllerCommandWithoutItsDeclaredData() {
    byte[] full = SecuritySend.of(0, 0, 0, 1, 0, 0, new byte[8], D).encode();
    byte[] m = sealedRequest(Arrays.copyOf(full, 68 + 4));
    assertThatThrownBy(() -> AdminCodec.decodeRequest(MiFrame.parseRequest(m)))
        .isInstanceOfSatisfying(MiProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(MiErrorKind.LENGTH_MISMATCH));
  }

  @Test
  void rejectsDataOnACommandWithoutHostToControllerData() {
    byte[] probe = Identify.probe(0, 0).encode();
    byte[] m = sealedRequest(Arrays.copyOf(Arrays.copyOf(probe, 68), 68 + 4 + 4));
    assertThatThrownBy(() -> AdminCodec.decodeRequest(MiFrame.parseRequest(m)))
        .isInstanceOfSatisfying(MiProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(MiErrorKind.LENGTH_MISMATCH))
        .hasMessageContaining("transfers no host-to-controller data");
  }

  @Test
  void rejectsRequestDataLongerThan4096Bytes() {
    byte[] m = new byte[68 + 4100 + 4];
    System.arraycopy(SecuritySend.of(0, 0, 0, 1, 0, 0, new byte[4], D).encode(), 0, m, 0, 68);
    sealedRequest(m);
    assertThatThrownBy(() -> AdminCodec.decodeRequest(MiFrame.parseRequest(m)))
        .isInstanceOfSatisfying(MiProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(MiErrorKind.LENGTH_MISMATCH))
        .hasMessageContaining("too long: 4100 bytes");
  }

  @Test
  void rejectsUndeclaredRequestDataWhenZeroDlenIsNotTolerated() {
    byte[] m = SetFeatures.of(0, 0, FeatureId.TIMESTAMP, false, 0, 0, 0, 0, 0, 0, new byte[8],
        D.withFeaturesDataLength(AdminOptions.FeaturesDataLength.LIBNVME_ZERO)).encode();
    assertThatThrownBy(() -> AdminCodec.decodeRequest(MiFrame.parseRequest(m), D.withTolerateZeroDlen(false)))
        .isInstanceOfSatisfying(MiProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(MiErrorKind.LENGTH_MISMATCH));
  }

  @Test
  void rejectsANonAdminFrameAsNmimtMismatch() {
    byte[] mi = {(byte) 0x84, 0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    sealedRequest(mi);
    assertThatThrownBy(() -> AdminCodec.decodeRequest(MiFrame.parseRequest(mi)))
        .isInstanceOfSatisfying(MiProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(MiErrorKind.NMIMT_MISMATCH));
  }

  @Test
  void typedRecordsRejectOutOfRangeFields() {
    MiHeader h = MiHeader.request(Nmimt.ADMIN_COMMAND, 0);
    assertThatThrownBy(() -> new Identify(h, 0x10000, 0, 0, 1, 0, 0, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ctlid");
    assertThatThrownBy(() -> new GetLogPage(h, 0, 0, 0, 2, 0x80, false, 1, 0, 0, 0, false, 0, 0, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lsp");
    assertThatThrownBy(() -> new GetLogPage(h, 0, 0, 0, 2, 0, false, 0, 0, 0, 0, false, 0, 0, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numd");
    assertThatThrownBy(() -> new Identify(MiHeader.request(Nmimt.MI_COMMAND, 0), 0, 0, 0, 1, 0, 0, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("admin request");
  }
}
