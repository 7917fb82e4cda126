package dev.nvmemi.simulator;

import static dev.nvmemi.simulator.Msg.mi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.MiTimeoutException;
import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.MoreProcessingRequired;
import dev.nvmemi.mi.client.ExchangeOptions;
import dev.nvmemi.mi.client.MiTransport;
import dev.nvmemi.mi.internal.Mic;
import dev.nvmemi.simulator.scenario.CommandSelector;
import dev.nvmemi.simulator.scenario.Fault;
import dev.nvmemi.simulator.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Each fault shows up exactly as specified, on a virtual clock. */
class FaultTest {
  private static final byte[] POLL = mi(0, 0x01, 0, 0);
  private static final ExchangeOptions OPTIONS = ExchangeOptions.defaults("NVM Subsystem Health Status Poll");

  private final VirtualClock clock = new VirtualClock();

  private SimulatedFleet fleet(Fault fault, Duration at) {
    return SimulatedFleet.builder().clock(clock).drives(2).seed(11)
        .scenario(Scenario.builder("fault").at(at, 0, fault).build()).build();
  }

  private static Throwable cause(CompletableFuture<byte[]> f) {
    return f.handle((r, e) -> e instanceof java.util.concurrent.CompletionException c ? c.getCause() : e).join();
  }

  private static CompletableFuture<byte[]> send(MiTransport t, byte[] request) {
    return t.exchange(request, OPTIONS).toCompletableFuture();
  }

