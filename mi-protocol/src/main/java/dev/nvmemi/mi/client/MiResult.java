package dev.nvmemi.mi.client;

import dev.nvmemi.mi.MiException;
import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.NvmeStatus;
import java.util.Objects;
import java.util.function.Function;

/**
 * The typed outcome of one command: a success value, an MI error status, an NVMe error status, or
 * a protocol/transport failure. Never a bare int (libnvme's overloaded return value).
 *
 * @param <T> the decoded success value
 */
public sealed interface MiResult<T> {

  /** The command succeeded. */
  record Success<T>(T value) implements MiResult<T> {
    public Success {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * The endpoint answered with a non-success Response Message Status.
   *
   * @param status the status byte (open value; vendor codes survive)
   * @param errorLocation for Invalid Parameter (04h): the Parameter Error Location, else null
   */
  record MiError<T>(MiStatus status, ParameterErrorLocation errorLocation) implements MiResult<T> {
    public MiError {
      Objects.requireNonNull(status, "status");
    }
  }

  /** The admin command completed with a non-zero NVMe status (SC/SCT/CRD/M/DNR). */
  record NvmeError<T>(NvmeStatus status) implements MiResult<T> {
    public NvmeError {
      Objects.requireNonNull(status, "status");
    }
  }

  /** The exchange failed: protocol violation, timeout or transport error. */
  record Failure<T>(MiException cause) implements MiResult<T> {
    public Failure {
      Objects.requireNonNull(cause, "cause");
    }
  }

  default boolean isSuccess() {
    return this instanceof Success;
  }

  /** The success value. @throws IllegalStateException if this is not a success */
  default T orElseThrow() {
    if (this instanceof Success<T> s) {
      return s.value();
    }
    if (this instanceof Failure<T> f) {
      throw f.cause();
    }
    throw new IllegalStateException("command did not succeed: " + this);
  }

  /** Maps a success value, keeping any other outcome. */
  @SuppressWarnings("unchecked")
  default <U> MiResult<U> map(Function<? super T, ? extends U> f) {
    if (this instanceof Success<T> s) {
      return new Success<>(f.apply(s.value()));
    }
    return (MiResult<U>) this;
  }

  /**
   * The {@code error.type} self-metric value: empty string for success, {@code mi_status},
   * {@code nvme_status}, or the failure's own type.
   */
  default String errorType() {
    if (this instanceof Success) {
      return "";
    }
    if (this instanceof MiError) {
      return "mi_status";
    }
    if (this instanceof NvmeError) {
      return "nvme_status";
    }
    return ((Failure<T>) this).cause().errorType();
  }
}
