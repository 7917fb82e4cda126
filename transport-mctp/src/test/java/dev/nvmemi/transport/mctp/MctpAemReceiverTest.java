package dev.nvmemi.transport.mctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.MiCodec;
import dev.nvmemi.mi.client.ExchangeOptions;
import dev.nvmemi.mi.client.MiTransport.InterimListener;
import dev.nvmemi.mi.command.ConfigSetAsyncEvent;
import dev.nvmemi.mi.command.ConfigurationSetResponse;
import dev.nvmemi.mi.event.AeEnable;
import dev.nvmemi.mi.event.AeEnableList;
import dev.nvmemi.mi.event.AemSession;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.Nmimt;
import dev.nvmemi.transport.mctp.FakeSocketOps.Reply;
import dev.nvmemi.transport.mctp.jna.Errno;
import dev.nvmemi.transport.mctp.jna.ErrnoException;
import dev.nvmemi.transport.mctp.jna.MctpAddress;
import dev.nvmemi.transport.mctp.jna.MctpConstants;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The AEM socket through the {@link dev.nvmemi.transport.mctp.jna.SocketOps} seam: what it binds,
 * what reaches the listener and with which source, what is counted and dropped, and the AEM Ack as
 * a new request on the requester's socket.
 */
class MctpAemReceiverTest {
  private static final int TO = MctpConstants.MCTP_TAG_OWNER;
  private final FakeClock clock = new FakeClock();
  private final FakeSocketOps ops = new FakeSocketOps(clock);
  private final List<int[]> sources = new ArrayList<>();
  private final List<byte[]> messages = new ArrayList<>();
  private final Set<Integer> known = Set.of(0x10, 0x11);

  private MctpAemReceiver receiver() throws ErrnoException {
    MctpAemReceiver r = new MctpIo(ops, clock, MctpIo.DEFAULT_IDLE).aemReceiver(1,
        (net, eid) -> net == 1 && known.contains(eid), (net, eid, msg) -> {
          sources.add(new int[] {net, eid});
          messages.add(msg);
        }, 100);
    r.open();
    return r;
  }

  private int aemFd() {
    return ops.bound.keySet().iterator().next();
  }

  private static byte[] aemPayload() {
    return Hex.fixture("aem/aem-payload.hex");
  }

  private static byte[] withTypeByte(byte[] payload) {
    byte[] m = new byte[payload.length + 1];
    m[0] = (byte) 0x84;
    System.arraycopy(payload, 0, m, 1, payload.length);
    return m;
  }

  @Test
  void bindsToAnyLocalEidForNvmeMiRequestsOnItsNetwork() throws Exception {
    receiver();
    assertThat(ops.calls).containsExactly("socket", "bind");
    MctpAddress local = ops.bound.get(aemFd());
    assertThat(local.network()).isEqualTo(1);
    assertThat(local.eid()).isEqualTo(MctpConstants.MCTP_ADDR_ANY);
    assertThat(local.type() & 0x7F).isEqualTo(4);
    assertThat(local.tag()).isEqualTo(TO);
  }

  @Test
  void anAemFromAKnownEndpointReachesTheListenerWithItsSourceAndTypeByte() throws Exception {
    MctpAemReceiver r = receiver();
    ops.deliver(aemFd(), 0, aemPayload(), new MctpAddress(1, 0x10, 0x84, TO | 3));
    assertThat(r.readOnce(100)).isTrue();
    assertThat(sources).containsExactly(new int[] {1, 0x10});
    assertThat(messages.get(0)).isEqualTo(withTypeByte(aemPayload()));
    assertThat(r.received()).isEqualTo(1);
    // and it decodes as the AEM of vector aem_unsolicited
    assertThat(MiCodec.decodeUnsolicited(messages.get(0))).isNotNull();
  }

  @Test
  void aMessageWithoutTagOwnerIsALateResponseCountedAndDropped() throws Exception {
    MctpAemReceiver r = receiver();
    ops.deliver(aemFd(), 0, aemPayload(), new MctpAddress(1, 0x10, 0x84, 3));
    assertThat(r.readOnce(100)).isTrue();
    assertThat(messages).isEmpty();
    assertThat(r.dropped(MctpAemReceiver.Drop.NOT_TAG_OWNER)).isEqualTo(1);
  }

