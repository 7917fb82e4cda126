package dev.nvmemi.agent.config;

import dev.nvmemi.agent.config.AgentConfig.DiscoveryMode;
import dev.nvmemi.agent.config.AgentConfig.StaticEndpoint;
import dev.nvmemi.agent.log.LogFormat;
import dev.nvmemi.agent.log.LogLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every configuration key of the agent with its default, its expected form and its README line.
 * The README "Configuration" table is generated from {@link #ALL} (and a test checks it).
 *
 * <p>Constants only; thread-safe.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  // patterns first: the key constants below parse their defaults during class initialisation
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[^:\\s]+):(\\d{1,5})");
  private static final Pattern ENDPOINT = Pattern.compile("(\\d{1,10}):(\\d{1,3})(?:@([A-Za-z0-9_.\\-]+))?");

  public static final ConfigKey DISCOVERY_MODE = choice("discovery.mode", "mctpd",
      List.of("mctpd", "static", "simulate"),
      "Where endpoints come from: mctpd over D-Bus, the static list, or the in-process simulated fleet.");
  public static final ConfigKey DISCOVERY_STATIC = endpoints("discovery.static",
      "Endpoints for mode static: a list (or comma-separated string) of net:eid or net:eid@bus.");
  public static final ConfigKey DISCOVERY_DBUS_ADDRESS = string("discovery.dbus.address", "",
      "D-Bus address where mctpd lives; empty = the system bus.");

  public static final ConfigKey POLL_SUBSYSTEM_HEALTH = duration("poll.subsystem_health_interval", "5s",
      Duration.ofMillis(100), Duration.ofHours(24), "NVM Subsystem Health Status Poll interval.");
  public static final ConfigKey POLL_CONTROLLER_HEALTH = duration("poll.controller_health_interval", "5s",
      Duration.ofMillis(100), Duration.ofHours(24), "Controller Health Status Poll interval.");
  public static final ConfigKey POLL_SMART = duration("poll.smart_interval", "60s",
      Duration.ofSeconds(1), Duration.ofDays(7), "SMART / Health log (02h) interval; the Error Information log is read only when its entry count grows.");
  public static final ConfigKey POLL_IDENTIFY = duration("poll.identify_interval", "1h",
      Duration.ofSeconds(10), Duration.ofDays(30), "Identify again (firmware change and replacement detection).");
  public static final ConfigKey POLL_HEALTH_TIMEOUT = duration("poll.health_timeout", "3s",
      Duration.ofMillis(10), Duration.ofMinutes(1),
      "Response timeout of a health poll (subsystem and controller health status polls; ~50 bytes on the wire).");
  public static final ConfigKey POLL_IDENTIFY_TIMEOUT = duration("poll.identify_timeout", "5s",
      Duration.ofMillis(10), Duration.ofMinutes(1),
      "Response timeout of Read NVMe-MI Data Structure and Identify Controller (up to 4 KiB).");
  public static final ConfigKey POLL_LOG_TIMEOUT = duration("poll.log_timeout", "15s",
      Duration.ofMillis(10), Duration.ofMinutes(5),
      "Response timeout of one log page chunk (SMART 512 bytes, error log up to 4 KiB: ~0.45 s of wire time at 100 kHz).");
  public static final ConfigKey POLL_MPR_MAX = integer("poll.mpr_max", 8, 0, 1000,
      "More Processing Required responses accepted for one exchange before it fails (mpr_limit).");
  public static final ConfigKey POLL_MPR_WAIT_CAP = duration("poll.mpr_wait_cap", "0s",
      Duration.ZERO, Duration.ofMinutes(5), "Cap on one MPR wait; 0 = the drive's own MPRT.");
  public static final ConfigKey POLL_LOST_AFTER = integer("poll.lost_after", 5, 1, 1000,
      "Consecutive failures after which an endpoint is LOST (it is still retried).");
  public static final ConfigKey POLL_CLEAR_STATUS = bool("poll.clear_status", false,
      "Set Clear Status / CCF in health polls. Off: read-only, a BMC polling the same drive keeps its change flags.");
  public static final ConfigKey POLL_JITTER = decimal("poll.jitter", 0.1, 0.0, 0.5,
      "Relative jitter on every interval (0.1 = ±10 %).");
  public static final ConfigKey POLL_BACKOFF_INITIAL = duration("poll.backoff_initial", "1s",
      Duration.ofMillis(10), Duration.ofMinutes(10), "First retry delay after a failure (doubles, with jitter).");
  public static final ConfigKey POLL_BACKOFF_MAX = duration("poll.backoff_max", "5m",
      Duration.ofMillis(10), Duration.ofHours(1), "Cap of the retry delay.");
  public static final ConfigKey POLL_FLAP_WINDOW = duration("poll.flap_window", "5m",
      Duration.ZERO, Duration.ofHours(24), "Flap suppression window for state-change events (0 = off).");
  public static final ConfigKey POLL_FLAP_TRANSITIONS = integer("poll.flap_transitions", 4, 2, 1000,
      "Transitions of one state within flap_window that mark it flapping (events suppressed until it is stable for flap_window).");

  public static final ConfigKey EVENTS_AEM = bool("events.aem", false,
      "Enable Asynchronous Event Messages on endpoints whose port supports them, so drive changes arrive as they"
          + " happen (polls continue as the safety net). Off by default: the AEM destination is one setting per"
          + " endpoint, and enabling takes it from any other manager (a BMC) that uses AEMs.");
  public static final ConfigKey EVENTS_AEM_DELAY = duration("events.aem_delay", "0s", Duration.ZERO,
      Duration.ofSeconds(255), "AEM delay (AEMD, whole seconds): how long the drive gathers occurrences before it sends an AEM.");
  public static final ConfigKey EVENTS_AEM_RETRY_DELAY = duration("events.aem_retry_delay", "1s", Duration.ZERO,
      Duration.ofMillis(25_500), "AEM retry delay (AERD, 100 ms units): how long the drive waits for our acknowledgement before it re-sends.");
  public static final ConfigKey EVENTS_AEM_ACK_FAILURES = integer("events.aem_ack_failures", 3, 1, 1000,
      "Consecutive AEM acknowledgements without an answer after which a drive falls back to polling alone.");

  public static final ConfigKey TELEMETRY_COMMAND_DURATION_PER_DRIVE = bool("telemetry.command_duration_per_drive",
      false, "Record nvme_mi.command.duration per drive (with the drive attributes) instead of per bus and command:"
          + " opt-in, as it multiplies a fleet's series by commands x histogram buckets.");

  public static final ConfigKey BUS_FREQUENCY = integer("bus.frequency", 100_000, 10_000, 3_400_000,
      "Bus clock in Hz (100000, 400000, 1000000) for the bus-time estimate.");
  public static final ConfigKey BUS_MAX_UTILIZATION = decimal("bus.max_utilization", 0.5, 0.01, 1.0,
      "Share of each bus's time the agent may take; the rest belongs to other users (BMC fan control).");
  public static final ConfigKey BUS_CONCURRENCY = integer("bus.concurrency", 1, 1, 64,
      "Exchanges in flight per bus (SMBus: 1).");
  public static final ConfigKey BUS_MTU = integer("bus.mtu", 64, 64, 65_535,
      "MCTP transmission unit (payload bytes per packet) for the bus-time estimate.");
  public static final ConfigKey BUS_OVERRIDE_FREQUENCY = integer("bus.overrides.*.frequency", null, 10_000, 3_400_000,
      "Per-bus override of bus.frequency (YAML only: bus.overrides.mctpi2c3.frequency).");
  public static final ConfigKey BUS_OVERRIDE_MAX_UTILIZATION = decimal("bus.overrides.*.max_utilization", null, 0.01, 1.0,
      "Per-bus override of bus.max_utilization.");
  public static final ConfigKey BUS_OVERRIDE_CONCURRENCY = integer("bus.overrides.*.concurrency", null, 1, 64,
      "Per-bus override of bus.concurrency.");
  public static final ConfigKey BUS_OVERRIDE_MTU = integer("bus.overrides.*.mtu", null, 64, 65_535,
      "Per-bus override of bus.mtu.");

  public static final ConfigKey HTTP_ADDRESS = address("http.address", "127.0.0.1:9100",
      "host:port of /healthz, /readyz and /status (port 0 = ephemeral).");
  public static final ConfigKey HTTP_ENABLED = bool("http.enabled", true, "Serve the HTTP endpoints.");

  public static final ConfigKey OCP_ENABLED = bool("ocp.enabled", true,
      "Probe each drive (once per firmware) for the OCP datacenter logs C0h/C3h and poll those that have them.");
  public static final ConfigKey OCP_INTERVAL = duration("ocp.interval", "10m", Duration.ofSeconds(10),
      Duration.ofDays(1), "OCP C0h interval (the drive refreshes it at least every 10 min); C3h with it while the drive's latency monitor is enabled.");
  public static final ConfigKey OCP_CAPACITOR_HEALTH_MIN = decimal("ocp.capacitor_health_min", 1.0, 0.0, 2.55,
      "Capacitor (PLP) health, as a fraction, below which the drive is predicted_failure (1.0 = 100 % hold-up margin; inferred, see ocp-logs.md).");
  public static final ConfigKey OCP_SPARE_BLOCKS_MIN = decimal("ocp.spare_blocks_min", 0.10, 0.0, 1.0,
      "Normalized spare blocks (user, system, die-in-use), as a fraction, below which the drive is predicted_failure.");
  public static final ConfigKey OCP_DETAILED_METRICS = bool("ocp.detailed_metrics", false,
      "Also export the C3h latency monitor per bucket (nvme.ocp.latency.ios, nvme.ocp.latency.max), the C0h endurance"
          + " estimate and the lifetime write amplification: up to 17 more series per OCP drive, beyond its default budget of 25.");

  public static final ConfigKey LOG_FORMAT = enumChoice("log.format", LogFormat.TEXT,
      "Shape of the agent's log lines on stderr: text (timestamp level component - message key=value ...) or"
          + " json (one object per line with the same fields, for log shippers). Events on stdout (console"
          + " exporter) keep their own shape.");
  public static final ConfigKey LOG_LEVEL = enumChoice("log.level", LogLevel.INFO,
      "Lowest level logged (all libraries included); debug and trace also add each exception's stack trace"
          + " as the one-line field error.stack (error lines always carry it).");

  public static final ConfigKey SIMULATE_DRIVES = integer("simulate.drives", 8, 1, 100_000,
      "Drives of the in-process fleet (discovery.mode simulate, or --simulate=N).");
  public static final ConfigKey SIMULATE_SCENARIO = string("simulate.scenario", "",
      "Scenario file of the simulated fleet (see simulator/README.md); empty = healthy drives.");
  public static final ConfigKey SIMULATE_SEED = integer("simulate.seed", 1, 0, Integer.MAX_VALUE,
      "Seed of the simulated fleet (serial numbers, noise).");
  public static final ConfigKey SIMULATE_BUS_TIMING = bool("simulate.bus_timing", true,
      "Model SMBus timing in the simulated fleet (false: zero-latency drives).");

  /** Every fixed key, in README order ({@code otel.*} passes through, see {@link #OTEL_PREFIX}). */
  public static final List<ConfigKey> ALL = List.of(DISCOVERY_MODE, DISCOVERY_STATIC, DISCOVERY_DBUS_ADDRESS,
      POLL_SUBSYSTEM_HEALTH, POLL_CONTROLLER_HEALTH, POLL_SMART, POLL_IDENTIFY, POLL_HEALTH_TIMEOUT, POLL_IDENTIFY_TIMEOUT, POLL_LOG_TIMEOUT,
      POLL_MPR_MAX, POLL_MPR_WAIT_CAP, POLL_LOST_AFTER, POLL_CLEAR_STATUS, POLL_JITTER,
      POLL_BACKOFF_INITIAL, POLL_BACKOFF_MAX, POLL_FLAP_WINDOW, POLL_FLAP_TRANSITIONS,
      EVENTS_AEM, EVENTS_AEM_DELAY, EVENTS_AEM_RETRY_DELAY, EVENTS_AEM_ACK_FAILURES,
      TELEMETRY_COMMAND_DURATION_PER_DRIVE,
      BUS_FREQUENCY, BUS_MAX_UTILIZATION, BUS_CONCURRENCY, BUS_MTU,
      BUS_OVERRIDE_FREQUENCY, BUS_OVERRIDE_MAX_UTILIZATION, BUS_OVERRIDE_CONCURRENCY, BUS_OVERRIDE_MTU,
      HTTP_ADDRESS, HTTP_ENABLED,
      OCP_ENABLED, OCP_INTERVAL, OCP_CAPACITOR_HEALTH_MIN, OCP_SPARE_BLOCKS_MIN, OCP_DETAILED_METRICS,
      LOG_FORMAT, LOG_LEVEL,
      SIMULATE_DRIVES, SIMULATE_SCENARIO, SIMULATE_SEED, SIMULATE_BUS_TIMING);

  /** Keys under this prefix pass through to OpenTelemetry autoconfigure ({@code otel.metrics.exporter}). */
  public static final String OTEL_PREFIX = "otel.";

  /** The key definition for {@code key}, if any. */
  public static Optional<ConfigKey> find(String key) {
    for (ConfigKey k : ALL) {
      if (k.matches(key)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  // Parsers -------------------------------------------------------------------------------------


  /** Parses {@code 500ms}, {@code 5s}, {@code 1.5m}, {@code 1h}, {@code 2d} or a bare number of seconds. */
  public static Duration parseDuration(Object raw) {
    if (raw instanceof Number n) {
      return Duration.ofNanos(Math.round(n.doubleValue() * 1e9));
    }
    Matcher m = DURATION.matcher(String.valueOf(raw).trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration");
    }
    double v = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double seconds;
    switch (unit) {
      case "ms": seconds = v / 1000; break;
      case "m": seconds = v * 60; break;
      case "h": seconds = v * 3600; break;
      case "d": seconds = v * 86400; break;
      default: seconds = v; break;
    }
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  private static ConfigKey duration(String name, String def, Duration min, Duration max, String desc) {
    String expected = "duration " + fmt(min) + " ~ " + fmt(max) + " (e.g. 500ms, 5s, 1m, 1h)";
    return new ConfigKey(name, parseDuration(def), expected, desc, raw -> {
      Duration d = parseDuration(raw);
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new IllegalArgumentException("out of range");
      }
      return d;
    });
  }

  /** Renders a duration the way the config accepts it. */
  public static String fmt(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    if (ms % 86_400_000 == 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  private static ConfigKey integer(String name, Integer def, long min, long max, String desc) {
    return new ConfigKey(name, def, "integer " + min + " ~ " + max, desc, raw -> {
      long v;
      if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
        v = ((Number) raw).longValue();
      } else if (raw instanceof String s && s.trim().matches("[-+]?\\d{1,18}")) {
        v = Long.parseLong(s.trim());
      } else {
        throw new IllegalArgumentException("not an integer");
      }
      if (v < min || v > max) {
        throw new IllegalArgumentException("out of range");
      }
      return (int) v;
    });
  }

  private static ConfigKey decimal(String name, Double def, double min, double max, String desc) {
    return new ConfigKey(name, def, "number " + min + " ~ " + max, desc, raw -> {
      double v;
      if (raw instanceof Number n) {
        v = n.doubleValue();
      } else {
        try {
          v = Double.parseDouble(String.valueOf(raw).trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("not a number");
        }
      }
      if (Double.isNaN(v) || v < min || v > max) {
        throw new IllegalArgumentException("out of range");
      }
      return v;
    });
  }

  private static ConfigKey bool(String name, boolean def, String desc) {
    return new ConfigKey(name, def, "true or false", desc, raw -> {
      if (raw instanceof Boolean b) {
        return b;
      }
      String s = String.valueOf(raw).trim().toLowerCase(Locale.ROOT);
      if (s.equals("true")) {
        return true;
      }
      if (s.equals("false")) {
        return false;
      }
      throw new IllegalArgumentException("not a boolean");
    });
  }

  private static ConfigKey string(String name, String def, String desc) {
    return new ConfigKey(name, def, "a string", desc, raw -> {
      if (raw instanceof java.util.Map || raw instanceof java.util.List) {
        throw new IllegalArgumentException("not a string");
      }
      return String.valueOf(raw).trim();
    });
  }

  private static ConfigKey choice(String name, String def, List<String> values, String desc) {
    return new ConfigKey(name, DiscoveryMode.valueOf(def.toUpperCase(Locale.ROOT)), "one of " + String.join(", ", values),
        desc, raw -> {
          String s = String.valueOf(raw).trim().toLowerCase(Locale.ROOT);
          if (!values.contains(s)) {
            throw new IllegalArgumentException("unknown value");
          }
          return DiscoveryMode.valueOf(s.toUpperCase(Locale.ROOT));
        });
  }

  /** One of an enum's constants, written in lower case ({@code log.format: json}). */
  private static <E extends Enum<E>> ConfigKey enumChoice(String name, E def, String desc) {
    Class<E> type = def.getDeclaringClass();
    List<String> values = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      values.add(e.name().toLowerCase(Locale.ROOT));
    }
    return new ConfigKey(name, def, "one of " + String.join(", ", values), desc, raw -> {
      String s = String.valueOf(raw).trim().toLowerCase(Locale.ROOT);
      if (!values.contains(s)) {
        throw new IllegalArgumentException("unknown value");
      }
      return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
    });
  }

  private static ConfigKey address(String name, String def, String desc) {
    return new ConfigKey(name, def, "host:port with port 0 ~ 65535", desc, raw -> {
      String s = String.valueOf(raw).trim();
      Matcher m = HOST_PORT.matcher(s);
      if (!m.matches() || Integer.parseInt(m.group(2)) > 65535) {
        throw new IllegalArgumentException("not host:port");
      }
      return s;
    });
  }


  /** Parses {@code 1:9} or {@code 1:9@mctpi2c3}; the bus defaults to {@code net<network>}. */
  public static StaticEndpoint parseEndpoint(String s) {
    Matcher m = ENDPOINT.matcher(s.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not net:eid[@bus]");
    }
    long net = Long.parseLong(m.group(1));
    int eid = Integer.parseInt(m.group(2));
    if (net > Integer.MAX_VALUE || eid < 8 || eid > 254) {
      throw new IllegalArgumentException("network or EID out of range");
    }
    String bus = m.group(3); // null: looked up in the kernel's MCTP routes
    return new StaticEndpoint((int) net, eid, bus);
  }

  private static ConfigKey endpoints(String name, String desc) {
    return new ConfigKey(name, List.of(), "list of net:eid[@bus] with EID 8 ~ 254", desc, raw -> {
      List<String> items = new ArrayList<>();
      if (raw instanceof List<?> l) {
        for (Object o : l) {
          items.add(String.valueOf(o));
        }
      } else {
        String s = String.valueOf(raw).trim();
        if (!s.isEmpty()) {
          items.addAll(List.of(s.split("\\s*,\\s*")));
        }
      }
      List<StaticEndpoint> out = new ArrayList<>();
      for (String item : items) {
        out.add(parseEndpoint(item));
      }
      return List.copyOf(out);
    });
  }

  /** Renders a default value for the README. */
  public static String renderDefault(ConfigKey k) {
    Object d = k.defaultValue();
    if (d == null) {
      return "(bus.* value)";
    }
    if (d instanceof Duration du) {
      return fmt(du);
    }
    if (d instanceof Enum<?> m) {
      return m.name().toLowerCase(Locale.ROOT);
    }
    if (d instanceof List<?> l) {
      return l.isEmpty() ? "[]" : l.toString();
    }
    if (d instanceof String s && s.isEmpty()) {
      return "\"\"";
    }
    return String.valueOf(d);
  }

  static Path pathOrNull(String s) {
    return s.isEmpty() ? null : Path.of(s);
  }
}
