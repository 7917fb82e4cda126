package dev.nvmemi.simulator.serial;

import static dev.nvmemi.simulator.Msg.hex;
import static dev.nvmemi.simulator.Msg.mi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.internal.Mic;
import dev.nvmemi.simulator.Msg;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.simulator.VirtualClock;
import dev.nvmemi.simulator.scenario.Fault;
import dev.nvmemi.simulator.scenario.Scenario;
import dev.nvmemi.testsupport.Await;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The serial front end against hand-framed requests, as a kernel's mctp-serial would send them. */
class MctpSerialServerTest {
  private final VirtualClock clock = new VirtualClock();
  private final ByteArrayOutputStream wire = new ByteArrayOutputStream();

  private MctpSerialServer server(Scenario scenario) {
    SimulatedFleet fleet = SimulatedFleet.builder().clock(clock).eids(9).seed(2).scenario(scenario).build();
    return new MctpSerialServer(new ByteArrayInputStream(new byte[0]), wire, fleet.allEndpoints(), clock, 68);
  }

  /** Frames {@code message} from EID 8 to {@code dest} with TO and {@code tag}, as the kernel would. */
  private static byte[] request(int dest, int tag, byte[] message) {
    return request(8, dest, tag, message);
  }

  /** Frames {@code message} from {@code src} to {@code dest} with TO and {@code tag}. */
  private static byte[] request(int src, int dest, int tag, byte[] message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (MctpPacket p : MctpFragmenter.fragment(message, dest, src, true, tag, 68, 0)) {
      out.writeBytes(SerialFraming.encode(p.encode()));
    }
    return out.toByteArray();
  }

  private static void feed(MctpSerialServer s, byte[] bytes) {
    s.feed(bytes, 0, bytes.length);
  }

  /** Decodes everything written so far into reassembled messages. */
  private List<MctpReassembler.Message> sent() {
    List<MctpReassembler.Message> out = new ArrayList<>();
    MctpReassembler re = new MctpReassembler(1 << 16);
    byte[] b = wire.toByteArray();
    new SerialFrameDecoder(68, raw -> {
      MctpReassembler.Message m = re.accept(MctpPacket.decode(raw));
      if (m != null) {
        out.add(m);
      }
    }).feed(b, 0, b.length);
    return out;
  }

  @Test
  void answersGetEndpointIdSentToTheNullEid() {
    MctpSerialServer s = server(Scenario.NONE);
    feed(s, hex("7e 01 07 01 00 08 c8 00 80 02 2b c1 7e"));
    // from EID 9 (assigned), TO=0, tag 0: 00 00 02 00 09 00 00
    assertThat(hex(wire.toByteArray())).isEqualTo(hex(SerialFraming.encode(hex("01 08 09 c0 00 00 02 00 09 00 00"))));
  }

  @Test
  void answersAHealthPollOnTheRequestsTag() {
    MctpSerialServer s = server(Scenario.NONE);
    feed(s, request(9, 5, mi(0, 0x01, 0, 0)));
    List<MctpReassembler.Message> out = sent();
    assertThat(out).hasSize(1);
    MctpReassembler.Message m = out.get(0);
    assertThat(m.source()).isEqualTo(9);
    assertThat(m.destination()).isEqualTo(8);
    assertThat(m.tag()).isEqualTo(5);
    assertThat(m.tagOwner()).isFalse();
    assertThat(m.body()).hasSize(20);
    assertThat(Mic.verify(m.body())).isTrue();
    assertThat(m.body()[1] & 0xFF).isEqualTo(0x88);
  }

