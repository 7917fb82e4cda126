package dev.nvmemi.transport.mctp;

import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.MiTransportException.Reason;
import dev.nvmemi.mi.client.ExchangeOptions;
import dev.nvmemi.mi.client.MiTransport;
import dev.nvmemi.transport.mctp.jna.JnaSocketOps;
import dev.nvmemi.transport.mctp.jna.MctpConstants;
import dev.nvmemi.transport.mctp.jna.SocketOps;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An NVMe-MI endpoint reached through the kernel's AF_MCTP sockets: the endpoint constructor of the
 * seed ({@code nvme_mi_open_mctp}). Everything above it (MiEndpoint, MiController) is
 * transport-agnostic.
 *
 * <h2>Threads</h2>
 * {@link #exchange} never blocks its caller, which may be a Vert.x event loop: the blocking
 * {@code sendto}/{@code poll}/{@code recvfrom} run on the bounded, shared worker pool
 * {@value MctpTransportOptions#WORKER_POOL_NAME}. Before an exchange reaches a worker it takes its
 * endpoint's command-slot permit (one exchange per slot, CSI 0 and 1) and then a permit of its bus
 * lane (at most {@code bus.concurrency} exchanges per physical bus). The returned stage completes
 * on the caller's Vert.x context when there is one, else on a worker thread. The bus is looked up
 * once, on a worker, when the transport opens. {@link #close()} may be called from any thread.
 */
public final class MctpTransport implements MiTransport {
  private static final System.Logger LOG = System.getLogger(MctpTransport.class.getName());
  /** When to look again for quarantined sockets after an exchange failed: the key lifetime plus slack. */
  volatile long reapDelayMs = MctpConstants.KEY_LIFETIME_MS + 100;
  /** Longest time one task may hold a worker before Vert.x warns (a capped MPR wait fits). */
  static final long MAX_EXECUTE_SECONDS = 300;

  private final int network;
  private final int eid;
  private final String endpoint;
  private final MctpTransportOptions options;
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final WorkerExecutor executor;
  private final MctpRequester requester;
  private final CompletableFuture<String> bus;
  private final AsyncPermits[] slots = {new AsyncPermits(1), new AsyncPermits(1)};
  private final Set<CompletableFuture<byte[]>> pending = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  MctpTransport(int network, int eid, MctpTransportOptions options, Vertx vertx, boolean ownsVertx,
      SocketOps ops, MctpClock clock, Supplier<String> busResolver) {
    if (eid < 0 || eid > 0xFF) {
      throw new IllegalArgumentException("eid: " + eid + " (expected: 0..255)");
    }
    if (network < 0) {
      throw new IllegalArgumentException("network: " + Integer.toUnsignedString(network)
          + " (expected: 0..2147483647; 0 = the default network)");
    }
    this.network = network;
    this.eid = eid;
    this.endpoint = "mctp: net " + network + " eid " + eid;
    this.options = options;
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.executor = vertx.createSharedWorkerExecutor(MctpTransportOptions.WORKER_POOL_NAME,
        options.workerPoolSize(), MAX_EXECUTE_SECONDS, TimeUnit.SECONDS);
    this.requester = new MctpRequester(ops, clock, network, eid, endpoint, options.mprWaitCap());
    this.bus = executor.<String>executeBlocking(busResolver::get, false).toCompletionStage().toCompletableFuture();
  }

  /**
   * Opens the endpoint (network, EID) with default options and a Vert.x instance of its own (closed
   * with the transport). No system call happens here; the first exchange creates the socket, so a
   * kernel without MCTP is reported by that exchange (reason NOT_SUPPORTED).
   *
   * @param network MCTP network id; 0 = the default network
   * @param eid endpoint id 0–255
   */
  public static MctpTransport open(int network, int eid) {
    return open(network, eid, MctpTransportOptions.defaults());
  }

  /** Like {@link #open(int, int)} with the given options and a Vert.x instance of its own. */
  public static MctpTransport open(int network, int eid, MctpTransportOptions options) {
    Vertx own = Vertx.vertx();
    try {
      return create(network, eid, options, own, true);
    } catch (RuntimeException e) {
      own.close();
      throw e;
    }
  }

  /** Opens the endpoint on the caller's Vert.x instance (sharing its {@code mctp-io} pool). */
  public static MctpTransport open(int network, int eid, MctpTransportOptions options, Vertx vertx) {
    return create(network, eid, options, Objects.requireNonNull(vertx, "vertx"), false);
  }

  private static MctpTransport create(int network, int eid, MctpTransportOptions options, Vertx vertx,
      boolean owns) {
    MctpBusLookup lookup = MctpBusLookup.kernel(options.busOverrides());
    return new MctpTransport(network, eid, options, vertx, owns, JnaSocketOps.instance(), MctpClock.SYSTEM,
        () -> lookup.resolve(network, eid));
  }

  /** The MCTP network id as given to {@code open}. */
  public int network() {
    return network;
  }

  /** The endpoint id. */
  public int eid() {
    return eid;
  }

  /**
   * The physical bus this endpoint is scheduled on: an override, the interface of the kernel's
   * route (e.g. {@code mctpi2c3}), or {@code mctp-net<N>} when unknown.
   */
  public CompletionStage<String> bus() {
    return bus.minimalCompletionStage();
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
    AsyncPermits slot = slots[copy.length > 1 ? copy[1] & 1 : 0];
    slot.acquire().thenAccept(s -> bus.whenComplete((busName, busError) -> {
      if (busError != null || closed || result.isDone()) {
        slot.release();
        result.completeExceptionally(busError != null ? wrap(busError) : closedFailure(exchangeOptions.command()));
        return;
      }
      AsyncPermits lane = options.lanes().lane(busName, options.busConcurrency());
      lane.acquire().thenAccept(l -> {
        if (closed || result.isDone()) {
          lane.release();
          slot.release();
          result.completeExceptionally(closedFailure(exchangeOptions.command()));
          return;
        }
        executor.<byte[]>executeBlocking(() -> requester.exchange(copy, exchangeOptions, interim, () -> closed),
            false).onComplete(ar -> {
              lane.release();
              slot.release();
              if (ar.succeeded()) {
                result.complete(ar.result());
              } else {
                result.completeExceptionally(wrap(ar.cause()));
                scheduleReap();
              }
            });
      });
    }));
    return result.minimalCompletionStage();
  }

  /**
   * A failed exchange may have quarantined its socket; close it once the kernel key has expired even
   * when no further exchange comes to do it (the next exchange would reap it too).
   */
  private void scheduleReap() {
    if (closed) {
      return;
    }
    try {
      vertx.setTimer(reapDelayMs, id -> {
        if (!closed) {
          executor.executeBlocking(requester::reapExpired, false).onSuccess(remaining -> {
            if (remaining) {
              scheduleReap();
            }
          });
        }
      });
    } catch (RuntimeException e) {
      // Vert.x is closing: close() releases every socket anyway
      LOG.log(System.Logger.Level.DEBUG, "could not schedule the quarantine check [" + endpoint + "]", e);
    }
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
  int openSockets() {
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
    executor.close();
    if (ownsVertx) {
      vertx.close().onFailure(e -> LOG.log(System.Logger.Level.WARNING, "closing Vert.x failed", e));
    }
  }

  @Override
  public String toString() {
    return endpoint;
  }
}
