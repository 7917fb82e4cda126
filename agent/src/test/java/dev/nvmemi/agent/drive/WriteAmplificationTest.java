package dev.nvmemi.agent.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Write amplification arithmetic ({@code ocp-logs.md} §6), with the note's worked example. */
class WriteAmplificationTest {
  private static BigInteger b(long v) {
    return BigInteger.valueOf(v);
  }

  @Test
  void lifetimeIsMediaBytesOverHostBytesAsInTheNotesExample() {
    // fixture A: PMUW 38.4 TB with DUW 50 000 000 -> host 25.6 TB, WAF 1.50
    WriteAmplification w = WriteAmplification.first(b(38_400_000_000_000L), b(50_000_000));

    assertThat(w.lifetime()).isCloseTo(1.5, within(1e-12));
    assertThat(w.window()).isNull();
    assertThat(w.sinceFirst()).isNull();
  }

  @Test
  void windowIsTheDeltaRatioAsInTheNotesExample() {
    // previous poll PMUW 38 000 000 000 000, DUW 49 700 000; now fixture A: 4.0e11 / 1.536e11 = 2.604
    WriteAmplification before = WriteAmplification.first(b(38_000_000_000_000L), b(49_700_000));

    WriteAmplification now = WriteAmplification.next(before, b(38_400_000_000_000L), b(50_000_000));

    assertThat(now.window()).isCloseTo(2.604, within(0.001));
    assertThat(now.sinceFirst()).isCloseTo(2.604, within(0.001));
    assertThat(now.lifetime()).isCloseTo(1.5, within(1e-12));
  }

  @Test
  void aWindowWithLessThan2000HostUnitsStaysOpenAndWidens() {
    WriteAmplification a = WriteAmplification.first(b(1_000_000_000_000L), b(1_000_000));
    WriteAmplification b = WriteAmplification.next(a, b(1_000_000_000_000L + 1_999L * 512_000 * 3), b(1_001_999));

    assertThat(b.window()).as("1 999 units: too little").isNull();
    assertThat(b.baseDuw()).isEqualTo(b(1_000_000));

    WriteAmplification c = WriteAmplification.next(b, b(1_000_000_000_000L + 4_000L * 512_000 * 3), b(1_004_000));
    assertThat(c.window()).isCloseTo(3.0, within(1e-12));
    assertThat(c.baseDuw()).isEqualTo(b(1_004_000));
  }

  @Test
  void aCounterGoingBackwardsRestartsTheBaselines() {
    WriteAmplification a = WriteAmplification.first(b(1_000_000_000_000L), b(1_000_000));

    WriteAmplification swapped = WriteAmplification.next(a, b(5_000_000_000L), b(4_000));

    assertThat(swapped.firstDuw()).isEqualTo(b(4_000));
    assertThat(swapped.window()).isNull();
    assertThat(swapped.sinceFirst()).isNull();
  }

  @Test
  void noHostWritesYetGivesNoLifetimeRatio() {
    assertThat(WriteAmplification.first(b(1_000), BigInteger.ZERO).lifetime()).isNull();
  }
}
