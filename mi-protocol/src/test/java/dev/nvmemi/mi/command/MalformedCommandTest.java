package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.Messages.sealed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.MiCodec;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiErrorResponse;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiRequest;
import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.Nmimt;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** One named case per malformed MI command request or response. */
class MalformedCommandTest {
  private static final MiHeader MI0 = MiHeader.request(Nmimt.MI_COMMAND, 0);

  private static void assertKind(MiErrorKind kind, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(MiProtocolException.class,
        e -> assertThat(e.kind()).isEqualTo(kind));
  }

  /** An MI request: opcode, NMD0, NMD1 (LE32) and extra data bytes. */
  private static byte[] request(int opc, int nmd0, int nmd1, int... data) {
    int[] m = new int[16 + data.length];
    m[0] = 0x84;
    m[1] = 0x08;
    m[4] = opc;
    for (int i = 0; i < 4; i++) {
      m[8 + i] = nmd0 >>> (8 * i) & 0xFF;
      m[12 + i] = nmd1 >>> (8 * i) & 0xFF;
    }
    System.arraycopy(data, 0, m, 16, data.length);
    return sealed(m);
  }

  /** A success MI response with NMRESP and data. */
  private static byte[] response(int nmresp, int... data) {
    int[] m = new int[8 + data.length];
    m[0] = 0x84;
    m[1] = 0x88;
    m[5] = nmresp & 0xFF;
    m[6] = nmresp >>> 8 & 0xFF;
    m[7] = nmresp >>> 16 & 0xFF;
    System.arraycopy(data, 0, m, 8, data.length);
    return sealed(m);
  }