  @Test
  void anAemFromAnUnknownSourceIsCountedAndDropped() throws Exception {
    MctpAemReceiver r = receiver();
    ops.deliver(aemFd(), 0, aemPayload(), new MctpAddress(1, 0x42, 0x84, TO));
    r.readOnce(100);
    assertThat(messages).isEmpty();
    assertThat(r.dropped(MctpAemReceiver.Drop.UNKNOWN_SOURCE)).isEqualTo(1);
  }

  @Test
  void aMessageWithoutIntegrityCheckOrOfAnotherTypeIsDropped() throws Exception {
    MctpAemReceiver r = receiver();
    ops.deliver(aemFd(), 0, aemPayload(), new MctpAddress(1, 0x10, 0x04, TO));
    ops.deliver(aemFd(), 0, aemPayload(), new MctpAddress(1, 0x10, 0x85, TO));
    r.readOnce(100);
    r.readOnce(100);
    assertThat(messages).isEmpty();
    assertThat(r.dropped(MctpAemReceiver.Drop.WRONG_TYPE)).isEqualTo(2);
  }

  @Test
  void tooShortAndTruncatedOverlongMessagesAreDropped() throws Exception {
    MctpAemReceiver r = receiver();
    ops.deliver(aemFd(), 0, new byte[] {0x28, 0, 0, 1, 2, 3}, new MctpAddress(1, 0x10, 0x84, TO));
    ops.deliver(aemFd(), 0, new byte[5000], new MctpAddress(1, 0x10, 0x84, TO));
    r.readOnce(100);
    r.readOnce(100);
    assertThat(messages).isEmpty();
    assertThat(r.dropped(MctpAemReceiver.Drop.TOO_SHORT)).isEqualTo(1);
    assertThat(r.dropped(MctpAemReceiver.Drop.TOO_LONG)).isEqualTo(1);
    assertThat(r.droppedTotal()).isEqualTo(2);
  }

  @Test
  void aDuplicateAemIsHandedOnAndTheSessionRecognisesIt() throws Exception {
    MctpAemReceiver r = receiver();
    ops.deliver(aemFd(), 0, aemPayload(), new MctpAddress(1, 0x10, 0x84, TO | 3));
    ops.deliver(aemFd(), 0, aemPayload(), new MctpAddress(1, 0x10, 0x84, TO | 4));
    r.readOnce(100);
    r.readOnce(100);
    assertThat(messages).hasSize(2);
    AemSession session = new AemSession();
    session.apply(AeEnableList.of(List.of(AeEnable.of(5, true), AeEnable.of(6, true))));
    assertThat(session.acceptMessage(messages.get(0)).occurrences()).hasSize(2);
    AemSession.Delivery again = session.acceptMessage(messages.get(1));
    assertThat(again.duplicate()).isTrue();
    assertThat(again.occurrences()).isEmpty();
    assertThat(again.shouldAcknowledge()).as("a lost ack is answered again").isTrue();
  }

  @Test
  void nothingToReadIsATimeoutNotAnError() throws Exception {
    MctpAemReceiver r = receiver();
    assertThat(r.readOnce(100)).isFalse();
    ops.recvErrors.add(Errno.EAGAIN);
    ops.deliver(aemFd(), 0, aemPayload(), new MctpAddress(1, 0x10, 0x84, TO));
    assertThat(r.readOnce(100)).isFalse();
    assertThat(messages).isEmpty();
  }

  @Test
  void anotherProcessHoldingTheBindingIsReportedAndTheSocketClosed() {
    ops.bindErrors.add(Errno.EADDRINUSE);
    assertThatThrownBy(this::receiver).isInstanceOfSatisfying(ErrnoException.class,
        e -> assertThat(e.errno()).isEqualTo(Errno.EADDRINUSE));
    assertThat(ops.openFds).isEmpty();
  }

  @Test
  void aPollFailureIsCountedAndTheReaderWaitsOnePollIntervalOnItsClockBeforeReadingAgain() throws Exception {
    MctpAemReceiver r = receiver();
    ops.pollErrors.add(Errno.EIO);
    long before = clock.millis();
    assertThat(r.step()).isTrue();
    assertThat(r.readErrors()).isEqualTo(1);
    assertThat(clock.millis() - before).isEqualTo(100); // waited pollMs on the seam's clock: no spin
    ops.deliver(aemFd(), 0, aemPayload(), new MctpAddress(1, 0x10, 0x84, TO | 1));
    assertThat(r.step()).isTrue(); // the socket works again: the next turn reads
    assertThat(r.received()).isEqualTo(1);
    assertThat(r.readErrors()).isEqualTo(1);
  }

