package dev.nvmemi.agent.config;

import dev.nvmemi.agent.log.LogFormat;
import dev.nvmemi.agent.log.LogLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated agent configuration (design §8). Built by {@link ConfigLoader} from YAML, environment
 * and flags; {@link #defaults()} gives the documented defaults. Every key with its default is listed
 * in {@link ConfigKeys#ALL} and in the README's "Configuration" section.
 *
 * <p>Immutable; safe to share between threads.
 */
public record AgentConfig(Discovery discovery, Poll poll, Events events, Bus bus, Http http, Simulate simulate,
    Map<String, String> otel, Ocp ocp, Telemetry telemetry, Log log) {

  public AgentConfig {
    Objects.requireNonNull(discovery, "discovery");
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(bus, "bus");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(simulate, "simulate");
    otel = Map.copyOf(otel);
    Objects.requireNonNull(ocp, "ocp");
    Objects.requireNonNull(telemetry, "telemetry");
    Objects.requireNonNull(log, "log");
  }

  /**
   * {@code log.*}: the shape and level of the agent's log lines (see {@code dev.nvmemi.agent.log}).
   *
   * @param format text lines or JSON objects, one per line
   * @param level the lowest level logged
   */
  public record Log(LogFormat format, LogLevel level) {
    public Log {
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(level, "level");
    }
  }

  /**
   * Telemetry options ({@code telemetry.*}).
   *
   * @param commandDurationPerDrive record {@code nvme_mi.command.duration} with the drive attributes
   *     (opt-in: per drive it multiplies a fleet's series by commands × buckets)
   */
  public record Telemetry(boolean commandDurationPerDrive) {}

  /** Where endpoints come from. */
  public enum DiscoveryMode { MCTPD, STATIC, SIMULATE }

  /**
   * One statically configured endpoint: {@code net:eid} or {@code net:eid@bus}.
   *
   * @param bus the physical bus when configured, else null: the kernel's MCTP route to the
   *     endpoint names it (the interface), with a per-network lane as the last resort
   */
  public record StaticEndpoint(int network, int eid, String bus) {
    @Override
    public String toString() {
      return bus == null ? network + ":" + eid : network + ":" + eid + "@" + bus;
    }
  }

  /**
   * {@code discovery.*}.
   *
   * @param mode mctpd (D-Bus), static (the list below) or simulate (the in-process fleet)
   * @param staticEndpoints endpoints for mode static
   * @param dbusAddress D-Bus address for mctpd; empty means the system bus
   */
  public record Discovery(DiscoveryMode mode, List<StaticEndpoint> staticEndpoints, String dbusAddress) {
    public Discovery {
      Objects.requireNonNull(mode, "mode");
      staticEndpoints = List.copyOf(staticEndpoints);
      Objects.requireNonNull(dbusAddress, "dbusAddress");
    }
  }

  /**
   * {@code poll.*}: the poll plan of design §4.
   *
   * @param healthTimeout response timeout of a health status poll ({@code poll.health_timeout})
   * @param identifyTimeout response timeout of a data-structure read or Identify ({@code poll.identify_timeout})
   * @param logTimeout response timeout of one log page chunk ({@code poll.log_timeout})
   */
  public record Poll(Duration subsystemHealthInterval, Duration controllerHealthInterval,
      Duration smartInterval, Duration identifyInterval, Duration healthTimeout, Duration identifyTimeout,
      Duration logTimeout, int mprMax,
      Duration mprWaitCap, int lostAfter, boolean clearStatus, double jitter,
      Duration backoffInitial, Duration backoffMax, Duration flapWindow, int flapTransitions) {
    public Poll {
      Objects.requireNonNull(subsystemHealthInterval, "subsystemHealthInterval");
      Objects.requireNonNull(controllerHealthInterval, "controllerHealthInterval");
      Objects.requireNonNull(smartInterval, "smartInterval");
      Objects.requireNonNull(identifyInterval, "identifyInterval");
      Objects.requireNonNull(healthTimeout, "healthTimeout");
      Objects.requireNonNull(identifyTimeout, "identifyTimeout");
      Objects.requireNonNull(logTimeout, "logTimeout");
      Objects.requireNonNull(mprWaitCap, "mprWaitCap");
      Objects.requireNonNull(backoffInitial, "backoffInitial");
      Objects.requireNonNull(backoffMax, "backoffMax");
      Objects.requireNonNull(flapWindow, "flapWindow");
    }
  }

  /**
   * Scheduling parameters of one bus.
   *
   * @param frequencyHz SMBus/I2C clock
   * @param maxUtilization share of bus time the agent may take (0 &lt; u ≤ 1)
   * @param concurrency exchanges in flight on the bus at once
   * @param mtu MCTP transmission unit (payload bytes per packet)
   */
  public record BusParameters(int frequencyHz, double maxUtilization, int concurrency, int mtu) {}

  /** {@code bus.*}: defaults and per-bus overrides ({@code bus.overrides.<bus>.*}). */
  public record Bus(BusParameters defaults, Map<String, BusParameters> overrides) {
    public Bus {
      Objects.requireNonNull(defaults, "defaults");
      overrides = Map.copyOf(overrides);
    }

    /** The parameters for the named bus. */
    public BusParameters forBus(String bus) {
      return overrides.getOrDefault(bus, defaults);
    }
  }

  /** {@code http.*}; an empty host/port pair ({@code http.enabled=false}) disables the server. */
  public record Http(boolean enabled, String host, int port) {
    public Http {
      Objects.requireNonNull(host, "host");
    }

    public String address() {
      return host + ":" + port;
    }
  }

  /** {@code simulate.*}: the in-process fleet. */
  public record Simulate(int drives, Optional<Path> scenario, long seed, boolean busTiming) {
    public Simulate {
      Objects.requireNonNull(scenario, "scenario");
    }
  }

  /**
   * Asynchronous Event Messages ({@code events.*}).
   *
   * @param aem enable AEMs on endpoints that support them
   * @param aemDelay AEMD, whole seconds 0..255
   * @param aemRetryDelay AERD, a multiple of 100 ms up to 25.5 s
   * @param aemAckFailures consecutive unanswered acknowledgements before falling back to polling
   */
  public record Events(boolean aem, Duration aemDelay, Duration aemRetryDelay, int aemAckFailures) {
    public Events {
      Objects.requireNonNull(aemDelay, "aemDelay");
      Objects.requireNonNull(aemRetryDelay, "aemRetryDelay");
      if (aemAckFailures < 1) {
        throw new IllegalArgumentException("aemAckFailures: " + aemAckFailures + " (expected: >= 1)");
      }
    }

    /** AEMD in seconds (the duration rounded down to whole seconds, at most 255). */
    public int aemd() {
      return (int) Math.min(255, aemDelay.toSeconds());
    }

    /** AERD in 100 ms units (rounded down, at most 255). */
    public int aerd() {
      return (int) Math.min(255, aemRetryDelay.toMillis() / 100);
    }
  }

  /**
   * {@code ocp.*}: the OCP datacenter logs C0h/C3h ({@code ocp-logs.md}).
   *
   * @param enabled probe drives for the OCP logs and poll them
   * @param interval C0h (and C3h) interval
   * @param capacitorHealthMin capacitor health (fraction) below which the drive is predicted_failure
   * @param spareBlocksMin normalized spare blocks (fraction) below which the drive is predicted_failure
   * @param detailedMetrics export the opt-in OCP series too (C3h per bucket, endurance estimate, lifetime
   *     write amplification)
   */
  public record Ocp(boolean enabled, Duration interval, double capacitorHealthMin, double spareBlocksMin,
      boolean detailedMetrics) {
    public Ocp {
      Objects.requireNonNull(interval, "interval");
    }
  }

  /** The documented defaults. */
  public static AgentConfig defaults() {
    return ConfigLoader.build(Map.of());
  }

  public AgentConfig withDiscovery(Discovery d) {
    return new AgentConfig(d, poll, events, bus, http, simulate, otel, ocp, telemetry, log);
  }

  public AgentConfig withPoll(Poll p) {
    return new AgentConfig(discovery, p, events, bus, http, simulate, otel, ocp, telemetry, log);
  }

  public AgentConfig withEvents(Events e) {
    return new AgentConfig(discovery, poll, e, bus, http, simulate, otel, ocp, telemetry, log);
  }

  public AgentConfig withBus(Bus b) {
    return new AgentConfig(discovery, poll, events, b, http, simulate, otel, ocp, telemetry, log);
  }

  public AgentConfig withHttp(Http h) {
    return new AgentConfig(discovery, poll, events, bus, h, simulate, otel, ocp, telemetry, log);
  }

  public AgentConfig withSimulate(Simulate s) {
    return new AgentConfig(discovery, poll, events, bus, http, s, otel, ocp, telemetry, log);
  }

  public AgentConfig withOcp(Ocp c) {
    return new AgentConfig(discovery, poll, events, bus, http, simulate, otel, c, telemetry, log);
  }

  public AgentConfig withTelemetry(Telemetry t) {
    return new AgentConfig(discovery, poll, events, bus, http, simulate, otel, ocp, t, log);
  }

  public AgentConfig withLog(Log l) {
    return new AgentConfig(discovery, poll, events, bus, http, simulate, otel, ocp, telemetry, l);
  }

  public AgentConfig withOtel(Map<String, String> o) {
    return new AgentConfig(discovery, poll, events, bus, http, simulate, o, ocp, telemetry, log);
  }
}
