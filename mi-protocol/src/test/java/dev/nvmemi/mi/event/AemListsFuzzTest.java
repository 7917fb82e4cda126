package dev.nvmemi.mi.event;

import static dev.nvmemi.mi.FuzzTargets.onlyProtocolErrors;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nvmemi.mi.FuzzTargets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target (Jazzer) for the AEM lists: occurrence lists (alone, against an enabled map, through
 * a session's sync and acknowledgement paths), enable lists and supported lists decode any bytes to
 * a record that survives encode → decode unchanged, or fail as a
 * {@link dev.nvmemi.mi.MiProtocolException}. Corpus: {@code AemListsFuzzTestInputs/lists/}.
 *
 * <p>Thread: the JUnit test thread (libFuzzer's when fuzzing).
 */
@Timeout(value = FuzzTargets.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AemListsFuzzTest {

  @FuzzTest
  void lists(byte[] data) {
    onlyProtocolErrors(() -> {
      AeOccurrenceList l = AeOccurrenceList.decode(data);
      assertThat(AeOccurrenceList.decode(l.encode())).isEqualTo(l);
    });
    onlyProtocolErrors(() -> AeOccurrenceList.decode(data, Set.of(5, 6)));
    AemSession session = new AemSession();
    session.apply(AeEnableList.of(List.of(AeEnable.of(5, true), AeEnable.of(6, true))));
    onlyProtocolErrors(() -> session.acceptSyncResponse(data));
    onlyProtocolErrors(() -> session.acceptAckResponse(data));
    onlyProtocolErrors(() -> {
      AeEnableList l = AeEnableList.decode(data);
      assertThat(AeEnableList.decode(l.encode())).isEqualTo(l);
    });
    onlyProtocolErrors(() -> {
      AeSupportedList l = AeSupportedList.decode(data);
      assertThat(AeSupportedList.decode(l.encode())).isEqualTo(l);
    });
  }
}
