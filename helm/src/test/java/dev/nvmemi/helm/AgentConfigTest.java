package dev.nvmemi.helm;

import static dev.nvmemi.helm.ChartFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigException;
import dev.nvmemi.agent.config.ConfigKey;
import dev.nvmemi.agent.config.ConfigKeys;
import dev.nvmemi.agent.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart's {@code config} is the agent's own configuration file: its schema has exactly the
 * agent's keys ({@link ConfigKeys#ALL}) with the agent's ranges and choices, and every config the
 * chart renders, plus the systemd host example, loads through the agent's {@link ConfigLoader}.
 */
class AgentConfigTest {
  private static final Pattern RANGE = Pattern.compile("^(integer|number) (-?[0-9.]+) ~ (-?[0-9.]+)$");

  private static Map<String, Object> schemaConfig() {
    return at(ChartFixture.yaml().load(read("helm/nvme-mi-agent/values.schema.json")), "properties", "config");
  }

  /** Dotted leaf keys of the schema's config object ({@code *} for additionalProperties maps), without otel. */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> schemaKeys(String prefix, Map<String, Object> node,
      Map<String, Map<String, Object>> out) {
    if (node.get("properties") instanceof Map<?, ?> props) {
      ((Map<String, Map<String, Object>>) props).forEach((k, child) -> {
        if (!(prefix.isEmpty() && k.equals("otel"))) {
          schemaKeys(prefix + k + ".", child, out);
        }
      });
    } else if (node.get("additionalProperties") instanceof Map<?, ?> each) {
      schemaKeys(prefix + "*.", (Map<String, Object>) each, out);
    } else {
      out.put(prefix.substring(0, prefix.length() - 1), node);
    }
    return out;
  }

  private static Map<String, Map<String, Object>> schemaKeys() {
    return schemaKeys("", schemaConfig(), new LinkedHashMap<>());
  }

  @Test
  void schemaHasExactlyTheAgentsConfigKeys() {
    TreeSet<String> agent = new TreeSet<>(ConfigKeys.ALL.stream().map(ConfigKey::name).toList());
    assertThat(new TreeSet<>(schemaKeys().keySet())).isEqualTo(agent);
  }

  @Test
  void schemaRangesAndChoicesAreTheAgents() {
    Map<String, Map<String, Object>> schema = schemaKeys();
    for (ConfigKey key : ConfigKeys.ALL) {
      Map<String, Object> s = schema.get(key.name());
      Matcher range = RANGE.matcher(key.expected());
      if (range.matches()) {
        assertThat(s.get("type")).as(key.name()).isEqualTo(range.group(1));
        assertThat(((Number) s.get("minimum")).doubleValue()).as(key.name() + " minimum")
            .isEqualTo(Double.parseDouble(range.group(2)));
        assertThat(((Number) s.get("maximum")).doubleValue()).as(key.name() + " maximum")
            .isEqualTo(Double.parseDouble(range.group(3)));
      } else if (key.expected().startsWith("one of ")) {
        assertThat(s.get("enum")).as(key.name()).isEqualTo(List.of(key.expected().substring(7).split(", ")));
      } else if (key.expected().equals("true or false")) {
        assertThat(s.get("type")).as(key.name()).isEqualTo("boolean");
      }
    }
  }

  @Test
  void defaultChartConfigLoadsInTheAgent() {
    AgentConfig config = ConfigLoader.fromYaml(renderedConfig(ChartFixture.render(Map.of())));
    assertThat(config.http().address()).isEqualTo("0.0.0.0:9100");
    assertThat(config.http().enabled()).isTrue();
  }

  @Test
  void exampleValuesConfigLoadsInTheAgent() {
    var m = ChartFixture.renderFiles(CollectorExampleTest.EXAMPLES.resolve("nvme-mi-agent-values.yaml"));
    AgentConfig config = ConfigLoader.fromYaml(renderedConfig(m));
    assertThat(config.bus().defaults().frequencyHz()).isEqualTo(400_000);
  }

  @Test
  void systemdHostExampleConfigLoadsInTheAgent() {
    AgentConfig config = ConfigLoader.fromYaml(read("packaging/etc/nvme-mi-agent/config.yaml"));
    assertThat(config.http().address()).isEqualTo("127.0.0.1:9100");
    assertThat(config.poll().clearStatus()).isFalse();
  }

  @Test
  void everyAgentKeyCanBeSetThroughTheChart() {
    // One valid value per key (its default, or a representative for keys without one) passes the
    // schema and loads in the agent.
    Map<String, Object> config = new LinkedHashMap<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      String name = key.name().replace("*", "mctpi2c3");
      Object value = switch (key.name()) {
        case "discovery.static" -> List.of("1:9", "1:10@mctpi2c3");
        case "http.address" -> "0.0.0.0:9100";
        case "simulate.scenario" -> "";
        default -> key.defaultValue() == null ? representative(key) : yamlValue(key);
      };
      config = ChartFixture.with(config, name, value);
    }
    String rendered = renderedConfig(ChartFixture.render(Map.of("config", config)));
    AgentConfig loaded = ConfigLoader.fromYaml(rendered);
    assertThat(loaded.bus().overrides()).containsKey("mctpi2c3");
    assertThat(loaded.discovery().staticEndpoints()).hasSize(2);
  }

  static Stream<Arguments> rejectedByBoth() {
    return Stream.of(
        Arguments.of("bus.max_utilization", 1.5),
        Arguments.of("poll.lost_after", 0),
        Arguments.of("poll.jitter", 0.9),
        Arguments.of("bus.frequency", 1000),
        Arguments.of("discovery.mode", "udev"),
        Arguments.of("discovery.static", List.of("1:300")),
        Arguments.of("discovery.static", List.of("1:7")),
        Arguments.of("poll.smart_interval", "soon"),
        Arguments.of("simulate.drives", 0),
        Arguments.of("http.enabled", "maybe"),
        Arguments.of("poll.smart_intervall", "60s"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("rejectedByBoth")
  void valueTheAgentRejectsFailsTheChartToo(String key, Object value) {
    Map<String, Object> config = ChartFixture.with(Map.of("http", Map.of("address", "0.0.0.0:9100")), key, value);
    String yaml = ChartFixture.yaml().dump(config);
    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml)).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> ChartFixture.render(Map.of("config", config)))
        .hasMessageContaining(key.substring(key.lastIndexOf('.') + 1));
  }

  private static Object yamlValue(ConfigKey key) {
    Object d = key.defaultValue();
    if (d instanceof java.time.Duration || d instanceof Enum<?> || d instanceof List<?>) {
      return ConfigKeys.renderDefault(key);
    }
    return d;
  }

  private static Object representative(ConfigKey key) {
    Matcher range = RANGE.matcher(key.expected());
    assertThat(range.matches()).as("a representative value for %s (%s)", key.name(), key.expected()).isTrue();
    return range.group(1).equals("integer") ? (Object) Integer.parseInt(range.group(2)) : Double.parseDouble(range.group(3));
  }

  private static String renderedConfig(ChartFixture.Manifests m) {
    return m.ofKind("ConfigMap").stream().map(cm -> (Map<String, Object>) at(cm, "data"))
        .filter(d -> d.containsKey("config.yaml")).map(d -> (String) d.get("config.yaml"))
        .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap with config.yaml"));
  }

  private static String read(String path) {
    try {
      return Files.readString(ChartFixture.repoRoot().resolve(path));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