  @Test
  void requestShorterThanTheFixedPartIsALengthMismatch() {
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> MiCodec.decodeRequest(sealed(0x84, 0x08, 0, 0, 0x01, 0, 0, 0)));
  }

  @Test
  void requestWithRorSetIsNotARequest() {
    assertKind(MiErrorKind.NOT_A_REQUEST, () -> MiCodec.decodeRequest(sealed(0x84, 0x88, 0, 0, 0x01, 0, 0, 0)));
  }

  @Test
  void requestDataOnAHealthPollIsALengthMismatch() {
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> MiCodec.decodeRequest(request(0x01, 0, 0, 0xaa)));
  }

  @Test
  void requestDataOnReadDataStructureIsALengthMismatch() {
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> MiCodec.decodeRequest(request(0x00, 0, 0, 0, 0, 0, 0)));
  }

  @Test
  void aReservedDataStructureTypeDecodesAsOnTheWireNamedReserved() {
    MiRequest req = MiCodec.decodeRequest(request(0x00, 0x0600_0000, 0));
    assertThat(req).isInstanceOfSatisfying(ReadDataStructure.class, r -> {
      assertThat(r.dtyp()).isEqualTo(0x06);
      assertThat(r.dataStructureType()).isNull();
      assertThat(r.dtypName()).isEqualTo("reserved(0x06)");
    });
    assertThat(MiCodec.encode(req)).isEqualTo(request(0x00, 0x0600_0000, 0));
  }

  @Test
  void theInvalidParameterAnswerToAReservedDataStructureTypeDecodesWithItsErrorLocation() {
    MiRequest req = MiCodec.decodeRequest(request(0x00, 0x0600_0000, 0));
    // status 04h; NMRESP: bit 0 of byte 11 (DTYP, NMD0 bits 31:24), offset little-endian
    byte[] answer = sealed(0x84, 0x88, 0, 0, 0x04, 0x00, 0x0b, 0x00);
    assertThat(MiCodec.decodeResponse(answer, req)).isInstanceOfSatisfying(MiErrorResponse.class, e -> {
      assertThat(e.status()).isEqualTo(MiStatus.INVALID_PARAMETER);
      assertThat(e.errorLocation().byteOffset()).isEqualTo(11);
      assertThat(e.errorLocation().bitPosition()).isZero();
    });
  }

  @Test
  void aReservedConfigurationIdentifierDecodesAsOnTheWireNamedReserved() {
    assertThat(MiCodec.decodeRequest(request(0x04, 0x05, 7))).isInstanceOfSatisfying(ConfigGetReserved.class, r -> {
      assertThat(r.cid()).isEqualTo(0x05);
      assertThat(r.cidName()).isEqualTo("reserved(0x05)");
      assertThat(r.nmd1()).isEqualTo(7);
    });
    assertThat(MiCodec.decodeRequest(request(0x03, 0x00, 0, 0xaa)))
        .isEqualTo(new ConfigSetReserved(MI0, 0x00, 0, new byte[] {(byte) 0xaa}));
    assertThat(MiCodec.encode(new ConfigGetReserved(MI0, 0xbf, 0))).isEqualTo(request(0x04, 0xbf, 0));
  }

  @Test
  void aSuccessAnswerToAReservedConfigurationIdentifierIsAnInvalidField() {
    assertKind(MiErrorKind.INVALID_FIELD, () -> MiCodec.decodeResponse(response(0), new ConfigGetReserved(MI0, 0x05, 0)));
    assertKind(MiErrorKind.INVALID_FIELD,
        () -> MiCodec.decodeResponse(response(0), new ConfigSetReserved(MI0, 0x00, 0, new byte[0])));
  }

  @Test
  void onlyReservedIdentifiersMakeReservedConfigurationRecords() {
    assertThatThrownBy(() -> new ConfigGetReserved(MI0, 0x03, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConfigSetReserved(MI0, 0xc0, 0, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void vpdWriteDataShorterThanDlenIsALengthMismatch() {
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> MiCodec.decodeRequest(request(0x06, 0, 4, 1, 2, 3)));
  }

  @Test
  void aeEnableListWithWrongTotalLengthIsALengthMismatch() {
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> MiCodec.decodeRequest(request(0x03, 0x04, 0, 1, 0, 5, 0, 5, 3, 6, 0x80)));
  }

  @Test
  void vendorConfigurationAndOpcodesDecodeVerbatim() {
    MiRequest vendorSet = MiCodec.decodeRequest(request(0x03, 0xc1, 7, 9));
    assertThat(vendorSet).isEqualTo(new ConfigSetVendor(MI0, 0xc1, 7, new byte[] {9}));
    MiRequest vendorOp = MiCodec.decodeRequest(request(0xc0, 1, 2));
    assertThat(vendorOp).isInstanceOfSatisfying(RawMiCommand.class, r -> assertThat(r.vendorSpecific()).isTrue());
  }

  @Test
  void responseRdlLargerThanTheDataIsALengthMismatch() {
    ReadDataStructure req = ReadDataStructure.controllerList(MI0, 0, dev.nvmemi.mi.MiCodecOptions.DEFAULTS);
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> MiCodec.decodeResponse(response(8, 2, 0, 1, 0, 4, 0), req));
  }

  @Test
  void controllerListWhoseNumidsDisagreesWithItsLengthIsALengthMismatch() {
    ReadDataStructure req = ReadDataStructure.controllerList(MI0, 0, dev.nvmemi.mi.MiCodecOptions.DEFAULTS);
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> MiCodec.decodeResponse(response(6, 3, 0, 1, 0, 4, 0), req));
  }

  @Test
  void controllerListWithMoreThan2047IdsIsAnInvalidField() {
    assertKind(MiErrorKind.INVALID_FIELD, () -> ControllerList.decode(new byte[] {0x00, 0x08}));
  }

  @Test
  void fixedSizeStructureWithWrongRdlIsALengthMismatch() {
    ReadDataStructure req = ReadDataStructure.controllerInfo(MI0, 1);
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> MiCodec.decodeResponse(response(4, 0, 0, 0, 0), req));
  }

  @Test
  void responseToAReservedDataStructureTypeCannotBeDecoded() {
    ReadDataStructure req = new ReadDataStructure(MI0, 0x06, 0, 0, 0);
    assertKind(MiErrorKind.INVALID_FIELD, () -> MiCodec.decodeResponse(response(0), req));
  }

  @Test
  void moreEntriesThanMaxrentAllowsIsAnInvalidField() {
    ControllerHealthStatusPoll req = ControllerHealthStatusPoll.all(MI0, 0, 1);
    assertKind(MiErrorKind.INVALID_FIELD, () -> MiCodec.decodeResponse(response(2 << 16, new int[32]), req));
  }

  @Test
  void entryDataNotRentTimesSixteenIsALengthMismatch() {
    ControllerHealthStatusPoll req = ControllerHealthStatusPoll.all(MI0, 0, 4);
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> MiCodec.decodeResponse(response(2 << 16, new int[16]), req));
  }

  @Test
  void configurationGetWithUnexpectedDataIsALengthMismatch() {
    assertKind(MiErrorKind.LENGTH_MISMATCH,
        () -> MiCodec.decodeResponse(response(1, 0), new ConfigGetSmbusFrequency(MI0, 1)));
  }

  @Test
  void vpdReadShorterThanDlenIsALengthMismatch() {
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> MiCodec.decodeResponse(response(0, 1, 2), new VpdRead(MI0, 0, 3)));
  }

  @Test
  void resetSuccessWithDataIsALengthMismatch() {
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> MiCodec.decodeResponse(response(0, 1), new Reset(MI0, 0)));
  }

  @Test
  void aeSupportedListWithBadVersionIsAnInvalidField() {
    assertKind(MiErrorKind.INVALID_FIELD,
        () -> MiCodec.decodeResponse(response(0, 0, 1, 5, 0, 5), new ConfigGetAsyncEvent(MI0)));
  }

  @Test
  void occurrenceListLongerThanReceivedIsALengthMismatch() {
    assertKind(MiErrorKind.LENGTH_MISMATCH,
        () -> MiCodec.decodeResponse(response(0, 0, 0, 8, 0, 0, 7, 0), ConfigSetAsyncEvent.acknowledgement(MI0)));
  }

  @Test
  void unsolicitedMessageThatIsNotAnAemIsAnNmimtMismatch() {
    assertKind(MiErrorKind.NMIMT_MISMATCH, () -> MiCodec.decodeUnsolicited(sealed(0x84, 0x08, 0, 0, 0, 0, 7, 0, 0, 7, 0)));
  }
}
