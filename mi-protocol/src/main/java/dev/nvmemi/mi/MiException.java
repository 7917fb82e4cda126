package dev.nvmemi.mi;

/**
 * Root of the unchecked exceptions of the NVMe-MI library.
 *
 * <p>Two families, as in libnvme's error taxonomy: {@link MiProtocolException} when bytes violate
 * the specification (libnvme's {@code EPROTO}, {@code EBADMSG}, {@code EIO}) and
 * {@link MiTransportException} when the bytes could not be moved (sockets, timeouts). A non-success
 * MI or NVMe status is <em>not</em> an exception: it is a value of {@link dev.nvmemi.mi.client.MiResult}.
 *
 * <p>Thread-safe (immutable).
 */
public abstract sealed class MiException extends RuntimeException
    permits MiProtocolException, MiTransportException {
  private static final long serialVersionUID = 1L;

  protected MiException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The value of the {@code error.type} attribute under which this failure is counted in the
   * agent's self-metrics ({@code timeout}, {@code mic_mismatch}, {@code mpr_limit}, {@code transport},
   * {@code protocol}).
   */
  public abstract String errorType();
}
