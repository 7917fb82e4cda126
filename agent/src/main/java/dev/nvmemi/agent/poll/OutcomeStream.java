package dev.nvmemi.agent.poll;

import io.reactivex.rxjava3.core.BackpressureOverflowStrategy;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.processors.PublishProcessor;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One endpoint's outcome stream ({@link EndpointSession#outcomes()}): publishes each recorded
 * {@link PollOutcome} never re-entrantly (a trampoline: an outcome recorded while one is being
 * delivered waits for it), and offers it bounded (oldest dropped and counted) to the fold.
 *
 * <p>Runs on the agent context ({@link #record}, {@link #completeAfterThis}); {@link #dropped()}
 * may be read from any thread.
 */
final class OutcomeStream {
  private final PublishProcessor<PollOutcome> outcomes = PublishProcessor.create();
  private final ArrayDeque<PollOutcome> backlog = new ArrayDeque<>();
  private final AtomicLong dropped = new AtomicLong();
  private boolean emitting;
  private boolean complete;

  /** The raw stream (hot). */
  Flowable<PollOutcome> raw() {
    return outcomes.hide();
  }

  /** The stream buffered for the fold: at most {@code capacity} outcomes, the oldest dropped, counted and reported. */
  Flowable<PollOutcome> buffered(int capacity, Runnable onDrop) {
    return outcomes.onBackpressureBuffer(capacity, () -> {
      dropped.incrementAndGet();
      onDrop.run();
    }, BackpressureOverflowStrategy.DROP_OLDEST);
  }

  /** Outcomes dropped because the buffer was full. */
  long dropped() {
    return dropped.get();
  }

  /** The stream completes once the outcome being delivered (and those recorded meanwhile) are out. */
  void completeAfterThis() {
    complete = true;
  }

  /** Publishes {@code o}; never re-entrant. */
  void record(PollOutcome o) {
    backlog.add(o);
    if (emitting) {
      return;
    }
    emitting = true;
    try {
      PollOutcome next;
      while ((next = backlog.poll()) != null) {
        outcomes.onNext(next);
      }
      if (complete) {
        complete = false;
        outcomes.onComplete();
      }
    } finally {
      emitting = false;
    }
  }
}
