package dev.nvmemi.agent.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.config.ConfigKey;
import dev.nvmemi.agent.config.ConfigKeys;
import dev.nvmemi.agent.telemetry.TelemetryContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table and telemetry contract are generated from {@link ConfigKeys}
 * and {@link TelemetryContract}; this test fails when the README drifts from them. To regenerate:
 * run with {@code -Dreadme.print=true} and paste the printed tables.
 */
class ReadmeTablesTest {

  static String configTable() {
    StringBuilder sb = new StringBuilder("| key | default | environment | expected | meaning |\n|---|---|---|---|---|\n");
    for (ConfigKey k : ConfigKeys.ALL) {
      sb.append("| `").append(k.name()).append("` | `").append(ConfigKeys.renderDefault(k)).append("` | ")
          .append(k.name().contains("*") ? "(YAML only)" : "`" + k.environmentName() + "`").append(" | ")
          .append(k.expected()).append(" | ").append(k.description()).append(" |\n");
    }
    return sb.toString();
  }

  static String metricsTable() {
    StringBuilder sb = new StringBuilder(
        "| metric | Prometheus name | instrument | unit | attributes | meaning |\n|---|---|---|---|---|---|\n");
    for (TelemetryContract.Metric m : TelemetryContract.METRICS) {
      String attrs = m.attributes().stream().map(a -> "`" + a + "`").collect(Collectors.joining(", "));
      if (m.perDrive()) {
        attrs = attrs.isEmpty() ? "drive attributes" : "drive attributes, " + attrs;
      }
      sb.append("| `").append(m.name()).append("` | `").append(m.prometheusName()).append("` | ")
          .append(m.instrument().name().toLowerCase(java.util.Locale.ROOT)).append(" | `").append(m.unit())
          .append("` | ").append(attrs).append(" | ").append(m.description()).append(" |\n");
    }
    return sb.toString();
  }

  static String eventsTable() {
    StringBuilder sb = new StringBuilder("| event.name | severity | attributes (besides the drive attributes) | meaning |\n|---|---|---|---|\n");
    for (TelemetryContract.Event e : TelemetryContract.EVENTS) {
      sb.append("| `").append(e.name()).append("` | ")
          .append(e.severities().stream().map(Enum::name).collect(Collectors.joining("/"))).append(" | ")
          .append(e.attributes().stream().map(a -> "`" + a + "`").collect(Collectors.joining(", "))).append(" | ")
          .append(e.description()).append(" |\n");
    }
    return sb.toString();
  }

  private static String readme() throws IOException {
    Path p = Path.of("../README.md");
    if (!Files.exists(p)) {
      p = Path.of("README.md");
    }
    return Files.readString(p);
  }

  @Test
  void readmeListsEveryConfigurationKeyWithItsDefault() throws IOException {
    if (Boolean.getBoolean("readme.print")) {
      System.out.println(configTable());
      System.out.println(metricsTable());
      System.out.println(eventsTable());
    }
    assertThat(readme()).contains(configTable());
  }

  @Test
  void readmeListsEveryMetricOfTheTelemetryContract() throws IOException {
    assertThat(readme()).contains(metricsTable());
  }

  @Test
  void readmeListsEveryEventOfTheTelemetryContract() throws IOException {
    assertThat(readme()).contains(eventsTable());
  }
}