  @Test
  void aRecvFailureIsCountedAndTheMessageReadOnTheNextTurn() throws Exception {
    MctpAemReceiver r = receiver();
    ops.deliver(aemFd(), 0, aemPayload(), new MctpAddress(1, 0x10, 0x84, TO | 1));
    ops.recvErrors.add(Errno.ENOMEM);
    assertThat(r.step()).isTrue();
    assertThat(r.readErrors()).isEqualTo(1);
    assertThat(r.received()).isZero();
    assertThat(r.step()).isTrue();
    assertThat(r.received()).isEqualTo(1);
  }

  @Test
  void anInterruptedPollIsNeitherAnErrorNorAWait() throws Exception {
    MctpAemReceiver r = receiver();
    ops.pollErrors.add(Errno.EINTR);
    long before = clock.millis();
    assertThat(r.step()).isTrue();
    assertThat(r.readErrors()).isZero();
    assertThat(clock.millis()).isEqualTo(before);
  }

  @Test
  void noAfMctpIsReportedByOpenAndLeavesNoSocket() {
    ops.socketErrors.add(Errno.EAFNOSUPPORT);
    assertThatThrownBy(this::receiver).isInstanceOfSatisfying(ErrnoException.class,
        e -> assertThat(e.errno()).isEqualTo(Errno.EAFNOSUPPORT));
    assertThat(ops.openFds).isEmpty();
  }

  @Test
  void aClosedReceiverStopsItsReaderWithoutAnError() throws Exception {
    MctpAemReceiver r = receiver();
    r.close();
    assertThat(r.step()).isFalse();
    assertThat(r.readErrors()).isZero();
  }

  @Test
  void closeReleasesTheSocketAndIsIdempotent() throws Exception {
    MctpAemReceiver r = receiver();
    int fd = aemFd();
    r.close();
    r.close();
    assertThat(ops.closedFds).containsExactly(fd);
    assertThatThrownBy(() -> r.readOnce(1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theAckIsANewRequestOnTheRequesterSocketWithATagOfItsOwn() throws Exception {
    MctpAemReceiver r = receiver();
    ops.deliver(aemFd(), 0, aemPayload(), new MctpAddress(1, 0x10, 0x84, TO | 5));
    r.readOnce(100);
    byte[] ackResponse = Hex.fixture("aem/ack-response-payload.hex");
    ops.responder = (s, n) -> List.of(new Reply(2, ackResponse, FakeSocketOps.replyFrom(s.dest())));
    MctpRequester requester = new MctpRequester(ops, clock, 1, 0x10, "mctp: net 1 eid 16");
    ConfigSetAsyncEvent ack = ConfigSetAsyncEvent.acknowledgement(MiHeader.request(Nmimt.MI_COMMAND, 0));
    byte[] answer = requester.exchange(ack.encode(), ExchangeOptions.defaults("AEM Ack"), InterimListener.NONE,
        () -> false);

    FakeSocketOps.Sent sent = ops.sent.get(0);
    assertThat(sent.payload()).isEqualTo(Hex.fixture("aem/ack-request-payload.hex"));
    assertThat(sent.fd()).as("not the AEM socket").isNotEqualTo(aemFd());
    assertThat(sent.dest().eid()).isEqualTo(0x10);
    assertThat(sent.dest().type()).isEqualTo(0x84);
    assertThat(sent.dest().tag() & TO).as("we own the ack's tag: it is a request, not a response").isEqualTo(TO);
    ConfigurationSetResponse resp = (ConfigurationSetResponse) MiCodec.decodeResponse(answer, ack);
    AemSession session = new AemSession();
    session.apply(AeEnableList.of(List.of(AeEnable.of(5, true), AeEnable.of(6, true))));
    session.acceptMessage(messages.get(0));
    AemSession.Delivery more = session.acceptAckResponse(resp.aeol().encode());
    assertThat(more.occurrences()).isEmpty();
    assertThat(more.shouldAcknowledge()).isFalse();
    assertThat(Arrays.equals(answer, withTypeByte(ackResponse))).isTrue();
  }
}
