package dev.nvmemi.mi.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The CTEMP special codes of spec sheet §4.1. */
class CompositeTemperatureTest {
  @Test
  void zeroTo126AreDegreesCelsius() {
    assertThat(CompositeTemperature.celsius(0x00)).isZero();
    assertThat(CompositeTemperature.celsius(0x7e)).isEqualTo(126);
  }

  @Test
  void sevenFhMeansAtLeast127() {
    assertThat(CompositeTemperature.kind(0x7f)).isEqualTo(CompositeTemperature.Kind.AT_LEAST);
    assertThat(CompositeTemperature.celsius(0x7f)).isEqualTo(127);
  }

  @Test
  void eightyHexMeansNoData() {
    assertThat(CompositeTemperature.kind(0x80)).isEqualTo(CompositeTemperature.Kind.NO_DATA);
    assertThat(CompositeTemperature.celsius(0x80)).isNull();
  }

  @Test
  void eightyOneHexMeansSensorFailure() {
    assertThat(CompositeTemperature.kind(0x81)).isEqualTo(CompositeTemperature.Kind.SENSOR_FAILURE);
    assertThat(CompositeTemperature.celsius(0x81)).isNull();
  }

  @Test
  void eightyTwoToC3AreReserved() {
    assertThat(CompositeTemperature.kind(0x82)).isEqualTo(CompositeTemperature.Kind.RESERVED);
    assertThat(CompositeTemperature.kind(0xc3)).isEqualTo(CompositeTemperature.Kind.RESERVED);
    assertThat(CompositeTemperature.celsius(0xc3)).isNull();
  }

  @Test
  void c4MeansMinus60OrColder() {
    assertThat(CompositeTemperature.kind(0xc4)).isEqualTo(CompositeTemperature.Kind.AT_MOST);
    assertThat(CompositeTemperature.celsius(0xc4)).isEqualTo(-60);
  }

  @Test
  void c5ToFfAreNegativeTwosComplement() {
    assertThat(CompositeTemperature.celsius(0xc5)).isEqualTo(-59);
    assertThat(CompositeTemperature.celsius(0xf6)).isEqualTo(-10);
    assertThat(CompositeTemperature.celsius(0xff)).isEqualTo(-1);
  }

  @Test
  void encodingSaturatesAtBothEnds() {
    assertThat(CompositeTemperature.fromCelsius(200)).isEqualTo(0x7f);
    assertThat(CompositeTemperature.fromCelsius(-100)).isEqualTo(0xc4);
    assertThat(CompositeTemperature.fromCelsius(-10)).isEqualTo(0xf6);
    assertThat(CompositeTemperature.fromKelvin(311)).isEqualTo(38);
    for (int c = -59; c <= 126; c++) {
      assertThat(CompositeTemperature.celsius(CompositeTemperature.fromCelsius(c))).isEqualTo(c);
    }
  }

  @Test
  void swIsInvertedAndBitsSevenAndSixAreNotRead() {
    assertThat(SmartWarning.fromInverted(0x3f)).isEmpty();
    assertThat(SmartWarning.fromInverted(0xff)).isEmpty();
    assertThat(SmartWarning.fromInverted(0x00)).hasSize(6).doesNotContain(SmartWarning.IPS);
    assertThat(SmartWarning.toInverted(java.util.Set.of(SmartWarning.TAUT))).isEqualTo(0x3d);
    assertThat(SmartWarning.fromAsserted(0x40)).containsExactly(SmartWarning.IPS);
  }

  @Test
  void healthStatusChangeMaskIsContiguousNotCcs() {
    assertThat(CcsFlag.toHscMask(java.util.Set.of(CcsFlag.RDY, CcsFlag.CECO))).isEqualTo(0x11);
    assertThat(CcsFlag.toCcs(java.util.Set.of(CcsFlag.RDY, CcsFlag.CECO))).isEqualTo(0x21);
    assertThat(CcsFlag.fromHscMask(0x1fff)).containsExactlyInAnyOrder(CcsFlag.values());
    assertThat(CcsFlag.fromCcs(0x0008)).isEmpty();
  }
}
