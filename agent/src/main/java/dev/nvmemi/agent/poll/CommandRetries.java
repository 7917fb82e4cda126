package dev.nvmemi.agent.poll;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The commands of an active endpoint that failed alone (the drive still answers its health polls):
 * how many times in a row each failed, the delay before each is retried (the endpoint's backoff,
 * per command: {@link PollPlan} retries sooner than the interval at first, at most once per
 * interval when it keeps failing), and whether an exchange went unanswered since the drive last
 * answered (it may have reset meanwhile).
 *
 * <p>Runs on the agent context.
 */
final class CommandRetries {
  private final Map<Command, Integer> failures = new EnumMap<>(Command.class);
  private final long initialNanos;
  private final long maxNanos;
  private final SplittableRandom random;
  private boolean unanswered;

  CommandRetries(long initialNanos, long maxNanos, SplittableRandom random) {
    this.initialNanos = initialNanos;
    this.maxNanos = maxNanos;
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * {@code command} failed alone ({@code unanswered}: no answer at all, a transport failure).
   *
   * @return its failures in a row
   */
  int failed(Command command, boolean unanswered) {
    this.unanswered |= unanswered;
    return failures.merge(command, 1, Integer::sum);
  }

  /** {@code command} was answered; true (once) when an exchange had gone unanswered before. */
  boolean answered(Command command) {
    failures.remove(command);
    boolean was = unanswered;
    unanswered = false;
    return was;
  }

  /** The retry delay of {@code command}'s plan item, 0 when it did not fail (its interval applies). */
  long retryDelay(Command command) {
    Integer n = failures.get(command);
    return n == null ? 0 : Backoff.delayNanos(n, initialNanos, maxNanos, random);
  }
}
