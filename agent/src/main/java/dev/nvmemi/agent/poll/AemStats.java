package dev.nvmemi.agent.poll;

import dev.nvmemi.agent.discovery.UnsolicitedDrops;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Fleet-wide AEM counters (issue #15): AEMs received (new and duplicate), dropped by reason
 * (malformed, unexpected, unknown source, and the transport's own reasons), acknowledgements that got
 * no answer, fallbacks to polling. Written on the agent context and the AEM reader threads, read by
 * the metric reader: thread-safe.
 */
public final class AemStats implements UnsolicitedDrops {
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong ackFailures = new AtomicLong();
  private final AtomicLong fallbacks = new AtomicLong();
  private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();
  private final Map<String, LongSupplier> external = new ConcurrentHashMap<>();

  void received(boolean duplicate) {
    (duplicate ? duplicates : received).incrementAndGet();
  }

  @Override
  public void dropped(String reason) {
    dropped.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
  }

  @Override
  public void external(String reason, LongSupplier count) {
    external.merge(reason, count, (a, b) -> () -> a.getAsLong() + b.getAsLong());
  }

  void ackFailed() {
    ackFailures.incrementAndGet();
  }

  void fallback() {
    fallbacks.incrementAndGet();
  }

  public long received() {
    return received.get();
  }

  public long duplicates() {
    return duplicates.get();
  }

  public long ackFailures() {
    return ackFailures.get();
  }

  public long fallbacks() {
    return fallbacks.get();
  }

  /** Drops by reason, the transport's included. */
  public Map<String, Long> dropped() {
    Map<String, Long> m = new TreeMap<>();
    dropped.forEach((k, v) -> m.put(k, v.get()));
    external.forEach((k, v) -> m.merge(k, v.getAsLong(), Long::sum));
    return m;
  }
}
