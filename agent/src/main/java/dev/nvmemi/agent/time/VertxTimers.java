package dev.nvmemi.agent.time;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@link Timers} over a Vert.x context: timers are {@link Vertx#setTimer} (millisecond granularity,
 * at least 1 ms), {@link #execute} is {@link Context#runOnContext}. Tasks run on the context's
 * event loop.
 */
public final class VertxTimers implements Timers {
  private final Vertx vertx;
  private final Context context;
  private final long epochOffsetNanos;

  public VertxTimers(Vertx vertx, Context context) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.context = Objects.requireNonNull(context, "context");
    this.epochOffsetNanos = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public long epochNanos() {
    return System.nanoTime() + epochOffsetNanos;
  }

  @Override
  public Cancellable schedule(long delayNanos, Runnable task) {
    if (delayNanos <= 0) {
      context.runOnContext(v -> task.run());
      return Cancellable.NONE;
    }
    long ms = Math.max(1, TimeUnit.NANOSECONDS.toMillis(delayNanos + 999_999));
    // the timer handler runs on the context that set it: call from the agent context only
    long id = vertx.setTimer(ms, t -> task.run());
    return () -> vertx.cancelTimer(id);
  }

  @Override
  public void execute(Runnable task) {
    if (Context.isOnEventLoopThread() && Vertx.currentContext() == context) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }
}