  @Test
  void fragmentsAFullIdentifyAnswerAtTheLinkMtu() {
    MctpSerialServer s = server(Scenario.NONE);
    feed(s, request(9, 1, Msg.admin(0x06, 0, 0, 0, 4096, 0x01)));
    List<MctpReassembler.Message> out = sent();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).body()).hasSize(20 + 4096 + 4);
    assertThat(Mic.verify(out.get(0).body())).isTrue();
  }

  @Test
  void ignoresTheWireExampleBodyBecauseItIsNotAValidNvmeMiMessage() {
    MctpSerialServer s = server(Scenario.NONE);
    // mctp-vm.md's request: type 04h without IC -> silently dropped, as §11.2 requires
    feed(s, hex("7e 01 0a 01 09 08 c8 04 01 02 7d 5e 7d 5d 03 61 dd 7e"));
    assertThat(wire.size()).isZero();
    assertThat(s.requests()).isEqualTo(1);
  }

  @Test
  void ignoresMessagesForOtherEidsAndResponses() {
    MctpSerialServer s = server(Scenario.NONE);
    feed(s, request(10, 0, mi(0, 0x01, 0, 0)));
    byte[] notARequest = SerialFraming.encode(new MctpPacket(9, 8, true, true, 0, false, 0, mi(0, 1, 0, 0)).encode());
    feed(s, notARequest);
    assertThat(wire.size()).isZero();
    assertThat(s.ignored()).isEqualTo(2);
  }

  @Test
  void dropsAFrameWithABadFcs() {
    MctpSerialServer s = server(Scenario.NONE);
    byte[] f = request(9, 0, mi(0, 0x01, 0, 0));
    f[f.length - 2] ^= 1;
    feed(s, f);
    assertThat(wire.size()).isZero();
    assertThat(s.fcsErrors()).isEqualTo(1);
  }

  @Test
  void sendsTheInterimAndLaterTheFinalResponseOnTheSameTag() {
    MctpSerialServer s = server(Scenario.builder("mpr").at(Duration.ZERO, 0,
        new Fault.MoreProcessingRequired(1, 3)).build());
    feed(s, request(9, 6, mi(0, 0x01, 0, 0)));
    assertThat(sent()).hasSize(1);
    assertThat(sent().get(0).body()[4]).isEqualTo((byte) 0x01);
    clock.advance(Duration.ofMillis(300));
    List<MctpReassembler.Message> out = sent();
    assertThat(out).hasSize(2);
    assertThat(out.get(1).tag()).isEqualTo(6);
    assertThat(out.get(1).body()[4]).isZero();
  }

  @Test
  void sendsAnAemToTheLastPeerWithAnOwnedTag() {
    MctpSerialServer s = server(Scenario.builder("hot").at(Duration.ofSeconds(2), 0,
        new dev.nvmemi.simulator.scenario.StateChange.Temperature(80, Duration.ZERO)).build());
    // enable AE 06h with AEMD 0
    feed(s, request(9, 0, ENABLE_TEMPERATURE_AEM));
    s.checkAems();
    assertThat(sent()).hasSize(1);
    advance(s, Duration.ofSeconds(2));
    List<MctpReassembler.Message> out = sent();
    assertThat(out).hasSize(2);
    MctpReassembler.Message aem = out.get(1);
    assertThat(aem.tagOwner()).isTrue();
    assertThat(aem.destination()).isEqualTo(8);
    assertThat(aem.body()[1]).isEqualTo((byte) 0x28);
  }

  /** Configuration Set, Asynchronous Event (CID 04h): enable AE 06h, AEMD 0, AERD 0 (NMD0 bits 15:8). */
  private static final byte[] ENABLE_TEMPERATURE_AEM = mi(0, 0x03, 0x04, 0, hex("01 00 08 00 05 03 06 80"));

  /** As {@link #ENABLE_TEMPERATURE_AEM}, with AERD 1: an unacknowledged AEM is sent again after 100 ms. */
  private static final byte[] ENABLE_TEMPERATURE_AEM_AERD_100MS = mi(0, 0x03, 0x0104, 0,
      hex("01 00 08 00 05 03 06 80"));

  /** Moves the virtual clock on by {@code d}, then lets the server send the AEMs that are due. */
  private void advance(MctpSerialServer s, Duration d) {
    clock.advance(d);
    s.checkAems();
  }

  private static final Scenario HOT_AT_2S = Scenario.builder("hot").at(Duration.ofSeconds(2), 0,
      new dev.nvmemi.simulator.scenario.StateChange.Temperature(80, Duration.ZERO)).build();

  @Test
  void aemGoesToThePeerThatEnabledEventsNotToALaterPoller() {
    MctpSerialServer s = server(HOT_AT_2S);
    feed(s, request(8, 9, 0, ENABLE_TEMPERATURE_AEM));
    feed(s, request(20, 9, 1, mi(0, 0x01, 0, 0))); // a BMC polls health afterwards
    advance(s, Duration.ofSeconds(2));
    List<MctpReassembler.Message> out = sent();
    assertThat(out).hasSize(3);
    assertThat(out.get(2).destination()).isEqualTo(8);
    assertThat(out.get(2).body()[1]).isEqualTo((byte) 0x28);
  }

  @Test
  void anotherManagerEnablingEventsTakesTheAemsOver() {
    MctpSerialServer s = server(HOT_AT_2S);
    feed(s, request(8, 9, 0, ENABLE_TEMPERATURE_AEM));
    feed(s, request(20, 9, 1, ENABLE_TEMPERATURE_AEM));
    advance(s, Duration.ofSeconds(2));
    List<MctpReassembler.Message> out = sent();
    assertThat(out).hasSize(3);
    assertThat(out.get(2).destination()).isEqualTo(20);
  }

  @Test
  void unacknowledgedAemIsResentEveryAerdWithTheRetryCountThenAtfIsReported() {
    MctpSerialServer s = server(HOT_AT_2S);
    // enable AE 06h, AEMD 0, AERD 1 (100 ms)
    feed(s, request(9, 0, ENABLE_TEMPERATURE_AEM_AERD_100MS));
    advance(s, Duration.ofSeconds(2));
    for (int i = 1; i <= 7; i++) {
      advance(s, Duration.ofMillis(100));
    }
    List<MctpReassembler.Message> out = sent();
    assertThat(out).hasSize(1 + 8);
    byte[] first = out.get(1).body();
    byte[] last = out.get(8).body();
    // AEMTI (byte 6 of the occurrence list = message byte 10): same generation, retry count 7
    assertThat(last[10] >>> 3 & 0x1F).isEqualTo(first[10] >>> 3 & 0x1F);
    assertThat(first[10] & 7).isZero();
    assertThat(last[10] & 7).isEqualTo(7);
    advance(s, Duration.ofMillis(100));
    assertThat(sent()).as("no eighth retry").hasSize(9);
    feed(s, request(9, 1, mi(0, 0x01, 0, 0)));
    byte[] nshds = sent().get(9).body();
    assertThat(nshds[8] & 0x80).as("NSS ATF").isEqualTo(0x80);
  }

  @Test
  void anAcknowledgementStopsTheRetries() {
    MctpSerialServer s = server(HOT_AT_2S);
    feed(s, request(9, 0, ENABLE_TEMPERATURE_AEM_AERD_100MS));
    advance(s, Duration.ofSeconds(2));
    feed(s, request(9, 1, mi(0, 0x03, 0x04, 0, hex("00 00 05 00 05")))); // AEM Ack
    advance(s, Duration.ofSeconds(1));
    List<MctpReassembler.Message> out = sent();
    assertThat(out).hasSize(3); // enable answer, the AEM, the ack answer
    assertThat(out.get(2).tagOwner()).isFalse();
  }

  @Test
  void aemAckLostFaultLeavesAcknowledgementsUnansweredAndTheAemRetrying() {
    MctpSerialServer s = server(Scenario.builder("lost").at(Duration.ofSeconds(1), 0, new Fault.AemAckLost(Duration.ZERO))
        .at(Duration.ofSeconds(2), 0, new dev.nvmemi.simulator.scenario.StateChange.Temperature(80, Duration.ZERO))
        .build());
    feed(s, request(9, 0, ENABLE_TEMPERATURE_AEM_AERD_100MS));
    advance(s, Duration.ofSeconds(2));
    feed(s, request(9, 1, mi(0, 0x03, 0x04, 0, hex("00 00 05 00 05"))));
    assertThat(sent()).as("the ack got no answer").hasSize(2);
    advance(s, Duration.ofMillis(100));
    assertThat(sent()).as("and the AEM is re-sent").hasSize(3);
  }

  @Test
  void servesOverAStreamOnItsReaderThread() throws Exception {
    PipedOutputStream toServer = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
    PipedInputStream fromServer = new PipedInputStream(1 << 16);
    PipedOutputStream serverOut = new PipedOutputStream(fromServer);
    SimulatedFleet fleet = SimulatedFleet.builder().clock(clock).eids(9, 10).build();
    try (MctpSerialServer s = new MctpSerialServer(serverIn, serverOut, fleet.allEndpoints(), clock, 68)) {
      s.start();
      toServer.write(request(10, 2, mi(1, 0x01, 0, 0)));
      toServer.flush();
      // the host's end blocks on its own thread until the server's first frame decodes
      CompletableFuture<byte[]> frame = new CompletableFuture<>();
      SerialFrameDecoder d = new SerialFrameDecoder(68, frame::complete);
      Thread host = new Thread(() -> {
        try {
          for (int b = fromServer.read(); b >= 0 && !frame.isDone(); b = fromServer.read()) {
            d.feed(b);
          }
          frame.completeExceptionally(new IOException("the server's stream ended without a frame"));
        } catch (IOException | RuntimeException e) {
          frame.completeExceptionally(e);
        }
      }, "host-reader");
      host.setDaemon(true);
      host.start();
      MctpPacket p = MctpPacket.decode(Await.done("the server's answer on its stream", Duration.ofSeconds(10), frame));
      assertThat(p.source()).isEqualTo(10);
      assertThat(p.payload()[1] & 0xFF).isEqualTo(0x89);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void replaySendsTheSlotsLastResponseAgainFromThePacketOffset() {
    MctpSerialServer s = server(Scenario.NONE);
    feed(s, request(9, 1, Msg.admin(0x06, 0, 0, 0, 4096, 0x01)));
    byte[] identify = sent().get(0).body();
    int before = wire.size();
    // Replay, RRO = 0: the control answer, then all 65 packets of the Identify answer again
    feed(s, request(9, 2, Msg.control(0x04, 7, 0)));
    List<MctpReassembler.Message> out = sent();
    assertThat(out).hasSize(3);
    assertThat(out.get(1).body()[5]).as("tag of the primitive").isEqualTo((byte) 7);
    assertThat(Msg.le16(out.get(1).body(), 6)).as("RR").isEqualTo(1);
    assertThat(out.get(2).body()).isEqualTo(identify);
    // RRO = 60: only the last 5 packets go out again
    int mark = wire.size();
    feed(s, request(9, 3, Msg.control(0x04, 8, 60)));
    List<byte[]> packets = new ArrayList<>();
    byte[] tail = java.util.Arrays.copyOfRange(wire.toByteArray(), mark, wire.size());
    new SerialFrameDecoder(68, packets::add).feed(tail, 0, tail.length);
    assertThat(packets).hasSize(1 + 5);
    assertThat(before).isPositive();
  }

  // ---- EID assignment by a bus owner, and MCTP control before the endpoints exist -------------

  /** MCTP control request (Rq, IID {@code iid}) with command {@code cmd} and data. */
  private static byte[] control(int iid, int cmd, int... data) {
    byte[] m = new byte[3 + data.length];
    m[1] = (byte) (0x80 | iid);
    m[2] = (byte) cmd;
    for (int i = 0; i < data.length; i++) {
      m[3 + i] = (byte) data[i];
    }
    return m;
  }

  private MctpReassembler.Message last() {
    List<MctpReassembler.Message> out = sent();
    assertThat(out).isNotEmpty();
    return out.get(out.size() - 1);
  }

  @Test
  void anUnassignedDriveGetsItsEidFromSetEndpointIdThenServesNvmeMiThere() {
    SimulatedFleet fleet = SimulatedFleet.builder().clock(clock).eids(0).seed(2).build();
    MctpSerialServer s = new MctpSerialServer(new ByteArrayInputStream(new byte[0]), wire, fleet.allEndpoints(),
        clock, 68);
    feed(s, request(0, 0, control(1, 0x02)));
    assertThat(hex(last().body())).as("Get Endpoint ID: EID 0, unassigned").isEqualTo("00010200000000");
    assertThat(last().source()).isZero();
    assertThat(fleet.endpoints()).as("not published before it has an EID").isEmpty();
    feed(s, request(0, 1, control(2, 0x01, 0x00, 0x1D)));
    assertThat(hex(last().body())).as("Set Endpoint ID accepted").isEqualTo("00020100001d00");
    assertThat(last().source()).as("answered from the new EID").isEqualTo(0x1D);
    feed(s, request(0x1D, 2, control(3, 0x02)));
    assertThat(hex(last().body())).isEqualTo("000302001d0000");
    feed(s, request(0x1D, 3, mi(0, 0x01, 0, 0)));
    MctpReassembler.Message poll = last();
    assertThat(poll.source()).isEqualTo(0x1D);
    assertThat(poll.body()[1] & 0xFF).isEqualTo(0x88);
    assertThat(Mic.verify(poll.body())).isTrue();
    assertThat(fleet.endpoints()).singleElement().satisfies(e -> assertThat(e.eid()).isEqualTo(0x1D));
    assertThat(fleet.find(1, 0x1D)).isPresent();
  }

  @Test
  void severalUnassignedDrivesOnOneLinkAreAssignedOneAfterTheOther() {
    SimulatedFleet fleet = SimulatedFleet.builder().clock(clock).eids(0, 0).seed(2).build();
    MctpSerialServer s = new MctpSerialServer(new ByteArrayInputStream(new byte[0]), wire, fleet.allEndpoints(),
        clock, 68);
    feed(s, request(0, 0, control(1, 0x01, 0x00, 0x20)));
    feed(s, request(0, 1, control(2, 0x02)));
    assertThat(hex(last().body())).as("the second drive is still unassigned").isEqualTo("00020200000000");
    feed(s, request(0, 2, control(3, 0x01, 0x00, 0x21)));
    feed(s, request(0, 3, control(4, 0x02)));
    int before = sent().size();
    assertThat(s.ignored()).as("nobody left to answer the null EID").isEqualTo(1);
    assertThat(sent()).hasSize(before);
    feed(s, request(0x21, 4, control(5, 0x03)));
    feed(s, request(0x20, 5, control(6, 0x03)));
    List<MctpReassembler.Message> out = sent();
    assertThat(out.get(out.size() - 2).source()).isEqualTo(0x21);
    assertThat(out.get(out.size() - 1).source()).isEqualTo(0x20);
    assertThat(java.util.Arrays.copyOfRange(out.get(out.size() - 2).body(), 4, 20)).as("two drives, two UUIDs")
        .isNotEqualTo(java.util.Arrays.copyOfRange(out.get(out.size() - 1).body(), 4, 20));
    assertThat(fleet.endpoints()).extracting(e -> e.eid()).containsExactly(0x20, 0x21);
  }

  @Test
  void answersMctpControlBeforeTheEndpointsAreBuiltAndNvmeMiWhenTheyAre() {
    SimulatedFleet.Builder b = SimulatedFleet.builder().clock(clock).eids(0).seed(2);
    MctpSerialServer s = new MctpSerialServer(new ByteArrayInputStream(new byte[0]), wire, b.controlResponders(), 68);
    feed(s, request(0, 0, control(1, 0x02)));
    assertThat(hex(last().body())).isEqualTo("00010200000000");
    feed(s, request(0, 1, control(2, 0x01, 0x00, 0x1D)));
    feed(s, request(0x1D, 2, mi(0, 0x01, 0, 0)));
    assertThat(sent()).as("NVMe-MI before the drives exist: held").hasSize(2);
    assertThat(s.heldBeforeReady()).isEqualTo(1);
    SimulatedFleet fleet = b.build();
    s.attach(fleet.allEndpoints(), clock);
    assertThat(sent()).hasSize(3);
    assertThat(last().tag()).as("the held request's answer").isEqualTo(2);
    feed(s, request(0x1D, 3, mi(0, 0x01, 0, 0)));
    assertThat(last().tag()).isEqualTo(3);
    assertThat(last().source()).as("the EID assigned before the build holds").isEqualTo(0x1D);
    assertThat(last().body()[1] & 0xFF).isEqualTo(0x88);
  }

  @Test
  void holdsAtMost64RequestsBeforeTheEndpointsAreBuilt() {
    SimulatedFleet.Builder b = SimulatedFleet.builder().clock(clock).eids(9).seed(2);
    MctpSerialServer s = new MctpSerialServer(new ByteArrayInputStream(new byte[0]), wire, b.controlResponders(), 68);
    for (int i = 0; i < 70; i++) {
      feed(s, request(9, i & 7, mi(0, 0x01, 0, 0)));
    }
    assertThat(s.heldBeforeReady()).isEqualTo(64);
    assertThat(s.droppedBeforeReady()).isEqualTo(6);
    s.attach(b.build().allEndpoints(), clock);
    assertThat(sent()).hasSize(64);
  }

  @Test
  void refusesEndpointsThatDoNotUseItsControlResponders() {
    SimulatedFleet.Builder b = SimulatedFleet.builder().clock(clock).eids(9).seed(2);
    MctpSerialServer s = new MctpSerialServer(new ByteArrayInputStream(new byte[0]), wire, b.controlResponders(), 68);
    SimulatedFleet other = SimulatedFleet.builder().clock(clock).eids(9).seed(2).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.attach(other.allEndpoints(), clock))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control responder");
  }
}
