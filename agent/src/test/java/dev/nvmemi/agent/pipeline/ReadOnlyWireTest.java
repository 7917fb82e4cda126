package dev.nvmemi.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.client.MiTransport;
import dev.nvmemi.simulator.timing.BusTiming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Read-only by construction, proven on the wire: every request the agent sends during a long
 * virtual-time run over every scenario is recorded as bytes and checked against the reading
 * commands with the allowed flags — Read NVMe-MI Data Structure, the two health polls without
 * CS/CCF, Identify, and Get Log Page with RAE=1 only (the OCP C0h/C3h pages included: the latency
 * monitor is never configured, Set Features C5h not being a reading command).
 */
class ReadOnlyWireTest {

  /** Every request, as sent (type byte … MIC). */
  private final List<byte[]> sent = Collections.synchronizedList(new ArrayList<>());

  private final UnaryOperator<MiTransport> recorder = Transports.recording(sent);

  /** Every drive gets something happening: the shipped scenarios plus the ones the truth suite adds. */
  private static final String EVERYTHING = """
      {"name": "everything", "events": [
        {"at": "5s", "drive": 0, "action": "unresponsive", "duration": "40s"},
        {"at": "60s", "drive": 0, "action": "corrupt_mic", "rate": 0.3, "duration": "60s"},
        {"at": "130s", "drive": 0, "action": "truncate", "rate": 0.2, "duration": "30s"},
        {"at": "170s", "drive": 0, "action": "mpr", "exchanges": 10, "mprt": 2},
        {"at": "5s", "drive": 1, "action": "spare", "percent": 4, "over": "40s"},
        {"at": "5s", "drive": 1, "action": "percentage_used", "percent": 110, "over": "50s"},
        {"at": "30s", "drive": 1, "action": "media_errors", "count": 70},
        {"at": "60s", "drive": 1, "action": "critical_warning", "bits": ["RD", "VMBF"]},
        {"at": "90s", "drive": 1, "action": "read_only"},
        {"at": "3s", "drive": 2, "action": "temperature", "celsius": 90, "over": "12s"},
        {"at": "60s", "drive": 2, "action": "temperature", "celsius": 40, "over": "30s"},
        {"at": "10s", "drive": 3, "action": "removed", "duration": "20s"},
        {"at": "29s", "drive": 3, "action": "replace", "serial": "S6REPLACE0000042"},
        {"at": "10s", "drive": 4, "action": "controller_fatal"},
        {"at": "40s", "drive": 4, "action": "controller_fatal", "fatal": false},
        {"at": "60s", "drive": 4, "action": "shutdown"},
        {"at": "90s", "drive": 4, "action": "controller_ready"},
        {"at": "10s", "drive": 5, "action": "host_power", "on": false},
        {"at": "60s", "drive": 5, "action": "host_power", "on": true},
        {"at": "90s", "drive": 5, "action": "power_cycle", "unsafe": true},
        {"at": "20s", "drive": 6, "action": "firmware_activate", "revision": "NEWFW002"},
        {"at": "40s", "drive": 6, "action": "media_errors", "count": 5},
        {"at": "20s", "drive": 7, "action": "slow", "duration": "60s", "delay": "400ms"},
        {"at": "100s", "drive": 7, "action": "wrong_csi", "exchanges": 3}]}""";

  /** Reasons a request is not a read-only one; empty when it is. */
  static List<String> violations(byte[] r, boolean clearStatusAllowed) {
    List<String> out = new ArrayList<>();
    int nmimt = (r[1] >> 3) & 0x0F;
    int opcode = r[4] & 0xFF;
    if (nmimt == 1) {
      int nmd1 = (r[12] & 0xFF) | (r[13] & 0xFF) << 8 | (r[14] & 0xFF) << 16 | (r[15] & 0xFF) << 24;
      switch (opcode) {
        case 0x00: // Read NVMe-MI Data Structure
        case 0x04: // Configuration Get
        case 0x05: // VPD Read
          break;
        case 0x01: // NVM Subsystem Health Status Poll: NMD1 bit 31 = CS
        case 0x02: // Controller Health Status Poll: NMD1 bit 31 = CCF
          if (nmd1 < 0 && !clearStatusAllowed) {
            out.add(String.format("MI opcode 0x%02x with %s set", opcode, opcode == 1 ? "CS" : "CCF"));
          }
          break;
        default:
          out.add(String.format("MI opcode 0x%02x is not a reading command", opcode));
      }
    } else if (nmimt == 2) {
      switch (opcode) {
        case 0x06: // Identify
          break;
        case 0x02: // Get Log Page: SQE DW10 at bytes 44..47, RAE = bit 15
          if ((r[45] & 0x80) == 0) {
            out.add(String.format("Get Log Page LID 0x%02x with RAE=0", r[44] & 0xFF));
          }
          break;
        default:
          out.add(String.format("admin opcode 0x%02x is not a reading command", opcode));
      }
    } else {
      out.add("NMIMT " + nmimt + " (opcode 0x" + Integer.toHexString(opcode) + ")");
    }
    return out;
  }

