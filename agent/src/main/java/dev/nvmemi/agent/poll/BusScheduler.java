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
import java.util.WeakHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bus-aware scheduler of design §5 and the agent's <em>only</em> admission point: it alone
 * decides which exchange goes on which bus and when. Below it, the transport executes what it is
 * given and queues nothing.
 *
 * <p>One {@link Lane} per physical bus ({@link BusId}). A lane admits an exchange when
 * <ul>
 *   <li>its slot is free: fewer than {@code bus.concurrency} exchanges of answering endpoints are in
 *       flight on the bus, or, for an endpoint whose last exchange got no response (see below), the
 *       bus's single probe slot is free;</li>
 *   <li>the endpoint has no exchange in flight (one command slot per endpoint: the agent uses CSI 0);</li>
 *   <li>the bus-time budget allows it: after each exchange the lane stays idle for
 *       {@code charge × (1 − u) / u} so that the agent takes at most {@code u = bus.max_utilization}
 *       of the bus time;</li>
 * </ul>
 * and it picks the most urgent waiting work first (subsystem health &gt; controller health &gt; SMART
 * &gt; error log &gt; identify), so a due health poll waits at most for the one exchange (e.g. one 4 KiB
 * log chunk) already on the bus.
 *
 * <h2>Silent endpoints take the probe slot, not the bus's slots</h2>
 * An MCTP requester that waits for a response holds no wire: the bus is busy only while bytes move.
 * So an endpoint whose last exchange ended {@link Ending#SILENT} (no response: timeout, unreachable,
 * I/O error) no longer counts against {@code bus.concurrency}: its exchanges go, one at a time per
 * bus, through the lane's <em>probe slot</em> (at most one such exchange in flight per bus, so
 * dead drives cannot multiply traffic), still in priority order and under the budget. Its first
 * response ({@link Ending#ANSWERED} or {@link Ending#GARBLED}) puts it back into the normal slots. A
 * drive that stops answering therefore holds a normal slot for one timeout (the exchange that
 * reveals it), and never again delays its answering neighbours.
 *
 * <h2>What an exchange is charged</h2>
 * An answered exchange: the lane's learned estimate for its command kind after learning from the
 * measured duration ({@link BusTimeModel}). A silent one: the wire time of its request (its bytes
 * per the frequency/MTU model, at most the time it was out), not the wait: the wire was free while
 * the requester waited. A garbled one (a response that failed the protocol's checks): the time it
 * really took, from admission to failure. Utilization is the charged time over wall time (ten
 * one-second samples).
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

  /** How an exchange ended, as far as the bus is concerned. */
  public enum Ending {
    /** The endpoint answered (any status). */
    ANSWERED,
    /** A response came but failed the protocol's checks (length, MIC, header): the endpoint is there. */
    GARBLED,
    /**
     * No (final) response: timeout, no route, I/O error, transport closed. The endpoint's next
     * exchanges take the bus's probe slot until it answers again.
     */
    SILENT
  }

  /**
   * A started exchange.
   *
   * @param command the command kind (for the learned estimate and its request size)
   * @param modelNanos its bus time per the frequency/MTU model ({@link BusTimeModel#exchangeNanos})
   * @param ended completes (on any thread) when the exchange is over, with how it ended; an
   *     exceptional completion counts as {@link Ending#SILENT}
   */
  public record Started(Command command, long modelNanos, CompletionStage<Ending> ended) {
    public Started {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(ended, "ended");
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
      l.probeQueue.clear();
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
    /** Waiting entries of answering endpoints (normal slots). */
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    /** Waiting entries of silent endpoints (the probe slot). */
    private final PriorityQueue<Entry> probeQueue = new PriorityQueue<>();
    /** Endpoints with an exchange in flight, and entries of theirs that came up meanwhile. */
    private final Set<Schedulable> running = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Entry> parked = new ArrayList<>();
    /**
     * Endpoints whose last exchange ended silent. Held weakly (by identity: a {@link Schedulable}
     * keeps Object's equality), so a removed endpoint that never answered again leaves nothing behind.
     */
    private final Set<Schedulable> silent = Collections.newSetFromMap(new WeakHashMap<>());
    private volatile int inFlight;
    private volatile int probeInFlight;
    private volatile long probes;
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

    /** Exchanges of answering endpoints in flight now (the {@code bus.concurrency} slots). */
    public int inFlight() {
      return inFlight;
    }

    /** Exchanges in flight in the probe slot now (0 or 1). */
    public int probesInFlight() {
      return probeInFlight;
    }

    /** Exchanges started in the probe slot so far. */
    public long probes() {
      return probes;
    }

    /** Entries waiting (stale entries included). */
    public int queued() {
      return queue.size() + probeQueue.size() + parked.size();
    }

    /** True when {@code work}'s last exchange ended silent: its next one takes the probe slot. Agent context. */
    public boolean silent(Schedulable work) {
      return silent.contains(work);
    }

    /** Queues {@code work} at {@code priority}; it is started when the lane and budget allow. */
    public void enqueue(Schedulable work, int priority) {
      if (stopped) {
        return;
      }
      route(new Entry(work, priority, seq++));
      pump();
    }

    private void route(Entry e) {
      (silent.contains(e.work()) ? probeQueue : queue).add(e);
    }

    private void pump() {
      while (!stopped) {
        boolean slot = inFlight < params.concurrency() && !queue.isEmpty();
        boolean probeSlot = probeInFlight == 0 && !probeQueue.isEmpty();
        if (!slot && !probeSlot) {
          return;
        }
        long now = timers.nanoTime();
        if (now < nextStartNanos) {
          armPump(nextStartNanos);
          return;
        }
        boolean probe = !slot;
        Entry e = (probe ? probeQueue : queue).poll();
        if (running.contains(e.work())) {
          parked.add(e); // one exchange per endpoint: back in the queue when its exchange ends
          continue;
        }
        if (silent.contains(e.work()) != probe) {
          route(e); // queued before its endpoint's last exchange ended otherwise
          continue;
        }
        Started s = e.work().startNext();
        if (s == null) {
          continue;
        }
        if (probe) {
          probeInFlight++;
          probes++;
        } else {
          inFlight++;
        }
        running.add(e.work());
        s.ended().whenComplete((end, err) -> timers.execute(() -> finished(e.work(), s, now, probe,
            err != null || end == null ? Ending.SILENT : end)));
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

    private void finished(Schedulable work, Started s, long admittedNanos, boolean probe, Ending end) {
      long now = timers.nanoTime();
      if (probe) {
        probeInFlight--;
      } else {
        inFlight--;
      }
      running.remove(work);
      boolean wasSilent = silent.contains(work);
      if (end == Ending.SILENT) {
        silent.add(work);
      } else {
        silent.remove(work);
      }
      List<Entry> back = new ArrayList<>();
      for (Iterator<Entry> it = parked.iterator(); it.hasNext(); ) {
        Entry e = it.next();
        if (e.work() == work) {
          it.remove();
          back.add(e);
        }
      }
      if (wasSilent != (end == Ending.SILENT)) {
        // entries of this endpoint queued meanwhile move to the slot it now takes
        PriorityQueue<Entry> from = wasSilent ? probeQueue : queue;
        from.removeIf(e -> {
          if (e.work() == work) {
            back.add(e);
            return true;
          }
          return false;
        });
      }
      if (!stopped) {
        back.forEach(this::route);
      }
      long held = Math.max(0, now - admittedNanos);
      long charge = switch (end) {
        case ANSWERED -> model.observe(s.command(), s.modelNanos(), held);
        case GARBLED -> held;
        // the wire was busy only while the request went out; the wait held no wire
        case SILENT -> Math.min(held, BusTimeModel.messageNanos(s.command().requestBytes(), params));
      };
      exchanges++;
      if (end != Ending.ANSWERED) {
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
