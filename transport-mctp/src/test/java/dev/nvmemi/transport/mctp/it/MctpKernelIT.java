package dev.nvmemi.transport.mctp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.MiTimeoutException;
import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.MiTransportException.Reason;
import dev.nvmemi.mi.MoreProcessingRequired;
import dev.nvmemi.mi.client.ExchangeOptions;
import dev.nvmemi.transport.mctp.MctpRouteTable;
import dev.nvmemi.transport.discovery.BusEndpoint;
import dev.nvmemi.transport.mctp.MctpBusLookup;
import dev.nvmemi.transport.mctp.MctpIo;
import dev.nvmemi.transport.mctp.MctpTransport;
import dev.nvmemi.transport.mctp.it.SerialPeer.Answer;
import dev.nvmemi.transport.mctp.jna.LibC;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The transport against the real kernel MCTP stack, with a scriptable peer on a second serial link
 * ({@code mctpserial1}: local EID 20, peer EID 21 answers, EID 22 is routed but silent).
 * Runs inside the QEMU guest only.
 */
@Tag("mctp")
class MctpKernelIT {
  static final int LOCAL = 20;
  static final int PEER = 21;
  static final int SILENT = 22;
  /** A second answering peer on the same link (the same bus as PEER). */
  static final int PEER2 = 23;

  static Vertx vertx;
  static MctpSerialLink link;
  static SerialPeer peer;

  @BeforeAll
  static void setUp() throws Exception {
    GuestNetwork.ensureSimulatorLink();
    vertx = Vertx.vertx();
    link = MctpSerialLink.create();
    GuestNetwork.configure(LibC.get().if_nametoindex(link.ifname), LOCAL, PEER, SILENT, PEER2);
    peer = new SerialPeer(link, Set.of(PEER, PEER2), r -> List.of(new Answer(0, ItMessages.echo(r.message()))));
  }

  @AfterAll
  static void tearDown() {
    peer.close();
    link.close();
    vertx.close();
  }

  private MctpTransport open(int eid) {
    return MctpTransport.open(1, eid);
  }