  @Test
  void corruptsTheMicOfTheConfiguredFractionOfResponses() {
    SimulatedFleet fleet = fleet(new Fault.CorruptMic(0.1, Duration.ofHours(1)), Duration.ZERO);
    MiTransport t = fleet.endpoint(1, 0x10);
    int bad = 0;
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      byte[] r = send(t, POLL).join();
      assertThat(r).hasSize(20);
      if (!Mic.verify(r)) {
        bad++;
      }
    }
    // binomial(10000, 0.1): sd = 30; allow 5 sd
    assertThat(bad).isBetween(850, 1150);
    // the other drive is untouched
    assertThat(Mic.verify(send(fleet.endpoint(1, 0x11), POLL).join())).isTrue();
  }

  @Test
  void corruptionStopsWhenTheWindowEnds() {
    SimulatedFleet fleet = fleet(new Fault.CorruptMic(1.0, Duration.ofSeconds(5)), Duration.ZERO);
    MiTransport t = fleet.endpoint(1, 0x10);
    assertThat(Mic.verify(send(t, POLL).join())).isFalse();
    clock.advance(Duration.ofSeconds(5));
    assertThat(Mic.verify(send(t, POLL).join())).isTrue();
  }

  @Test
  void unresponsiveWindowGivesNoAnswerAndTheExchangeTimesOut() {
    SimulatedFleet fleet = fleet(new Fault.Unresponsive(Duration.ofSeconds(10)), Duration.ofSeconds(5));
    MiTransport t = fleet.endpoint(1, 0x10);
    assertThat(send(t, POLL).join()).isNotNull();
    clock.advance(Duration.ofSeconds(5));
    CompletableFuture<byte[]> f = send(t, POLL.clone());
    clock.advance(Duration.ofMillis(4999));
    assertThat(f).isNotDone();
    clock.advance(Duration.ofMillis(1));
    assertThat(f).isCompletedExceptionally();
    assertThat(cause(f)).isInstanceOf(MiTimeoutException.class);
    clock.advance(Duration.ofSeconds(10));
    assertThat(send(t, POLL).join()).isNotNull();
  }

  @Test
  void answersTheNextNExchangesWithMoreProcessingRequiredThenTheFinalResponse() {
    SimulatedFleet fleet = fleet(new Fault.MoreProcessingRequired(2, 10), Duration.ZERO);
    MiTransport t = fleet.endpoint(1, 0x10);
    for (int i = 0; i < 2; i++) {
      List<MoreProcessingRequired> interims = new ArrayList<>();
      CompletableFuture<byte[]> f = t.exchange(POLL, OPTIONS, (msg, mpr) -> {
        assertThat(Mic.verify(msg)).isTrue();
        assertThat(msg).hasSize(12);
        interims.add(mpr);
      }).toCompletableFuture();
      clock.runDue();
      assertThat(interims).containsExactly(new MoreProcessingRequired(10));
      assertThat(f).isNotDone();
      clock.advance(Duration.ofMillis(999));
      assertThat(f).isNotDone();
      clock.advance(Duration.ofMillis(1));
      assertThat(f.join()[4]).isZero();
    }
    List<MoreProcessingRequired> none = new ArrayList<>();
    assertThat(t.exchange(POLL, OPTIONS, (m, mpr) -> none.add(mpr)).toCompletableFuture().join()[4]).isZero();
    assertThat(none).isEmpty();
  }

  @Test
  void moreProcessingRequiredBeyondTheCapFailsWithMprLimit() {
    SimulatedFleet fleet = fleet(new Fault.MoreProcessingRequired(1, 10), Duration.ZERO);
    ExchangeOptions noInterims = new ExchangeOptions("poll", Duration.ofSeconds(5), Duration.ZERO, 0, true);
    CompletableFuture<byte[]> f = fleet.endpoint(1, 0x10).exchange(POLL, noInterims).toCompletableFuture();
    clock.runDue();
    Throwable e = cause(f);
    assertThat(((MiTransportException) e).reason()).isEqualTo(MiTransportException.Reason.MPR_LIMIT);
  }

  @Test
  void mprWaitCapShorterThanMprtTimesOut() {
    SimulatedFleet fleet = fleet(new Fault.MoreProcessingRequired(1, 50), Duration.ZERO);
    ExchangeOptions capped = new ExchangeOptions("poll", Duration.ofSeconds(5), Duration.ofSeconds(1), 8, true);
    CompletableFuture<byte[]> f = fleet.endpoint(1, 0x10).exchange(POLL, capped).toCompletableFuture();
    clock.advance(Duration.ofMillis(1000));
    assertThat(f).isCompletedExceptionally();
  }

  @Test
  void controlPrimitivesNeverGetMoreProcessingRequired() {
    SimulatedFleet fleet = fleet(new Fault.MoreProcessingRequired(1, 10), Duration.ZERO);
    CompletableFuture<byte[]> f = send(fleet.endpoint(1, 0x10), Msg.control(0x03, 1, 0));
    assertThat(f.join()[4]).isZero();
  }

  @Test
  void truncatesResponsesToTheConfiguredLength() {
    SimulatedFleet fleet = fleet(new Fault.Truncate(1.0, Duration.ofSeconds(1), 9), Duration.ZERO);
    MiTransport t = fleet.endpoint(1, 0x10);
    byte[] r = send(t, POLL).join();
    assertThat(r).hasSize(9);
    clock.advance(Duration.ofSeconds(1));
    assertThat(send(t, POLL).join()).hasSize(20);
  }

  @Test
  void truncatesToHalfWhenNoLengthIsGiven() {
    SimulatedFleet fleet = fleet(new Fault.Truncate(1.0, Duration.ofSeconds(1), 0), Duration.ZERO);
    assertThat(send(fleet.endpoint(1, 0x10), POLL).join()).hasSize(10);
  }

  @Test
  void wrongCsiAnswersFromTheOtherSlotForNExchanges() {
    SimulatedFleet fleet = fleet(new Fault.WrongCsi(2), Duration.ZERO);
    MiTransport t = fleet.endpoint(1, 0x10);
    for (int i = 0; i < 2; i++) {
      byte[] r = send(t, POLL).join();
      assertThat(r[1] & 0xFF).isEqualTo(0x89);
      assertThat(Mic.verify(r)).as("a well-formed message, only the slot is wrong").isTrue();
    }
    assertThat(send(t, POLL).join()[1] & 0xFF).isEqualTo(0x88);
  }

  @Test
  void removedEndpointIsUnlistedAndUnreachableUntilItReturns() {
    SimulatedFleet fleet = fleet(new Fault.Removed(Duration.ofSeconds(20)), Duration.ofSeconds(10));
    MiTransport t = fleet.endpoint(1, 0x10);
    assertThat(fleet.endpoints()).hasSize(2);
    clock.advance(Duration.ofSeconds(10));
    assertThat(fleet.endpoints()).extracting(EndpointInfo::eid).containsExactly(0x11);
    Throwable e = cause(send(t, POLL));
    assertThat(((MiTransportException) e).reason()).isEqualTo(MiTransportException.Reason.UNREACHABLE);
    clock.advance(Duration.ofSeconds(20));
    assertThat(fleet.endpoints()).hasSize(2);
    assertThat(send(t, POLL).join()).hasSize(20);
  }

  @Test
  void removedForGoodNeverReturns() {
    SimulatedFleet fleet = fleet(new Fault.Removed(Duration.ZERO), Duration.ofSeconds(1));
    clock.advance(Duration.ofDays(1));
    assertThat(fleet.endpoints()).extracting(EndpointInfo::eid).containsExactly(0x11);
  }

  @Test
  void slowFaultDelaysTheAnswer() {
    SimulatedFleet fleet = fleet(new Fault.Slow(Duration.ofSeconds(10), Duration.ofMillis(300)), Duration.ZERO);
    CompletableFuture<byte[]> f = send(fleet.endpoint(1, 0x10), POLL);
    clock.advance(Duration.ofMillis(299));
    assertThat(f).isNotDone();
    clock.advance(Duration.ofMillis(1));
    assertThat(f.join()).hasSize(20);
  }

  @Test
  void slowerThanTheTimeoutIsATimeout() {
    SimulatedFleet fleet = fleet(new Fault.Slow(Duration.ofSeconds(10), Duration.ofSeconds(6)), Duration.ZERO);
    CompletableFuture<byte[]> f = send(fleet.endpoint(1, 0x10), POLL);
    clock.advance(Duration.ofSeconds(5));
    assertThat(cause(f)).isInstanceOf(MiTimeoutException.class);
    clock.advance(Duration.ofSeconds(2));
    assertThat(f).isCompletedExceptionally();
  }

  @Test
  void interimResponseIsByteForByteTheSpecSheetsAdminMpr() {
    SimulatedFleet fleet = fleet(new Fault.MoreProcessingRequired(1, 10), Duration.ZERO);
    // vectors.json #28: Get Features (temperature threshold) answered first with
    // 84 90 00 00 | 01 (MPR) 00 | MPRT 000Ah = 1 s | MIC
    byte[] request = Msg.hex("841000000a000000000000000000000000000000000000000000000000000000000000000000000000"
        + "000000040000000000000000000000000000000000000000000000e055ded9");
    SimulatedEndpoint.Reply reply = fleet.allEndpoints().get(0).process(request);
    assertThat(Msg.hex(reply.interim())).isEqualTo("849000000100" + "0a00" + "3f0b1597");
    assertThat(reply.mprDelayNanos()).isEqualTo(1_000_000_000L);
    assertThat(reply.response()[4]).isZero();
  }

  @Test
  void commandToASlotStillProcessingIsDroppedAndReportedByGetState() {
    SimulatedFleet fleet = fleet(new Fault.MoreProcessingRequired(1, 10), Duration.ZERO);
    SimulatedEndpoint ep = fleet.allEndpoints().get(0);
    assertThat(ep.process(POLL).interim()).isNotNull();
    // slot 0 owes its final response for 1 s: another command there is dropped, slot 1 works
    assertThat(ep.process(POLL).response()).isNull();
    assertThat(ep.process(mi(1, 0x01, 0, 0)).response()).isNotNull();
    byte[] state = ep.process(Msg.control(0x03, 1, 1)).response();
    assertThat(Msg.le16(state, 6) & 0x0B).as("CMNICS, SSTA = Process").isEqualTo(0x08 | 0x02);
    assertThat(Msg.le16(ep.process(Msg.control(0x03, 2, 0)).response(), 6) & 0x08).as("cleared by CESF").isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(ep.process(POLL).response()).isNotNull();
    assertThat(Msg.le16(ep.process(Msg.control(0x03, 3, 0)).response(), 6) & 0x03).as("SSTA = Idle").isZero();
  }

  // ---- error_status --------------------------------------------------------------------------

  private SimulatedFleet errorFleet(CommandSelector command, int status, Duration duration) {
    return fleet(new Fault.ErrorStatus(command, status, duration), Duration.ofSeconds(2));
  }

  /** Controller Health Status Poll: NMD0 = ALL (bit 31) | INCF (24) | INCPF (25) | MAXRENT 0. */
  private static final byte[] CHSP_ALL_INCLUDE = mi(0, 0x02, 0x8300_0000, 0);
  private static final byte[] CHSP_ALL = mi(0, 0x02, 0x8000_0000, 0);

  @Test
  void errorStatusAnswersTheSelectedCommandWithThatStatusDuringItsWindow() {
    SimulatedFleet fleet = errorFleet(CommandSelector.named("controller_health_poll").withBitsSet(0x8300_0000), 0x02,
        Duration.ofSeconds(10));
    MiTransport t = fleet.endpoint(1, 0x10);
    assertThat(send(t, CHSP_ALL_INCLUDE).join()[4]).as("before the window").isZero();
    clock.advance(Duration.ofSeconds(2));
    byte[] r = send(t, CHSP_ALL_INCLUDE).join();
    assertThat(r).hasSize(12);
    assertThat(r[1] & 0xFF).as("ROR, NMIMT 1, CSI 0").isEqualTo(0x88);
    assertThat(r[4]).as("Internal Error").isEqualTo((byte) 0x02);
    assertThat(Mic.verify(r)).isTrue();
    assertThat(send(t, CHSP_ALL).join()[4]).as("without the include bits").isZero();
    assertThat(send(t, POLL).join()[4]).as("another command").isZero();
    assertThat(send(fleet.endpoint(1, 0x11), CHSP_ALL_INCLUDE).join()[4]).as("another drive").isZero();
    clock.advance(Duration.ofSeconds(10));
    assertThat(send(t, CHSP_ALL_INCLUDE).join()[4]).as("after the window").isZero();
  }

  @Test
  void errorStatusSelectsAdminCommandsByCdw10() {
    SimulatedFleet fleet = errorFleet(CommandSelector.named("get_log_page.smart"), 0x21, Duration.ZERO);
    MiTransport t = fleet.endpoint(1, 0x10);
    clock.advance(Duration.ofSeconds(3));
    byte[] smart = send(t, Msg.admin(0x02, 0, -1, 0, 512, 0x007F_8002)).join();
    assertThat(smart[1] & 0xFF).as("ROR, NMIMT 2").isEqualTo(0x90);
    assertThat(smart[4]).as("PCIe Inaccessible").isEqualTo((byte) 0x21);
    assertThat(smart).hasSize(12);
    byte[] errorLog = send(t, Msg.admin(0x02, 0, -1, 0, 64, 0x000F_8001)).join();
    assertThat(errorLog[4]).as("the error log is another command").isZero();
    clock.advance(Duration.ofDays(1));
    assertThat(send(t, Msg.admin(0x02, 0, -1, 0, 512, 0x007F_8002)).join()[4]).as("for good").isEqualTo((byte) 0x21);
  }

  @Test
  void anErrorAnswerHasNoEffect() {
    SimulatedFleet fleet = errorFleet(CommandSelector.named("configuration_set"), 0x02, Duration.ZERO);
    MiTransport t = fleet.endpoint(1, 0x10);
    clock.advance(Duration.ofSeconds(2));
    // Configuration Set MTU 128 on the 2-Wire port: refused, the MTU stays 64
    assertThat(send(t, mi(0, 0x03, 1 << 24 | 0x03, 128)).join()[4]).isEqualTo((byte) 0x02);
    assertThat(Msg.le16(send(t, mi(0, 0x04, 1 << 24 | 0x03, 0)).join(), 5)).isEqualTo(64);
  }

  @Test
  void errorStatusLeavesDroppedRequestsAndControlPrimitivesAlone() {
    SimulatedFleet fleet = errorFleet(CommandSelector.named("subsystem_health_poll"), 0x02, Duration.ZERO);
    MiTransport t = fleet.endpoint(1, 0x10);
    clock.advance(Duration.ofSeconds(2));
    byte[] badMic = POLL.clone();
    badMic[badMic.length - 1] ^= 1;
    CompletableFuture<byte[]> dropped = send(t, badMic);
    clock.advance(Duration.ofSeconds(5));
    assertThat(cause(dropped)).as("a bad MIC is still dropped").isInstanceOf(MiTimeoutException.class);
    byte[] getState = send(t, Msg.control(0x03, 1, 0)).join();
    assertThat(getState[4]).as("Get State answered as usual").isZero();
  }

  @Test
  void errorStatusTellsAnAemAcknowledgementFromAnAemConfiguration() {
    SimulatedFleet fleet = errorFleet(CommandSelector.named("config_set.async_event.ack"), 0x02, Duration.ZERO);
    MiTransport t = fleet.endpoint(1, 0x10);
    clock.advance(Duration.ofSeconds(2));
    // Configuration Set CID 04h: AE Enable List header NUMAEE 0 (an acknowledgement), then one item (AE 06h on)
    byte[] ack = mi(0, 0x03, 0x04, 0, Msg.hex("00 00 05 00 05"));
    byte[] enable = mi(0, 0x03, 0x04, 0, Msg.hex("01 00 08 00 05 03 06 80"));
    assertThat(send(t, ack).join()[4]).isEqualTo((byte) 0x02);
    assertThat(send(t, enable).join()[4]).isZero();
    assertThat(CommandSelector.named("config.async_event").matches(enable)).isTrue();
    assertThat(CommandSelector.named("config.async_event").matches(ack)).isFalse();
  }
}
