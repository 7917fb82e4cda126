package dev.nvmemi.transport.mctp;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of {@link MctpTransport}. Immutable; thread-safe.
 *
 * @param busConcurrency exchanges in flight at once on one physical bus, across all its endpoints
 *     (config key {@code bus.concurrency}, default {@value #DEFAULT_BUS_CONCURRENCY})
 * @param busOverrides bus names by {@code "<network>:<eid>"}, taking precedence over the kernel's
 *     routes (config key {@code bus.overrides}, default empty)
 * @param mprWaitCap cap on one More Processing Required wait when the exchange does not set one
 *     (config key {@code poll.mpr_wait_cap}, default 30 s)
 * @param workerPoolSize threads of the shared {@code mctp-io} worker pool (default
 *     {@value #DEFAULT_WORKER_POOL_SIZE}); Vert.x keeps the size of the first creator
 * @param lanes the registry of bus lanes; endpoints share a lane only through one registry
 */
public record MctpTransportOptions(int busConcurrency, Map<String, String> busOverrides, Duration mprWaitCap,
    int workerPoolSize, MctpBusLanes lanes) {
  /** Config key of {@link #busConcurrency()}. */
  public static final String KEY_BUS_CONCURRENCY = "bus.concurrency";
  /** Config key of {@link #busOverrides()}. */
  public static final String KEY_BUS_OVERRIDES = "bus.overrides";
  /** Config key of {@link #mprWaitCap()}. */
  public static final String KEY_MPR_WAIT_CAP = "poll.mpr_wait_cap";
  public static final int DEFAULT_BUS_CONCURRENCY = 1;
  public static final int DEFAULT_WORKER_POOL_SIZE = 4;
  public static final Duration DEFAULT_MPR_WAIT_CAP = Duration.ofSeconds(30);
  /** Name of the shared Vert.x worker pool. */
  public static final String WORKER_POOL_NAME = "mctp-io";

  public MctpTransportOptions {
    Objects.requireNonNull(busOverrides, "busOverrides");
    Objects.requireNonNull(mprWaitCap, "mprWaitCap");
    Objects.requireNonNull(lanes, "lanes");
    if (busConcurrency < 1) {
      throw new IllegalArgumentException(KEY_BUS_CONCURRENCY + ": " + busConcurrency + " (expected: >= 1)");
    }
    if (workerPoolSize < 1) {
      throw new IllegalArgumentException("workerPoolSize: " + workerPoolSize + " (expected: >= 1)");
    }
    if (mprWaitCap.isNegative() || mprWaitCap.isZero()) {
      throw new IllegalArgumentException(KEY_MPR_WAIT_CAP + ": " + mprWaitCap + " (expected: > 0)");
    }
    for (String key : busOverrides.keySet()) {
      if (!key.matches("\\d{1,10}:\\d{1,3}")) {
        throw new IllegalArgumentException(KEY_BUS_OVERRIDES + " key: \"" + key
            + "\" (expected: <network>:<eid>, e.g. 1:9)");
      }
    }
    busOverrides = Map.copyOf(busOverrides);
  }

  /** The defaults listed above, with the process-wide lanes. */
  public static MctpTransportOptions defaults() {
    return new MctpTransportOptions(DEFAULT_BUS_CONCURRENCY, Map.of(), DEFAULT_MPR_WAIT_CAP,
        DEFAULT_WORKER_POOL_SIZE, MctpBusLanes.shared());
  }

  public MctpTransportOptions withBusConcurrency(int n) {
    return new MctpTransportOptions(n, busOverrides, mprWaitCap, workerPoolSize, lanes);
  }

  public MctpTransportOptions withBusOverrides(Map<String, String> overrides) {
    return new MctpTransportOptions(busConcurrency, overrides, mprWaitCap, workerPoolSize, lanes);
  }

  public MctpTransportOptions withMprWaitCap(Duration cap) {
    return new MctpTransportOptions(busConcurrency, busOverrides, cap, workerPoolSize, lanes);
  }

  public MctpTransportOptions withLanes(MctpBusLanes l) {
    return new MctpTransportOptions(busConcurrency, busOverrides, mprWaitCap, workerPoolSize, l);
  }
}
