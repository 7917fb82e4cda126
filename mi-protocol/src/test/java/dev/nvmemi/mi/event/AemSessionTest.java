package dev.nvmemi.mi.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.Fixtures;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** libnvme's AEM state machine (spec sheet §8.4): enabled map and generation-number duplicates. */
class AemSessionTest {
  private static AemSession enabled(int... ids) {
    AemSession s = new AemSession();
    for (int id : ids) {
      s.apply(AeEnableList.of(List.of(AeEnable.of(id, true))));
    }
    return s;
  }

  @Test
  void newAemIsDeliveredAndAcknowledged() {
    AemSession s = enabled(5, 6);
    AemSession.Delivery d = s.acceptMessage(Vectors.get("aem_unsolicited").response());
    assertThat(d.duplicate()).isFalse();
    assertThat(d.occurrences()).hasSize(2);
    assertThat(d.shouldAcknowledge()).isTrue();
    assertThat(s.lastGeneration()).isEqualTo(2);
  }

  @Test
  void aemWithTheLastGenerationIsADuplicateNotDeliveredButAcknowledgedAgain() {
    AemSession s = enabled(5, 6);
    byte[] aem = Vectors.get("aem_unsolicited").response();
    s.acceptMessage(aem);
    AemSession.Delivery again = s.acceptMessage(aem);
    assertThat(again.duplicate()).isTrue();
    assertThat(again.occurrences()).isEmpty();
    // the endpoint re-sends until acknowledged: our first ack was lost, so answer again
    assertThat(again.shouldAcknowledge()).isTrue();
  }

  @Test
  void occurrencesInsideAConfigurationSetResponseAreNotAcknowledged() {
    AemSession s = enabled(6);
    byte[] list = Fixtures.load("ae-occurrence-list/one-temperature.hex");
    assertThat(s.acceptSyncResponse(list).shouldAcknowledge()).isFalse();
    assertThat(s.acceptAckResponse(list).shouldAcknowledge()).isFalse();
  }

  @Test
  void aemWithRorSetIsRejected() {
    byte[] aem = Vectors.get("aem_unsolicited").response().clone();
    aem[1] = (byte) 0xA8; // ROR=1, NMIMT 5
    dev.nvmemi.mi.internal.Mic.seal(aem);
    AemSession s = enabled(5, 6);
    assertThatThrownBy(() -> s.acceptMessage(aem))
        .isInstanceOfSatisfying(MiProtocolException.class, e -> {
          assertThat(e.kind()).isEqualTo(MiErrorKind.INVALID_FIELD);
          assertThat(e.getMessage()).contains("ROR=1");
        });
  }

  @Test
  void aemReportingAnEventThatIsNotEnabledIsRejected() {
    AemSession s = enabled(6);
    assertThatThrownBy(() -> s.acceptMessage(Vectors.get("aem_unsolicited").response()))
        .isInstanceOfSatisfying(MiProtocolException.class, e -> assertThat(e.kind()).isEqualTo(MiErrorKind.INVALID_FIELD));
  }

  @Test
  void disablingAnEventRemovesItFromTheMap() {
    AemSession s = enabled(5, 6);
    s.apply(AeEnableList.of(List.of(AeEnable.of(5, false))));
    assertThat(s.enabled()).containsExactly(6);
  }

  @Test
  void syncResponseSkipsTheGenerationCheck() {
    AemSession s = enabled(6);
    byte[] list = Fixtures.load("ae-occurrence-list/one-temperature.hex");
    assertThat(s.acceptSyncResponse(list).duplicate()).isFalse();
    assertThat(s.acceptSyncResponse(list).duplicate()).isFalse();
    assertThat(s.lastGeneration()).isEqualTo(-1);
  }

  @Test
  void emptyAckResponseWithTheSameGenerationIsADuplicate() {
    AemSession s = enabled(5, 6);
    s.acceptMessage(Vectors.get("aem_unsolicited").response());
    byte[] ackList = AeOccurrenceList.of(2, List.of()).encode();
    AemSession.Delivery d = s.acceptAckResponse(ackList);
    assertThat(d.duplicate()).isTrue();
    assertThat(d.shouldAcknowledge()).isFalse();
  }

  @Test
  void resetForgetsEnabledEventsAndGeneration() {
    AemSession s = enabled(5, 6);
    s.acceptMessage(Vectors.get("aem_unsolicited").response());
    s.reset();
    assertThat(s.enabled()).isEmpty();
    assertThat(s.lastGeneration()).isEqualTo(-1);
  }
}
