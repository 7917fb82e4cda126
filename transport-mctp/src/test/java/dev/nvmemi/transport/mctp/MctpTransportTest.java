package dev.nvmemi.transport.mctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.LastErrorException;
import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.MiTransportException.Reason;
import dev.nvmemi.mi.client.ExchangeOptions;
import dev.nvmemi.transport.discovery.BusEndpoint;
import dev.nvmemi.transport.discovery.BusId;
import dev.nvmemi.transport.mctp.FakeSocketOps.Reply;
import dev.nvmemi.transport.mctp.jna.Errno;
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
import java.util.concurrent.ConcurrentHashMap;
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

  /**
   * Counts exchanges between send and final receive, and can hold them on explicit gates instead
   * of real-time sleeps: each send until {@code holdSendsUntil} exchanges are in flight at once (or
   * {@link #releaseSends()}), and the polls of the endpoints {@code holdPolls} selects until
   * {@link #releasePolls()} (a silent drive whose virtual timeout must not run out meanwhile).
   */
  static final class ProbeOps extends FakeSocketOps {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    private final Object gate = new Object();
    private final Map<Integer, Integer> peerOfFd = new ConcurrentHashMap<>();
    private int holdSendsUntil;
    private java.util.function.IntPredicate holdPolls = eid -> false;

    ProbeOps(FakeClock clock) {
      super(clock);
      responder = (s, n) -> List.of(new Reply(1, Msgs.payload(Msgs.success(s.payload()[0] & 1)),
          FakeSocketOps.replyFrom(s.dest())));
    }

    /** Holds every send until {@code n} exchanges are in flight together (then lets them all go). */
    void holdSendsUntil(int n) {
      synchronized (gate) {
        holdSendsUntil = n;
        gate.notifyAll();
      }
    }

    void releaseSends() {
      holdSendsUntil(0);
    }

    /** Holds the polls of the endpoints {@code eids} selects (nothing arrives for them meanwhile). */
    void holdPolls(java.util.function.IntPredicate eids) {
      synchronized (gate) {
        holdPolls = eids;
        gate.notifyAll();
      }
    }

    void releasePolls() {
      holdPolls(eid -> false);
    }

    @Override
    public int sendTo(int fd, byte[] buf, int len, MctpAddress dest) throws ErrnoException {
      peerOfFd.put(fd, dest.eid());
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      synchronized (gate) {
        if (now >= holdSendsUntil) {
          holdSendsUntil = 0; // reached: the gate stays open for the sends held so far
        }
        gate.notifyAll();
        waitOnGate(() -> holdSendsUntil == 0);
      }
      return super.sendTo(fd, buf, len, dest);
    }

    @Override
    public int poll(int fd, int timeoutMs) throws ErrnoException {
      Integer peer = peerOfFd.get(fd);
      synchronized (gate) {
        waitOnGate(() -> peer == null || !holdPolls.test(peer) || !openFds.contains(fd));
      }
      return super.poll(fd, timeoutMs);
    }

    @Override
    public Received recvFrom(int fd, byte[] buf, int flags) throws ErrnoException {
      Received r = super.recvFrom(fd, buf, flags);
      inFlight.decrementAndGet();
      return r;
    }

    @Override
    public synchronized void close(int fd) throws ErrnoException {
      super.close(fd);
      synchronized (gate) {
        gate.notifyAll();
      }
    }

    /** Waits on the gate (notified by every change) until {@code open}; at most 20 s. */
    private void waitOnGate(java.util.function.BooleanSupplier open) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      try {
        while (!open.getAsBoolean() && System.nanoTime() < deadline) {
          gate.wait(50);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private final List<MctpIo> ios = new ArrayList<>();

  private MctpTransport transport(FakeSocketOps ops, int eid, String bus) {
    return transport(io(ops), eid, bus);
  }

  private MctpIo io(FakeSocketOps ops) {
    MctpIo io = new MctpIo(ops, clock, Duration.ofMillis(100));
    ios.add(io);
    return io;
  }

  private MctpTransport transport(MctpIo io, int eid, String bus) {
    MctpTransport t = MctpTransport.open(BusEndpoint.of(1, eid, bus), io);
    opened.add(t);
    return t;
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
    ios.forEach(MctpIo::close);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void runsTheExchangeOnAnIoThreadOfItsBusAndNeverOnTheCallersThread() throws Exception {
    FakeSocketOps ops = new FakeSocketOps(clock) {
      @Override
      public int socket() throws ErrnoException {
        calls.add("thread:" + Thread.currentThread().getName());
        return super.socket();
      }
    };
    ops.responder = (s, n) -> List.of(new Reply(1, Msgs.payload(Msgs.success(0)), FakeSocketOps.replyFrom(s.dest())));
    MctpTransport t = transport(ops, 9, "mctpi2c1");

    assertThat(await(t.exchange(Msgs.healthPoll(0), ExchangeOptions.defaults("poll")))).isEqualTo(Msgs.success(0));
    assertThat(ops.calls).anyMatch(c -> c.startsWith("thread:mctp-io-mctpi2c1-"));
  }

  @Test
  void runsEveryExchangeItIsGivenAtOnceWithoutQueueingThem() throws Exception {
    // admission is the scheduler's: three endpoints handed over together are three exchanges in flight
    ProbeOps ops = new ProbeOps(clock);
    ops.holdSendsUntil(3); // each send waits until all three are in flight: they must be, at once
    MctpIo io = io(ops);
    List<CompletableFuture<byte[]>> all = new ArrayList<>();
    for (int eid : new int[] {9, 10, 11}) {
      all.add(transport(io, eid, "mctpi2c1").exchange(Msgs.healthPoll(0), ExchangeOptions.defaults("poll"))
          .toCompletableFuture());
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    assertThat(ops.maxInFlight.get()).isEqualTo(3);
  }

  @Test
  void reusingABusyCommandSlotIsReportedAsAProgrammingErrorNotQueued() throws Exception {
    ProbeOps ops = new ProbeOps(clock);
    ops.holdSendsUntil(Integer.MAX_VALUE); // the first exchange stays in flight until released
    MctpTransport t = transport(ops, 9, "mctpi2c1");
    CompletableFuture<byte[]> first = t.exchange(Msgs.healthPoll(0), ExchangeOptions.defaults("a")).toCompletableFuture();
    ops.awaitUntil("the first exchange is in flight", () -> ops.inFlight.get() == 1);

    assertThatThrownBy(() -> await(t.exchange(Msgs.healthPoll(0), ExchangeOptions.defaults("b"))))
        .isInstanceOfSatisfying(MiTransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.IO))
        .hasMessageContaining("command slot 0 already has an exchange in flight");
    ops.releaseSends();
    assertThat(await(first)).isEqualTo(Msgs.success(0));
    ops.holdSendsUntil(2);
    // the other slot is another command slot: it may run beside it
    CompletableFuture.allOf(t.exchange(Msgs.healthPoll(0), ExchangeOptions.defaults("a")).toCompletableFuture(),
        t.exchange(Msgs.healthPoll(1), ExchangeOptions.defaults("b")).toCompletableFuture()).get(20, TimeUnit.SECONDS);
    assertThat(ops.maxInFlight.get()).isEqualTo(2);
  }

  @Test
  void aSilentEndpointHoldsOnlyAThreadOfItsOwnBus() throws Exception {
    // bus A's drive never answers (1 h timeout); bus B's exchange is not held up by it
    ProbeOps ops = new ProbeOps(clock);
    ops.holdPolls(eid -> eid == 9); // bus A's drive: nothing arrives, and its virtual hour does not run out
    ops.responder = (s, n) -> s.dest().eid() == 9 ? List.of()
        : List.of(new Reply(1, Msgs.payload(Msgs.success(0)), FakeSocketOps.replyFrom(s.dest())));
    MctpIo io = io(ops);
    ExchangeOptions hour = ExchangeOptions.defaults("poll").withTimeout(Duration.ofHours(1));
    CompletableFuture<byte[]> dead = transport(io, 9, "busA").exchange(Msgs.healthPoll(0), hour).toCompletableFuture();

    assertThat(await(transport(io, 10, "busB").exchange(Msgs.healthPoll(0), ExchangeOptions.defaults("poll"))))
        .isEqualTo(Msgs.success(0));
    assertThat(dead).isNotDone();
    assertThat(io.buses()).isEqualTo(2);
    ops.releasePolls();
  }

  @Test
  void theIoThreadsStayFlatOverTenThousandFailingExchanges() throws Exception {
    // a drive that never answers, on each of two buses, failing 10 000 times (virtual time)
    FakeSocketOps ops = new FakeSocketOps(clock);
    MctpIo io = io(ops);
    MctpTransport a = transport(io, 9, "busA");
    MctpTransport b = transport(io, 10, "busB");
    ExchangeOptions fast = ExchangeOptions.defaults("poll").withTimeout(Duration.ofMillis(400));
    int threadsBefore = Thread.activeCount();
    int maxIoThreads = 0;
    for (int i = 0; i < 5_000; i++) {
      for (MctpTransport t : List.of(a, b)) {
        assertThatThrownBy(() -> await(t.exchange(Msgs.healthPoll(0), fast)))
            .isInstanceOfSatisfying(MiTransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
      }
      maxIoThreads = Math.max(maxIoThreads, io.ioThreads());
    }

    // one thread per exchange in flight on each bus, plus a thread that had just answered and was on
    // its way back to the pool when the next exchange was handed over (idle ones end after 100 ms):
    // a leak would be one per failed exchange, thousands here
    assertThat(maxIoThreads).isLessThanOrEqualTo(8);
    assertThat(Thread.activeCount() - threadsBefore).isLessThanOrEqualTo(8);
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("mctp-io-busA-") || t.getName().startsWith("mctp-io-busB-")) {
        t.join(TimeUnit.SECONDS.toMillis(10)); // idle I/O threads end after 100 ms
      }
    }
    assertThat(io.ioThreads()).as("idle I/O threads end").isZero();
    // quarantined sockets are closed once their key expires (6 s): at most the last 6 s worth remain
    clock.advance(MctpConstants.KEY_LIFETIME_MS);
    a.close();
    b.close();
    assertThat(ops.openFds).isEmpty();
    assertThat(ops.tagsInUse).isEmpty();
    assertThat(a.openSockets() + b.openSockets()).isZero();
  }

  @Test
  void unreachableRoutesAreCountedAsUnreachableOnTheirEndpointOnly() throws Exception {
    FakeSocketOps ops = new FakeSocketOps(clock) {
      @Override
      public int sendTo(int fd, byte[] buf, int len, MctpAddress dest) throws ErrnoException {
        if (dest.eid() == 9) {
          throw new ErrnoException("sendto", Errno.EHOSTUNREACH);
        }
        if (dest.eid() == 11) {
          throw new ErrnoException("sendto", Errno.ENETUNREACH);
        }
        return super.sendTo(fd, buf, len, dest);
      }
    };
    ops.responder = (s, n) -> List.of(new Reply(1, Msgs.payload(Msgs.success(0)), FakeSocketOps.replyFrom(s.dest())));
    MctpIo io = io(ops);

    for (int eid : new int[] {9, 11}) {
      assertThatThrownBy(() -> await(transport(io, eid, "mctpi2c1").exchange(Msgs.healthPoll(0),
          ExchangeOptions.defaults("poll"))))
          .isInstanceOfSatisfying(MiTransportException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
            assertThat(e.errorType()).isEqualTo("unreachable");
          });
    }
    assertThat(await(transport(io, 10, "mctpi2c1").exchange(Msgs.healthPoll(0), ExchangeOptions.defaults("poll"))))
        .isEqualTo(Msgs.success(0));
    assertThat(ops.tagsInUse).isEmpty();
  }

  @Test
  void aRouteThatDisappearsBetweenExchangesIsCountedAsUnreachableNotAsAGenericTransportError() throws Exception {
    boolean[] routeGone = {false};
    FakeSocketOps ops = new FakeSocketOps(clock) {
      @Override
      public int sendTo(int fd, byte[] buf, int len, MctpAddress dest) throws ErrnoException {
        if (routeGone[0]) {
          throw new ErrnoException("sendto", Errno.ENETUNREACH); // mctpd removed the route, the link went down
        }
        return super.sendTo(fd, buf, len, dest);
      }
    };
    ops.responder = (s, n) -> List.of(new Reply(1, Msgs.payload(Msgs.success(0)), FakeSocketOps.replyFrom(s.dest())));
    MctpTransport t = transport(io(ops), 9, "mctpi2c1");
    assertThat(await(t.exchange(Msgs.healthPoll(0), ExchangeOptions.defaults("poll")))).isEqualTo(Msgs.success(0));
    routeGone[0] = true;
    assertThatThrownBy(() -> await(t.exchange(Msgs.healthPoll(0), ExchangeOptions.defaults("poll"))))
        .isInstanceOfSatisfying(MiTransportException.class, e -> {
          assertThat(e.errorType()).isEqualTo("unreachable");
          assertThat(e.getMessage()).contains("no MCTP route to network 1, EID 9", "ENETUNREACH");
        });
    assertThat(ops.tagsInUse).isEmpty();
  }

  @Test
  void closeFailsTheExchangeInFlightWithClosedAndReleasesTheSockets() throws Exception {
    ProbeOps ops = new ProbeOps(clock);
    ops.responder = (s, n) -> List.of(); // silent
    ops.holdPolls(eid -> true); // the exchange stays in flight, its virtual hour not running out
    MctpTransport t = transport(ops, 9, "mctpi2c1");
    ExchangeOptions hour = ExchangeOptions.defaults("poll").withTimeout(Duration.ofHours(1));
    CompletableFuture<byte[]> inFlight = t.exchange(Msgs.healthPoll(0), hour).toCompletableFuture();
    ops.awaitUntil("the request is sent", () -> !ops.sent.isEmpty());

    t.close();
    ops.releasePolls(); // the I/O thread's next poll sees the close

    for (CompletableFuture<byte[]> f : List.of(inFlight)) {
      assertThatThrownBy(() -> await(f)).isInstanceOfSatisfying(MiTransportException.class,
          e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED));
    }
    ops.awaitUntil("the socket is closed", () -> t.openSockets() == 0 && ops.openFds.isEmpty());
    assertThat(ops.sent).hasSize(1);
  }

  @Test
  void closesAQuarantinedSocketAfterTheKeyLifetimeWithoutAnotherExchange() throws Exception {
    FakeSocketOps ops = new FakeSocketOps(clock); // silent endpoint
    MctpTransport t = transport(ops, 9, "mctpi2c1");
    t.reapDelayMs = 50;
    assertThatThrownBy(() -> await(t.exchange(Msgs.healthPoll(0), ExchangeOptions.defaults("poll"))))
        .isInstanceOf(MiTransportException.class);
    assertThat(t.openSockets()).isEqualTo(1);

    clock.advance(MctpConstants.KEY_LIFETIME_MS);
    ops.awaitUntil("the reaper closed the quarantined socket", () -> t.openSockets() == 0);

    assertThat(t.openSockets()).isZero();
    assertThat(ops.openFds).isEmpty();
    assertThat(ops.tagsInUse).isEmpty();
  }

  @Test
  void failsExchangesAfterCloseWithoutTouchingTheKernel() {
    FakeSocketOps ops = new FakeSocketOps(clock);
    MctpTransport t = transport(ops, 9, "mctpi2c1");
    t.close();
    t.close(); // idempotent

    assertThatThrownBy(() -> await(t.exchange(Msgs.healthPoll(0), ExchangeOptions.defaults("poll"))))
        .isInstanceOfSatisfying(MiTransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED))
        .hasMessage("transport closed before the response to poll [mctp: net 1 eid 9]");
    assertThat(ops.calls).isEmpty();
  }

  @Test
  void reportsTheBusItRunsOn() {
    MctpTransport t = transport(new FakeSocketOps(clock), 9, "mctpi2c3");

    assertThat(t.bus()).isEqualTo(BusId.of("mctpi2c3"));
    assertThat(t.describe()).isEqualTo("mctp: net 1 eid 9");
  }

  @Test
  void takesTheBusFromTheKernelRouteElseTheNetworksFallbackLane() {
    MctpBusLookup lookup = new MctpBusLookup(() -> {
      throw new ErrnoException("socket(AF_NETLINK)", 97);
    });

    assertThat(lookup.resolve(1, 10)).isEqualTo(BusId.of("mctp-net1"));
  }

  @Test
  void rejectsAnEidOutsideTheUnicastRange() {
    assertThatThrownBy(() -> transport(new FakeSocketOps(clock), 255, "b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("EID out of range: 255 (expected: unicast 8 ~ 254)");
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
    MctpTransport t = transport(ops, 9, "mctpi2c1");
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
