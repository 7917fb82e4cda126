package dev.nvmemi.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.time.VertxTimers;
import dev.nvmemi.agent.wire.SimulatedSocketOps;
import dev.nvmemi.testsupport.Await;
import dev.nvmemi.transport.discovery.BusEndpoint;
import dev.nvmemi.transport.discovery.EndpointKey;
import dev.nvmemi.transport.mctp.jna.Errno;
import dev.nvmemi.transport.mctp.jna.ErrnoException;
import dev.nvmemi.transport.mctp.jna.MctpAddress;
import dev.nvmemi.transport.mctp.jna.SocketOps;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link MctpDiscoverySource} says about receiving a network's AEMs when its receiver's bind
 * fails or works (the syscalls faked through the {@link SocketOps} seam): the reason names the errno
 * and what it means, and a failed bind is tried again when asked next.
 */
class MctpAemReceptionTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final Vertx vertx = Vertx.vertx();
  /** The bind outcomes, in order: an errno, or 0 for success (the last one repeats). */
  private final Deque<Integer> binds = new ArrayDeque<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The simulated syscalls, their bind answering from {@link #binds}. */
  private SocketOps ops() {
    SocketOps inner = new SimulatedSocketOps(List.of(), 0);
    return new SocketOps() {
      @Override
      public int socket() throws ErrnoException {
        return inner.socket();
      }

      @Override
      public int sendTo(int fd, byte[] buf, int len, MctpAddress dest) throws ErrnoException {
        return inner.sendTo(fd, buf, len, dest);
      }

      @Override
      public int poll(int fd, int timeoutMs) throws ErrnoException {
        return inner.poll(fd, timeoutMs);
      }

      @Override
      public Received recvFrom(int fd, byte[] buf, int flags) throws ErrnoException {
        return inner.recvFrom(fd, buf, flags);
      }

      @Override
      public int allocTag(int fd, int network, int peer, boolean netAware) throws ErrnoException {
        return inner.allocTag(fd, network, peer, netAware);
      }

      @Override
      public void dropTag(int fd, int network, int peer, int tag, boolean netAware) throws ErrnoException {
        inner.dropTag(fd, network, peer, tag, netAware);
      }

      @Override
      public void bind(int fd, MctpAddress local) throws ErrnoException {
        int errno;
        synchronized (binds) {
          errno = binds.size() > 1 ? binds.poll() : binds.peek();
        }
        if (errno != 0) {
          throw new ErrnoException("bind", errno);
        }
        inner.bind(fd, local);
      }

      @Override
      public void close(int fd) throws ErrnoException {
        inner.close(fd);
      }
    };
  }

  /** A started static source (endpoint 1:9) with AEM routing attached, and its context. */
  private record Started(MctpDiscoverySource source, Context context) {
    <T> T on(Supplier<CompletionStage<T>> call) {
      CompletableFuture<T> out = new CompletableFuture<>();
      context.runOnContext(v -> call.get().whenComplete((r, e) -> {
        if (e != null) {
          out.completeExceptionally(e);
        } else {
          out.complete(r);
        }
      }));
      return Await.done("the call on the agent context", WAIT, out);
    }
  }

  private Started start() {
    AgentConfig config = ConfigLoader.build(Map.of("discovery.mode", "static", "discovery.static", "1:9@mctpi2c3"));
    MctpDiscoverySource source = MctpDiscoverySource.fixed(config, ops());
    source.unsolicited((net, eid, msg) -> { }, (net, eid) -> true, new UnsolicitedDrops() {
      @Override
      public void dropped(String reason) { }

      @Override
      public void external(String reason, java.util.function.LongSupplier count) { }
    });
    Context ctx = vertx.getOrCreateContext();
    Started s = new Started(source, ctx);
    s.on(() -> source.start(new VertxTimers(vertx, ctx), new EndpointSource.Listener() {
      @Override
      public void appeared(BusEndpoint key) { }

      @Override
      public void vanished(EndpointKey key) { }
    }));
    return s;
  }

  @Test
  void aBindWithoutCapNetBindServiceIsAFailureNamingTheMissingCapability() {
    binds.add(Errno.EACCES);
    Started s = start();
    try {
      AemReception r = s.on(() -> s.source().aemReception(1));
      assertThat(r).isEqualTo(AemReception.failed(
          "EACCES: CAP_NET_BIND_SERVICE missing (see README, Asynchronous Event Messages)"));
    } finally {
      s.source().close();
    }
  }

  @Test
  void aBindAnotherProcessHoldsIsAFailureNamingIt() {
    binds.add(Errno.EADDRINUSE);
    Started s = start();
    try {
      assertThat(s.on(() -> s.source().aemReception(1)).reason())
          .isEqualTo("EADDRINUSE: another process receives NVMe-MI requests on this MCTP network");
    } finally {
      s.source().close();
    }
  }

  @Test
  void aWorkingBindIsReceiving() {
    binds.add(0);
    Started s = start();
    try {
      assertThat(s.on(() -> s.source().aemReception(1))).isEqualTo(AemReception.RECEIVING);
    } finally {
      s.source().close();
    }
  }

  @Test
  void aFailedBindIsTriedAgainWhenAskedSoALaterAnswerIsReceiving() {
    binds.add(Errno.EADDRINUSE);
    binds.add(0); // the other process gave the socket up
    Started s = start();
    try {
      assertThat(s.on(() -> s.source().aemReception(1)).receiving()).isFalse(); // the first bind
      assertThat(s.on(() -> s.source().aemReception(1)).receiving())
          .as("this caller still gets the failure; the retry starts now").isFalse();
      assertThat(s.on(() -> s.source().aemReception(1))).isEqualTo(AemReception.RECEIVING);
    } finally {
      s.source().close();
    }
  }
}
