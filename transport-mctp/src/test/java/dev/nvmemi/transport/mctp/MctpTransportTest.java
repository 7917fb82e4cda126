package dev.nvmemi.transport.mctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.LastErrorException;
import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.MiTransportException.Reason;
import dev.nvmemi.mi.client.ExchangeOptions;
import dev.nvmemi.transport.mctp.FakeSocketOps.Reply;
import dev.nvmemi.transport.mctp.jna.ErrnoException;
import dev.nvmemi.transport.mctp.jna.LibC;
import dev.nvmemi.transport.mctp.jna.MctpAddress;
import dev.nvmemi.transport.mctp.jna.MctpConstants;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MctpTransportTest {
  private final Vertx vertx = Vertx.vertx();
  private final FakeClock clock = new FakeClock();
  private final List<MctpTransport> opened = new ArrayList<>();

  /** Counts exchanges between send and final receive, and holds each send a little in real time. */
  static final class ProbeOps extends FakeSocketOps {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    volatile long holdMs = 20;
    volatile long pollRealMs;

    ProbeOps(FakeClock clock) {
      super(clock);
      responder = (s, n) -> List.of(new Reply(1, Msgs.payload(Msgs.success(s.payload()[0] & 1)),
          FakeSocketOps.replyFrom(s.dest())));
    }

    @Override
    public int sendTo(int fd, byte[] buf, int len, MctpAddress dest) throws ErrnoException {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      sleep(holdMs);
      return super.sendTo(fd, buf, len, dest);
    }

    @Override
    public int poll(int fd, int timeoutMs) throws ErrnoException {
      sleep(pollRealMs);
      return super.poll(fd, timeoutMs);
    }

    @Override
    public Received recvFrom(int fd, byte[] buf, int flags) throws ErrnoException {
      Received r = super.recvFrom(fd, buf, flags);
      inFlight.decrementAndGet();
      return r;
    }

    private static void sleep(long ms) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private MctpTransport transport(FakeSocketOps ops, int eid, String bus, MctpTransportOptions options) {
    MctpTransport t = new MctpTransport(1, eid, options, vertx, false, ops, clock, () -> bus);
    opened.add(t);
    return t;
  }

  private static MctpTransportOptions lanes(int concurrency) {
    return MctpTransportOptions.defaults().withLanes(new MctpBusLanes()).withBusConcurrency(concurrency);
  }

  private static byte[] await(CompletionStage<byte[]> s) throws Exception {
    try {
      return s.toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    opened.forEach(MctpTransport::close);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void runsTheExchangeOnAnMctpIoWorkerAndNeverOnTheCallersThread() throws Exception {
    FakeSocketOps ops = new FakeSocketOps(clock) {
      @Override
      public int socket() throws ErrnoException {
        calls.add("thread:" + Thread.currentThread().getName());
        return super.socket();
      }
    };
    ops.responder = (s, n) -> List.of(new Reply(1, Msgs.payload(Msgs.success(0)), FakeSocketOps.replyFrom(s.dest())));
    MctpTransport t = transport(ops, 9, "mctpi2c1", lanes(1));

    assertThat(await(t.exchange(Msgs.healthPoll(0), ExchangeOptions.defaults("poll")))).isEqualTo(Msgs.success(0));
    assertThat(ops.calls).anyMatch(c -> c.startsWith("thread:mctp-io"));
  }

  @Test
  void neverRunsMoreThanBusConcurrencyExchangesOnOneBus() throws Exception {
    ProbeOps ops = new ProbeOps(clock);
    MctpTransportOptions o = lanes(1);
    List<MctpTransport> ts = List.of(transport(ops, 9, "mctpi2c1", o), transport(ops, 10, "mctpi2c1", o),
        transport(ops, 11, "mctpi2c1", o));
    List<CompletableFuture<byte[]>> all = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      for (MctpTransport t : ts) {
        all.add(t.exchange(Msgs.healthPoll(i & 1), ExchangeOptions.defaults("poll")).toCompletableFuture());
      }
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    assertThat(ops.maxInFlight.get()).isEqualTo(1);
    assertThat(ops.sent).hasSize(12);
  }

  @Test
  void runsExchangesOnDifferentBusesOrUpToTheConcurrencyInParallel() throws Exception {
    ProbeOps ops = new ProbeOps(clock);
    ops.holdMs = 200;
    MctpTransportOptions o = lanes(2);
    List<CompletableFuture<byte[]>> all = new ArrayList<>();
    for (MctpTransport t : List.of(transport(ops, 9, "mctpi2c1", o), transport(ops, 10, "mctpi2c1", o),
        transport(ops, 11, "mctpi2c1", o))) {
      all.add(t.exchange(Msgs.healthPoll(0), ExchangeOptions.defaults("poll")).toCompletableFuture());
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    assertThat(ops.maxInFlight.get()).isEqualTo(2);
  }

  @Test
  void keepsOneExchangeInFlightPerCommandSlot() throws Exception {
    ProbeOps ops = new ProbeOps(clock);
    ops.holdMs = 100;
    MctpTransport t = transport(ops, 9, "mctpi2c1", lanes(4));
    List<CompletableFuture<byte[]>> slot0 = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      slot0.add(t.exchange(Msgs.healthPoll(0), ExchangeOptions.defaults("poll")).toCompletableFuture());
    }
    CompletableFuture.allOf(slot0.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    assertThat(ops.maxInFlight.get()).isEqualTo(1);

    CompletableFuture.allOf(t.exchange(Msgs.healthPoll(0), ExchangeOptions.defaults("a")).toCompletableFuture(),
        t.exchange(Msgs.healthPoll(1), ExchangeOptions.defaults("b")).toCompletableFuture()).get(20, TimeUnit.SECONDS);
    assertThat(ops.maxInFlight.get()).isEqualTo(2);
  }

  @Test
  void closeFailsInFlightAndQueuedExchangesWithClosedAndReleasesTheSockets() throws Exception {
    ProbeOps ops = new ProbeOps(clock);
    ops.responder = (s, n) -> List.of(); // silent
    ops.holdMs = 0;
    ops.pollRealMs = 5;
    MctpTransport t = transport(ops, 9, "mctpi2c1", lanes(1));
    ExchangeOptions hour = ExchangeOptions.defaults("poll").withTimeout(Duration.ofHours(1));
    CompletableFuture<byte[]> inFlight = t.exchange(Msgs.healthPoll(0), hour).toCompletableFuture();
    CompletableFuture<byte[]> queued = t.exchange(Msgs.healthPoll(0), hour).toCompletableFuture();
    while (ops.sent.isEmpty()) {
      Thread.sleep(5);
    }

    t.close();

    for (CompletableFuture<byte[]> f : List.of(inFlight, queued)) {
      assertThatThrownBy(() -> await(f)).isInstanceOfSatisfying(MiTransportException.class,
          e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (t.openSockets() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(t.openSockets()).isZero();
    assertThat(ops.openFds).isEmpty();
    assertThat(ops.sent).hasSize(1);
  }

  @Test
  void closesAQuarantinedSocketAfterTheKeyLifetimeWithoutAnotherExchange() throws Exception {
    FakeSocketOps ops = new FakeSocketOps(clock); // silent endpoint
    MctpTransport t = transport(ops, 9, "mctpi2c1", lanes(1));
    t.reapDelayMs = 50;
    assertThatThrownBy(() -> await(t.exchange(Msgs.healthPoll(0), ExchangeOptions.defaults("poll"))))
        .isInstanceOf(MiTransportException.class);
    assertThat(t.openSockets()).isEqualTo(1);

    clock.advance(MctpConstants.KEY_LIFETIME_MS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (t.openSockets() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertThat(t.openSockets()).isZero();
    assertThat(ops.openFds).isEmpty();
    assertThat(ops.tagsInUse).isEmpty();
  }

  @Test
  void failsExchangesAfterCloseWithoutTouchingTheKernel() {
    FakeSocketOps ops = new FakeSocketOps(clock);
    MctpTransport t = transport(ops, 9, "mctpi2c1", lanes(1));
    t.close();
    t.close(); // idempotent

    assertThatThrownBy(() -> await(t.exchange(Msgs.healthPoll(0), ExchangeOptions.defaults("poll"))))
        .isInstanceOfSatisfying(MiTransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED))
        .hasMessage("transport closed before the response to poll [mctp: net 1 eid 9]");
    assertThat(ops.calls).isEmpty();
  }

  @Test
  void reportsTheBusItSchedulesOn() throws Exception {
    MctpTransport t = transport(new FakeSocketOps(clock), 9, "mctpi2c3", lanes(1));

    assertThat(t.bus().toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("mctpi2c3");
    assertThat(t.describe()).isEqualTo("mctp: net 1 eid 9");
  }

  @Test
  void takesTheBusFromAConfiguredOverrideBeforeTheKernelRoutes() {
    MctpBusLookup lookup = new MctpBusLookup(Map.of("1:9", "smbus-backplane"), () -> {
      throw new ErrnoException("socket(AF_NETLINK)", 97);
    });

    assertThat(lookup.resolve(1, 9)).isEqualTo("smbus-backplane");
    assertThat(lookup.resolve(1, 10)).isEqualTo("mctp-net1");
  }

  @Test
  void rejectsAnEidOutsideOneByte() {
    assertThatThrownBy(() -> transport(new FakeSocketOps(clock), 256, "b", lanes(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("eid: 256 (expected: 0..255)");
  }

  @Test
  void leavesNoFileDescriptorOpenAfterTimeoutsAndClose() throws Exception {
    FakeSocketOps real = new FakeSocketOps(clock) {
      @Override
      int openRealOrFake() throws ErrnoException {
        try {
          return LibC.get().socket(MctpConstants.AF_UNIX, MctpConstants.SOCK_DGRAM | MctpConstants.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
          throw new ErrnoException("socket(AF_UNIX)", e.getErrorCode());
        }
      }

      @Override
      void closeRealOrFake(int fd) throws ErrnoException {
        try {
          LibC.get().close(fd);
        } catch (LastErrorException e) {
          throw new ErrnoException("close", e.getErrorCode());
        }
      }
    };
    real.responder = (s, n) -> n % 3 == 0 ? List.of()
        : List.of(new Reply(1, Msgs.payload(Msgs.success(s.payload()[0] & 1)), FakeSocketOps.replyFrom(s.dest())));
    // one round first, so that lazily opened JVM/Vert.x/JNA descriptors (jar files, selectors) are not counted
    exerciseAndClose(real);
    long before = openFds();

    exerciseAndClose(real);

    assertThat(openFds()).isEqualTo(before);
    assertThat(real.openFds).isEmpty();
  }

  private void exerciseAndClose(FakeSocketOps ops) throws Exception {
    MctpTransport t = transport(ops, 9, "mctpi2c1", lanes(1));
    long start = openFds();
    for (int i = 0; i < 12; i++) {
      try {
        await(t.exchange(Msgs.healthPoll(i & 1), ExchangeOptions.defaults("poll").withTimeout(Duration.ofMillis(200))));
      } catch (MiTransportException e) {
        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
      }
    }
    assertThat(openFds()).as("quarantined sockets are real descriptors").isGreaterThan(start);
    t.close();
  }

  static long openFds() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count() - 1; // the directory stream itself
    }
  }
}
