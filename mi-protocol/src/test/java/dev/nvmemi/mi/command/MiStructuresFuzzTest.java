package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.FuzzTargets.onlyProtocolErrors;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nvmemi.mi.FuzzTargets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target (Jazzer) for the MI command set's data structures: every Read NVMe-MI Data Structure
 * type and the two health status structures decode any bytes to a record that survives encode →
 * decode unchanged, or fail as a {@link dev.nvmemi.mi.MiProtocolException}. Corpus:
 * {@code MiStructuresFuzzTestInputs/structures/}.
 *
 * <p>Thread: the JUnit test thread (libFuzzer's when fuzzing).
 */
@Timeout(value = FuzzTargets.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MiStructuresFuzzTest {

  @FuzzTest
  void structures(byte[] data) {
    for (DataStructureType t : DataStructureType.values()) {
      onlyProtocolErrors(() -> {
        DataStructure d = DataStructure.decode(t, data);
        assertThat(DataStructure.decode(t, d.encode())).isEqualTo(d);
      });
    }
    for (byte[] d : new byte[][] {data, Arrays.copyOf(data, SubsystemHealthStatus.LENGTH)}) {
      onlyProtocolErrors(() -> {
        SubsystemHealthStatus s = SubsystemHealthStatus.decode(d);
        assertThat(SubsystemHealthStatus.decode(s.encode())).isEqualTo(s);
      });
    }
    for (byte[] d : new byte[][] {data, Arrays.copyOf(data, ControllerHealthStatus.LENGTH)}) {
      onlyProtocolErrors(() -> {
        ControllerHealthStatus s = ControllerHealthStatus.decode(d);
        assertThat(ControllerHealthStatus.decode(s.encode())).isEqualTo(s);
      });
    }
  }
}
