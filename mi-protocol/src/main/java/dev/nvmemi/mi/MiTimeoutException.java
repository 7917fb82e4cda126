package dev.nvmemi.mi;

import java.time.Duration;

/**
 * No response arrived within the exchange timeout (or within a More Processing Required wait). The
 * message names the endpoint, the command and the time waited. Thread-safe (immutable).
 */
public final class MiTimeoutException extends MiTransportException {
  private static final long serialVersionUID = 1L;

  private final Duration waited;

  public MiTimeoutException(String endpoint, String command, Duration waited) {
    super(Reason.TIMEOUT, endpoint, 0,
        "no response from " + endpoint + " to " + command + " after " + waited.toMillis() + " ms",
        null);
    this.waited = waited;
  }

  /** How long the transport waited before giving up. */
  public Duration waited() {
    return waited;
  }
}
