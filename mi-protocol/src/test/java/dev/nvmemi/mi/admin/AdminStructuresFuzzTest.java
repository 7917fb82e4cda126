package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.FuzzTargets.onlyProtocolErrors;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nvmemi.mi.FuzzTargets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets (Jazzer) for the admin structure decoders: any bytes decode to a record that
 * survives encode → decode unchanged, or fail as a {@link dev.nvmemi.mi.MiProtocolException}.
 * Fixed-size structures are fed both as they are (the size checks) and cut or zero-padded to their
 * size (the content checks). Corpus: {@code AdminStructuresFuzzTestInputs/<method>/}.
 *
 * <p>Thread: the JUnit test thread (libFuzzer's when fuzzing).
 */
@Timeout(value = FuzzTargets.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AdminStructuresFuzzTest {

  /** Identify Controller (CNS 01h) in full and as the 72-byte probe summary. */
  @FuzzTest
  void identifyController(byte[] data) {
    for (byte[] d : new byte[][] {data, Arrays.copyOf(data, IdentifyController.LENGTH)}) {
      onlyProtocolErrors(() -> {
        IdentifyController c = IdentifyController.decode(d);
        assertThat(IdentifyController.decode(c.encode())).isEqualTo(c);
      });
    }
    for (byte[] d : new byte[][] {data, Arrays.copyOf(data, IdentifyControllerSummary.LENGTH)}) {
      onlyProtocolErrors(() -> {
        IdentifyControllerSummary s = IdentifyControllerSummary.decode(d);
        assertThat(IdentifyControllerSummary.decode(s.encode())).isEqualTo(s);
      });
    }
  }

  /** The SMART / Health Information log page (LID 02h). */
  @FuzzTest
  void smartLog(byte[] data) {
    for (byte[] d : new byte[][] {data, Arrays.copyOf(data, SmartLog.LENGTH)}) {
      onlyProtocolErrors(() -> {
        SmartLog s = SmartLog.decode(d);
        assertThat(SmartLog.decode(s.encode())).isEqualTo(s);
      });
    }
  }

  /** The Error Information log page (LID 01h): any number of 64-byte entries. */
  @FuzzTest
  void errorLog(byte[] data) {
    int whole = data.length / ErrorLogEntry.LENGTH * ErrorLogEntry.LENGTH;
    for (byte[] d : new byte[][] {data, Arrays.copyOf(data, whole)}) {
      onlyProtocolErrors(() -> {
        ErrorLog l = ErrorLog.decode(d);
        assertThat(ErrorLog.decode(l.encode())).isEqualTo(l);
      });
    }
  }

  /**
   * Feature values (Get Features from CQE DW0 or data, Set Features Number of Queues): byte 0 is the
   * FID, byte 1 the SEL (low 3 bits), bytes 2–5 the CQE DW0 (little-endian), the rest the data.
   */
  @FuzzTest
  void features(byte[] input) {
    int fid = input.length > 0 ? input[0] & 0xFF : 0;
    int sel = input.length > 1 ? input[1] & 7 : 0;
    byte[] dw = Arrays.copyOfRange(input, Math.min(2, input.length), Math.min(6, input.length));
    long dw0 = LittleEndian.u32(Arrays.copyOf(dw, 4), 0);
    byte[] data = Arrays.copyOfRange(input, Math.min(6, input.length), input.length);
    GetFeatures get = GetFeatures.of(0, 0, fid, sel, 0, 0, 0, AdminOptions.DEFAULTS);
    onlyProtocolErrors(() -> AdminCodec.decodePayload(get, dw0, data));
    SetFeatures set = SetFeatures.of(0, 0, fid, false, 0, dw0, 0, 0, 0, 0, new byte[0], AdminOptions.DEFAULTS);
    onlyProtocolErrors(() -> AdminCodec.decodePayload(set, dw0, data));
  }

  /** The identifier lists of Identify (controller list, namespace list) and the Timestamp feature data. */
  @FuzzTest
  void identifierLists(byte[] data) {
    for (byte[] d : new byte[][] {data, Arrays.copyOf(data, ControllerIdList.LENGTH)}) {
      onlyProtocolErrors(() -> {
        ControllerIdList l = ControllerIdList.decode(d);
        assertThat(ControllerIdList.decode(l.encode())).isEqualTo(l);
      });
      onlyProtocolErrors(() -> {
        NamespaceIdList l = NamespaceIdList.decode(d);
        assertThat(NamespaceIdList.decode(l.encode())).isEqualTo(l);
      });
    }
    for (byte[] d : new byte[][] {data, Arrays.copyOf(data, Timestamp.LENGTH)}) {
      onlyProtocolErrors(() -> {
        Timestamp t = Timestamp.decode(d);
        assertThat(Timestamp.decode(t.encode())).isEqualTo(t);
      });
    }
  }
}
