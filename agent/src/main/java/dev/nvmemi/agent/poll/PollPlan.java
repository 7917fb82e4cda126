package dev.nvmemi.agent.poll;

import dev.nvmemi.agent.time.Timers;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The poll plan of an active endpoint (design §4): items that run at their own interval, each
 * re-armed (with jitter) when its previous run has ended. Adding an item (a new log page, say) is
 * one {@link #add(Item)}. An item that is not {@code wanted} (its command unsupported) is not armed.
 * An item whose command failed alone runs again after its retry delay (the command's own backoff)
 * when that comes before its interval. Re-arming after a backoff keeps the schedule of the items
 * that do not run early ({@code phaseFirst} false: identify), so a recovery never postpones them.
 *
 * <p>Runs on the agent context.
 */
final class PollPlan {
  /**
   * One periodic piece of work.
   *
   * @param command the command it issues (its unsupported-cache key)
   * @param intervalNanos its period
   * @param phaseFirst whether the first run comes early (within a tenth of the interval) so a new
   *     endpoint reports soon; otherwise the first run comes after a jittered full interval
   * @param wanted whether the item still has something to do (false once the drive rejected its
   *     command as unsupported)
   * @param run starts one run; the stage completes when it has ended (never, if its work was dropped)
   */
  record Item(Command command, long intervalNanos, boolean phaseFirst, BooleanSupplier wanted,
      Supplier<CompletionStage<?>> run) {
    Item {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(wanted, "wanted");
      Objects.requireNonNull(run, "run");
      if (intervalNanos <= 0) {
        throw new IllegalArgumentException("intervalNanos: " + intervalNanos + " (expected: > 0)");
      }
    }
  }

  private final Timers timers;
  private final SplittableRandom random;
  private final double jitter;
  private final List<Item> items = new ArrayList<>();
  private final ToLongFunction<Command> retryDelay;
  private final Map<Command, Timers.Cancellable> armed = new EnumMap<>(Command.class);
  /** When each item is (or was last) due to run, timer clock. */
  private final Map<Command, Long> due = new EnumMap<>(Command.class);
  private int epoch;

  /**
   * @param retryDelay the delay before an item's command is retried after it failed alone (its own
   *     backoff), 0 when it did not fail
   */
  PollPlan(Timers timers, SplittableRandom random, double jitter, ToLongFunction<Command> retryDelay) {
    this.timers = Objects.requireNonNull(timers, "timers");
    this.random = Objects.requireNonNull(random, "random");
    this.jitter = jitter;
    this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
  }

  void add(Item item) {
    items.add(item);
  }

  /**
   * Arms every item. {@code fresh}: the endpoint has no current values (new, or back from a loss),
   * so the early items run within a tenth of their interval; otherwise at a random phase. An item
   * that is not early and was armed before keeps its due time (at once if that has passed).
   */
  void arm(boolean fresh) {
    cancel();
    long now = timers.nanoTime();
    for (Item item : items) {
      Long wasDue = due.get(item.command());
      long delay = item.phaseFirst()
          ? random.nextLong(Math.max(1, fresh ? item.intervalNanos() / 10 : item.intervalNanos()))
          : wasDue != null ? Math.max(0, wasDue - now) : jittered(item.intervalNanos());
      schedule(item, delay);
    }
  }

  /** Cancels every armed item; runs in progress are not re-armed. */
  void cancel() {
    epoch++;
    armed.values().forEach(Timers.Cancellable::cancel);
    armed.clear();
  }

  /** Whether {@code command}'s item is armed (waiting for its next run). */
  boolean isArmed(Command command) {
    return armed.containsKey(command);
  }

  private long jittered(long interval) {
    return (long) (interval * (1.0 + jitter * (2 * random.nextDouble() - 1)));
  }

  private void schedule(Item item, long delay) {
    if (!item.wanted().getAsBoolean()) {
      return;
    }
    due.put(item.command(), timers.nanoTime() + delay);
    int armEpoch = epoch;
    armed.put(item.command(), timers.schedule(delay, () -> {
      if (armEpoch != epoch) {
        return;
      }
      armed.remove(item.command());
      item.run().get().whenComplete((v, e) -> {
        if (armEpoch == epoch && !armed.containsKey(item.command())) {
          long next = jittered(item.intervalNanos());
          long retry = retryDelay.applyAsLong(item.command());
          schedule(item, retry > 0 ? Math.min(retry, next) : next);
        }
      });
    }));
  }
}
