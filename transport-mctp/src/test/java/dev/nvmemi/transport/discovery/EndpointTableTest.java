package dev.nvmemi.transport.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EndpointTableTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static Vertx vertx;

  private final Context context = vertx.getOrCreateContext();
  private final EndpointTable table = new EndpointTable(context);

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static DiscoveredEndpoint ep(int eid, Connectivity c) {
    return new DiscoveredEndpoint(new EndpointKey(1, eid), null, null, c, "test");
  }

  private void onContext(Consumer<EndpointTable> action) throws Exception {
    CompletableFuture<Void> f = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        action.accept(table);
        f.complete(null);
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void derivesAppearedChangedAndVanishedAndNothingForNoChange() throws Exception {
    EventRecorder events = new EventRecorder(table.events(), context);
    onContext(t -> {
      t.upsert(ep(9, Connectivity.AVAILABLE));
      t.upsert(ep(9, Connectivity.AVAILABLE));
      t.upsert(ep(9, Connectivity.DEGRADED));
      t.remove(new EndpointKey(1, 9));
      t.remove(new EndpointKey(1, 9));
    });

    assertThat(events.next(3, WAIT)).containsExactly(
        new EndpointEvent.Appeared(ep(9, Connectivity.AVAILABLE)),
        new EndpointEvent.Changed(ep(9, Connectivity.AVAILABLE), ep(9, Connectivity.DEGRADED)),
        new EndpointEvent.Vanished(ep(9, Connectivity.DEGRADED)));
    events.close();
  }

  @Test
  void aNewSubscriberFirstGetsTheCurrentEndpointsInKeyOrder() throws Exception {
    onContext(t -> {
      t.upsert(ep(12, Connectivity.AVAILABLE));
      t.upsert(ep(9, Connectivity.DEGRADED));
    });

    EventRecorder events = new EventRecorder(table.events(), context);

    assertThat(events.next(2, WAIT)).containsExactly(
        new EndpointEvent.Appeared(ep(9, Connectivity.DEGRADED)),
        new EndpointEvent.Appeared(ep(12, Connectivity.AVAILABLE)));
    events.close();
  }

  @Test
  void refusesUseFromAnotherThread() {
    assertThatThrownBy(() -> table.upsert(ep(9, Connectivity.AVAILABLE)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected: its Vert.x context");
  }

  @Test
  void closingCompletesTheStream() throws Exception {
    onContext(t -> t.upsert(ep(9, Connectivity.AVAILABLE)));
    CompletableFuture<List<EndpointEvent>> all = table.events().toList().toCompletionStage().toCompletableFuture();

    onContext(EndpointTable::close);

    assertThat(all.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
        .containsExactly(new EndpointEvent.Appeared(ep(9, Connectivity.AVAILABLE)));
  }
}
