package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.FuzzTargets.onlyProtocolErrors;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nvmemi.mi.FuzzTargets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets (Jazzer) for the OCP datacenter log decoders (C0h SMART / Health Information
 * Extended, C3h Latency Monitor) and the UUID list that finds the OCP UUID index: any bytes decode to
 * a record that survives encode → decode unchanged, or fail as a
 * {@link dev.nvmemi.mi.MiProtocolException} (a wrong GUID as its {@code LogPageGuidMismatchException}).
 * Each page is fed as it is, and cut or zero-padded to 512 bytes with the page's own GUID written
 * in, so that fuzzing reaches the fields behind the GUID check. Corpus:
 * {@code OcpLogsFuzzTestInputs/<method>/}.
 *
 * <p>Thread: the JUnit test thread (libFuzzer's when fuzzing).
 */
@Timeout(value = FuzzTargets.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OcpLogsFuzzTest {

  /** C0h, with the default reading of the LPV 2/3 fields and with nvme-cli's. */
  @FuzzTest
  void smartExtendedLog(byte[] data) {
    for (byte[] d : new byte[][] {data, page(data, OcpSmartExtendedLog.LENGTH, OcpSmartExtendedLog.GUID_OFFSET,
        LogPageGuid.OCP_SMART_EXTENDED)}) {
      for (OcpLogOptions o : new OcpLogOptions[] {OcpLogOptions.DEFAULTS, OcpLogOptions.NVME_CLI}) {
        onlyProtocolErrors(() -> {
          OcpSmartExtendedLog l = OcpSmartExtendedLog.decode(d, o);
          assertThat(OcpSmartExtendedLog.decode(l.encode(), o)).isEqualTo(l);
        });
      }
    }
  }

  /** C3h. */
  @FuzzTest
  void latencyMonitorLog(byte[] data) {
    for (byte[] d : new byte[][] {data, page(data, OcpLatencyMonitorLog.LENGTH, OcpLatencyMonitorLog.GUID_OFFSET,
        LogPageGuid.OCP_LATENCY_MONITOR)}) {
      onlyProtocolErrors(() -> {
        OcpLatencyMonitorLog l = OcpLatencyMonitorLog.decode(d);
        assertThat(OcpLatencyMonitorLog.decode(l.encode())).isEqualTo(l);
      });
    }
  }

  /** Identify CNS 17h, the UUID list. */
  @FuzzTest
  void uuidList(byte[] data) {
    for (byte[] d : new byte[][] {data, Arrays.copyOf(data, UuidList.LENGTH)}) {
      onlyProtocolErrors(() -> {
        UuidList l = UuidList.decode(d);
        assertThat(UuidList.decode(l.encode())).isEqualTo(l);
      });
    }
  }

  private static byte[] page(byte[] data, int length, int guidOffset, LogPageGuid guid) {
    byte[] p = Arrays.copyOf(data, length);
    guid.write(p, guidOffset);
    return p;
  }
}
