package dev.nvmemi.agent.config;

import java.net.BindException;
import java.util.Locale;
import java.util.Optional;

/**
 * A server of the agent (the {@code /status} endpoint, the Prometheus exporter) could not bind its
 * address at start-up. The message names the configuration key that sets the address and the
 * address tried, e.g. {@code "otel.exporter.prometheus.port: cannot listen on 127.0.0.1:9464: the
 * address is already in use (another process holds it); stop that process or set
 * otel.exporter.prometheus.port to a free port"}. Start-up fails with it (exit status 1): an agent
 * whose endpoint is silently dead is never left running.
 *
 * <p>Thrown at start-up only, on the thread that starts the server; immutable.
 */
public final class ListenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String address;

  public ListenException(String key, String address, Throwable cause) {
    super(key + ": cannot listen on " + address + ": " + reason(key, cause), cause);
    this.key = key;
    this.address = address;
  }

  /** The configuration key that sets the address ({@code http.address}, {@code otel.exporter.prometheus.port}). */
  public String key() {
    return key;
  }

  /** The {@code host:port} tried. */
  public String address() {
    return address;
  }

  /**
   * The bind failure in {@code failure}'s cause chain, if any: a {@link BindException}, or an
   * I/O exception whose message says the address is in use (Netty's native transport reports
   * {@code bind(..) failed: Address already in use} without a {@link BindException}).
   */
  public static Optional<Throwable> bindFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BindException || inUse(t)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private static boolean inUse(Throwable t) {
    return t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("address already in use");
  }

  private static String reason(String key, Throwable cause) {
    Throwable bind = bindFailure(cause).orElse(cause);
    if (inUse(bind)) {
      return "the address is already in use (another process holds it); stop that process or set " + key
          + " to a free port";
    }
    String msg = bind == null || bind.getMessage() == null ? String.valueOf(bind) : bind.getMessage();
    if (msg.toLowerCase(Locale.ROOT).contains("permission denied")) {
      return msg + " (ports below 1024 need CAP_NET_BIND_SERVICE); set " + key + " to a port above 1023";
    }
    return msg + " (check " + key + ")";
  }
}
