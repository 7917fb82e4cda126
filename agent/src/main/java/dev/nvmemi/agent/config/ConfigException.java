package dev.nvmemi.agent.config;

/**
 * The configuration is invalid: an unknown key, a wrong type or an out-of-range value. The message
 * names the key, the value found and what was expected, e.g.
 * {@code "poll.lost_after: 0 (expected: integer 1 ~ 1000) [from env NVME_MI_AGENT_POLL_LOST_AFTER]"}.
 *
 * <p>Thrown at start-up only; immutable.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
