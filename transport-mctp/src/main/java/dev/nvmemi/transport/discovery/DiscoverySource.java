package dev.nvmemi.transport.discovery;

import io.reactivex.rxjava3.core.Flowable;
import io.vertx.core.Future;
import java.util.List;

/**
 * A source of MCTP endpoints: mctpd over D-Bus ({@code dev.nvmemi.transport.mctp.dbus.MctpdDiscovery})
 * or a static list ({@link StaticDiscoverySource}).
 *
 * <p>Contract, for every implementation:
 * <ul>
 *   <li>{@link #events()} is delivered on the source's Vert.x context (an event loop), never on a
 *       library thread; each subscriber first receives the current endpoints as {@code appeared}.</li>
 *   <li>{@link #start()} completes once the first look at the source is done, so that
 *       {@link #endpoints()} is meaningful; it fails when that first look failed (the source may go
 *       on retrying in the background, as documented by the implementation).</li>
 *   <li>{@link #close()} is idempotent and completes the event stream.</li>
 * </ul>
 * Thread-safety: the methods may be called from any thread; results complete on the context.
 */
public interface DiscoverySource extends AutoCloseable {
  /** The name used in events' {@code source} field ("mctpd", "static"). */
  String name();

  /** Starts the source; see the interface documentation for when the future completes. */
  Future<Void> start();

  /** The endpoint events; see the interface documentation. */
  Flowable<EndpointEvent> events();

  /** The current endpoints, ordered by network, then EID (completes on the context). */
  Future<List<DiscoveredEndpoint>> endpoints();

  /** Stops the source and completes the event stream. Idempotent. */
  Future<Void> shutdown();

  /** {@link #shutdown()} without waiting. */
  @Override
  default void close() {
    shutdown();
  }
}
