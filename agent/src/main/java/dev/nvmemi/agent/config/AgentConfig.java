package dev.nvmemi.agent.config;

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
public record AgentConfig(Discovery discovery, Poll poll, Bus bus, Http http, Simulate simulate,
    Map<String, String> otel) {

  public AgentConfig {
    Objects.requireNonNull(discovery, "discovery");
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(bus, "bus");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(simulate, "simulate");
    otel = Map.copyOf(otel);
  }

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

  /** The documented defaults. */
  public static AgentConfig defaults() {
    return ConfigLoader.build(Map.of());
  }

  public AgentConfig withDiscovery(Discovery d) {
    return new AgentConfig(d, poll, bus, http, simulate, otel);
  }

  public AgentConfig withPoll(Poll p) {
    return new AgentConfig(discovery, p, bus, http, simulate, otel);
  }

  public AgentConfig withBus(Bus b) {
    return new AgentConfig(discovery, poll, b, http, simulate, otel);
  }

  public AgentConfig withHttp(Http h) {
    return new AgentConfig(discovery, poll, bus, h, simulate, otel);
  }

  public AgentConfig withSimulate(Simulate s) {
    return new AgentConfig(discovery, poll, bus, http, s, otel);
  }

  public AgentConfig withOtel(Map<String, String> o) {
    return new AgentConfig(discovery, poll, bus, http, simulate, o);
  }
}
