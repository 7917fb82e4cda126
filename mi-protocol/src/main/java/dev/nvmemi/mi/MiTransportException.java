package dev.nvmemi.mi;

import java.util.Objects;

/**
 * The message could not be exchanged: a socket error, no route, missing kernel support, missing
 * privilege, a closed transport, or too many More Processing Required responses.
 *
 * <p>Carries the endpoint description ("mctp: net 1 eid 9"), the operation and, when a system call
 * failed, its errno. Thread-safe (immutable).
 */
public sealed class MiTransportException extends MiException permits MiTimeoutException {
  private static final long serialVersionUID = 1L;

  /** The class of transport failure; maps to the {@code error.type} self-metric attribute. */
  public enum Reason {
    /** No response in time. */
    TIMEOUT("timeout"),
    /** More Processing Required responses exceeded the configured cap (count or total wait). */
    MPR_LIMIT("mpr_limit"),
    /** The kernel lacks the address family (EAFNOSUPPORT). */
    NOT_SUPPORTED("transport"),
    /** Missing privilege (EPERM / EACCES: CAP_NET_RAW). */
    PERMISSION_DENIED("transport"),
    /**
     * No route to the endpoint (EHOSTUNREACH, ENETUNREACH), also when the route disappears between
     * two exchanges or mid-exchange (mctpd removed it, the link went down): its own {@code error.type},
     * {@code unreachable}, so a lost route is told apart from other transport failures.
     */
    UNREACHABLE("unreachable"),
    /** The transport or endpoint was closed. */
    CLOSED("transport"),
    /** Any other I/O failure. */
    IO("transport");

    private final String errorType;

    Reason(String errorType) {
      this.errorType = errorType;
    }

    /** The {@code error.type} attribute value. */
    public String errorType() {
      return errorType;
    }
  }

  private final Reason reason;
  private final String endpoint;
  private final int errno;

  public MiTransportException(Reason reason, String endpoint, int errno, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.endpoint = endpoint;
    this.errno = errno;
  }

  public MiTransportException(Reason reason, String endpoint, String message) {
    this(reason, endpoint, 0, message, null);
  }

  public Reason reason() {
    return reason;
  }

  /** The endpoint description, e.g. {@code "mctp: net 1 eid 9"}; may be null when unknown. */
  public String endpoint() {
    return endpoint;
  }

  /** The errno of the failed system call, or 0. */
  public int errno() {
    return errno;
  }

  @Override
  public String errorType() {
    return reason.errorType();
  }
}
