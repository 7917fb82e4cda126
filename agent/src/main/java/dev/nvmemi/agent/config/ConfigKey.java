package dev.nvmemi.agent.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: its dotted name, default, README description and the parser that turns a
 * raw value (from YAML, an environment variable or a flag) into its typed value.
 *
 * @param name dotted key, e.g. {@code poll.smart_interval}; a {@code *} segment matches any name
 *     (per-bus overrides)
 * @param defaultValue the typed default, rendered in the README
 * @param expected what a valid value looks like, used in error messages ("duration 100ms ~ 1h")
 * @param description one line for the README configuration table
 * @param parser raw value to typed value; throws {@link IllegalArgumentException} with the reason
 *
 * <p>Immutable.
 */
public record ConfigKey(String name, Object defaultValue, String expected, String description,
    Function<Object, Object> parser) {

  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parser, "parser");
  }

  /** Whether {@code key} is this key (with {@code *} segments matching any single segment). */
  public boolean matches(String key) {
    if (!name.contains("*")) {
      return name.equals(key);
    }
    String[] a = name.split("\\.");
    String[] b = key.split("\\.");
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (!a[i].equals("*") && !a[i].equals(b[i])) {
        return false;
      }
    }
    return true;
  }

  /** The environment variable that overrides this key ({@code NVME_MI_AGENT_POLL_SMART_INTERVAL}). */
  public String environmentName() {
    return ConfigLoader.ENV_PREFIX + name.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
  }
}
