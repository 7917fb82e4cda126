package dev.nvmemi.transport.mctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiTimeoutException;
import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.MiTransportException.Reason;
import dev.nvmemi.mi.MoreProcessingRequired;
import dev.nvmemi.mi.Nmimt;
import dev.nvmemi.mi.client.ExchangeOptions;
import dev.nvmemi.mi.client.MiTransport.InterimListener;
import dev.nvmemi.transport.mctp.FakeSocketOps.Reply;
import dev.nvmemi.transport.mctp.jna.Errno;
import dev.nvmemi.transport.mctp.jna.MctpAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MctpRequesterTest {
  private static final String EP = "mctp: net 1 eid 9";

  private final FakeClock clock = new FakeClock();
  private final FakeSocketOps ops = new FakeSocketOps(clock);
  private final MctpRequester requester = new MctpRequester(ops, clock, 1, 9, EP);
  private final ExchangeOptions opts = ExchangeOptions.defaults("NVM Subsystem Health Status Poll");

  private byte[] exchange(byte[] request, ExchangeOptions o) {
    return requester.exchange(request, o, InterimListener.NONE, () -> false);
  }

  /** The endpoint answers every request once, after {@code delayMs}, with {@code response}. */
  private void answerWith(long delayMs, byte[] response) {
    ops.responder = (s, n) -> List.of(new Reply(delayMs, Msgs.payload(response), FakeSocketOps.replyFrom(s.dest())));
  }

  @Test
  void sendsTheMessageWithoutItsTypeByteWhichGoesIntoSmctpType() {
    byte[] request = Msgs.healthPoll(0);
    answerWith(5, Msgs.success(0, (byte) 0xAA));

    exchange(request, opts);

    FakeSocketOps.Sent s = ops.sent.get(0);
    assertThat(s.payload()).isEqualTo(Msgs.payload(request));
    assertThat(s.dest().type()).isEqualTo(0x84);
    assertThat(s.dest().network()).isEqualTo(1);
    assertThat(s.dest().eid()).isEqualTo(9);
  }

  @Test
  void reinsertsTheReceivedTypeByteAndLeavesTheMicUntouched() {
    byte[] response = Msgs.success(0, (byte) 0x12, (byte) 0x34);
    answerWith(5, response);

    assertThat(exchange(Msgs.healthPoll(0), opts)).isEqualTo(response);
  }

  @Test
  void preallocatesATagWhenMoreProcessingRequiredIsPossibleAndDropsItAfterwards() {
    answerWith(5, Msgs.success(0));

    exchange(Msgs.healthPoll(0), opts);

    assertThat(ops.calls).containsSubsequence("socket", "alloctag2", "sendto", "poll", "recvfrom", "droptag");
    assertThat(ops.sent.get(0).dest().tag()).isEqualTo(0x18); // tag 0 | TO | PREALLOC
    assertThat(ops.tagsInUse).isEmpty();
  }

  @Test
  void sendsAsPlainTagOwnerWhenMoreProcessingRequiredIsImpossible() {
    answerWith(5, Msgs.success(0));

    exchange(Msgs.healthPoll(0), opts.withMprPossible(false));

    assertThat(ops.calls).doesNotContain("alloctag2", "alloctag", "droptag");
    assertThat(ops.sent.get(0).dest().tag()).isEqualTo(0x08);
  }

  @Test
  void fallsBackToTheV1IoctlWhenTheNetAwareOneIsMissing() {
    ops.allocTag2Supported = false;
    answerWith(5, Msgs.success(0));

    exchange(Msgs.healthPoll(0), opts);
    exchange(Msgs.healthPoll(0), opts);

    assertThat(ops.calls.stream().filter("alloctag2"::equals).count()).isEqualTo(1); // remembered
    assertThat(ops.calls.stream().filter("alloctag"::equals).count()).isEqualTo(2);
    assertThat(ops.sent.get(1).dest().tag()).isEqualTo(0x18);
  }

  @Test
  void fallsBackToPlainTagOwnerSendsWhenNoTagIoctlExists() {
    ops.allocTag2Supported = false;
    ops.allocTagSupported = false;
    answerWith(5, Msgs.success(0));

    assertThat(exchange(Msgs.healthPoll(0), opts)).isEqualTo(Msgs.success(0));
    assertThat(ops.sent.get(0).dest().tag()).isEqualTo(0x08);
  }

  @Test
  void retriesSendAfterEintr() {
    ops.sendScript.add(Errno.EINTR);
    answerWith(5, Msgs.success(0));

    assertThat(exchange(Msgs.healthPoll(0), opts)).isEqualTo(Msgs.success(0));
    assertThat(ops.calls.stream().filter("sendto"::equals).count()).isEqualTo(2);
  }

  @Test
  void retriesPollAndReceiveAfterEintrAndEagain() {
    ops.pollErrors.add(Errno.EINTR);
    ops.recvErrors.add(Errno.EINTR);
    ops.recvErrors.add(Errno.EAGAIN);
    answerWith(5, Msgs.success(0));

    assertThat(exchange(Msgs.healthPoll(0), opts)).isEqualTo(Msgs.success(0));
  }

  @Test
  void failsOnAShortSendNamingTheBytesTaken() {
    ops.sendScript.add((short) 3);

    assertThatThrownBy(() -> exchange(Msgs.healthPoll(0), opts))
        .isInstanceOfSatisfying(MiTransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.IO))
        .hasMessageContaining("short send: the kernel took 3 of 19 bytes of NVM Subsystem Health Status Poll");
  }

  @Test
  void timesOutOnASilentEndpointNamingEndpointCommandAndTimeWaited() {
    assertThatThrownBy(() -> exchange(Msgs.healthPoll(0), opts.withTimeout(Duration.ofMillis(1500))))
        .isInstanceOfSatisfying(MiTimeoutException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
          assertThat(e.waited()).isEqualTo(Duration.ofMillis(1500));
        })
        .hasMessage("no response from mctp: net 1 eid 9 to NVM Subsystem Health Status Poll after 1500 ms");
  }

  @Test
  void pollsInSlicesSoThatClosingIsNoticedWhileWaiting() {
    List<Boolean> cancel = new ArrayList<>(List.of(false, false, true));
    assertThatThrownBy(() -> requester.exchange(Msgs.healthPoll(0), opts, InterimListener.NONE,
        () -> cancel.size() > 1 ? cancel.remove(0) : cancel.get(0)))
        .isInstanceOfSatisfying(MiTransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED));
    assertThat(clock.millis() - 1000).isEqualTo(2L * MctpRequester.POLL_SLICE_MS);
  }

  @Test
  void waitsMprtTimes100MsAfterMoreProcessingRequiredThenReturnsTheFinalResponseOnTheSameTag() {
    byte[] interim = Msgs.mpr(0, 3);
    byte[] fin = Msgs.success(0, (byte) 1);
    ops.responder = (s, n) -> List.of(
        new Reply(100, Msgs.payload(interim), FakeSocketOps.replyFrom(s.dest())),
        new Reply(350, Msgs.payload(fin), FakeSocketOps.replyFrom(s.dest())));
    List<MoreProcessingRequired> seen = new ArrayList<>();

    byte[] out = requester.exchange(Msgs.healthPoll(0), opts.withTimeout(Duration.ofMillis(200)),
        (msg, mpr) -> seen.add(mpr), () -> false);

    assertThat(out).isEqualTo(fin);
    assertThat(seen).containsExactly(new MoreProcessingRequired(3));
    assertThat(ops.droppedTags).containsExactly(0x18);
  }

  @Test
  void timesOutWhenTheFinalResponseMissesTheMprWait() {
    ops.responder = (s, n) -> List.of(
        new Reply(100, Msgs.payload(Msgs.mpr(0, 3)), FakeSocketOps.replyFrom(s.dest())),
        new Reply(450, Msgs.payload(Msgs.success(0)), FakeSocketOps.replyFrom(s.dest())));

    assertThatThrownBy(() -> exchange(Msgs.healthPoll(0), opts.withTimeout(Duration.ofMillis(200))))
        .isInstanceOf(MiTimeoutException.class)
        .hasMessage("no response from mctp: net 1 eid 9 to NVM Subsystem Health Status Poll "
            + "(after 1 More Processing Required responses) after 400 ms");
  }

  @Test
  void capsAnMprWaitAtTheConfiguredCap() {
    // MPRT 600 = 60 s, cap 1 s: the final answer at 3 s comes too late
    ops.responder = (s, n) -> List.of(
        new Reply(10, Msgs.payload(Msgs.mpr(0, 600)), FakeSocketOps.replyFrom(s.dest())),
        new Reply(3000, Msgs.payload(Msgs.success(0)), FakeSocketOps.replyFrom(s.dest())));
    ExchangeOptions capped = new ExchangeOptions("Get Log Page", Duration.ofMillis(500), Duration.ofSeconds(1), 8, true);

    assertThatThrownBy(() -> exchange(Msgs.healthPoll(0), capped))
        .isInstanceOfSatisfying(MiTimeoutException.class,
            e -> assertThat(e.waited()).isEqualTo(Duration.ofMillis(1010)));
  }

  @Test
  void waitsTheDrivesOwnMprtWhenTheExchangeSetsNoCap() {
    // MPRT 600 = 60 s, no cap (poll.mpr_wait_cap: 0): the final answer at 50 s is awaited
    ops.responder = (s, n) -> List.of(
        new Reply(10, Msgs.payload(Msgs.mpr(0, 600)), FakeSocketOps.replyFrom(s.dest())),
        new Reply(50_000, Msgs.payload(Msgs.success(0)), FakeSocketOps.replyFrom(s.dest())));
    ExchangeOptions uncapped = new ExchangeOptions("Get Log Page", Duration.ofMillis(100), Duration.ZERO, 8, true);

    assertThat(exchange(Msgs.healthPoll(0), uncapped)).isEqualTo(Msgs.success(0));
    assertThat(clock.millis() - 1000).isEqualTo(50_000);
  }

  @Test
  void failsWithMprLimitWhenInterimResponsesExceedTheCap() {
    ops.responder = (s, n) -> {
      List<Reply> storm = new ArrayList<>();
      for (int i = 1; i <= 20; i++) {
        storm.add(new Reply(i * 10L, Msgs.payload(Msgs.mpr(0, 1)), FakeSocketOps.replyFrom(s.dest())));
      }
      return storm;
    };
    ExchangeOptions three = new ExchangeOptions("Get Log Page", Duration.ofSeconds(1), Duration.ZERO, 3, true);

    assertThatThrownBy(() -> exchange(Msgs.healthPoll(0), three))
        .isInstanceOfSatisfying(MiTransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MPR_LIMIT))
        .hasMessage("mctp: net 1 eid 9 answered Get Log Page with More Processing Required 4 times (expected: at most 3)");
  }

  @Test
  void reportsMoreProcessingRequiredWithoutAPreallocatedTagAtOnce() {
    answerWith(10, Msgs.mpr(0, 5));

    assertThatThrownBy(() -> exchange(Msgs.healthPoll(0), opts.withMprPossible(false)))
        .isInstanceOfSatisfying(MiTransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.IO))
        .hasMessageContaining("without a preallocated tag")
        .hasMessageContaining("the kernel drops the final response");
    assertThat(clock.millis() - 1000).isEqualTo(10);
  }

  @Test
  void holdsTheTagOfAnInterimAnsweredKernelTagSoTheLateFinalAnswerCannotMatchTheNextRequest() {
    byte[] fin = Msgs.success(0, (byte) 1);
    ops.responder = (s, n) -> n == 1
        ? List.of(new Reply(10, Msgs.payload(Msgs.mpr(0, 5)), FakeSocketOps.replyFrom(s.dest())),
            new Reply(300, Msgs.payload(fin), FakeSocketOps.replyFrom(s.dest())))
        : List.of(new Reply(400, Msgs.payload(Msgs.success(0, (byte) 2)), FakeSocketOps.replyFrom(s.dest())));
    assertThatThrownBy(() -> exchange(Msgs.healthPoll(0), opts.withMprPossible(false)))
        .isInstanceOf(MiTransportException.class);

    byte[] out = exchange(Msgs.healthPoll(0), opts);

    assertThat(out).isEqualTo(Msgs.success(0, (byte) 2));
    assertThat(ops.sent.get(0).dest().tag() & 7).isEqualTo(0);
    assertThat(ops.sent.get(1).dest().tag() & 7).as("tag 0 is held by the retired socket").isEqualTo(1);
    assertThat(ops.sent.get(1).fd()).isNotEqualTo(ops.sent.get(0).fd());
    assertThat(ops.tagsInUse).containsOnlyKeys(0);
  }

  @Test
  void aResponseArrivingAfterATimeoutIsNeverTakenForTheNextRequest() {
    byte[] late = Msgs.success(0, (byte) 0x01);
    byte[] second = Msgs.success(0, (byte) 0x02);
    ops.responder = (s, n) -> List.of(n == 1
        ? new Reply(6000, Msgs.payload(late), FakeSocketOps.replyFrom(s.dest()))
        : new Reply(10, Msgs.payload(second), FakeSocketOps.replyFrom(s.dest())));

    assertThatThrownBy(() -> exchange(Msgs.healthPoll(0), opts)).isInstanceOf(MiTimeoutException.class);
    int firstFd = ops.sent.get(0).fd();
    clock.advance(1500); // the late answer is now due on the first socket
    byte[] out = exchange(Msgs.healthPoll(0), opts);

    assertThat(out).isEqualTo(second);
    assertThat(ops.sent.get(1).fd()).isNotEqualTo(firstFd);
    assertThat(ops.sent.get(1).dest().tag() & 7).isNotEqualTo(ops.sent.get(0).dest().tag() & 7);
    assertThat(ops.unread(firstFd)).isEqualTo(1);
    assertThat(requester.openSockets()).isEqualTo(2);
  }

  @Test
  void closesAQuarantinedSocketOnceTheKernelKeyLifetimeHasPassed() {
    ops.responder = (s, n) -> n == 1 ? List.of()
        : List.of(new Reply(10, Msgs.payload(Msgs.success(0)), FakeSocketOps.replyFrom(s.dest())));
    assertThatThrownBy(() -> exchange(Msgs.healthPoll(0), opts)).isInstanceOf(MiTimeoutException.class);
    int firstFd = ops.sent.get(0).fd();

    clock.advance(6001);
    exchange(Msgs.healthPoll(0), opts);

    assertThat(ops.closedFds).containsExactly(firstFd);
    assertThat(ops.tagsInUse).isEmpty();
    assertThat(requester.openSockets()).isEqualTo(1);
  }

  @Test
  void discardsMessagesWithAnotherTagAnotherSourceOrTheTagOwnerBit() {
    byte[] fin = Msgs.success(0, (byte) 7);
    ops.responder = (s, n) -> List.of(
        new Reply(1, Msgs.payload(Msgs.success(0, (byte) 1)), new MctpAddress(1, 9, 0x84, 5)), // stale tag
        new Reply(2, Msgs.payload(Msgs.success(0, (byte) 2)), new MctpAddress(1, 10, 0x84, 0)), // other EID
        new Reply(3, Msgs.payload(Msgs.success(0, (byte) 3)), new MctpAddress(1, 9, 0x84, 0x08)), // a request
        new Reply(4, Msgs.payload(Msgs.success(0, (byte) 4)), new MctpAddress(1, 9, 0x05, 0)), // other type
        new Reply(5, Msgs.payload(fin), FakeSocketOps.replyFrom(s.dest())));

    assertThat(exchange(Msgs.healthPoll(0), opts)).isEqualTo(fin);
    assertThat(requester.discardedCount()).isEqualTo(4);
  }

  @Test
  void waitsForAFreeTagWhileAllEightAreInUse() {
    ops.allocErrors.add(Errno.EBUSY);
    ops.allocErrors.add(Errno.EBUSY);
    ops.allocErrors.add(Errno.EBUSY);
    answerWith(5, Msgs.success(0));

    assertThat(exchange(Msgs.healthPoll(0), opts)).isEqualTo(Msgs.success(0));
    assertThat(clock.millis() - 1000).isEqualTo(10 + 20 + 40 + 5);
  }

  @Test
  void givesUpWaitingForATagAtTheExchangeTimeout() {
    for (int i = 0; i < 100; i++) {
      ops.allocErrors.add(Errno.EBUSY);
    }

    assertThatThrownBy(() -> exchange(Msgs.healthPoll(0), opts.withTimeout(Duration.ofMillis(300))))
        .isInstanceOfSatisfying(MiTransportException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
          assertThat(e.errno()).isEqualTo(Errno.EBUSY);
        })
        .hasMessageStartingWith("no free MCTP tag to mctp: net 1 eid 9 for NVM Subsystem Health Status Poll: "
            + "all 8 tags stayed in use for 300 ms");
    assertThat(ops.calls).doesNotContain("sendto");
  }

  @Test
  void waitsForAFreeTagWhenAPlainTagOwnerSendFindsNone() {
    ops.sendScript.add(Errno.EBUSY);
    answerWith(5, Msgs.success(0));

    assertThat(exchange(Msgs.healthPoll(0), opts.withMprPossible(false))).isEqualTo(Msgs.success(0));
    assertThat(clock.millis() - 1000).isEqualTo(10 + 5);
  }

  @Test
  void passesAResponseWithABadMicThroughForTheCodecToReport() {
    byte[] bad = Msgs.success(0, (byte) 1);
    bad[bad.length - 1] ^= 0x55;
    answerWith(5, bad);

    byte[] out = exchange(Msgs.healthPoll(0), opts);

    assertThat(out).isEqualTo(bad);
    assertThatThrownBy(() -> MiFrame.parseResponse(out, MiHeader.request(Nmimt.MI_COMMAND, 0), MiCodecOptions.DEFAULTS))
        .isInstanceOfSatisfying(MiProtocolException.class, e -> assertThat(e.kind()).isEqualTo(MiErrorKind.MIC_MISMATCH));
  }

  @Test
  void aBadMicMoreProcessingRequiredIsAFinalResponseNotAnInterim() {
    byte[] bad = Msgs.mpr(0, 5);
    bad[bad.length - 1] ^= 0x55;
    answerWith(5, bad);

    assertThat(exchange(Msgs.healthPoll(0), opts)).isEqualTo(bad);
  }

  @Test
  void passesAResponseForTheOtherCommandSlotThroughForTheCodecToReport() {
    byte[] otherSlot = Msgs.success(1);
    answerWith(5, otherSlot);

    byte[] out = exchange(Msgs.healthPoll(0), opts);

    assertThat(out).isEqualTo(otherSlot);
    assertThatThrownBy(() -> MiFrame.parseResponse(out, MiHeader.request(Nmimt.MI_COMMAND, 0), MiCodecOptions.DEFAULTS))
        .isInstanceOfSatisfying(MiProtocolException.class, e -> assertThat(e.kind()).isEqualTo(MiErrorKind.CSI_MISMATCH));
  }

  @Test
  void usesOneSocketPerCommandSlot() {
    answerWith(5, Msgs.success(0));
    exchange(Msgs.healthPoll(0), opts);
    answerWith(5, Msgs.success(1));
    exchange(Msgs.healthPoll(1), opts);
    exchange(Msgs.healthPoll(1), opts);

    assertThat(ops.sent.get(0).fd()).isNotEqualTo(ops.sent.get(1).fd());
    assertThat(ops.sent.get(1).fd()).isEqualTo(ops.sent.get(2).fd());
    assertThat(ops.calls.stream().filter("socket"::equals).count()).isEqualTo(2);
  }

  @Test
  void receiveBufferHoldsTheLargestNvmeMiMessage() {
    byte[] big = Msgs.success(0, new byte[MiFrame.MAX_MESSAGE - 12]);
    assertThat(big).hasSize(MiFrame.MAX_MESSAGE);
    answerWith(5, big);

    assertThat(exchange(Msgs.healthPoll(0), opts)).isEqualTo(big);
  }

  @Test
  void rejectsAResponseLongerThanTheLargestNvmeMiMessage() {
    answerWith(5, Msgs.success(0, new byte[MiFrame.MAX_MESSAGE]));

    assertThatThrownBy(() -> exchange(Msgs.healthPoll(0), opts))
        .isInstanceOfSatisfying(MiTransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.IO))
        .hasMessageContaining("too long: 4236 bytes (expected: at most 4224 bytes)");
  }

  @Test
  void explainsAKernelWithoutMctp() {
    ops.socketErrors.add(Errno.EAFNOSUPPORT);

    assertThatThrownBy(() -> exchange(Msgs.healthPoll(0), opts))
        .isInstanceOfSatisfying(MiTransportException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.NOT_SUPPORTED);
          assertThat(e.errno()).isEqualTo(97);
        })
        .hasMessageStartingWith("this kernel has no AF_MCTP support (CONFIG_MCTP): socket(AF_MCTP=45, SOCK_DGRAM) "
            + "failed with EAFNOSUPPORT (97)");
  }

  @Test
  void explainsAMissingCapNetRaw() {
    ops.sendScript.add(Errno.EACCES);
    assertThatThrownBy(() -> exchange(Msgs.healthPoll(0), opts))
        .isInstanceOfSatisfying(MiTransportException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED))
        .hasMessageStartingWith("sending MCTP needs CAP_NET_RAW: sendto failed with EACCES (13)");
    ops.sendScript.add(Errno.EPERM);
    assertThatThrownBy(() -> exchange(Msgs.healthPoll(0), opts))
        .hasMessageStartingWith("sending MCTP needs CAP_NET_RAW: sendto failed with EPERM (1)");
  }

  @Test
  void aSocketRefusedWithEpermNamesCapNetRawAndHowTheUnitAndTheChartGrantIt() {
    ops.socketErrors.add(Errno.EPERM);

    assertThatThrownBy(() -> exchange(Msgs.healthPoll(0), opts))
        .isInstanceOfSatisfying(MiTransportException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED);
          assertThat(e.errno()).isEqualTo(Errno.EPERM);
        })
        .hasMessage("sending MCTP needs CAP_NET_RAW: socket(AF_MCTP) failed with EPERM (1); the capability missing is"
            + " CAP_NET_RAW in the initial user namespace: the systemd unit nvme-mi-agent.service grants it with"
            + " AmbientCapabilities=CAP_NET_RAW and CapabilityBoundingSet=CAP_NET_RAW (keep both if you override"
            + " the unit); the Helm chart with securityContext.capabilities.add: [NET_RAW] and"
            + " allowPrivilegeEscalation: true (the image's java carries the file capability cap_net_raw=ep for"
            + " its non-root user), host networking and no user-namespace remapping; or run the agent as root"
            + " [" + EP + "]");
  }

  @Test
  void theCapabilityHintQuotesWhatTheShippedUnitAndChartReallyContain() throws Exception {
    java.nio.file.Path root = java.nio.file.Path.of("..").toAbsolutePath().normalize();
    String unit = java.nio.file.Files.readString(root.resolve("packaging/systemd/nvme-mi-agent.service"));
    String values = java.nio.file.Files.readString(root.resolve("helm/nvme-mi-agent/values.yaml"));

    assertThat(unit).contains("\nAmbientCapabilities=CAP_NET_RAW\n", "\nCapabilityBoundingSet=CAP_NET_RAW\n");
    assertThat(values).containsPattern("(?m)^securityContext:\\n(  .*\\n)*  allowPrivilegeEscalation: true\\n")
        .containsPattern("(?m)^  capabilities:\\n(    .*\\n)*    add: \\[NET_RAW]\\n");
    assertThat(MctpErrors.GRANT_CAP_NET_RAW).contains("AmbientCapabilities=CAP_NET_RAW",
        "CapabilityBoundingSet=CAP_NET_RAW", "securityContext.capabilities.add: [NET_RAW]",
        "allowPrivilegeEscalation: true");
  }

  @Test
  void explainsAMissingRoute() {
    ops.sendScript.add(Errno.EHOSTUNREACH);

    assertThatThrownBy(() -> exchange(Msgs.healthPoll(0), opts))
        .isInstanceOfSatisfying(MiTransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
        .hasMessageStartingWith("no MCTP route to network 1, EID 9: sendto failed with EHOSTUNREACH (113)");
    assertThat(ops.tagsInUse).as("the tag of an unsent request is released").isEmpty();
  }

  @Test
  void rejectsAnEmptyRequest() {
    assertThatThrownBy(() -> exchange(new byte[0], opts))
        .isInstanceOfSatisfying(MiTransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.IO))
        .hasMessageStartingWith("empty request: 0 bytes");
  }

  @Test
  void closeReleasesEverySocketAndTag() {
    ops.responder = (s, n) -> n == 1 ? List.of()
        : List.of(new Reply(10, Msgs.payload(Msgs.success(0)), FakeSocketOps.replyFrom(s.dest())));
    assertThatThrownBy(() -> exchange(Msgs.healthPoll(0), opts)).isInstanceOf(MiTimeoutException.class);
    exchange(Msgs.healthPoll(0), opts);

    requester.close();

    assertThat(ops.openFds).isEmpty();
    assertThat(ops.tagsInUse).isEmpty();
    assertThatThrownBy(() -> exchange(Msgs.healthPoll(0), opts))
        .isInstanceOfSatisfying(MiTransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED));
  }
}