  private static byte[] await(java.util.concurrent.CompletionStage<byte[]> stage) throws Exception {
    try {
      return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  @Test
  void exchangesAMessageThroughTheKernelWithTheTypeByteInTheSocketAddress() throws Exception {
    peer.handler(r -> List.of(new Answer(0, ItMessages.echo(r.message()))));
    byte[] req = ItMessages.request(0, (byte) 0x01, (byte) 0x7E, (byte) 0x7D, (byte) 0, (byte) 1, (byte) 2, (byte) 3);
    try (MctpTransport t = open(PEER)) {
      byte[] resp = await(t.exchange(req, ExchangeOptions.defaults("echo")));

      assertThat(resp).isEqualTo(ItMessages.echo(req));
      SerialPeer.Request seen = peer.received.get(peer.received.size() - 1);
      assertThat(seen.message()).as("the wire carries the type byte the kernel took from smctp_type").isEqualTo(req);
      assertThat(seen.from()).isEqualTo(LOCAL);
    }
  }

  @Test
  void reassemblesA4KiBLogPageChunkFromSixtyFourBytePackets() throws Exception {
    byte[] chunk = new byte[4096];
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = (byte) (i * 7);
    }
    byte[] big = ItMessages.success(0, chunk);
    peer.handler(r -> List.of(new Answer(0, big)));
    try (MctpTransport t = open(PEER)) {
      assertThat(await(t.exchange(ItMessages.request(0, (byte) 0x02), ExchangeOptions.defaults("Get Log Page chunk"))))
          .isEqualTo(big);
    }
  }

  @Test
  void fragmentsARequestLargerThanTheSerialMtu() throws Exception {
    peer.handler(r -> List.of(new Answer(0, ItMessages.echo(r.message()))));
    byte[] body = new byte[300];
    Arrays.fill(body, (byte) 0x7E);
    byte[] req = ItMessages.request(1, body);
    try (MctpTransport t = open(PEER)) {
      assertThat(await(t.exchange(req, ExchangeOptions.defaults("VPD Write")))).isEqualTo(ItMessages.echo(req));
      assertThat(peer.received.get(peer.received.size() - 1).message()).isEqualTo(req);
    }
  }

  @Test
  void receivesTheFinalResponseAfterMoreProcessingRequiredOnAPreallocatedTag() throws Exception {
    // the final answer comes after the 300 ms exchange timeout but within the MPR wait (MPRT 10 = 1 s)
    peer.handler(r -> List.of(new Answer(50, ItMessages.mpr(0, 10)), new Answer(600, ItMessages.echo(r.message()))));
    byte[] req = ItMessages.request(0, (byte) 0x05);
    List<MoreProcessingRequired> interims = new ArrayList<>();
    try (MctpTransport t = open(PEER)) {
      byte[] resp = await(t.exchange(req, ExchangeOptions.defaults("Sanitize").withTimeout(Duration.ofMillis(300)),
          (msg, m) -> interims.add(m)));

      assertThat(resp).isEqualTo(ItMessages.echo(req));
      assertThat(interims).containsExactly(new MoreProcessingRequired(10));
    }
  }

  @Test
  void capsTheMprWaitAtTheExchangesCapOverTheRealKernel() {
    // MPRT 10 = 1 s, the answer at 800 ms: a 300 ms cap (poll.mpr_wait_cap) gives up before it
    peer.handler(r -> List.of(new Answer(50, ItMessages.mpr(0, 10)), new Answer(800, ItMessages.echo(r.message()))));
    ExchangeOptions capped = new ExchangeOptions("Sanitize", Duration.ofMillis(300), Duration.ofMillis(300), 8, true);
    try (MctpTransport t = open(PEER)) {
      assertThatThrownBy(() -> await(t.exchange(ItMessages.request(0, (byte) 0x05), capped)))
          .isInstanceOf(MiTimeoutException.class)
          .hasMessageContaining("(after 1 More Processing Required responses)");
    }
  }

  @Test
  void waitsTheDrivesMprtWhenTheExchangeSetsNoCapOverTheRealKernel() throws Exception {
    // poll.mpr_wait_cap: 0 — the same answer at 800 ms arrives within the drive's MPRT of 1 s
    peer.handler(r -> List.of(new Answer(50, ItMessages.mpr(0, 10)), new Answer(800, ItMessages.echo(r.message()))));
    byte[] req = ItMessages.request(0, (byte) 0x05);
    ExchangeOptions uncapped = new ExchangeOptions("Sanitize", Duration.ofMillis(300), Duration.ZERO, 8, true);
    try (MctpTransport t = open(PEER)) {
      assertThat(await(t.exchange(req, uncapped))).isEqualTo(ItMessages.echo(req));
    }
  }

  @Test
  void runsExchangesOfTwoEndpointsOfOneBusTogetherThroughTheKernel() throws Exception {
    // bus.concurrency 2: the scheduler hands both over and the bus's I/O lane runs both at once, so
    // PEER2's quick answer completes while PEER's slow one is still outstanding
    peer.handler(r -> List.of(new Answer(r.to() == PEER ? 2000 : 0, ItMessages.echo(r.message()))));
    MctpIo io = MctpIo.kernel();
    try (MctpTransport slow = MctpTransport.open(BusEndpoint.of(1, PEER, link.ifname), io);
        MctpTransport quick = MctpTransport.open(BusEndpoint.of(1, PEER2, link.ifname), io)) {
      byte[] req = ItMessages.request(0, (byte) 0x01);
      ExchangeOptions five = ExchangeOptions.defaults("NVM Subsystem Health Status Poll").withTimeout(Duration.ofSeconds(5));
      java.util.concurrent.CompletableFuture<byte[]> first = slow.exchange(req, five).toCompletableFuture();
      byte[] second = await(quick.exchange(req, five));

      assertThat(second).isEqualTo(ItMessages.echo(req));
      assertThat(first).as("the slow endpoint's exchange is still in flight beside it").isNotDone();
      assertThat(await(first)).isEqualTo(ItMessages.echo(req));
    } finally {
      io.close();
    }
  }

  @Test
  void reportsMoreProcessingRequiredWithoutAPreallocatedTag() {
    peer.handler(r -> List.of(new Answer(0, ItMessages.mpr(0, 3)), new Answer(100, ItMessages.echo(r.message()))));
    try (MctpTransport t = open(PEER)) {
      assertThatThrownBy(() -> await(t.exchange(ItMessages.request(0, (byte) 0x05),
          ExchangeOptions.defaults("Sanitize").withMprPossible(false))))
          .isInstanceOfSatisfying(MiTransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.IO))
          .hasMessageContaining("without a preallocated tag");
    }
  }

