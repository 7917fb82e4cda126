package dev.nvmemi.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.agent.config.AgentConfig.DiscoveryMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  @Test
  void defaultsAreTheDocumentedOnes() {
    AgentConfig c = AgentConfig.defaults();
    assertThat(c.discovery().mode()).isEqualTo(DiscoveryMode.MCTPD);
    assertThat(c.poll().subsystemHealthInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.poll().smartInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.poll().identifyInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(c.poll().lostAfter()).isEqualTo(5);
    assertThat(c.poll().clearStatus()).isFalse();
    assertThat(c.poll().backoffInitial()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.poll().backoffMax()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.bus().defaults().maxUtilization()).isEqualTo(0.5);
    assertThat(c.bus().defaults().concurrency()).isEqualTo(1);
    assertThat(c.http().address()).isEqualTo("127.0.0.1:9100");
  }

  @Test
  void yamlSectionsAndPerBusOverridesAreRead() {
    AgentConfig c = ConfigLoader.fromYaml("""
        discovery:
          mode: static
          static: ["1:9", "1:10@mctpi2c3"]
        poll:
          smart_interval: 2m
          clear_status: true
        bus:
          max_utilization: 0.3
          overrides:
            mctpi2c3: {frequency: 400000}
        otel:
          metrics:
            exporter: otlp
        """);
    assertThat(c.discovery().staticEndpoints()).extracting(Object::toString).containsExactly("1:9", "1:10@mctpi2c3");
    assertThat(c.poll().smartInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.poll().clearStatus()).isTrue();
    assertThat(c.bus().forBus("mctpi2c3").frequencyHz()).isEqualTo(400_000);
    assertThat(c.bus().forBus("mctpi2c3").maxUtilization()).isEqualTo(0.3);
    assertThat(c.bus().forBus("mctpi2c0").frequencyHz()).isEqualTo(100_000);
    assertThat(c.otel()).containsEntry("otel.metrics.exporter", "otlp");
  }

  @Test
  void environmentOverridesTheFileAndFlagsOverrideTheEnvironment() throws IOException {
    Path f = Files.writeString(dir.resolve("c.yaml"), "poll:\n  lost_after: 3\nhttp:\n  address: 0.0.0.0:1\n");
    AgentConfig c = ConfigLoader.load(Optional.of(f),
        Map.of("NVME_MI_AGENT_POLL_LOST_AFTER", "7", "NVME_MI_AGENT_HTTP_ADDRESS", "127.0.0.1:9200",
            "NVME_MI_AGENT_OTEL_LOGS_EXPORTER", "jsonl", "PATH", "/bin"),
        Map.of("http.address", "127.0.0.1:9300"));
    assertThat(c.poll().lostAfter()).isEqualTo(7);
    assertThat(c.http().port()).isEqualTo(9300);
    assertThat(c.otel()).containsEntry("otel.logs.exporter", "jsonl");
  }

  @Test
  void unknownKeyFailsNamingTheKeyAndTheKnownKeysOfItsSection() {
    assertThatThrownBy(() -> ConfigLoader.fromYaml("poll:\n  smart_intervall: 5s\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown configuration key poll.smart_intervall")
        .hasMessageContaining("poll.smart_interval");
  }

  @Test
  void wrongTypeFailsNamingKeyValueAndExpectation() {
    assertThatThrownBy(() -> ConfigLoader.fromYaml("poll:\n  lost_after: many\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("poll.lost_after: \"many\" is not an integer (expected: integer 1 ~ 1000) [from yaml]");
  }

  @Test
  void logFormatAndLevelAreReadAndAnUnknownFormatIsRefusedWithTheChoices() {
    AgentConfig c = ConfigLoader.fromYaml("log:\n  format: JSON\n  level: debug\n");
    assertThat(c.log()).isEqualTo(new AgentConfig.Log(dev.nvmemi.agent.log.LogFormat.JSON, dev.nvmemi.agent.log.LogLevel.DEBUG));
    assertThat(AgentConfig.defaults().log())
        .isEqualTo(new AgentConfig.Log(dev.nvmemi.agent.log.LogFormat.TEXT, dev.nvmemi.agent.log.LogLevel.INFO));

    assertThatThrownBy(() -> ConfigLoader.fromYaml("log:\n  format: xml\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("log.format: \"xml\"").hasMessageContaining("(expected: one of text, json) [from yaml]");
  }

  @Test
  void outOfRangeValueFails() {
    assertThatThrownBy(() -> ConfigLoader.build(Map.of("bus.max_utilization", "1.5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bus.max_utilization: \"1.5\" is out of range (expected: number 0.01 ~ 1.0)");
  }

  @Test
  void unknownEnvironmentVariableUnderThePrefixFails() {
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("NVME_MI_AGENT_POLL_SMART", "1m"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown environment variable NVME_MI_AGENT_POLL_SMART=1m")
        .hasMessageContaining("NVME_MI_AGENT_POLL_SMART_INTERVAL");
  }

  @Test
  void explicitConfigFileMustExistButTheDefaultOneMayBeMissing() {
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir.resolve("missing.yaml")), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("config file not found");
    assertThat(ConfigLoader.load(Optional.empty(), Map.of(), Map.of()).discovery().mode()).isEqualTo(DiscoveryMode.MCTPD);
  }

  @Test
  void staticModeWithoutEndpointsFails() {
    assertThatThrownBy(() -> ConfigLoader.build(Map.of("discovery.mode", "static")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("discovery.static");
  }

  @Test
  void malformedStaticEndpointFails() {
    assertThatThrownBy(() -> ConfigLoader.build(Map.of("discovery.static", "1:300")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("discovery.static: \"1:300\"")
        .hasMessageContaining("EID 8 ~ 254");
  }

  @Test
  void backoffMaxBelowInitialFails() {
    assertThatThrownBy(() -> ConfigLoader.build(Map.of("poll.backoff_initial", "10s", "poll.backoff_max", "5s")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("poll.backoff_max: 5s (expected: >= poll.backoff_initial 10s)");
  }

  @Test
  void yamlThatIsNotAMappingFails() {
    assertThatThrownBy(() -> ConfigLoader.fromYaml("- a\n- b\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("top level is a list");
  }
}
