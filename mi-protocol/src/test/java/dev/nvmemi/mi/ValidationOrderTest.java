package dev.nvmemi.mi;

import static dev.nvmemi.mi.Messages.badMic;
import static dev.nvmemi.mi.Messages.patched;
import static dev.nvmemi.mi.Messages.sealed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.client.ParameterErrorLocation;
import dev.nvmemi.mi.command.ReadDataStructure;
import dev.nvmemi.mi.command.SubsystemHealthStatusPoll;
import dev.nvmemi.mi.control.GetState;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of the client-side validation order, spec sheet §11.1, each built so that the
 * message also breaks a later rule: the earlier rule must win.
 */
class ValidationOrderTest {
  private static final MiRequest SUBSYS = ReadDataStructure.subsystemInfo(MiHeader.request(Nmimt.MI_COMMAND, 0));
  private static final MiRequest HEALTH = new SubsystemHealthStatusPoll(MiHeader.request(Nmimt.MI_COMMAND, 0), false);
  private static final GetState GET_STATE = new GetState(MiHeader.request(Nmimt.CONTROL_PRIMITIVE, 0), 7, false);

  private static void assertKind(MiErrorKind kind, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(MiProtocolException.class,
        e -> assertThat(e.kind()).isEqualTo(kind));
  }

  // Step 1: length
  @Test
  void step1RejectsResponseShorterThan12BytesBeforeCheckingTheMic() {
    assertKind(MiErrorKind.TOO_SHORT, () -> MiCodec.decodeResponse(badMic(0x83, 0x08, 0, 0, 0, 0, 0), SUBSYS));
  }

  @Test
  void step1RejectsRequestShorterThanHeaderAndMic() {
    assertKind(MiErrorKind.TOO_SHORT, () -> MiCodec.decodeRequest(new byte[] {(byte) 0x84, 8, 0, 0, 0, 0, 0}));
  }

