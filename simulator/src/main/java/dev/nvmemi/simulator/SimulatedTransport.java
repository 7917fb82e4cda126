package dev.nvmemi.simulator;

import dev.nvmemi.mi.MiTimeoutException;
import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.MoreProcessingRequired;
import dev.nvmemi.mi.client.ExchangeOptions;
import dev.nvmemi.mi.client.MiTransport;
import dev.nvmemi.simulator.timing.Bus;
import dev.nvmemi.simulator.timing.BusTiming;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process {@link MiTransport} to one {@link SimulatedEndpoint}, with the bus-timing model.
 * Built by {@link SimulatedFleet#endpoint(int, int)}.
 *
 * <h2>Threads</h2>
 * {@link #exchange} never blocks. The endpoint processes the request on the caller's thread (a
 * few microseconds under the endpoint's lock). Then:
 * <ul>
 *   <li>when the answer takes no time (zero-latency {@link BusTiming#NONE}, no slow or MPR fault),
 *       the returned stage is already complete: dependent actions run on the caller's thread;</li>
 *   <li>otherwise the stage is completed, and interim responses are reported to the
 *       {@link InterimListener}, by a task on the fleet's {@link SimClock}: the {@code sim-clock}
 *       thread of a {@link SystemClock}, or the thread that calls {@link VirtualClock#advance}.</li>
 * </ul>
 *
 * <h2>Timing</h2>
 * The exchange reserves its bus for request wire time + processing (+ slow-fault delay) + response
 * wire time, after earlier reservations on the same bus. An interim More Processing Required
 * response is delivered first; the final one follows MPRT × 100 ms later (its wire time reserved
 * then). The exchange fails with {@link MiTimeoutException} when no response arrives within
 * {@link ExchangeOptions#timeout()} (0 = 65.535 s, libnvme's fallback), and after an interim when
 * the final one does not arrive within {@link MoreProcessingRequired#nextWait}. More interim
 * responses than {@link ExchangeOptions#maxInterimResponses()} fail with reason
 * {@code MPR_LIMIT}. A removed endpoint fails at once with reason {@code UNREACHABLE}.
 */
public final class SimulatedTransport implements MiTransport {
  private static final long FALLBACK_TIMEOUT_NANOS = 65_535_000_000L;

  private final SimulatedEndpoint endpoint;
  private final Bus bus;
  private final SimClock clock;
  private final String description;
  private final Set<CompletableFuture<byte[]>> pending = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  SimulatedTransport(SimulatedEndpoint endpoint, Bus bus, SimClock clock) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.bus = Objects.requireNonNull(bus, "bus");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.description = endpoint.info().describe();
  }

  /** The endpoint behind this transport. */
  public SimulatedEndpoint simulatedEndpoint() {
    return endpoint;
  }

  @Override
  public CompletionStage<byte[]> exchange(byte[] request, ExchangeOptions options, InterimListener interim) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(interim, "interim");
    if (closed) {
      return CompletableFuture.failedFuture(closedException());
    }
    long now = clock.nanos();
    SimulatedEndpoint.Reply reply;
    try {
      reply = endpoint.process(request);
    } catch (RuntimeException e) {
      // A simulator fault must reach the caller as the transport failure the contract allows.
      return CompletableFuture.failedFuture(new MiTransportException(MiTransportException.Reason.IO, description, 0,
          "simulated endpoint " + description + " failed on " + options.command() + ": " + e, e));
    }
    if (reply.removed()) {
      return CompletableFuture.failedFuture(new MiTransportException(MiTransportException.Reason.UNREACHABLE,
          description, 113, "no route to " + description + " for " + options.command()
              + ": the endpoint was removed", null));
    }
    BusTiming t = bus.timing();
    byte[] response = reply.response();
    if (response != null && reply.interim() == null && reply.extraDelayNanos() == 0 && t.isZero()) {
      return CompletableFuture.completedFuture(response);
    }
    long timeout = options.timeout().isZero() ? FALLBACK_TIMEOUT_NANOS : options.timeout().toNanos();
    long deadline = now + timeout;
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    pending.add(f);
    f.whenComplete((r, e) -> pending.remove(f));
    if (response == null) {
      if (!t.isZero()) {
        bus.reserve(now, t.wireNanos(request.length, endpoint.transmissionUnit()));
      }
      clock.schedule(timeout, () -> f.completeExceptionally(timeoutException(options, timeout)));
      return f;
    }
    byte[] first = reply.interim() != null ? reply.interim() : response;
    int unit = endpoint.transmissionUnit();
    long duration = t.wireNanos(request.length, unit) + t.processing().toNanos() + reply.extraDelayNanos()
        + t.wireNanos(first.length, unit);
    long firstAt = bus.reserve(now, duration) + duration;
    if (firstAt > deadline) {
      clock.schedule(timeout, () -> f.completeExceptionally(timeoutException(options, timeout)));
      return f;
    }
    if (reply.interim() == null) {
      clock.schedule(firstAt - now, () -> f.complete(response));
      return f;
    }
    clock.schedule(firstAt - now, () -> deliverInterim(f, reply, options, interim, firstAt));
    return f;
  }

  private void deliverInterim(CompletableFuture<byte[]> f, SimulatedEndpoint.Reply reply, ExchangeOptions options,
      InterimListener listener, long at) {
    if (f.isDone()) {
      return;
    }
    MoreProcessingRequired mpr = MoreProcessingRequired.detect(reply.interim()).orElse(null);
    if (mpr == null) {
      // Not recognisable as an interim (cannot happen for our own encoding): hand it over as the answer.
      f.complete(reply.interim());
      return;
    }
    if (options.maxInterimResponses() < 1) {
      f.completeExceptionally(new MiTransportException(MiTransportException.Reason.MPR_LIMIT, description, 0,
          "more than " + options.maxInterimResponses() + " More Processing Required responses from "
              + description + " to " + options.command(), null));
      return;
    }
    try {
      listener.onInterim(reply.interim(), mpr);
    } catch (RuntimeException e) {
      f.completeExceptionally(new MiTransportException(MiTransportException.Reason.IO, description, 0,
          "interim listener failed for " + options.command(), e));
      return;
    }
    long wait = mpr.nextWait(options.timeout(), options.mprWaitCap()).toNanos();
    long deadline = at + wait;
    BusTiming t = bus.timing();
    long finalDuration = t.wireNanos(reply.response().length, endpoint.transmissionUnit());
    long finalAt = bus.reserve(at + reply.mprDelayNanos(), finalDuration) + finalDuration;
    long nowNanos = clock.nanos();
    if (finalAt > deadline) {
      clock.schedule(deadline - nowNanos,
          () -> f.completeExceptionally(timeoutException(options, wait)));
    } else {
      clock.schedule(finalAt - nowNanos, () -> f.complete(reply.response()));
    }
  }

  private MiTimeoutException timeoutException(ExchangeOptions options, long waitedNanos) {
    return new MiTimeoutException(description, options.command(), Duration.ofNanos(waitedNanos));
  }

  private MiTransportException closedException() {
    return new MiTransportException(MiTransportException.Reason.CLOSED, description, "transport to " + description
        + " is closed");
  }

  @Override
  public String describe() {
    return description;
  }

  /** Fails pending exchanges with reason CLOSED. Idempotent. */
  @Override
  public void close() {
    closed = true;
    for (CompletableFuture<byte[]> f : pending) {
      f.completeExceptionally(closedException());
    }
  }
}
