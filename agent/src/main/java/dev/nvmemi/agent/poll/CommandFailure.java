package dev.nvmemi.agent.poll;

import java.util.Objects;

/**
 * The last failure of one command of one endpoint, as {@code /status} and {@code once} report it.
 * Immutable; created on the event loop, read from any thread.
 *
 * @param command the {@code nvme.mi.command} value
 * @param errorType the {@code error.type} ({@code timeout}, {@code mi_status}, …)
 * @param detail the status or the error message
 * @param observedNanos when it happened (timer clock)
 */
public record CommandFailure(String command, String errorType, String detail, long observedNanos) {
  public CommandFailure {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(errorType, "errorType");
    Objects.requireNonNull(detail, "detail");
  }
}
