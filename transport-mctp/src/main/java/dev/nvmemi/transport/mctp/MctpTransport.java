package dev.nvmemi.transport.mctp;

import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.MiTransportException.Reason;
import dev.nvmemi.mi.client.ExchangeOptions;
import dev.nvmemi.mi.client.MiTransport;
import dev.nvmemi.transport.discovery.BusEndpoint;
import dev.nvmemi.transport.discovery.BusId;
import dev.nvmemi.transport.discovery.EndpointKey;
import dev.nvmemi.transport.mctp.jna.MctpConstants;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * An NVMe-MI endpoint reached through the kernel's AF_MCTP sockets: the endpoint constructor of the
 * seed ({@code nvme_mi_open_mctp}). Everything above it (MiEndpoint, MiController) is
 * transport-agnostic.
 *
 * <h2>Admission is not decided here</h2>
 * The transport executes every exchange it is given, at once, on an I/O thread of the endpoint's
 * bus ({@link MctpIo}). It has no queue and no permits: which exchange goes on which bus and when
 * (priorities, {@code bus.concurrency}, {@code bus.max_utilization}) is the agent's bus scheduler's
 * decision. It keeps one assertion: a command slot is never reused while an exchange is in flight
 * on it (a programming error of the caller, reported as a failed exchange).
 *
 * <h2>Threads</h2>
 * {@link #exchange} never blocks its caller, which may be a Vert.x event loop: the blocking
 * {@code sendto}/{@code poll}/{@code recvfrom} run on the I/O lane of the endpoint's bus. The
 * returned stage completes on the caller's Vert.x context when there is one, else on the I/O
 * thread. {@link #close()} may be called from any thread.
 */
public final class MctpTransport implements MiTransport {
  private static final System.Logger LOG = System.getLogger(MctpTransport.class.getName());
  /** When to look again for quarantined sockets after an exchange failed: the key lifetime plus slack. */
  volatile long reapDelayMs = MctpConstants.KEY_LIFETIME_MS + 100;

  private final BusEndpoint at;
  private final String endpoint;
  private final MctpIo io;
  private final boolean ownsIo;
  private final MctpRequester requester;
  private final Set<CompletableFuture<byte[]>> pending = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  MctpTransport(BusEndpoint at, MctpIo io, boolean ownsIo) {
    this.at = Objects.requireNonNull(at, "at");
    this.io = Objects.requireNonNull(io, "io");
    this.ownsIo = ownsIo;
    if (at.network() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("network: " + at.network()
          + " (expected: 0..2147483647 for AF_MCTP; 0 = the default network)");
    }
    this.endpoint = "mctp: net " + at.network() + " eid " + at.eid();
    this.requester = new MctpRequester(io.ops(), io.clock(), (int) at.network(), at.eid(), endpoint);
  }

  /**
   * Opens the endpoint {@code at} on the I/O lanes of {@code io} (shared by every transport of the
   * agent). No system call happens here; the first exchange creates the socket, so a kernel
   * without MCTP is reported by that exchange (reason NOT_SUPPORTED).
   */
  public static MctpTransport open(BusEndpoint at, MctpIo io) {
    return new MctpTransport(at, io, false);
  }

  /**
   * Opens (network, EID) with I/O threads of its own (closed with the transport), on the
   * network's fallback bus lane: for one-off use (tests, tools). The agent uses
   * {@link #open(BusEndpoint, MctpIo)}.
   *
   * @param network MCTP network id; 0 = the default network
   * @param eid a unicast endpoint id
   */
  public static MctpTransport open(int network, int eid) {
    return new MctpTransport(new BusEndpoint(new EndpointKey(network, eid), BusId.networkFallback(network)),
        MctpIo.kernel(), true);
  }

  /** The MCTP network id. */
  public int network() {
    return (int) at.network();
  }

  /** The endpoint id. */
  public int eid() {
    return at.eid();
  }

  /** The physical bus whose I/O lane runs this endpoint's exchanges. */
  public BusId bus() {
    return at.bus();
  }

  @Override
  public CompletionStage<byte[]> exchange(byte[] request, ExchangeOptions exchangeOptions, InterimListener interim) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(exchangeOptions, "options");
    Objects.requireNonNull(interim, "interim");
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(closedFailure(exchangeOptions.command()));
      return result;
    }
    pending.add(result);
    result.whenComplete((r, e) -> pending.remove(result));
    byte[] copy = request.clone();
    Context context = Vertx.currentContext();
    try {
      io.lane(at.bus()).execute(() -> {
        byte[] response;
        try {
          response = requester.exchange(copy, exchangeOptions, interim, () -> closed);
        } catch (RuntimeException e) {
          scheduleReap();
          complete(context, result, null, wrap(e));
          return;
        }
        complete(context, result, response, null);
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(closedFailure(exchangeOptions.command()));
    }
    return result.minimalCompletionStage();
  }

  private static void complete(Context context, CompletableFuture<byte[]> result, byte[] response,
      MiTransportException failure) {
    Runnable done = () -> {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(response);
      }
    };
    if (context == null) {
      done.run();
      return;
    }
    try {
      context.runOnContext(v -> done.run());
    } catch (RejectedExecutionException e) {
      // the caller's Vert.x instance is closing: complete here rather than lose the result
      done.run();
    }
  }

  /**
   * A failed exchange may have quarantined its socket; close it once the kernel key has expired even
   * when no further exchange comes to do it (the next exchange would reap it too).
   */
  private void scheduleReap() {
    if (closed) {
      return;
    }
    io.later(reapDelayMs, () -> {
      if (!closed && requester.reapExpired()) {
        scheduleReap();
      }
    });
  }

  private MiTransportException closedFailure(String command) {
    return new MiTransportException(Reason.CLOSED, endpoint,
        "transport closed before the response to " + command + " [" + endpoint + "]");
  }

  private MiTransportException wrap(Throwable t) {
    Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (c instanceof MiTransportException m) {
      return m;
    }
    if (closed) {
      return new MiTransportException(Reason.CLOSED, endpoint, 0, "transport closed [" + endpoint + "]", c);
    }
    return new MiTransportException(Reason.IO, endpoint, 0,
        "exchange failed unexpectedly: " + c + " [" + endpoint + "]", c);
  }

  @Override
  public String describe() {
    return endpoint;
  }

  /** Open sockets of this endpoint, quarantined ones included (diagnostics and tests). */
  public int openSockets() {
    return requester.openSockets();
  }

  /** Messages dropped because they were not the awaited response (stale, wrong source or tag). */
  public long discardedResponses() {
    return requester.discardedCount();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (CompletableFuture<byte[]> f : pending) {
      f.completeExceptionally(closedFailure("the pending request"));
    }
    requester.close();
    if (ownsIo) {
      io.close();
    }
  }

  @Override
  public String toString() {
    return endpoint + " on " + at.bus();
  }
}
