package dev.nvmemi.plugins.alertmanager;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivery state of one Alertmanager: resolutions not yet delivered (a bounded queue; the oldest
 * is dropped and counted when full), whether the firing set changed since the last delivery, and
 * the retry schedule (exponential backoff between the configured bounds).
 *
 * <p>Confined to the exporter's sender thread (not thread-safe).
 */
final class AlertmanagerTarget {
  final URI uri;
  private final int capacity;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final ArrayDeque<AlertBook.Resolved> pending = new ArrayDeque<>();
  private boolean dirty;
  private Instant lastDelivered;
  private Instant nextAttempt = Instant.EPOCH;
  private Duration backoff;
  private long droppedResolutions;

  AlertmanagerTarget(URI uri, int capacity, Duration initialBackoff, Duration maxBackoff) {
    this.uri = uri;
    this.capacity = capacity;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.backoff = initialBackoff;
  }

  /** The firing set changed: post at the next opportunity. */
  void markDirty() {
    dirty = true;
  }

  /** Queues a resolution; when the queue is full the oldest is dropped (and counted). */
  void enqueue(AlertBook.Resolved resolved) {
    if (pending.size() >= capacity) {
      pending.removeFirst();
      droppedResolutions++;
    }
    pending.addLast(resolved);
  }

  /** Resolutions to post now (a snapshot, oldest first). */
  List<AlertBook.Resolved> pendingSnapshot() {
    return new ArrayList<>(pending);
  }

  /** Whether there is something to post at {@code now}, backoff permitting. */
  boolean due(Instant now, boolean anyFiring, Duration resendInterval) {
    return !now.isBefore(nextAttempt) && hasWork(now, anyFiring, resendInterval);
  }

  /** Whether there is something to post at {@code now}, ignoring backoff (flush). */
  boolean hasWork(Instant now, boolean anyFiring, Duration resendInterval) {
    return dirty || !pending.isEmpty()
        || (anyFiring && (lastDelivered == null || !now.isBefore(lastDelivered.plus(resendInterval))));
  }

  /** Whether everything known has been delivered (nothing pending, firing set unchanged since). */
  boolean upToDate() {
    return !dirty && pending.isEmpty();
  }

  /**
   * When this target next needs the sender's attention, or null if only a new change would give
   * it work.
   */
  Instant nextWake(Instant now, boolean anyFiring, Duration resendInterval) {
    if (dirty || !pending.isEmpty()) {
      return nextAttempt.isAfter(now) ? nextAttempt : now;
    }
    if (anyFiring) {
      Instant resend = lastDelivered == null ? now : lastDelivered.plus(resendInterval);
      return resend.isBefore(nextAttempt) ? nextAttempt : resend;
    }
    return null;
  }

  /**
   * A post with the first {@code resolvedCount} queued resolutions succeeded (or was rejected for
   * good, which must not be retried either).
   */
  void delivered(Instant now, int resolvedCount) {
    for (int i = 0; i < resolvedCount && !pending.isEmpty(); i++) {
      pending.removeFirst();
    }
    dirty = false;
    lastDelivered = now;
    nextAttempt = Instant.EPOCH;
    backoff = initialBackoff;
  }

  /** A post failed in a way worth retrying: wait, then double the wait up to the maximum. */
  void failed(Instant now) {
    nextAttempt = now.plus(backoff);
    Duration doubled = backoff.multipliedBy(2);
    backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
  }

  Instant nextAttempt() {
    return nextAttempt;
  }

  long droppedResolutions() {
    return droppedResolutions;
  }

  int pendingCount() {
    return pending.size();
  }
}
