package dev.nvmemi.agent.config;

import dev.nvmemi.agent.config.AgentConfig.BusParameters;
import dev.nvmemi.agent.config.AgentConfig.DiscoveryMode;
import dev.nvmemi.agent.config.AgentConfig.StaticEndpoint;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads the configuration: the YAML file, then {@code NVME_MI_AGENT_<PATH>} environment variables,
 * then flags ({@code --set key=value} and the dedicated options), each layer overriding the one
 * before. Unknown keys, wrong types and out-of-range values fail with a {@link ConfigException} that
 * names the key, the value, what was expected and where the value came from.
 *
 * <p>Runs once at start-up on the main thread; stateless.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** Prefix of the agent's environment variables. */
  public static final String ENV_PREFIX = "NVME_MI_AGENT_";
  /** Environment variable naming the config file (same as {@code --config}). */
  public static final String ENV_CONFIG = ENV_PREFIX + "CONFIG";
  /** Default location of the (optional) config file. */
  public static final Path DEFAULT_FILE = Path.of("/etc/nvme-mi-agent/config.yaml");

  /** A raw value and where it came from ("config.yaml", "env NVME_MI_AGENT_X", "flag --set"). */
  record Sourced(Object value, String origin) {}

  /**
   * Loads and validates.
   *
   * @param file the config file, or empty for {@link #DEFAULT_FILE} (which may be missing)
   * @param env the process environment
   * @param flags flag overrides by dotted key (raw strings or typed values)
   */
  public static AgentConfig load(Optional<Path> file, Map<String, String> env, Map<String, Object> flags) {
    Map<String, Sourced> raw = new LinkedHashMap<>();
    Optional<Path> explicit = file.isPresent() ? file
        : Optional.ofNullable(env.get(ENV_CONFIG)).filter(s -> !s.isBlank()).map(Path::of);
    Path path = explicit.orElse(DEFAULT_FILE);
    readYaml(path, explicit.isPresent(), raw);
    readEnv(env, raw);
    flags.forEach((k, v) -> {
      checkKnown(k, v, "flag");
      raw.put(k, new Sourced(v, "flag"));
    });
    return buildSourced(raw);
  }

  /** Builds a configuration from dotted keys only (tests, embedding applications). */
  public static AgentConfig build(Map<String, ?> values) {
    Map<String, Sourced> raw = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      checkKnown(k, v, "map");
      raw.put(k, new Sourced(v, "map"));
    });
    return buildSourced(raw);
  }

  /** Parses YAML text (tests; the file loader uses the same path). */
  public static AgentConfig fromYaml(String yaml) {
    Map<String, Sourced> raw = new LinkedHashMap<>();
    parseYaml(yaml, "yaml", raw);
    return buildSourced(raw);
  }

  private static void readYaml(Path path, boolean required, Map<String, Sourced> raw) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      if (required) {
        throw new ConfigException("config file not found: " + path);
      }
      return;
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + path + ": " + e.getMessage(), e);
    }
    parseYaml(text, path.toString(), raw);
  }

  private static void parseYaml(String text, String origin, Map<String, Sourced> raw) {
    Object doc;
    try (Reader r = new java.io.StringReader(text)) {
      LoaderOptions opts = new LoaderOptions();
      opts.setAllowDuplicateKeys(false);
      doc = new Yaml(new SafeConstructor(opts)).load(r);
    } catch (YAMLException | IOException e) {
      throw new ConfigException(origin + ": not valid YAML: " + e.getMessage(), e);
    }
    if (doc == null) {
      return;
    }
    if (!(doc instanceof Map<?, ?> m)) {
      throw new ConfigException(origin + ": top level is " + typeName(doc) + " (expected: a mapping of sections)");
    }
    flatten("", m, origin, raw);
  }

  private static void flatten(String prefix, Map<?, ?> m, String origin, Map<String, Sourced> raw) {
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String key = prefix + e.getKey();
      Object v = e.getValue();
      if (v instanceof Map<?, ?> sub && !isLeaf(key)) {
        flatten(key + ".", sub, origin, raw);
      } else {
        checkKnown(key, v, origin);
        raw.put(key, new Sourced(v, origin));
      }
    }
  }

  private static boolean isLeaf(String key) {
    return ConfigKeys.find(key).isPresent();
  }

  private static void readEnv(Map<String, String> env, Map<String, Sourced> raw) {
    Map<String, String> byEnv = new HashMap<>();
    for (ConfigKey k : ConfigKeys.ALL) {
      if (!k.name().contains("*")) {
        byEnv.put(k.environmentName(), k.name());
      }
    }
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(ENV_PREFIX) || name.equals(ENV_CONFIG)) {
        continue;
      }
      String key = byEnv.get(name);
      if (key == null && name.startsWith(ENV_PREFIX + "OTEL_")) {
        key = "otel." + name.substring((ENV_PREFIX + "OTEL_").length()).toLowerCase(Locale.ROOT).replace('_', '.');
      }
      if (key == null) {
        throw new ConfigException("unknown environment variable " + name + "=" + e.getValue()
            + " (expected one of: " + String.join(", ", new TreeMap<>(byEnv).keySet())
            + ", " + ENV_CONFIG + " or " + ENV_PREFIX + "OTEL_*)");
      }
      raw.put(key, new Sourced(e.getValue(), "env " + name));
    }
  }

  private static void checkKnown(String key, Object value, String origin) {
    if (key.startsWith(ConfigKeys.OTEL_PREFIX)) {
      if (value instanceof Map || value instanceof List) {
        throw new ConfigException(key + ": " + value + " (expected: a scalar passed to OpenTelemetry autoconfigure) [from " + origin + "]");
      }
      return;
    }
    if (ConfigKeys.find(key).isEmpty()) {
      String section = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
      StringBuilder known = new StringBuilder();
      for (ConfigKey k : ConfigKeys.ALL) {
        if (k.name().startsWith(section + ".")) {
          known.append(known.length() == 0 ? "" : ", ").append(k.name());
        }
      }
      throw new ConfigException("unknown configuration key " + key + " (expected: "
          + (known.length() == 0 ? "a section of discovery, poll, events, telemetry, bus, http, simulate, ocp, otel" : known)
          + ") [from " + origin + "]");
    }
  }

  private static Object parse(ConfigKey key, String actualKey, Sourced s) {
    try {
      return key.parser().apply(s.value());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(actualKey + ": " + render(s.value()) + " is " + e.getMessage()
          + " (expected: " + key.expected() + ") [from " + s.origin() + "]");
    }
  }

  private static String render(Object v) {
    return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
  }

  private static String typeName(Object o) {
    return o instanceof List ? "a list" : o instanceof Map ? "a mapping" : "a scalar";
  }

  private static AgentConfig buildSourced(Map<String, Sourced> raw) {
    Map<String, Object> v = new HashMap<>();
    Map<String, String> otel = new TreeMap<>();
    Map<String, Map<String, Object>> overrides = new TreeMap<>();
    for (Map.Entry<String, Sourced> e : raw.entrySet()) {
      String key = e.getKey();
      if (key.startsWith(ConfigKeys.OTEL_PREFIX)) {
        otel.put(key, String.valueOf(e.getValue().value()));
        continue;
      }
      ConfigKey def = ConfigKeys.find(key).orElseThrow();
      Object typed = parse(def, key, e.getValue());
      if (def.name().startsWith("bus.overrides.")) {
        String bus = key.split("\\.")[2];
        overrides.computeIfAbsent(bus, b -> new HashMap<>()).put(def.name().substring(def.name().lastIndexOf('.') + 1), typed);
      } else {
        v.put(key, typed);
      }
    }
    DiscoveryMode mode = get(v, ConfigKeys.DISCOVERY_MODE);
    @SuppressWarnings("unchecked")
    List<StaticEndpoint> statics = (List<StaticEndpoint>) get(v, ConfigKeys.DISCOVERY_STATIC);
    if (mode == DiscoveryMode.STATIC && statics.isEmpty()) {
      throw new ConfigException("discovery.static: [] (expected: at least one net:eid when discovery.mode is static)");
    }
    var discovery = new AgentConfig.Discovery(mode, statics, get(v, ConfigKeys.DISCOVERY_DBUS_ADDRESS));

    Duration backoffInitial = get(v, ConfigKeys.POLL_BACKOFF_INITIAL);
    Duration backoffMax = get(v, ConfigKeys.POLL_BACKOFF_MAX);
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new ConfigException("poll.backoff_max: " + ConfigKeys.fmt(backoffMax)
          + " (expected: >= poll.backoff_initial " + ConfigKeys.fmt(backoffInitial) + ")");
    }
    var poll = new AgentConfig.Poll(get(v, ConfigKeys.POLL_SUBSYSTEM_HEALTH), get(v, ConfigKeys.POLL_CONTROLLER_HEALTH),
        get(v, ConfigKeys.POLL_SMART), get(v, ConfigKeys.POLL_IDENTIFY), get(v, ConfigKeys.POLL_HEALTH_TIMEOUT),
        get(v, ConfigKeys.POLL_IDENTIFY_TIMEOUT), get(v, ConfigKeys.POLL_LOG_TIMEOUT),
        (Integer) get(v, ConfigKeys.POLL_MPR_MAX), get(v, ConfigKeys.POLL_MPR_WAIT_CAP),
        (Integer) get(v, ConfigKeys.POLL_LOST_AFTER), (Boolean) get(v, ConfigKeys.POLL_CLEAR_STATUS),
        (Double) get(v, ConfigKeys.POLL_JITTER), backoffInitial, backoffMax,
        get(v, ConfigKeys.POLL_FLAP_WINDOW), (Integer) get(v, ConfigKeys.POLL_FLAP_TRANSITIONS));

    Duration aemDelay = get(v, ConfigKeys.EVENTS_AEM_DELAY);
    if (aemDelay.toNanos() % 1_000_000_000L != 0) {
      throw new ConfigException("events.aem_delay: " + ConfigKeys.fmt(aemDelay)
          + " (expected: whole seconds, the AEMD unit)");
    }
    Duration aemRetry = get(v, ConfigKeys.EVENTS_AEM_RETRY_DELAY);
    if (aemRetry.toNanos() % 100_000_000L != 0) {
      throw new ConfigException("events.aem_retry_delay: " + ConfigKeys.fmt(aemRetry)
          + " (expected: a multiple of 100ms, the AERD unit)");
    }
    var events = new AgentConfig.Events(get(v, ConfigKeys.EVENTS_AEM), aemDelay, aemRetry,
        (Integer) get(v, ConfigKeys.EVENTS_AEM_ACK_FAILURES));

    BusParameters defaults = new BusParameters(get(v, ConfigKeys.BUS_FREQUENCY), get(v, ConfigKeys.BUS_MAX_UTILIZATION),
        get(v, ConfigKeys.BUS_CONCURRENCY), get(v, ConfigKeys.BUS_MTU));
    Map<String, BusParameters> perBus = new TreeMap<>();
    overrides.forEach((bus, o) -> perBus.put(bus, new BusParameters(
        (Integer) o.getOrDefault("frequency", defaults.frequencyHz()),
        (Double) o.getOrDefault("max_utilization", defaults.maxUtilization()),
        (Integer) o.getOrDefault("concurrency", defaults.concurrency()),
        (Integer) o.getOrDefault("mtu", defaults.mtu()))));
    var bus = new AgentConfig.Bus(defaults, perBus);

    String address = get(v, ConfigKeys.HTTP_ADDRESS);
    int colon = address.lastIndexOf(':');
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    var http = new AgentConfig.Http(get(v, ConfigKeys.HTTP_ENABLED), host, Integer.parseInt(address.substring(colon + 1)));

    String scenario = get(v, ConfigKeys.SIMULATE_SCENARIO);
    var simulate = new AgentConfig.Simulate(get(v, ConfigKeys.SIMULATE_DRIVES),
        Optional.ofNullable(ConfigKeys.pathOrNull(scenario)),
        ((Integer) get(v, ConfigKeys.SIMULATE_SEED)).longValue(), get(v, ConfigKeys.SIMULATE_BUS_TIMING));
    var ocp = new AgentConfig.Ocp(get(v, ConfigKeys.OCP_ENABLED), get(v, ConfigKeys.OCP_INTERVAL),
        (Double) get(v, ConfigKeys.OCP_CAPACITOR_HEALTH_MIN), (Double) get(v, ConfigKeys.OCP_SPARE_BLOCKS_MIN),
        (Boolean) get(v, ConfigKeys.OCP_DETAILED_METRICS));
    var telemetry = new AgentConfig.Telemetry(get(v, ConfigKeys.TELEMETRY_COMMAND_DURATION_PER_DRIVE));
    var log = new AgentConfig.Log(get(v, ConfigKeys.LOG_FORMAT), get(v, ConfigKeys.LOG_LEVEL));
    return new AgentConfig(discovery, poll, events, bus, http, simulate, otel, ocp, telemetry, log);
  }

  @SuppressWarnings("unchecked")
  private static <T> T get(Map<String, Object> values, ConfigKey key) {
    Object o = values.get(key.name());
    return (T) (o != null ? o : key.defaultValue());
  }
}
