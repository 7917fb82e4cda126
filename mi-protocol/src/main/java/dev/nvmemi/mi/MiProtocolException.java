package dev.nvmemi.mi;

import java.util.Objects;

/**
 * The bytes violate the NVMe-MI specification: wrong length, bad MIC, unexpected header, a field
 * out of range. Messages follow the Netty form: what was found, then "(expected: …)".
 *
 * <p>Sealed: the one subtype, {@link LogPageGuidMismatchException}, adds the two GUIDs to a
 * {@link MiErrorKind#GUID_MISMATCH}.
 *
 * <p>Thread-safe (immutable).
 */
public sealed class MiProtocolException extends MiException permits LogPageGuidMismatchException {
  private static final long serialVersionUID = 1L;

  private final MiErrorKind kind;

  public MiProtocolException(MiErrorKind kind, String message) {
    this(kind, message, null);
  }

  public MiProtocolException(MiErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** Which validation rule failed. */
  public MiErrorKind kind() {
    return kind;
  }

  @Override
  public String errorType() {
    return kind == MiErrorKind.MIC_MISMATCH ? "mic_mismatch" : "protocol";
  }
}
