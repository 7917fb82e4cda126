package dev.nvmemi.plugins.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the pairing table, its README copy and the agent's telemetry contract in step. The plugin
 * does not depend on the agent (not even for tests: the agent bundles the plugins), so the
 * contract is read as source text.
 */
class PairingTableDocumentationTest {
  private static final Path README = Path.of("README.md");
  private static final Path CONTRACT =
      Path.of("../../agent/src/main/java/dev/nvmemi/agent/telemetry/TelemetryContract.java");

  @Test
  void everyRuleIsARowOfTheReadmeTableWithItsRecoveryEvents() throws Exception {
    List<String> rows = Files.readAllLines(README).stream().filter(l -> l.startsWith("| `nvme.")).toList();

    assertThat(rows).hasSize(AlertRules.RULES.size());
    for (AlertRules.AlertRule rule : AlertRules.RULES) {
      String row = rows.stream().filter(r -> r.startsWith("| `" + rule.alertname() + "` |")).findFirst()
          .orElseThrow(() -> new AssertionError("README has no row for " + rule.alertname()));
      for (AlertRules.Recovery recovery : rule.recoveries()) {
        assertThat(row).contains("`" + recovery.event() + "`");
      }
      for (String key : rule.keyAttributes()) {
        assertThat(row).contains("`" + key + "`");
      }
    }
  }

  @Test
  void everyEventAndAttributeTheRulesReadIsInTheAgentsTelemetryContract() throws Exception {
    String contract = Files.readString(CONTRACT);

    for (String name : List.of(AlertRules.DRIVE_HEALTH_CHANGE, AlertRules.DRIVE_TEMPERATURE_THRESHOLD,
        AlertRules.DRIVE_CRITICAL_WARNING, AlertRules.CONTROLLER_HEALTH_CHANGE, AlertRules.ENDPOINT_LOST,
        AlertRules.ENDPOINT_RECOVERED, AlertRules.HW_ID, AlertRules.HW_MODEL, AlertRules.HW_SERIAL_NUMBER,
        AlertRules.HW_STATE, AlertRules.HW_PREVIOUS_STATE, AlertRules.HW_LIMIT_TYPE, AlertRules.HW_TEMPERATURE,
        AlertRules.THRESHOLD_STATE, AlertRules.CRITICAL_WARNING, AlertRules.CONTROLLER_ID, AlertRules.NETWORK_ID,
        AlertRules.EID, AlertRules.ERROR_TYPE)) {
      assertThat(contract).as("TelemetryContract names " + name).contains("\"" + name + "\"");
    }
    assertThat(contract).contains("\"ok\"");
  }
}
