package dev.nvmemi.transport.mctp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link AemChainCheck} reads the times of the simulator's log lines in the agent's log format. */
class AemChainCheckTest {

  @Test
  void aLogLineStartingWithTheAgentsTimestampGivesItsEpochMilliseconds() {
    String line = "2026-12-03T13:20:01.123Z DEBUG MctpSerialServer - tx eid 11 -> 8 tag 0 TO: 84 28";
    assertEquals(java.time.Instant.parse("2026-12-03T13:20:01.123Z").toEpochMilli(), AemChainCheck.logMillis(line));
  }

  @Test
  void aLineWithoutATimestampIsSkipped() {
    assertEquals(-1, AemChainCheck.logMillis("simulate: eid 11 serial SIM0003 on fd 3"));
    assertEquals(-1, AemChainCheck.logMillis("no-space-at-all"));
  }
}
