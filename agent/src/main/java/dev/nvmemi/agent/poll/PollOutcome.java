package dev.nvmemi.agent.poll;

import dev.nvmemi.agent.drive.DriveIdentity;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One observation of an endpoint, as its session publishes it on its outcome stream
 * ({@link EndpointSession#outcomes()}): the typed result of one exchange ({@link Exchange}:
 * answer, error status, unsupported, transport failure), the result of the identify procedure, or
 * a discovery signal. The drive model ({@link DriveModel}), metrics, events, {@code /status} and
 * {@code once} all derive from this one stream.
 *
 * <p>{@code observedNanos} is the agent timer clock ({@code Timers.nanoTime()}) when the outcome
 * was observed. Adding a kind: a record here, its rule in {@link DriveModel#apply}; consumers that
 * do not know it ignore it.
 *
 * <p>Immutable records; thread-safe.
 */
public sealed interface PollOutcome {

  /** When the outcome was observed (timer clock). */
  long observedNanos();

  /** The outcome of one exchange of {@link #command()} that took {@link #durationNanos()}. */
  sealed interface Exchange extends PollOutcome {
    Command command();

    long durationNanos();

    /** {@code error.type} of the exchange: "" for an answer or an unsupported status. */
    String errorType();
  }

  /**
   * The drive answered successfully; {@code value} is the decoded answer (a codec record, or the
   * agent's {@code drive} record for Identify, SMART and error-log chunks).
   */
  record Answer(Command command, Object value, long observedNanos, long durationNanos) implements Exchange {
    public Answer {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String errorType() {
      return "";
    }
  }

  /**
   * The drive answered with an error status that does not mean "unsupported": a failure of the
   * command, counted toward backoff and {@code lost}.
   *
   * @param errorType {@code mi_status} or {@code nvme_status}
   * @param status the status, readable ("Internal Error (0x02)")
   */
  record ErrorStatus(Command command, String errorType, String status, long observedNanos, long durationNanos)
      implements Exchange {
    public ErrorStatus {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(errorType, "errorType");
      Objects.requireNonNull(status, "status");
    }
  }

  /**
   * The drive rejected the command as unsupported (MI Invalid Command Opcode / Invalid Parameter,
   * NVMe Invalid Opcode / Invalid Field): the command is cached and never re-issued; the endpoint
   * answered, so this is no failure.
   */
  record Unsupported(Command command, String status, long observedNanos, long durationNanos) implements Exchange {
    public Unsupported {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(status, "status");
    }

    @Override
    public String errorType() {
      return "";
    }
  }

  /** No valid answer: timeout, transport error, protocol violation ({@code errorType} from the exception). */
  record TransportFailure(Command command, String errorType, String message, long observedNanos, long durationNanos)
      implements Exchange {
    public TransportFailure {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(errorType, "errorType");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The identify procedure finished with {@code identity}; {@code previous} is the drive known at
   * this (network, eid) before (also across a removal), null the first time.
   */
  record Identified(DriveIdentity identity, DriveIdentity previous, long observedNanos) implements PollOutcome {
    public Identified {
      Objects.requireNonNull(identity, "identity");
    }
  }

  /**
   * Asynchronous event occurrences arrived (an AEM, or the answer to its acknowledgement), already
   * checked against the enabled events and the generation number: {@code aeIds} are the events
   * that occurred ({@code duplicate}: a re-sent AEM, no new occurrence). The session refreshes
   * the health values they concern at once; events derive from those answers.
   */
  record AsyncEvent(List<Integer> aeIds, boolean duplicate, long observedNanos) implements PollOutcome {
    public AsyncEvent {
      aeIds = List.copyOf(aeIds);
    }
  }

  /** The endpoint's AEM mode changed (enabled, unsupported, fallback, off), with the reason. */
  record AemChanged(AemStatus.Mode mode, Set<Integer> enabled, String reason, long observedNanos) implements PollOutcome {
    public AemChanged {
      Objects.requireNonNull(mode, "mode");
      enabled = Set.copyOf(enabled);
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A lifecycle signal from the session or discovery. */
  record Lifecycle(Signal signal, long observedNanos) implements PollOutcome {
    public Lifecycle {
      Objects.requireNonNull(signal, "signal");
    }
  }

  /** Lifecycle signals. */
  enum Signal {
    /** The session was created (the seed of the fold; changes nothing). */
    DISCOVERED,
    /** The session starts identifying. */
    IDENTIFY,
    /** Discovery reports the endpoint's connectivity {@code Degraded} (mctpd is recovering it). */
    CONNECTIVITY_DEGRADED,
    /** Discovery reports the endpoint's connectivity {@code Available} again. */
    CONNECTIVITY_AVAILABLE,
    /** Discovery removed the endpoint. */
    REMOVED
  }
}
