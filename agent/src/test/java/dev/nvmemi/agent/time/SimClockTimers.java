package dev.nvmemi.agent.time;

import dev.nvmemi.simulator.SimClock;
import java.util.Objects;

/**
 * {@link Timers} over the simulator's {@link SimClock}, so that the agent and a simulated fleet
 * share one notion of time: with a {@code VirtualClock} a test drives both by advancing it, and
 * every agent task runs on the advancing thread. {@link #execute} schedules at the current time
 * (never runs on the calling thread).
 */
public final class SimClockTimers implements Timers {
  private final SimClock clock;
  private final long epochBaseNanos;

  public SimClockTimers(SimClock clock, long epochBaseNanos) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.epochBaseNanos = epochBaseNanos;
  }

  @Override
  public long nanoTime() {
    return clock.nanos();
  }

  @Override
  public long epochNanos() {
    return epochBaseNanos + clock.nanos();
  }

  @Override
  public Cancellable schedule(long delayNanos, Runnable task) {
    SimClock.Cancellable c = clock.schedule(delayNanos, task);
    return c::cancel;
  }

  @Override
  public void execute(Runnable task) {
    clock.schedule(0, task);
  }
}
