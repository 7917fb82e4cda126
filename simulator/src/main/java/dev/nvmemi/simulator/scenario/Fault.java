package dev.nvmemi.simulator.scenario;

import java.time.Duration;

/**
 * A misbehaviour of a drive's management endpoint or of its link, as real drives show them.
 * Time-windowed faults start at the event time and last {@code duration}; counted faults apply to
 * the next {@code exchanges} NVMe-MI exchanges after the event time. Immutable records.
 */
public sealed interface Fault extends Action {

  /** No answer at all (the request is silently dropped) for {@code duration}. */
  record Unresponsive(Duration duration) implements Fault {
    public Unresponsive {
      Action.nonNegative("duration", duration);
    }

    @Override
    public String kind() {
      return "unresponsive";
    }
  }

  /** Every answer takes {@code delay} longer for {@code duration}. */
  record Slow(Duration duration, Duration delay) implements Fault {
    public Slow {
      Action.nonNegative("duration", duration);
      Action.nonNegative("delay", delay);
    }

    @Override
    public String kind() {
      return "slow";
    }
  }

  /**
   * The next {@code exchanges} NVMe-MI commands (not control primitives) are first answered with
   * More Processing Required (MPRT = {@code mprt} × 100 ms), then, {@code mprt} × 100 ms later, with
   * the real response.
   */
  record MoreProcessingRequired(int exchanges, int mprt) implements Fault {
    public MoreProcessingRequired {
      Action.range("mpr exchanges", exchanges, 1, 1_000_000);
      Action.range("mprt", mprt, 0, 0xFFFF);
    }

    @Override
    public String kind() {
      return "mpr";
    }
  }

  /** A fraction {@code rate} of the responses carry a wrong MIC, for {@code duration}. */
  record CorruptMic(double rate, Duration duration) implements Fault {
    public CorruptMic {
      if (!(rate > 0 && rate <= 1)) {
        throw new ScenarioException("corrupt_mic rate: " + rate + " (expected: 0 < rate <= 1)");
      }
      Action.nonNegative("duration", duration);
    }

    @Override
    public String kind() {
      return "corrupt_mic";
    }
  }

  /**
   * A fraction {@code rate} of the responses are cut after {@code keepBytes} bytes (0: after half
   * their length), for {@code duration}.
   */
  record Truncate(double rate, Duration duration, int keepBytes) implements Fault {
    public Truncate {
      if (!(rate > 0 && rate <= 1)) {
        throw new ScenarioException("truncate rate: " + rate + " (expected: 0 < rate <= 1)");
      }
      Action.nonNegative("duration", duration);
      Action.range("keep_bytes", keepBytes, 0, 4223);
    }

    @Override
    public String kind() {
      return "truncate";
    }
  }

  /** The next {@code exchanges} responses carry the other command slot's CSI. */
  record WrongCsi(int exchanges) implements Fault {
    public WrongCsi {
      Action.range("wrong_csi exchanges", exchanges, 1, 1_000_000);
    }

    @Override
    public String kind() {
      return "wrong_csi";
    }
  }

  /**
   * The endpoint disappears from the fleet (mctpd would drop it): it is no longer listed and
   * exchanges fail as unreachable. {@link Duration#ZERO} means for good; otherwise it comes back
   * after {@code duration}.
   */
  record Removed(Duration duration) implements Fault {
    public Removed {
      Action.nonNegative("duration", duration);
    }

    @Override
    public String kind() {
      return "removed";
    }
  }

  /**
   * The AEM acknowledgements (Configuration Set CID 04h with an empty AE Enable List) never reach
   * the endpoint for {@code duration} ({@link Duration#ZERO}: for good): they go unanswered and
   * unprocessed, as when the destination's acks are lost on the link. The endpoint keeps re-sending
   * its AEM every AERD × 100 ms, up to the retry limit, then reports NSS ATF (spec sheet §8.1).
   */
  record AemAckLost(Duration duration) implements Fault {
    public AemAckLost {
      Action.nonNegative("duration", duration);
    }

    @Override
    public String kind() {
      return "aem_ack_lost";
    }
  }

  /**
   * Every request that {@code command} selects is answered with NVMe-MI status {@code status} (and
   * nothing else: the command has no effect) for {@code duration} ({@link Duration#ZERO}: for
   * good), as some real endpoints answer commands they do not like (one answers a Controller
   * Health Status Poll that sets ALL with the include bits with Internal Error). Control primitives
   * are never selected. Several such faults may be active at once; the latest one that selects a
   * request answers it.
   *
   * @param status 02h–FFh (not Success, not More Processing Required: see {@link MoreProcessingRequired})
   */
  record ErrorStatus(CommandSelector command, int status, Duration duration) implements Fault {
    public ErrorStatus {
      java.util.Objects.requireNonNull(command, "command");
      Action.range("error_status status", status, 0x02, 0xFF);
      Action.nonNegative("duration", duration);
    }

    @Override
    public String kind() {
      return "error_status";
    }
  }
}
