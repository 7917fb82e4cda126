package dev.nvmemi.transport.discovery;

import io.reactivex.rxjava3.core.BackpressureStrategy;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.FlowableEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The current endpoints of one discovery source, and the subscribers that follow them. Sources feed
 * it state ({@link #upsert}, {@link #remove}); it derives the events, so a source cannot report a
 * change that is not one, and every subscriber sees a consistent picture: the current endpoints as
 * {@link EndpointEvent.Appeared} (ordered by network, then EID), then every later event.
 *
 * <p>Confined to one Vert.x context: every method except {@link #events()} must be called on it
 * (checked). Events are emitted on that context, never on the caller's thread of another kind.
 */
public final class EndpointTable {
  private final Context context;
  private final TreeMap<EndpointKey, DiscoveredEndpoint> endpoints = new TreeMap<>();
  private final List<FlowableEmitter<EndpointEvent>> subscribers = new ArrayList<>();
  private boolean closed;

  /** A table confined to {@code context}. */
  public EndpointTable(Context context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  /** The context this table (and its events) belong to. */
  public Context context() {
    return context;
  }

  /**
   * The event stream: on subscription (on the context), the current endpoints as {@code appeared},
   * then live events; completes when the table is closed. May be subscribed from any thread;
   * backpressure buffers (the event rate is tiny).
   */
  public Flowable<EndpointEvent> events() {
    return Flowable.create(emitter -> context.runOnContext(v -> {
      if (emitter.isCancelled()) {
        return;
      }
      for (DiscoveredEndpoint e : endpoints.values()) {
        emitter.onNext(new EndpointEvent.Appeared(e));
      }
      if (closed) {
        emitter.onComplete();
        return;
      }
      subscribers.add(emitter);
      emitter.setCancellable(() -> context.runOnContext(x -> subscribers.remove(emitter)));
    }), BackpressureStrategy.BUFFER);
  }

  /** The current endpoints, ordered by network, then EID. */
  public List<DiscoveredEndpoint> current() {
    checkContext();
    return List.copyOf(endpoints.values());
  }

  /** The endpoint with that key, or {@code null}. */
  public DiscoveredEndpoint get(EndpointKey key) {
    checkContext();
    return endpoints.get(key);
  }

  /** A read-only view of the current endpoints (valid on the context only). */
  public Map<EndpointKey, DiscoveredEndpoint> view() {
    checkContext();
    return java.util.Collections.unmodifiableMap(endpoints);
  }

  /**
   * Records the endpoint's state: {@code appeared} if it is new, {@code changed} if anything
   * differs, nothing otherwise.
   */
  public void upsert(DiscoveredEndpoint endpoint) {
    checkContext();
    DiscoveredEndpoint previous = endpoints.put(endpoint.key(), endpoint);
    if (previous == null) {
      emit(new EndpointEvent.Appeared(endpoint));
    } else if (!previous.equals(endpoint)) {
      emit(new EndpointEvent.Changed(previous, endpoint));
    }
  }

  /** Removes the endpoint: {@code vanished} if it was known, nothing otherwise. */
  public void remove(EndpointKey key) {
    checkContext();
    DiscoveredEndpoint previous = endpoints.remove(key);
    if (previous != null) {
      emit(new EndpointEvent.Vanished(previous));
    }
  }

  /** Completes every subscriber; later subscribers get the current endpoints and completion. */
  public void close() {
    checkContext();
    closed = true;
    List<FlowableEmitter<EndpointEvent>> copy = List.copyOf(subscribers);
    subscribers.clear();
    copy.forEach(FlowableEmitter::onComplete);
  }

  private void emit(EndpointEvent event) {
    if (closed) {
      return;
    }
    for (FlowableEmitter<EndpointEvent> s : List.copyOf(subscribers)) {
      s.onNext(event);
    }
  }

  private void checkContext() {
    if (Vertx.currentContext() != context) {
      throw new IllegalStateException("endpoint table used from thread " + Thread.currentThread().getName()
          + " (expected: its Vert.x context " + context + ")");
    }
  }
}
