package dev.nvmemi.simulator.timing;

import static dev.nvmemi.simulator.Msg.mi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.client.ExchangeOptions;
import dev.nvmemi.simulator.Msg;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.simulator.VirtualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BusTimingTest {

  @Test
  void oneHealthPollPacketAt100KhzTakes29BytesTimes9Bits() {
    BusTiming t = BusTiming.smbus(100_000, Duration.ZERO);
    // 20-byte message, one packet: 20 + 9 overhead = 29 bytes x 9 bits / 100 kHz = 2.61 ms
    assertThat(t.packets(20)).isEqualTo(1);
    assertThat(t.wireBytes(20)).isEqualTo(29);
    assertThat(t.wireNanos(20)).isEqualTo(2_610_000);
  }

  @Test
  void anIdentifyResponseNeeds65PacketsAtTheBaselineMtu() {
    BusTiming t = BusTiming.smbus(400_000, Duration.ZERO);
    // 20-byte admin header + 4096 data + 4 MIC = 4120 bytes -> ceil(4120 / 64) = 65 packets
    assertThat(t.packets(4120)).isEqualTo(65);
    assertThat(t.wireBytes(4120)).isEqualTo(4120 + 65 * 9);
    // (4120 + 585) x 9 / 400 kHz = 105.8625 ms
    assertThat(t.wireNanos(4120)).isEqualTo(105_862_500);
  }

  @Test
  void frequenciesScaleTheWireTime() {
    assertThat(BusTiming.smbus(1_000_000, Duration.ZERO).wireNanos(64)).isEqualTo((64 + 9) * 9_000L);
    assertThat(BusTiming.smbus(100_000, Duration.ZERO).wireNanos(65)).isEqualTo((65 + 18) * 90_000L);
  }

  @Test
  void largerMtuMeansFewerPackets() {
    BusTiming t = new BusTiming(100_000, 250, 9, Duration.ZERO);
    assertThat(t.packets(4120)).isEqualTo(17);
  }

  @Test
  void exchangeAddsProcessingTime() {
    BusTiming t = BusTiming.smbus(100_000, Duration.ofMillis(2));
    assertThat(t.exchangeNanos(20, 20)).isEqualTo(2_610_000 + 2_000_000 + 2_610_000);
  }

  @Test
  void exchangesOnOneBusAreSerialisedAndOtherBusesRunInParallel() {
    VirtualClock clock = new VirtualClock();
    BusTiming t = BusTiming.smbus(100_000, Duration.ofMillis(1));
    SimulatedFleet fleet = SimulatedFleet.builder().clock(clock).drives(3).drivesPerBus(2).busTiming(t).build();
    byte[] poll = mi(0, 0x01, 0, 0);
    ExchangeOptions o = ExchangeOptions.defaults("poll");
    long one = t.exchangeNanos(20, 20); // 6.22 ms
    CompletableFuture<byte[]> a = fleet.endpoint(1, 0x10).exchange(poll, o).toCompletableFuture();
    CompletableFuture<byte[]> b = fleet.endpoint(1, 0x11).exchange(poll, o).toCompletableFuture();
    CompletableFuture<byte[]> c = fleet.endpoint(1, 0x12).exchange(poll, o).toCompletableFuture();
    clock.advance(Duration.ofNanos(one - 1));
    assertThat(a).isNotDone();
    clock.advance(Duration.ofNanos(1));
    assertThat(a).isDone();
    assertThat(c).as("drive 2 is on the other bus").isDone();
    assertThat(b).as("drive 1 waits for drive 0 on bus 0").isNotDone();
    clock.advance(Duration.ofNanos(one - 1));
    assertThat(b).isNotDone();
    clock.advance(Duration.ofNanos(1));
    assertThat(b).isDone();
    assertThat(fleet.buses().get(0).busyNanos()).isEqualTo(2 * one);
    assertThat(Msg.hex(b.join())).startsWith("84880000");
  }

  @Test
  void configurationSetMtuShortensTheNextLargeTransfer() {
    VirtualClock clock = new VirtualClock();
    BusTiming t = BusTiming.smbus(100_000, Duration.ZERO);
    SimulatedFleet fleet = SimulatedFleet.builder().clock(clock).busTiming(t).build();
    var transport = fleet.endpoint(1, 0x10);
    ExchangeOptions o = ExchangeOptions.defaults("identify");
    byte[] identify = Msg.admin(0x06, 0, 0, 0, 4096, 0x01);
    long before = fleet.buses().get(0).busyNanos();
    transport.exchange(identify, o);
    long at64 = fleet.buses().get(0).busyNanos() - before;
    assertThat(at64).isEqualTo(t.wireNanos(72) + t.wireNanos(4120));
    clock.advance(Duration.ofSeconds(1));
    CompletableFuture<byte[]> set = transport.exchange(mi(0, 0x03, 1 << 24 | 0x03, 250), o).toCompletableFuture();
    clock.advance(Duration.ofSeconds(1));
    assertThat(set.join()[4]).isZero();
    assertThat(fleet.allEndpoints().get(0).transmissionUnit()).isEqualTo(250);
    long mark = fleet.buses().get(0).busyNanos();
    transport.exchange(identify, o);
    long at250 = fleet.buses().get(0).busyNanos() - mark;
    assertThat(at250).isEqualTo(t.wireNanos(72, 250) + t.wireNanos(4120, 250)).isLessThan(at64);
  }
}
