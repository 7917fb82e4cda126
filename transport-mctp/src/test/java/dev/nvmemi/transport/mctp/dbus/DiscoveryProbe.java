package dev.nvmemi.transport.mctp.dbus;

import dev.nvmemi.transport.discovery.EndpointEvent;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link MctpdDiscovery} alone in a child JVM and prints each event as one line on stdout
 * ({@code MctpdDiscoveryTest.describe} format): a process that, like the agent, never constructs
 * D-Bus signal objects itself. Used by {@link SeparateProcessDiscoveryTest}.
 *
 * <p>Test fixture; main thread waits, events print on the event loop.
 */
final class DiscoveryProbe {
  private DiscoveryProbe() {}

  public static void main(String[] args) throws InterruptedException {
    Vertx vertx = Vertx.vertx();
    MctpdDiscovery d = new MctpdDiscovery(vertx.getOrCreateContext(),
        MctpdDiscoveryOptions.defaults(args[0]).withGrace(Duration.ofMillis(300))
            .withReconnect(Duration.ofMillis(50), Duration.ofMillis(400)));
    d.events().subscribe(e -> {
      System.out.println(MctpdDiscoveryTest.describe(List.<EndpointEvent>of(e)).get(0));
      System.out.flush();
    }, t -> System.out.println("error " + t));
    d.start().onComplete(r -> {
      System.out.println("started " + (r.succeeded() ? "ok" : r.cause().getMessage()));
      System.out.flush();
    });
    new CountDownLatch(1).await(); // until the test destroys the process
  }
}
