package dev.nvmemi.agent.cli;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigException;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.log.LogSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options {@code run} and {@code once} share: the config file, the in-process fleet, a static
 * endpoint list, the HTTP address and generic {@code --set key=value} overrides. Flags override
 * the environment, which overrides the file (design §8). Main thread.
 */
public final class AgentOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML configuration file (default: /etc/nvme-mi-agent/config.yaml when it exists, or $NVME_MI_AGENT_CONFIG).")
  Path config;

  @Option(names = "--simulate", arity = "0..1", paramLabel = "N", fallbackValue = "0",
      description = "Use an in-process fleet of N simulated drives (default simulate.drives = 8) instead of mctpd.")
  Integer simulate;

  @Option(names = "--scenario", paramLabel = "FILE",
      description = "Scenario file for the simulated fleet (implies --simulate).")
  Path scenario;

  @Option(names = "--static", paramLabel = "NET:EID[@BUS],...",
      description = "Poll these endpoints without mctpd, e.g. 1:9,1:10.")
  String statics;

  @Option(names = "--http-address", paramLabel = "HOST:PORT",
      description = "Address of /healthz, /readyz and /status (http.address, default 127.0.0.1:9100).")
  String httpAddress;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override any configuration key, e.g. --set poll.smart_interval=30s --set otel.metrics.exporter=otlp.")
  List<String> sets = new ArrayList<>();

  /**
   * Loads and validates the configuration and applies its {@code log.*} keys to the process's log
   * handler. @throws ConfigException with the key, value and expectation
   */
  public AgentConfig load(Map<String, String> env) {
    Map<String, Object> flags = new LinkedHashMap<>();
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("--set " + s + " (expected: KEY=VALUE)");
      }
      flags.put(s.substring(0, eq).trim(), s.substring(eq + 1));
    }
    if (simulate != null || scenario != null) {
      flags.put("discovery.mode", "simulate");
      if (simulate != null && simulate > 0) {
        flags.put("simulate.drives", simulate.toString());
      } else if (simulate != null && simulate < 0) {
        throw new ConfigException("--simulate=" + simulate + " (expected: a number of drives >= 1)");
      }
    }
    if (scenario != null) {
      flags.put("simulate.scenario", scenario.toString());
    }
    if (statics != null) {
      flags.put("discovery.mode", "static");
      flags.put("discovery.static", statics);
    }
    if (httpAddress != null) {
      flags.put("http.address", httpAddress);
    }
    AgentConfig loaded = ConfigLoader.load(Optional.ofNullable(config), env, flags);
    LogSetup.configure(loaded.log().format(), loaded.log().level());
    return loaded;
  }
}
