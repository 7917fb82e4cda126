package dev.nvmemi.agent.poll;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.AgentConfig.BusParameters;
import dev.nvmemi.agent.time.Timers;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bus-aware scheduler of design §5. One {@link Lane} per physical bus; at most
 * {@code concurrency} exchanges in flight per lane; the most urgent waiting work goes first
 * (subsystem health &gt; controller health &gt; SMART &gt; error log &gt; identify), so a due health poll
 * waits at most for the one exchange (e.g. one 4 KiB log chunk) already on the bus. After each
 * exchange the lane stays idle for {@code estimate × (1 − u) / u} so that the agent takes at most
 * the share {@code u = bus.max_utilization} of the bus time.
 *
 * <p>Runs on the agent context ({@link Timers}); {@link Lane#utilization()} may be read from any
 * thread.
 */
public final class BusScheduler {
  private final Timers timers;
  private final AgentConfig.Bus config;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private long seq;

  public BusScheduler(Timers timers, AgentConfig.Bus config) {
    this.timers = Objects.requireNonNull(timers, "timers");
    this.config = Objects.requireNonNull(config, "config");
  }

  /** Work that a lane can start: an endpoint session with pending commands. */
  public interface Schedulable {
    /**
     * Starts the most urgent pending command now, or returns null when nothing is pending (any
     * more).
     */
    Started startNext();
  }

  /**
   * A started exchange.
   *
   * @param estimateNanos its bus-time estimate
   * @param completion completes (on any thread) when the exchange is over, however it ended
   */
  public record Started(long estimateNanos, CompletionStage<?> completion) {}

  /** The lane of {@code bus}, created on first use. */
  public Lane lane(String bus) {
    return lanes.computeIfAbsent(bus, b -> new Lane(b, config.forBus(b)));
  }

  /** Every lane, by bus name. */
  public Map<String, Lane> lanes() {
    return Map.copyOf(lanes);
  }

  /** Updates every lane's published utilization; called once a second by the fleet. */
  public void tick() {
    long now = timers.nanoTime();
    for (Lane l : lanes.values()) {
      l.sample(now);
    }
  }

  /** Stops starting new exchanges (shutdown). */
  public void stop() {
    for (Lane l : lanes.values()) {
      l.stopped = true;
      l.queue.clear();
      l.pumpTimer.cancel();
    }
  }

  private record Entry(Schedulable work, int priority, long seq) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int c = Integer.compare(priority, o.priority);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  /** The queue and budget of one physical bus. Runs on the agent context. */
  public final class Lane {
    private static final int WINDOW = 10;
    private final String bus;
    private final BusParameters params;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private int inFlight;
    private long nextStartNanos = Long.MIN_VALUE;
    private Timers.Cancellable pumpTimer = Timers.Cancellable.NONE;
    private long pumpAt = Long.MAX_VALUE;
    private boolean stopped;
    private long busyNanos;
    private long exchanges;
    private final long[] sampleBusy = new long[WINDOW];
    private final long[] sampleTime = new long[WINDOW];
    private int samples;
    private volatile double utilization;

    private Lane(String bus, BusParameters params) {
      this.bus = bus;
      this.params = params;
    }

    public String bus() {
      return bus;
    }

    public BusParameters parameters() {
      return params;
    }

    /** Achieved utilization over the last ten seconds (estimated bus time / wall time). */
    public double utilization() {
      return utilization;
    }

    /** Exchanges completed on this lane. */
    public long exchanges() {
      return exchanges;
    }

    /** Total estimated bus time of the completed exchanges, nanoseconds. */
    public long busyNanos() {
      return busyNanos;
    }

    /** Entries waiting (stale entries included). */
    public int queued() {
      return queue.size();
    }

    /** Queues {@code work} at {@code priority}; it is started when the lane and budget allow. */
    public void enqueue(Schedulable work, int priority) {
      if (stopped) {
        return;
      }
      queue.add(new Entry(work, priority, seq++));
      pump();
    }

    private void pump() {
      while (!stopped && inFlight < params.concurrency() && !queue.isEmpty()) {
        long now = timers.nanoTime();
        if (now < nextStartNanos) {
          armPump(nextStartNanos);
          return;
        }
        Entry e = queue.poll();
        Started s = e.work().startNext();
        if (s == null) {
          continue;
        }
        inFlight++;
        long estimate = s.estimateNanos();
        s.completion().whenComplete((r, err) -> timers.execute(() -> finished(estimate)));
      }
    }

    private void armPump(long at) {
      if (pumpAt <= at) {
        return;
      }
      pumpTimer.cancel();
      pumpAt = at;
      pumpTimer = timers.schedule(at - timers.nanoTime(), () -> {
        pumpAt = Long.MAX_VALUE;
        pump();
      });
    }

    private void finished(long estimate) {
      inFlight--;
      exchanges++;
      busyNanos += estimate;
      double u = params.maxUtilization();
      if (u < 1.0) {
        long gap = (long) (estimate * (1.0 - u) / u);
        nextStartNanos = Math.max(nextStartNanos, timers.nanoTime() + gap);
      }
      pump();
    }

    private void sample(long now) {
      int i = samples % WINDOW;
      sampleBusy[i] = busyNanos;
      sampleTime[i] = now;
      samples++;
      if (samples < 2) {
        return;
      }
      int oldest = samples <= WINDOW ? 0 : samples % WINDOW;
      long dt = now - sampleTime[oldest];
      if (dt > 0) {
        utilization = Math.min(1.0, (double) (busyNanos - sampleBusy[oldest]) / dt);
      }
    }
  }
}
