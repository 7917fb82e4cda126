package dev.nvmemi.agent.poll;

import dev.nvmemi.agent.config.AgentConfig.BusParameters;
import dev.nvmemi.agent.time.Timers;
import dev.nvmemi.mi.LogPageGuidMismatchException;
import dev.nvmemi.mi.MiException;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.NvmeStatus;
import dev.nvmemi.mi.client.MiResult;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One endpoint's pending exchanges: ordered by command priority, started one at a time when its
 * bus lane gives the endpoint a slot, and turned into {@link PollOutcome.Exchange}s when they end.
 * Every outcome goes to the session's outcome sink first (so the drive model has seen it), then to
 * the procedure that asked for it.
 *
 * <p>Runs on the agent context; transport completions are handed back with {@link Timers#execute}.
 */
final class WorkQueue implements BusScheduler.Schedulable {
  private final Timers timers;
  private final BusScheduler.Lane lane;
  private final BusParameters bus;
  private final String endpoint;
  private final Consumer<PollOutcome> sink;
  private final PriorityQueue<Work<?>> pending = new PriorityQueue<>();
  private int queuedAtPriority = Integer.MAX_VALUE;
  private long seq;
  private int epoch;

  /**
   * @param endpoint readable endpoint description for transport errors
   * @param sink where every exchange's outcome goes (the session's outcome stream)
   */
  WorkQueue(Timers timers, BusScheduler.Lane lane, BusParameters bus, String endpoint, Consumer<PollOutcome> sink) {
    this.timers = Objects.requireNonNull(timers, "timers");
    this.lane = Objects.requireNonNull(lane, "lane");
    this.bus = Objects.requireNonNull(bus, "bus");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** A pending exchange and what its outcome is for. */
  private final class Work<T> implements Comparable<Work<?>> {
    final Command command;
    final long order = seq++;
    final int workEpoch = epoch;
    final long estimate;
    final Supplier<CompletionStage<MiResult<T>>> call;
    final CompletableFuture<PollOutcome.Exchange> result = new CompletableFuture<>();

    Work(Command command, long estimate, Supplier<CompletionStage<MiResult<T>>> call) {
      this.command = command;
      this.estimate = estimate;
      this.call = call;
    }

    @Override
    public int compareTo(Work<?> o) {
      int c = Integer.compare(command.priority(), o.command.priority());
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }

  /**
   * Queues one exchange. The stage completes on the agent context with its outcome, after the
   * outcome sink has seen it; it never completes if the work is dropped ({@link #drop()}).
   */
  <T> CompletionStage<PollOutcome.Exchange> submit(Command command, Supplier<CompletionStage<MiResult<T>>> call) {
    return submit(command, BusTimeModel.exchangeNanos(command, bus), call);
  }

  /**
   * {@link #submit(Command, Supplier)} with an explicit bus-time estimate (log chunks).
   *
   * <p>An AEM acknowledgement submitted while another one is still waiting to start is folded into
   * it: the waiting one acknowledges whatever AEM is outstanding when the drive gets it, so a drive
   * that retransmits its AEM every AERD while an acknowledgement is lost does not pile up one
   * acknowledgement (and one timeout) per retransmission ahead of its health polls. The folded
   * stage never completes, like dropped work.
   */
  <T> CompletionStage<PollOutcome.Exchange> submit(Command command, long estimateNanos,
      Supplier<CompletionStage<MiResult<T>>> call) {
    if (command == Command.AEM_ACK && pending.stream().anyMatch(p -> p.command == Command.AEM_ACK)) {
      return new CompletableFuture<>();
    }
    Work<T> w = new Work<>(command, estimateNanos, call);
    pending.add(w);
    requestSlot();
    return w.result;
  }

  /** Drops every pending exchange (backoff, removal); their stages never complete. */
  void drop() {
    epoch++;
    pending.clear();
  }

  BusParameters bus() {
    return bus;
  }

  private void requestSlot() {
    if (pending.isEmpty()) {
      return;
    }
    int p = pending.peek().command.priority();
    if (p < queuedAtPriority) {
      queuedAtPriority = p;
      lane.enqueue(this, p);
    }
  }

  /** Called by the lane only while this endpoint has no exchange in flight (the scheduler admits one per endpoint). */
  @Override
  public BusScheduler.Started startNext() {
    queuedAtPriority = Integer.MAX_VALUE;
    Work<?> w = pending.poll();
    if (w == null) {
      return null;
    }
    return new BusScheduler.Started(w.command, w.estimate, run(w));
  }

  /** Runs {@code w}; the stage completes with how the exchange ended for the bus. */
  private <T> CompletionStage<BusScheduler.Ending> run(Work<T> w) {
    long t0 = timers.nanoTime();
    CompletionStage<MiResult<T>> stage;
    try {
      stage = w.call.get();
    } catch (RuntimeException e) {
      stage = CompletableFuture.completedFuture(new MiResult.Failure<>(new MiTransportException(
          MiTransportException.Reason.IO, endpoint, 0, "command failed to start: " + e, e)));
    }
    return stage.handle((r, err) -> {
      MiResult<T> res = r != null ? r : new MiResult.Failure<>(asMiException(err));
      // hand-off: the transport's thread → the agent context
      timers.execute(() -> completed(w, res, timers.nanoTime() - t0));
      return ending(res);
    });
  }

  /**
   * Any status is an answer; a response that failed the protocol's checks (MiProtocolException, a
   * log page GUID mismatch included) shows the endpoint is there; anything else (timeout, no route,
   * I/O, MPR limit, closed) got no final response.
   */
  static BusScheduler.Ending ending(MiResult<?> r) {
    if (!(r instanceof MiResult.Failure<?> f)) {
      return BusScheduler.Ending.ANSWERED;
    }
    return f.cause() instanceof MiProtocolException ? BusScheduler.Ending.GARBLED : BusScheduler.Ending.SILENT;
  }

  private MiException asMiException(Throwable err) {
    Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    if (t instanceof MiException me) {
      return me;
    }
    return new MiTransportException(MiTransportException.Reason.IO, endpoint, 0, String.valueOf(t), t);
  }

  private <T> void completed(Work<T> w, MiResult<T> r, long elapsed) {
    PollOutcome.Exchange o = classify(w.command, r, timers.nanoTime(), elapsed);
    sink.accept(o);
    if (w.workEpoch == epoch) {
      w.result.complete(o);
    }
    requestSlot();
  }

  /** The typed outcome of one exchange's result. */
  static PollOutcome.Exchange classify(Command command, MiResult<?> r, long observedNanos, long durationNanos) {
    if (r instanceof MiResult.Success<?> s) {
      return new PollOutcome.Answer(command, s.value(), observedNanos, durationNanos);
    }
    if (r instanceof MiResult.MiError<?> e) {
      String status = e.status().name() + String.format(" (MI status 0x%02x)", e.status().code());
      return unsupported(r)
          ? new PollOutcome.Unsupported(command, status, observedNanos, durationNanos)
          : new PollOutcome.ErrorStatus(command, r.errorType(), status, observedNanos, durationNanos);
    }
    if (r instanceof MiResult.NvmeError<?> e) {
      String status = String.format("NVMe status SCT %d SC 0x%02x", e.status().sct(), e.status().sc());
      return unsupported(r)
          ? new PollOutcome.Unsupported(command, status, observedNanos, durationNanos)
          : new PollOutcome.ErrorStatus(command, r.errorType(), status, observedNanos, durationNanos);
    }
    MiException cause = ((MiResult.Failure<?>) r).cause();
    if (cause instanceof LogPageGuidMismatchException g) {
      // a valid answer whose page has another layout (ocp-logs.md §2 step 5): not this log
      return new PollOutcome.Unsupported(command, "log page GUID " + g.actual() + " (expected: " + g.expected() + ")",
          observedNanos, durationNanos);
    }
    return new PollOutcome.TransportFailure(command, cause.errorType(), String.valueOf(cause.getMessage()),
        observedNanos, durationNanos);
  }

  /**
   * MI Invalid Command Opcode / Invalid Parameter, NVMe generic Invalid Opcode / Invalid Field, and
   * NVMe command-specific Invalid Log Page (SCT 1, SC 09h: the drive has no such log, e.g. no OCP C0h).
   */
  static boolean unsupported(MiResult<?> r) {
    if (r instanceof MiResult.MiError<?> e) {
      return e.status().equals(MiStatus.INVALID_COMMAND_OPCODE) || e.status().equals(MiStatus.INVALID_PARAMETER);
    }
    if (r instanceof MiResult.NvmeError<?> e) {
      NvmeStatus s = e.status();
      return s.sct() == 0 && (s.sc() == 0x01 || s.sc() == 0x02) || s.sct() == 1 && s.sc() == 0x09;
    }
    return false;
  }
}
