package dev.nvmemi.transport.discovery;

import io.reactivex.rxjava3.core.Flowable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Objects;

/**
 * Endpoints from configuration ({@code discovery.static}: a list of {@code net:eid[@bus]}), for hosts
 * without mctpd. They appear at {@link #start()} as {@link Connectivity#AVAILABLE} (assumed: whether
 * a drive answers is the poller's business) and never change or vanish.
 *
 * <p>State is confined to the given Vert.x context; the methods may be called from any thread.
 */
public final class StaticDiscoverySource implements DiscoverySource {
  /** The {@code source} value of this source's events. */
  public static final String NAME = "static";

  private final EndpointTable table;
  private final List<StaticEndpoint> configured;

  /** A source for {@code endpoints}, delivering on {@code context}. */
  public StaticDiscoverySource(Context context, List<StaticEndpoint> endpoints) {
    this.table = new EndpointTable(context);
    this.configured = List.copyOf(Objects.requireNonNull(endpoints, "endpoints"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<Void> start() {
    Promise<Void> p = Promise.promise();
    table.context().runOnContext(v -> {
      for (StaticEndpoint e : configured) {
        table.upsert(new DiscoveredEndpoint(e.key(), e.bus(), null, Connectivity.AVAILABLE, NAME));
      }
      p.complete();
    });
    return p.future();
  }

  @Override
  public Flowable<EndpointEvent> events() {
    return table.events();
  }

  @Override
  public Future<List<DiscoveredEndpoint>> endpoints() {
    Promise<List<DiscoveredEndpoint>> p = Promise.promise();
    table.context().runOnContext(v -> p.complete(table.current()));
    return p.future();
  }

  @Override
  public Future<Void> shutdown() {
    Promise<Void> p = Promise.promise();
    table.context().runOnContext(v -> {
      table.close();
      p.complete();
    });
    return p.future();
  }
}
