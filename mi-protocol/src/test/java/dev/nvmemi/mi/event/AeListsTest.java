package dev.nvmemi.mi.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.Fixtures;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The AE lists against fixtures, and one case per validation rule of spec sheet §8.4. */
class AeListsTest {
  private static void assertKind(MiErrorKind kind, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(MiProtocolException.class,
        e -> assertThat(e.kind()).isEqualTo(kind));
  }

  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  @Test
  void supportedListFixtureRoundTrips() {
    byte[] b = Fixtures.load("ae-supported-list/two-events.hex");
    AeSupportedList l = AeSupportedList.decode(b);
    assertThat(l).isEqualTo(AeSupportedList.of(List.of(AeSupported.of(5, true), AeSupported.of(6, false))));
    assertThat(l.enabledById()).containsEntry(5, true).containsEntry(6, false);
    assertThat(l.encode()).isEqualTo(b);
  }

  @Test
  void enableListFixtureRoundTrips() {
    byte[] b = Fixtures.load("ae-enable-list/enable-temperature.hex");
    AeEnableList l = AeEnableList.decode(b);
    assertThat(l).isEqualTo(AeEnableList.of(List.of(AeEnable.of(6, true))));
    assertThat(l.encode()).isEqualTo(b);
  }

  @Test
  void occurrenceListFixtureRoundTrips() {
    byte[] b = Fixtures.load("ae-occurrence-list/one-temperature.hex");
    AeOccurrenceList l = AeOccurrenceList.decode(b, Set.of(6));
    assertThat(l).isEqualTo(AeOccurrenceList.of(1,
        List.of(AeOccurrence.of(AsyncEventId.COMPOSITE_TEMPERATURE, AeScope.CONTROLLER, 0, new byte[] {0x2d}))));
    assertThat(l.aeolo()).isFalse();
    assertThat(l.retryCount()).isZero();
    assertThat(l.encode()).isEqualTo(b);
  }

  @Test
  void aemFixtureRoundTrips() {
    byte[] b = Fixtures.load("aem/two-occurrences.hex");
    AsyncEventMessage m = AsyncEventMessage.decode(b, Set.of(5, 6));
    assertThat(m.aeol().occurrences()).extracting(AeOccurrence::aeName)
        .containsExactly("Composite Temperature", "Firmware Activated");
    assertThat(m.encode()).isEqualTo(b);
  }

  @Test
  void occurrenceListShorterThanItsHeaderIsALengthMismatch() {
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> AeOccurrenceList.decode(bytes(0, 0, 7, 0, 0, 7)));
  }

  @Test
  void occurrenceListVersionOtherThanZeroIsAnInvalidField() {
    assertKind(MiErrorKind.INVALID_FIELD, () -> AeOccurrenceList.decode(bytes(0, 1, 7, 0, 0, 7, 0)));
  }

  @Test
  void occurrenceListHeaderLengthOtherThanSevenIsAnInvalidField() {
    assertKind(MiErrorKind.INVALID_FIELD, () -> AeOccurrenceList.decode(bytes(0, 0, 7, 0, 0, 8, 0)));
  }

  @Test
  void occurrenceListTotalLengthBeyondReceivedIsALengthMismatch() {
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> AeOccurrenceList.decode(bytes(0, 0, 9, 0, 0, 7, 0, 0)));
  }

  @Test
  void occurrenceHeaderLengthOtherThanNineIsAnInvalidField() {
    byte[] b = Fixtures.load("ae-occurrence-list/one-temperature.hex");
    b[7] = 8;
    assertKind(MiErrorKind.INVALID_FIELD, () -> AeOccurrenceList.decode(b));
  }

  @Test
  void occurrenceOfAnEventNotEnabledIsAnInvalidField() {
    byte[] b = Fixtures.load("ae-occurrence-list/one-temperature.hex");
    assertKind(MiErrorKind.INVALID_FIELD, () -> AeOccurrenceList.decode(b, Set.of(5)));
  }

  @Test
  void occurrenceRunningPastTheTotalLengthIsALengthMismatch() {
    byte[] b = Fixtures.load("ae-occurrence-list/one-temperature.hex");
    b[8] = 2;
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> AeOccurrenceList.decode(b));
  }

  @Test
  void moreOccurrencesThanFitIsALengthMismatch() {
    byte[] b = Fixtures.load("ae-occurrence-list/one-temperature.hex");
    b[0] = 2;
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> AeOccurrenceList.decode(b));
  }

  @Test
  void overflowBitIsPreserved() {
    byte[] b = Fixtures.load("ae-occurrence-list/one-temperature.hex");
    b[4] = (byte) 0x80;
    AeOccurrenceList l = AeOccurrenceList.decode(b);
    assertThat(l.aeolo()).isTrue();
    assertThat(l.aeoltl()).isEqualTo(17);
    assertThat(l.encode()).isEqualTo(b);
  }

  @Test
  void supportedListTotalLengthNotFivePlusThreeNIsALengthMismatch() {
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> AeSupportedList.decode(bytes(1, 0, 5, 0, 5, 3, 6, 0)));
  }

  @Test
  void supportedListHeaderLengthOtherThanFiveIsAnInvalidField() {
    assertKind(MiErrorKind.INVALID_FIELD, () -> AeSupportedList.decode(bytes(0, 0, 5, 0, 4)));
  }

  @Test
  void supportedItemLengthOtherThanThreeIsAnInvalidField() {
    assertKind(MiErrorKind.INVALID_FIELD, () -> AeSupportedList.decode(bytes(1, 0, 8, 0, 5, 4, 6, 0)));
  }

  @Test
  void enableListLongerThanItsTotalLengthIsALengthMismatch() {
    assertKind(MiErrorKind.LENGTH_MISMATCH, () -> AeEnableList.decode(bytes(0, 0, 5, 0, 5, 0)));
  }

  @Test
  void enableItemLengthOtherThanThreeIsAnInvalidField() {
    assertKind(MiErrorKind.INVALID_FIELD, () -> AeEnableList.decode(bytes(1, 0, 8, 0, 5, 2, 6, 0x80)));
  }
}
