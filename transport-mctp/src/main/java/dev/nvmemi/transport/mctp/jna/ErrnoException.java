package dev.nvmemi.transport.mctp.jna;

/**
 * A system call failed with {@code errno}. Checked, so that every caller of {@link SocketOps}
 * decides what each failure means (retry on EINTR, wait on EBUSY, a specific message otherwise).
 * Immutable; thread-safe.
 */
public final class ErrnoException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String call;
  private final int errno;

  public ErrnoException(String call, int errno) {
    super(call + " failed: " + Errno.describe(errno));
    this.call = call;
    this.errno = errno;
  }

  /** The failed call, e.g. {@code "sendto"}. */
  public String call() {
    return call;
  }

  /** The error number. */
  public int errno() {
    return errno;
  }
}
