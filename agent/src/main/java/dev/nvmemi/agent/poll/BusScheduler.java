package dev.nvmemi.agent.poll;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.AgentConfig.BusParameters;
import dev.nvmemi.agent.time.Timers;
import dev.nvmemi.transport.discovery.BusId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bus-aware scheduler of design §5 and the agent's <em>only</em> admission point: it alone
 * decides which exchange goes on which bus and when. Below it, the transport executes what it is
 * given and queues nothing.
 *
 * <p>One {@link Lane} per physical bus ({@link BusId}). A lane admits an exchange when
 * <ul>
 *   <li>fewer than {@code bus.concurrency} exchanges are in flight on the bus;</li>
 *   <li>the endpoint has no exchange in flight (one command slot per endpoint: the agent uses CSI 0);</li>
 *   <li>the bus-time budget allows it: after each exchange the lane stays idle for
 *       {@code charge × (1 − u) / u} so that the agent takes at most {@code u = bus.max_utilization}
 *       of the bus time;</li>
 * </ul>
 * and it picks the most urgent waiting work first (subsystem health &gt; controller health &gt; SMART
 * &gt; error log &gt; identify), so a due health poll waits at most for the one exchange (e.g. one 4 KiB
 * log chunk) already on the bus.
 *
 * <p>What an exchange is charged: an answered exchange the lane's learned estimate for its command
 * kind after learning from the measured duration ({@link BusTimeModel}); a failed one (timeout,
 * transport error) the time it really held the bus, from admission to failure. Utilization is the
 * charged time over wall time (ten one-second samples).
 *
 * <p>Runs on the agent context ({@link Timers}); {@link #lanes()} and the lane counters may be read
 * from any thread.
 */
public final class BusScheduler {
  private final Timers timers;
  private final AgentConfig.Bus config;
  private final Map<BusId, Lane> lanes = new ConcurrentHashMap<>();
  private long seq;

  public BusScheduler(Timers timers, AgentConfig.Bus config) {
    this.timers = Objects.requireNonNull(timers, "timers");
    this.config = Objects.requireNonNull(config, "config");
  }

  /** Work that a lane can start: one endpoint with pending commands. */
  public interface Schedulable {
    /**
     * Starts the most urgent pending command now, or returns null when nothing is pending (any
     * more). The lane calls it only while this endpoint has no exchange in flight.
     */
    Started startNext();
  }

  /**
   * A started exchange.
   *
   * @param command the command kind (for the learned estimate)
   * @param modelNanos its bus time per the frequency/MTU model ({@link BusTimeModel#exchangeNanos})
   * @param answered completes (on any thread) when the exchange is over: true when the endpoint
   *     answered (any status), false when it failed (timeout, transport or protocol error)
   */
  public record Started(Command command, long modelNanos, CompletionStage<Boolean> answered) {
    public Started {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(answered, "answered");
    }
  }

  /** The lane of {@code bus}, created on first use. */
  public Lane lane(BusId bus) {
    return lanes.computeIfAbsent(bus, b -> new Lane(b, config.forBus(b.name())));
  }

  /** Every lane, by bus name. */
  public Map<String, Lane> lanes() {
    Map<String, Lane> out = new LinkedHashMap<>();
    lanes.values().stream().sorted((a, b) -> a.busId.compareTo(b.busId)).forEach(l -> out.put(l.bus(), l));
    return Collections.unmodifiableMap(out);
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
      l.parked.clear();
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
    private final BusId busId;
    private final BusParameters params;
    private final BusTimeModel model;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    /** Endpoints with an exchange in flight, and entries of theirs that came up meanwhile. */
    private final Set<Schedulable> running = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Entry> parked = new ArrayList<>();
    private volatile int inFlight;
    private long nextStartNanos = Long.MIN_VALUE;
    private Timers.Cancellable pumpTimer = Timers.Cancellable.NONE;
    private long pumpAt = Long.MAX_VALUE;
    private boolean stopped;
    private volatile long busyNanos;
    private volatile long exchanges;
    private volatile long failures;
    private final long[] sampleBusy = new long[WINDOW];
    private final long[] sampleTime = new long[WINDOW];
    private int samples;
    private volatile double utilization;

    private Lane(BusId bus, BusParameters params) {
      this.busId = bus;
      this.params = params;
      this.model = new BusTimeModel(params);
    }

    /** The bus name (the {@code nvme.bus} attribute). */
    public String bus() {
      return busId.name();
    }

    public BusId busId() {
      return busId;
    }

    public BusParameters parameters() {
      return params;
    }

    /** The lane's learned bus-time model. */
    public BusTimeModel model() {
      return model;
    }

    /** Achieved utilization over the last ten seconds (charged bus time / wall time). */
    public double utilization() {
      return utilization;
    }

    /** Exchanges completed on this lane (answered or failed). */
    public long exchanges() {
      return exchanges;
    }

    /** Exchanges of this lane that failed. */
    public long failures() {
      return failures;
    }

    /** Total charged bus time of the completed exchanges, nanoseconds. */
    public long busyNanos() {
      return busyNanos;
    }

    /** Exchanges in flight now. */
    public int inFlight() {
      return inFlight;
    }

    /** Entries waiting (stale entries included). */
    public int queued() {
      return queue.size() + parked.size();
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
        if (running.contains(e.work())) {
          parked.add(e); // one exchange per endpoint: back in the queue when its exchange ends
          continue;
        }
        Started s = e.work().startNext();
        if (s == null) {
          continue;
        }
        inFlight++;
        running.add(e.work());
        s.answered().whenComplete((ok, err) -> timers.execute(() -> finished(e.work(), s, now,
            err == null && Boolean.TRUE.equals(ok))));
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

    private void finished(Schedulable work, Started s, long admittedNanos, boolean answered) {
      long now = timers.nanoTime();
      inFlight--;
      running.remove(work);
      for (Iterator<Entry> it = parked.iterator(); it.hasNext(); ) {
        Entry e = it.next();
        if (e.work() == work) {
          it.remove();
          if (!stopped) {
            queue.add(e);
          }
        }
      }
      long held = Math.max(0, now - admittedNanos);
      long charge = answered ? model.observe(s.command(), s.modelNanos(), held) : held;
      exchanges++;
      if (!answered) {
        failures++;
      }
      busyNanos += charge;
      double u = params.maxUtilization();
      if (u < 1.0) {
        long gap = (long) (charge * (1.0 - u) / u);
        nextStartNanos = Math.max(nextStartNanos, now + gap);
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
