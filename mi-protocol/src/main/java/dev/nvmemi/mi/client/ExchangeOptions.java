package dev.nvmemi.mi.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How one request/response exchange is carried out by a {@link MiTransport}.
 *
 * @param command a readable command name for errors and logs ("NVM Subsystem Health Status Poll")
 * @param timeout how long to wait for the (first) response; the transport enforces it, the kernel
 *     never times out. libnvme's MCTP default is 5000 ms.
 * @param mprWaitCap cap on one More Processing Required wait (libnvme's {@code mprt_max});
 *     {@link Duration#ZERO} means no cap
 * @param maxInterimResponses how many MPR responses are accepted before the exchange fails with
 *     {@code MPR_LIMIT} (an "MPR storm")
 * @param mprPossible whether the endpoint may answer with MPR (false for control primitives): a
 *     transport then preallocates a tag so that several responses can arrive on it
 */
public record ExchangeOptions(String command, Duration timeout, Duration mprWaitCap,
    int maxInterimResponses, boolean mprPossible) {

  /** libnvme's MCTP endpoint timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(5000);
  /** Default cap on consecutive MPR responses for one exchange. */
  public static final int DEFAULT_MAX_INTERIM = 8;

  public ExchangeOptions {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(mprWaitCap, "mprWaitCap");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
    }
    if (maxInterimResponses < 0) {
      throw new IllegalArgumentException("maxInterimResponses: " + maxInterimResponses + " (expected: >= 0)");
    }
  }

  /** Defaults for a command that may be answered with MPR. */
  public static ExchangeOptions defaults(String command) {
    return new ExchangeOptions(command, DEFAULT_TIMEOUT, Duration.ZERO, DEFAULT_MAX_INTERIM, true);
  }

  public ExchangeOptions withTimeout(Duration t) {
    return new ExchangeOptions(command, t, mprWaitCap, maxInterimResponses, mprPossible);
  }

  public ExchangeOptions withCommand(String c) {
    return new ExchangeOptions(c, timeout, mprWaitCap, maxInterimResponses, mprPossible);
  }

  public ExchangeOptions withMprPossible(boolean possible) {
    return new ExchangeOptions(command, timeout, mprWaitCap, maxInterimResponses, possible);
  }
}