  @Test
  void step1RejectsMessageLongerThan4224Bytes() {
    byte[] big = new byte[MiFrame.MAX_MESSAGE + 1];
    big[0] = (byte) 0x84;
    big[1] = (byte) 0x88;
    dev.nvmemi.mi.internal.Mic.seal(big);
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> MiCodec.decodeResponse(big, SUBSYS));
  }

  // Step 2: MIC
  @Test
  void step2RejectsBadMicBeforeLookingAtTheTypeByte() {
    assertKind(MiErrorKind.MIC_MISMATCH, () -> MiCodec.decodeResponse(badMic(0x83, 0x08, 0, 0, 0, 0, 0, 0), SUBSYS));
  }

  // Step 3: type byte
  @Test
  void step3RejectsWrongTypeByteBeforeRor() {
    assertKind(MiErrorKind.BAD_MESSAGE_TYPE, () -> MiCodec.decodeResponse(sealed(0x83, 0x08, 0, 0, 0, 0, 0, 0), HEALTH));
  }

  @Test
  void step3RejectsMessageWithoutIntegrityCheckFlag() {
    assertKind(MiErrorKind.BAD_MESSAGE_TYPE, () -> MiCodec.decodeResponse(sealed(0x04, 0x88, 0, 0, 0, 0, 0, 0), HEALTH));
  }

  // Step 4: ROR, NMIMT, CSI, tag
  @Test
  void step4RejectsRorClearBeforeComparingNmimt() {
    assertKind(MiErrorKind.NOT_A_RESPONSE, () -> MiCodec.decodeResponse(sealed(0x84, 0x10, 0, 0, 0, 0, 0, 0), HEALTH));
  }

  @Test
  void step4RejectsRorClearBeforeLookingAtAReservedNmimt() {
    assertKind(MiErrorKind.NOT_A_RESPONSE, () -> MiCodec.decodeResponse(sealed(0x84, 0x18, 0, 0, 0, 0, 0, 0), HEALTH));
  }

  @Test
  void step4RejectsReservedNmimt() {
    assertKind(MiErrorKind.NMIMT_MISMATCH, () -> MiCodec.decodeResponse(sealed(0x84, 0x98, 0, 0, 0, 0, 0, 0), HEALTH));
  }

  @Test
  void step4RejectsNmimtMismatchBeforeComparingCsi() {
    assertKind(MiErrorKind.NMIMT_MISMATCH, () -> MiCodec.decodeResponse(sealed(0x84, 0x91, 0, 0, 0, 0, 0, 0), HEALTH));
  }

  @Test
  void step4RejectsCsiMismatchBeforeLookingAtTheStatus() {
    assertKind(MiErrorKind.CSI_MISMATCH, () -> MiCodec.decodeResponse(sealed(0x84, 0x89, 0, 0, 0x02, 0, 0, 0), HEALTH));
  }

  @Test
  void step4RejectsControlPrimitiveTagMismatchBeforeLookingAtTheStatus() {
    assertKind(MiErrorKind.TAG_MISMATCH, () -> MiCodec.decodeResponse(sealed(0x84, 0x80, 0, 0, 0x02, 0x06, 0, 0), GET_STATE));
  }

  // Step 5: More Processing Required
  @Test
  void step5RecognisesEightByteMprAsAnInterimResponse() {
    byte[] mpr = sealed(0x84, 0x88, 0, 0, 0x01, 0x00, 0x34, 0x12);
    assertThat(MoreProcessingRequired.detect(mpr)).contains(new MoreProcessingRequired(0x1234));
    MiErrorResponse r = (MiErrorResponse) MiCodec.decodeResponse(mpr, HEALTH);
    assertThat(r.status()).isEqualTo(MiStatus.MORE_PROCESSING_REQUIRED);
  }

  @Test
  void step5DoesNotTakeALongerMiMessageForMpr() {
    assertThat(MoreProcessingRequired.detect(sealed(0x84, 0x88, 0, 0, 0x01, 0, 0x0a, 0, 0))).isEmpty();
  }

  @Test
  void step5RecognisesTwentyByteAdminMprQuirk() {
    Vectors.Vector v = Vectors.get("admin_mpr_then_final");
    MoreProcessingRequired mpr = MoreProcessingRequired.detect(v.response()).orElseThrow();
    assertThat(mpr.mprt()).isEqualTo(v.expected().get("mprt_raw").asInt());
    assertThat(mpr.estimate().toMillis()).isEqualTo(v.expected().get("mprt_ms").asLong());
    byte[] twenty = new byte[24];
    System.arraycopy(v.response(), 0, twenty, 0, 8);
    dev.nvmemi.mi.internal.Mic.seal(twenty);
    assertThat(MoreProcessingRequired.detect(twenty)).contains(mpr);
  }

  @Test
  void step5NextWaitFollowsLibnvmeTimingVectors() {
    Duration timeout = Duration.ofMillis(3141);
    assertThat(new MoreProcessingRequired(1234).nextWait(timeout, Duration.ZERO)).isEqualTo(Duration.ofMillis(123400));
    assertThat(new MoreProcessingRequired(1235).nextWait(timeout, Duration.ofMillis(123400)))
        .isEqualTo(Duration.ofMillis(123400));
    assertThat(new MoreProcessingRequired(0).nextWait(timeout, Duration.ZERO)).isEqualTo(timeout);
    assertThat(new MoreProcessingRequired(0).nextWait(Duration.ZERO, Duration.ZERO)).isEqualTo(Duration.ofMillis(0xFFFF));
  }

  // Step 6: error status
  @Test
  void step6ErrorStatusIsNotReadAsCommandData() {
    int[] msg = new int[8 + 16];
    msg[0] = 0x84;
    msg[1] = 0x88;
    msg[4] = 0x02;
    msg[6] = 0x20;
    MiErrorResponse r = (MiErrorResponse) MiCodec.decodeResponse(sealed(msg), SUBSYS);
    assertThat(r.status()).isEqualTo(MiStatus.INTERNAL_ERROR);
    assertThat(r.errorLocation()).isNull();
  }

  @Test
  void step6InvalidParameterCarriesTheErrorLocationLittleEndian() {
    MiErrorResponse r = (MiErrorResponse) MiCodec.decodeResponse(Fixtures.load("message/invalid-parameter.hex"), SUBSYS);
    assertThat(r.errorLocation()).isEqualTo(new ParameterErrorLocation(11, 0));
    assertThat(r.encode()).isEqualTo(Fixtures.load("message/invalid-parameter.hex"));
    assertThat(MiErrorResponse.invalidParameter(r.header(), new ParameterErrorLocation(11, 0))).isEqualTo(r);
  }

  @Test
  void step6ErrorLocationCanBeReadBigEndian() {
    MiErrorResponse r = (MiErrorResponse) MiCodec.decodeResponse(sealed(0x84, 0x88, 0, 0, 0x04, 0x0d, 0x01, 0x02), SUBSYS,
        MiCodecOptions.DEFAULTS.withPelLittleEndian(false));
    assertThat(r.errorLocation()).isEqualTo(new ParameterErrorLocation(0x0102, 5));
  }

  @Test
  void step6VendorStatusSurvives() {
    MiErrorResponse r = (MiErrorResponse) MiCodec.decodeResponse(sealed(0x84, 0x88, 0, 0, 0xe5, 0, 0, 0), HEALTH);
    assertThat(r.status().code()).isEqualTo(0xe5);
    assertThat(r.status().isVendorSpecific()).isTrue();
    assertThat(r.statusText()).isEqualTo("vendor(0xe5)");
  }

  // Step 7: command-specific lengths
  @Test
  void step7RejectsRdlDifferentFromTheDataLength() {
    byte[] ok = Vectors.get("mi_read_ds_subsys_info").response();
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> MiCodec.decodeResponse(patched(ok, 5, 0x1f), SUBSYS));
  }

  @Test
  void step7RejectsHealthStatusOfSevenBytes() {
    assertKind(MiErrorKind.LENGTH_MISMATCH,
        () -> MiCodec.decodeResponse(sealed(0x84, 0x88, 0, 0, 0, 0, 0, 0, 0x38, 0x3f, 0x1e, 5, 0, 0, 0), HEALTH));
  }

  @Test
  void step7RejectsControlPrimitiveSuccessWithExtraBytes() {
    assertKind(MiErrorKind.LENGTH_MISMATCH,
        () -> MiCodec.decodeResponse(sealed(0x84, 0x80, 0, 0, 0, 0x07, 0, 0, 0), GET_STATE));
  }
}
