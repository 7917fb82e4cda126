package dev.nvmemi.transport.mctp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One lane per physical bus (MCTP interface): at most {@code bus.concurrency} exchanges in flight on
 * a bus across every endpoint on it, because SMBus/I2C carries one transaction at a time. Lanes are
 * created on first use with the concurrency of the first transport that asks; later transports for
 * the same bus share that lane. Thread-safe.
 */
public final class MctpBusLanes {
  private static final MctpBusLanes SHARED = new MctpBusLanes();

  private final ConcurrentMap<String, AsyncPermits> lanes = new ConcurrentHashMap<>();

  /** A registry of its own (tests, or a second agent instance in one JVM). */
  public MctpBusLanes() {}

  /** The process-wide registry that {@link MctpTransport#open} uses by default. */
  public static MctpBusLanes shared() {
    return SHARED;
  }

  AsyncPermits lane(String bus, int concurrency) {
    return lanes.computeIfAbsent(bus, b -> new AsyncPermits(concurrency));
  }

  /** The concurrency of {@code bus}'s lane, or 0 when no transport has used it yet. */
  public int concurrency(String bus) {
    AsyncPermits p = lanes.get(bus);
    return p == null ? 0 : p.capacity();
  }
}
