package dev.nvmemi.simulator.timing;

import java.util.Objects;

/**
 * One simulated physical bus: exchanges on it never overlap (SMBus has no concurrency). Each
 * reservation starts when the bus is free and the previous holder is done.
 *
 * <p>Thread-safe (a small lock around the reservation).
 */
public final class Bus {
  private final String name;
  private final BusTiming timing;
  private long busyUntil;
  private long busyNanos;

  public Bus(String name, BusTiming timing) {
    this.name = Objects.requireNonNull(name, "name");
    this.timing = Objects.requireNonNull(timing, "timing");
  }

  public String name() {
    return name;
  }

  public BusTiming timing() {
    return timing;
  }

  /**
   * Reserves the bus for {@code durationNanos} from {@code now} or from when it becomes free,
   * whichever is later.
   *
   * @return the start time of the reservation
   */
  public synchronized long reserve(long now, long durationNanos) {
    long start = Math.max(now, busyUntil);
    busyUntil = start + durationNanos;
    busyNanos += durationNanos;
    return start;
  }

  /** Total bus time reserved so far (for utilisation figures). */
  public synchronized long busyNanos() {
    return busyNanos;
  }

  @Override
  public String toString() {
    return "Bus[" + name + "]";
  }
}
