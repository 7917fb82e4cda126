package dev.nvmemi.mi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.client.ParameterErrorLocation;
import org.junit.jupiter.api.Test;

class MiErrorResponseTest {
  private static final MiHeader MI0R = MiHeader.request(Nmimt.MI_COMMAND, 0).toResponse();

  @Test
  void successIsNotAnErrorResponse() {
    assertThatThrownBy(() -> MiErrorResponse.of(MI0R, MiStatus.SUCCESS)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void errorLocationOnlyForInvalidParameter() {
    assertThatThrownBy(() -> new MiErrorResponse(MI0R, MiStatus.INTERNAL_ERROR, 0, new ParameterErrorLocation(1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidParameterEncodesTheLocationLittleEndian() {
    byte[] msg = MiErrorResponse.invalidParameter(MI0R, new ParameterErrorLocation(0x0102, 5)).encode();
    assertThat(msg).startsWith((byte) 0x84, (byte) 0x88, (byte) 0, (byte) 0, (byte) 0x04, (byte) 0x05, (byte) 0x02,
        (byte) 0x01);
    assertThat(msg).hasSize(12);
  }

  @Test
  void reservedStatusSurvivesWithAReadableName() {
    MiErrorResponse r = MiErrorResponse.of(MI0R, MiStatus.valueOf(0x30));
    assertThat(r.status().isReserved()).isTrue();
    assertThat(r.statusText()).isEqualTo("reserved(0x30)");
    assertThat(MiCodec.decodeResponse(r.encode(), dev.nvmemi.mi.command.ReadDataStructure.subsystemInfo(
        MiHeader.request(Nmimt.MI_COMMAND, 0)))).isEqualTo(r);
  }
}
