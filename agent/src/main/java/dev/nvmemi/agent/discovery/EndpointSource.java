package dev.nvmemi.agent.discovery;

import dev.nvmemi.mi.client.UnsolicitedListener;
import java.util.function.BiPredicate;

import dev.nvmemi.transport.discovery.BusEndpoint;
import dev.nvmemi.transport.discovery.EndpointKey;
import dev.nvmemi.agent.time.Timers;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A source of management endpoints and the constructor of their clients (design §2: everything is
 * transport-agnostic except the endpoint constructors).
 *
 * <p>{@link Listener} calls happen on the agent context ({@link Timers#execute}).
 */
public interface EndpointSource extends AutoCloseable {

  /** Name for logs and {@code /status} ({@code mctpd}, {@code static}, {@code simulate}). */
  String name();

  /**
   * Starts delivering endpoints; the stage completes when the initial set has been delivered
   * (or fails when the source cannot connect).
   */
  CompletionStage<Void> start(Timers context, Listener listener);

  /** Whether the source is connected (readiness). */
  boolean connected();

  /** Why the source is not connected, for logs and {@code /status} (e.g. the bus address tried), or empty. */
  default String problem() {
    return connected() ? "" : name() + " is not connected";
  }

  /**
   * The clients of a source whose endpoints live in this process (the simulated fleet); empty for
   * sources of real endpoints, whose clients the pipeline builds over AF_MCTP
   * ({@code dev.nvmemi.agent.pipeline.MctpClients}).
   */
  default Optional<ClientFactory> inProcessClients() {
    return Optional.empty();
  }

  /**
   * Starts handing the unsolicited messages (Asynchronous Event Messages) of this source's
   * endpoints to {@code listener}, with their source; {@code known} filters sources on the
   * receiving side (not a managed endpoint: counted in {@code stats} and dropped). The listener is
   * called on a receiving thread and must hand the message on without blocking. Close the handle
   * to stop; {@link #close()} stops it too.
   *
   * <p>The default receives nothing: a source whose endpoints cannot send unasked.
   */
  default AutoCloseable unsolicited(UnsolicitedListener listener, BiPredicate<Long, Integer> known, UnsolicitedDrops stats) {
    return () -> { };
  }

  /**
   * Whether the AEMs of endpoints on MCTP {@code network} reach the agent; the stage completes once
   * that is known (a receiver may still be binding) and completes on the agent context or at once.
   * The agent enables AEMs on a drive only when they do: enabling takes the drive's one AEM
   * destination away from any other manager. Called on the agent context after
   * {@link #unsolicited} (only with {@code events.aem}).
   *
   * <p>The default: receiving, for sources whose AEMs arrive in-process (the simulated fleet) or
   * that have no receiver to fail.
   */
  default CompletionStage<AemReception> aemReception(long network) {
    return CompletableFuture.completedFuture(AemReception.RECEIVING);
  }

  /**
   * The pipeline's AF_MCTP I/O (its syscall seam and clock), given before {@link #start} to a
   * source of real endpoints: sockets the source opens itself (the AEM receivers) go through it too.
   * The default ignores it.
   */
  default void mctpIo(dev.nvmemi.transport.mctp.MctpIo io) {
  }

  /** Stops delivering and releases resources. Idempotent. */
  @Override
  void close();

  /** Receives endpoints; called on the agent context. */
  interface Listener {
    void appeared(BusEndpoint key);

    void vanished(EndpointKey key);

    /**
     * The endpoint's connectivity changed (mctpd {@code Connectivity}): {@code degraded} while
     * mctpd recovers it ({@code Degraded}), false when it is {@code Available} again.
     */
    default void connectivity(EndpointKey key, boolean degraded) { }
  }
}