  private List<String> run(String scenario, Map<String, String> settings, Duration length) {
    sent.clear();
    try (PipelineHarness h = new PipelineHarness(8, scenario, settings, BusTiming.NONE, recorder)) {
      for (Duration t = Duration.ZERO; t.compareTo(length) < 0; t = t.plusSeconds(10)) {
        h.advance(Duration.ofSeconds(10));
      }
    }
    TreeSet<String> found = new TreeSet<>();
    boolean clear = "true".equals(String.valueOf(settings.get("poll.clear_status")));
    synchronized (sent) {
      for (byte[] r : sent) {
        found.addAll(violations(r, clear));
      }
    }
    return new ArrayList<>(found);
  }

  private static final Map<String, String> BUSY = Map.of("poll.identify_interval", "2m", "poll.smart_interval", "15s",
      "poll.backoff_max", "20s");

  @Test
  void everyRequestOfAnHourOverEveryScenarioOnlyReadsWithRaeSetAndNoClearBits() {
    List<String> v = run(EVERYTHING, BUSY, Duration.ofHours(1));
    assertThat(sent.size()).as("requests recorded").isGreaterThan(5000);
    assertThat(v).isEmpty();
    // the run did read logs (SMART and the error log) and identified drives more than once
    assertThat(sent.stream().filter(r -> ((r[1] >> 3) & 0x0F) == 2 && r[4] == 0x02 && (r[44] & 0xFF) == 0x01))
        .as("error-log chunks read").isNotEmpty();
    assertThat(sent.stream().filter(r -> ((r[1] >> 3) & 0x0F) == 2 && r[4] == 0x02 && (r[44] & 0xFF) == 0x02))
        .as("SMART reads").isNotEmpty();
    // the generated fleet has OCP drives: C0h and C3h (latency monitor) reads are on the wire too,
    // and nothing else touches the monitor (no Set Features C5h, no debug log CAh)
    assertThat(sent.stream().filter(r -> ((r[1] >> 3) & 0x0F) == 2 && r[4] == 0x02 && (r[44] & 0xFF) == 0xC0))
        .as("OCP C0h reads").isNotEmpty();
    assertThat(sent.stream().filter(r -> ((r[1] >> 3) & 0x0F) == 2 && r[4] == 0x02 && (r[44] & 0xFF) == 0xC3))
        .as("OCP C3h reads").isNotEmpty();
    assertThat(sent.stream().filter(r -> ((r[1] >> 3) & 0x0F) == 2 && r[4] == 0x02 && (r[44] & 0xFF) == 0xCA))
        .as("latency monitor debug log reads").isEmpty();
  }

  @Test
  void everyShippedScenarioOnlyReads() throws IOException {
    Path dir = Path.of("../simulator/scenarios");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      assertThat(run(Files.readString(f), BUSY, Duration.ofMinutes(10))).as(f.toString()).isEmpty();
    }
  }

  @Test
  void theCheckSeesClearBitsWhenPollClearStatusAsksForThem() {
    sent.clear();
    try (PipelineHarness h = new PipelineHarness(2, null, Map.of("poll.clear_status", "true"), BusTiming.NONE,
        recorder)) {
      h.advance(Duration.ofMinutes(1));
    }
    List<String> found;
    synchronized (sent) {
      found = sent.stream().flatMap(r -> violations(r, false).stream()).distinct().sorted().toList();
    }
    assertThat(found).containsExactly("MI opcode 0x01 with CS set", "MI opcode 0x02 with CCF set");
  }
}
