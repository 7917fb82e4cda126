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

/**
 * The poll plan of an active endpoint (design §4): items that run at their own interval, each
 * re-armed (with jitter) when its previous run has ended. Adding an item (a new log page, say) is
 * one {@link #add(Item)}. An item that is not {@code wanted} (its command unsupported) is not armed.
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
  private final Map<Command, Timers.Cancellable> armed = new EnumMap<>(Command.class);
  private int epoch;

  PollPlan(Timers timers, SplittableRandom random, double jitter) {
    this.timers = Objects.requireNonNull(timers, "timers");
    this.random = Objects.requireNonNull(random, "random");
    this.jitter = jitter;
  }

  void add(Item item) {
    items.add(item);
  }

  /**
   * Arms every item. {@code fresh}: the endpoint has no current values (new, or back from a loss),
   * so the early items run within a tenth of their interval; otherwise at a random phase.
   */
  void arm(boolean fresh) {
    cancel();
    for (Item item : items) {
      long delay = item.phaseFirst()
          ? random.nextLong(Math.max(1, fresh ? item.intervalNanos() / 10 : item.intervalNanos()))
          : jittered(item.intervalNanos());
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
    int armEpoch = epoch;
    armed.put(item.command(), timers.schedule(delay, () -> {
      if (armEpoch != epoch) {
        return;
      }
      armed.remove(item.command());
      item.run().get().whenComplete((v, e) -> {
        if (armEpoch == epoch && !armed.containsKey(item.command())) {
          schedule(item, jittered(item.intervalNanos()));
        }
      });
    }));
  }
}
