package dev.nvmemi.transport.mctp;

import dev.nvmemi.transport.discovery.BusId;
import dev.nvmemi.transport.mctp.jna.JnaSocketOps;
import dev.nvmemi.transport.mctp.jna.SocketOps;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The I/O threads of the AF_MCTP transports, and their system-call seam.
 *
 * <h2>Thread model: one I/O lane per bus</h2>
 * Every physical bus ({@link BusId}) has its own I/O lane: a thread per exchange in flight on that
 * bus, named {@code mctp-io-<bus>-<n>}, created when an exchange is handed over and ended after
 * {@link #DEFAULT_IDLE} idle. The lane has <em>no queue</em> ({@link SynchronousQueue}): how many
 * exchanges run on a bus at once is decided above, by the agent's bus scheduler
 * ({@code bus.concurrency}); the transport runs what it is given. So the threads grow with buses
 * (times their concurrency), never with dead drives: a drive that never answers holds one thread of
 * its own bus until its timeout, and nothing another bus needs.
 *
 * <p>A blocking thread per in-flight exchange was chosen over a poll/epoll reactor because an
 * exchange is a short sequence of blocking calls (tag, send, poll, receive, MPR waits) whose
 * failure handling (quarantine, tag holding) reads best as straight-line code, and the thread count
 * is bounded by the scheduler anyway (16 buses × concurrency 1 = at most 16 threads).
 *
 * <h2>Listening sockets</h2>
 * A bound AF_MCTP socket per network (unsolicited messages, {@link MctpAemReceiver}) is a
 * long-lived reader, not an exchange: it runs on a dedicated daemon thread of its own, outside the
 * bus lanes, so a reader never takes a bus's exchange threads and a dead drive never delays it.
 *
 * <p>The receivers are made here ({@link #aemReceiver}) so that they use the same syscall seam and
 * clock as the exchanges: a test or benchmark that simulates the sockets simulates them too.
 *
 * <p>Thread-safe. {@link #close()} ends idle threads; exchanges in flight finish (their transports
 * fail them on close).
 */
public final class MctpIo implements AutoCloseable {
  /** How long an idle I/O thread lives. */
  public static final Duration DEFAULT_IDLE = Duration.ofSeconds(30);

  private final SocketOps ops;
  private final MctpClock clock;
  private final long idleNanos;
  private final Map<BusId, ThreadPoolExecutor> lanes = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor reaper;
  private volatile boolean closed;

  /**
   * I/O over {@code ops} on {@code clock}.
   *
   * @param ops the system calls (the kernel's {@link JnaSocketOps}, or a scripted/simulated seam)
   * @param clock the requester's clock
   * @param idle how long an idle I/O thread lives
   */
  public MctpIo(SocketOps ops, MctpClock clock, Duration idle) {
    this.ops = Objects.requireNonNull(ops, "ops");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.idleNanos = Objects.requireNonNull(idle, "idle").toNanos();
    this.reaper = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "mctp-reaper"));
    this.reaper.setKeepAliveTime(idleNanos, TimeUnit.NANOSECONDS);
    this.reaper.allowCoreThreadTimeOut(true);
    this.reaper.setRemoveOnCancelPolicy(true);
  }

  /** The kernel's AF_MCTP sockets on the system clock. */
  public static MctpIo kernel() {
    return new MctpIo(JnaSocketOps.instance(), MctpClock.SYSTEM, DEFAULT_IDLE);
  }

  SocketOps ops() {
    return ops;
  }

  MctpClock clock() {
    return clock;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** The I/O lane of {@code bus}: runs each task on a thread of its own, at once. */
  Executor lane(BusId bus) {
    return lanes.computeIfAbsent(bus, b -> {
      AtomicInteger n = new AtomicInteger();
      ThreadPoolExecutor e = new ThreadPoolExecutor(0, Integer.MAX_VALUE, idleNanos, TimeUnit.NANOSECONDS,
          new SynchronousQueue<>(), r -> daemon(r, "mctp-io-" + b.name() + "-" + n.incrementAndGet()));
      if (closed) {
        e.shutdown();
      }
      return e;
    });
  }

  /**
   * A receiver of the unsolicited NVMe-MI messages of {@code network} on this I/O's syscall seam
   * and clock (not opened yet: {@link MctpAemReceiver#start()}).
   */
  public MctpAemReceiver aemReceiver(int network, MctpAemReceiver.SourceFilter knownSource,
      dev.nvmemi.mi.client.UnsolicitedListener listener, int pollMs) {
    return new MctpAemReceiver(ops, clock, network, knownSource, listener, pollMs);
  }

  /** Runs {@code task} after {@code delayMs} on the reaper thread (quarantine checks: no blocking). */
  void later(long delayMs, Runnable task) {
    try {
      reaper.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed: every transport closes its sockets itself
    }
  }

  /** Live I/O threads of every bus (exchanges in flight plus idle threads not yet ended). */
  public int ioThreads() {
    int n = 0;
    for (ThreadPoolExecutor e : lanes.values()) {
      n += e.getPoolSize();
    }
    return n;
  }

  /** Exchanges running on I/O threads now. */
  public int activeExchanges() {
    int n = 0;
    for (ThreadPoolExecutor e : lanes.values()) {
      n += e.getActiveCount();
    }
    return n;
  }

  /** Buses that have had an I/O lane. */
  public int buses() {
    return lanes.size();
  }

  /** Ends idle threads now and refuses new exchanges. Idempotent. */
  @Override
  public void close() {
    closed = true;
    lanes.values().forEach(ThreadPoolExecutor::shutdown);
    reaper.shutdownNow();
  }

  boolean isClosed() {
    return closed;
  }
}
