package dev.nvmemi.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.time.ManualTimers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The lane discipline of design §5 on a virtual clock, with exchanges that take a fixed bus time. */
class BusSchedulerTest {
  private static final long MS = 1_000_000L;
  private final ManualTimers timers = new ManualTimers();
  private final List<String> started = new ArrayList<>();
  private final List<Long> startTimes = new ArrayList<>();

  private BusScheduler scheduler(double maxUtilization) {
    AgentConfig c = ConfigLoader.build(Map.of("bus.max_utilization", String.valueOf(maxUtilization)));
    return new BusScheduler(timers, c.bus());
  }

  /** One exchange named {@code name} that occupies the bus for {@code nanos}. */
  private BusScheduler.Schedulable work(String name, long nanos) {
    return () -> {
      started.add(name);
      startTimes.add(timers.nanoTime());
      CompletableFuture<Void> done = new CompletableFuture<>();
      timers.schedule(nanos, () -> done.complete(null));
      return new BusScheduler.Started(nanos, done);
    };
  }

  @Test
  void theMostUrgentWaitingCommandGoesFirst() {
    BusScheduler.Lane lane = scheduler(1.0).lane("mctpi2c0");
    lane.enqueue(work("identify-1", 10 * MS), Command.IDENTIFY_CONTROLLER.priority());
    lane.enqueue(work("identify-2", 10 * MS), Command.IDENTIFY_CONTROLLER.priority());
    lane.enqueue(work("smart", 10 * MS), Command.SMART_LOG.priority());
    lane.enqueue(work("controller-health", 10 * MS), Command.CONTROLLER_HEALTH.priority());
    lane.enqueue(work("subsystem-health", 10 * MS), Command.SUBSYSTEM_HEALTH.priority());
    timers.advance(1, TimeUnit.SECONDS);
    assertThat(started).containsExactly("identify-1", "subsystem-health", "controller-health", "smart", "identify-2");
  }

  @Test
  void aDueHealthPollWaitsForAtMostTheOneLogChunkOnTheBus() {
    BusScheduler.Lane lane = scheduler(1.0).lane("mctpi2c0");
    long chunk = 420 * MS; // one 4 KiB chunk at 100 kHz
    for (int i = 0; i < 4; i++) {
      lane.enqueue(work("error-log-chunk-" + i, chunk), Command.ERROR_LOG.priority());
    }
    timers.advance(100, TimeUnit.MILLISECONDS); // health becomes due while chunk 0 is on the bus
    long due = timers.nanoTime();
    lane.enqueue(work("subsystem-health", 5 * MS), Command.SUBSYSTEM_HEALTH.priority());
    timers.advance(5, TimeUnit.SECONDS);
    assertThat(started).containsExactly("error-log-chunk-0", "subsystem-health", "error-log-chunk-1",
        "error-log-chunk-2", "error-log-chunk-3");
    assertThat(startTimes.get(1) - due).isLessThanOrEqualTo(chunk);
  }

  @Test
  void theAgentTakesAtMostMaxUtilizationOfTheBus() {
    BusScheduler s = scheduler(0.25);
    BusScheduler.Lane lane = s.lane("mctpi2c0");
    for (int i = 0; i < 1000; i++) {
      lane.enqueue(work("w" + i, 10 * MS), Command.SUBSYSTEM_HEALTH.priority());
    }
    for (int sec = 0; sec < 20; sec++) {
      timers.advance(1, TimeUnit.SECONDS);
      s.tick();
    }
    // 10 ms busy + 30 ms idle per exchange: 25 % of the bus, 25 exchanges a second
    assertThat(lane.utilization()).isBetween(0.24, 0.26);
    assertThat(lane.exchanges()).isBetween(495L, 505L);
  }

  @Test
  void concurrencyOneNeverOverlapsExchangesOnABus() {
    BusScheduler.Lane lane = scheduler(1.0).lane("mctpi2c0");
    lane.enqueue(work("a", 10 * MS), 0);
    lane.enqueue(work("b", 10 * MS), 0);
    timers.advance(5, TimeUnit.MILLISECONDS);
    assertThat(started).containsExactly("a");
    timers.advance(10, TimeUnit.MILLISECONDS);
    assertThat(started).containsExactly("a", "b");
    assertThat(startTimes.get(1)).isEqualTo(10 * MS);
  }

  @Test
  void lanesAreIndependentPerBus() {
    BusScheduler s = scheduler(1.0);
    s.lane("mctpi2c0").enqueue(work("bus0", 10 * MS), 0);
    s.lane("mctpi2c1").enqueue(work("bus1", 10 * MS), 0);
    timers.runPending();
    assertThat(started).containsExactly("bus0", "bus1");
    assertThat(startTimes).containsExactly(0L, 0L);
  }

  @Test
  void busTimeEstimateFollowsPacketsFramingAndFrequency() {
    AgentConfig.BusParameters smbus100k = new AgentConfig.BusParameters(100_000, 0.5, 1, 64);
    // 20-byte request: 1 packet, (20 + 9) bytes x 9 bits at 100 kHz = 2.61 ms
    assertThat(BusTimeModel.messageNanos(20, smbus100k)).isEqualTo(2_610_000L);
    // 4120-byte response: 65 packets, (4120 + 585) x 9 bits = 423.45 ms
    assertThat(BusTimeModel.messageNanos(4120, smbus100k)).isEqualTo(423_450_000L);
    AgentConfig.BusParameters fast = new AgentConfig.BusParameters(400_000, 0.5, 1, 64);
    assertThat(BusTimeModel.messageNanos(4120, fast)).isEqualTo(423_450_000L / 4);
  }
}
