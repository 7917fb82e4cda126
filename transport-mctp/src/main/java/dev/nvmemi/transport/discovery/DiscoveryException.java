package dev.nvmemi.transport.discovery;

/**
 * A discovery source cannot work: it cannot reach its bus, or its environment is unusable (for
 * example no D-Bus machine id). The message says what was found and what was expected. Immutable.
 */
public final class DiscoveryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean permanent;

  /**
   * @param permanent true when retrying cannot help until the configuration changes
   */
  public DiscoveryException(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  /** True when retrying cannot help until the configuration or environment changes. */
  public boolean permanent() {
    return permanent;
  }
}