  @Test
  void timesOutOnAnEndpointThatNeverAnswers() {
    try (MctpTransport t = open(SILENT)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> await(t.exchange(ItMessages.request(0, (byte) 0x01),
          ExchangeOptions.defaults("NVM Subsystem Health Status Poll").withTimeout(Duration.ofMillis(400)))))
          .isInstanceOf(MiTimeoutException.class)
          // the reported wait is the measured one: at least the timeout (a slow TCG guest may add 100 ms or more)
          .hasMessageMatching("no response from mctp: net 1 eid 22 to NVM Subsystem Health Status Poll after "
              + "([4-9]\\d\\d|\\d{4,}) ms.*");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400), Duration.ofSeconds(3));
    }
  }

  @Test
  void discardsAResponseThatArrivesAfterItsExchangeTimedOutWithPreallocatedTags() throws Exception {
    lateAnswerIsNeverTakenForTheNextRequest(true);
  }

  @Test
  void discardsAResponseThatArrivesAfterItsExchangeTimedOutWithKernelAllocatedTags() throws Exception {
    lateAnswerIsNeverTakenForTheNextRequest(false);
  }

  private void lateAnswerIsNeverTakenForTheNextRequest(boolean prealloc) throws Exception {
    AtomicInteger n = new AtomicInteger();
    // first request: answered after 700 ms (its exchange gives up at 300 ms); second: after 600 ms,
    // so the late first answer reaches the kernel while the second exchange is waiting
    peer.handler(r -> List.of(new Answer(n.incrementAndGet() == 1 ? 700 : 600, ItMessages.echo(r.message()))));
    ExchangeOptions opts = ExchangeOptions.defaults("Controller Health Status Poll").withMprPossible(prealloc);
    try (MctpTransport t = open(PEER)) {
      assertThatThrownBy(() -> await(t.exchange(ItMessages.request(0, (byte) 0x02, (byte) 0xA1),
          opts.withTimeout(Duration.ofMillis(300))))).isInstanceOf(MiTimeoutException.class);
      byte[] second = ItMessages.request(0, (byte) 0x02, (byte) 0xB2);

      byte[] resp = await(t.exchange(second, opts.withTimeout(Duration.ofSeconds(3))));

      assertThat(resp).isEqualTo(ItMessages.echo(second));
    }
  }

  @Test
  void waitsForATagWhileAllEightToThePeerAreHeldThenGivesUp() {
    try (MctpTransport t = open(SILENT)) {
      ExchangeOptions quick = ExchangeOptions.defaults("Get Features").withTimeout(Duration.ofMillis(150));
      for (int i = 0; i < 8; i++) {
        // each timed-out exchange keeps its tag until the kernel key lifetime has passed
        assertThatThrownBy(() -> await(t.exchange(ItMessages.request(0, (byte) 0x01), quick))).isInstanceOf(MiTimeoutException.class);
      }
      assertThatThrownBy(() -> await(t.exchange(ItMessages.request(0, (byte) 0x01), quick)))
          .isInstanceOfSatisfying(MiTransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
          .hasMessageContaining("all 8 tags stayed in use");
    }
  }

  @Test
  void looksUpTheInterfaceOfEachEndpointFromTheKernelRoutes() throws Exception {
    MctpRouteTable table = MctpRouteTable.read();

    assertThat(table.lookup(1, GuestNetwork.SIM_EID)).map(MctpRouteTable.Link::name).contains("mctpserial0");
    assertThat(table.lookup(0, GuestNetwork.SIM_EID)).map(MctpRouteTable.Link::name).contains("mctpserial0");
    assertThat(table.lookup(1, PEER)).map(MctpRouteTable.Link::name).contains(link.ifname);
    assertThat(table.lookup(1, 77)).isEmpty();
    assertThat(table.lookup(2, GuestNetwork.SIM_EID)).isEmpty();
    MctpBusLookup lookup = MctpBusLookup.kernel();
    assertThat(lookup.resolve(1, GuestNetwork.SIM_EID).name()).isEqualTo("mctpserial0");
    assertThat(lookup.resolve(1, 77).name()).isEqualTo("mctp-net1");
  }

  @Test
  void reportsAMissingRouteWithNetworkAndEid() {
    try (MctpTransport t = open(77)) {
      assertThatThrownBy(() -> await(t.exchange(ItMessages.request(0, (byte) 0x01), ExchangeOptions.defaults("Poll"))))
          .isInstanceOfSatisfying(MiTransportException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
          .hasMessageStartingWith("no MCTP route to network 1, EID 77: sendto failed with EHOSTUNREACH (113)");
    }
  }

  @Test
  void leavesNoFileDescriptorOpenAfterClose() throws Exception {
    peer.handler(r -> List.of(new Answer(0, ItMessages.echo(r.message()))));
    exerciseAndClose(); // first round: lazily opened JVM descriptors (jar files) are not counted
    long before = openFds();

    for (int round = 0; round < 3; round++) {
      exerciseAndClose();
    }

    assertThat(openFds()).isEqualTo(before);
  }

  private void exerciseAndClose() throws Exception {
    try (MctpTransport ok = open(PEER); MctpTransport silent = open(SILENT)) {
      for (int i = 0; i < 5; i++) {
        await(ok.exchange(ItMessages.request(i & 1, (byte) 0x01), ExchangeOptions.defaults("Poll")));
      }
      assertThatThrownBy(() -> await(silent.exchange(ItMessages.request(0, (byte) 1),
          ExchangeOptions.defaults("Poll").withTimeout(Duration.ofMillis(100))))).isInstanceOf(MiTimeoutException.class);
    }
  }

  static long openFds() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count();
    }
  }
}
