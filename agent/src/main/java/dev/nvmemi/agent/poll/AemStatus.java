package dev.nvmemi.agent.poll;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the agent knows about one endpoint's Asynchronous Event Messages (spec sheet nvme-mi.md §8),
 * part of its {@link DriveSnapshot}: whether AEMs are in use, which events are enabled, how many
 * arrived, and why the drive fell back to polling alone. Immutable.
 *
 * @param mode see {@link Mode}
 * @param enabled the AE IDs enabled on the drive
 * @param received AEMs (and acknowledgement answers) that reported new occurrences
 * @param lastNanos when the last occurrence arrived (timer clock), 0 = never
 * @param reason why the mode is what it is ("" when enabled or off by configuration)
 */
public record AemStatus(Mode mode, Set<Integer> enabled, long received, long lastNanos, String reason) {
  /** Where an endpoint stands with AEMs. */
  public enum Mode {
    /** {@code events.aem} is off: polling only. */
    OFF("off"),
    /** No port reports AEM support, or none of the events the agent wants is supported. */
    UNSUPPORTED("unsupported"),
    /** The enable sequence runs (or waits for the AEM receiver's bind). */
    ENABLING("enabling"),
    /** AEMs are enabled; occurrences become outcomes at once, polls are the safety net. */
    ENABLED("enabled"),
    /**
     * Acknowledgements went unanswered, the drive reported AEM transmission failure, or AEMs cannot
     * reach the agent (nothing enabled on the drive): polling alone.
     */
    FALLBACK("fallback");

    private final String attribute;

    Mode(String attribute) {
      this.attribute = attribute;
    }

    /** The value in {@code /status}. */
    public String attribute() {
      return attribute;
    }
  }

  /** Nothing enabled, nothing received. */
  public static final AemStatus OFF = new AemStatus(Mode.OFF, Set.of(), 0, 0, "");

  public AemStatus {
    Objects.requireNonNull(mode, "mode");
    enabled = Set.copyOf(new TreeSet<>(enabled));
    Objects.requireNonNull(reason, "reason");
  }

  AemStatus withMode(Mode m, Set<Integer> ids, String why) {
    return new AemStatus(m, ids, received, lastNanos, why);
  }

  AemStatus withOccurrence(long at) {
    return new AemStatus(mode, enabled, received + 1, at, reason);
  }
}
