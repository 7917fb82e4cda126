package dev.nvmemi.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.time.ManualTimers;
import dev.nvmemi.transport.discovery.BusId;
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

  private static final BusId BUS0 = BusId.of("mctpi2c0");
  private static final BusId BUS1 = BusId.of("mctpi2c1");

  private BusScheduler scheduler(double maxUtilization) {
    return scheduler(maxUtilization, 1);
  }

  private BusScheduler scheduler(double maxUtilization, int concurrency) {
    AgentConfig c = ConfigLoader.build(Map.of("bus.max_utilization", String.valueOf(maxUtilization),
        "bus.concurrency", String.valueOf(concurrency)));
    return new BusScheduler(timers, c.bus());
  }

  /** One exchange named {@code name} that occupies the bus for {@code nanos} and is answered. */
  private BusScheduler.Schedulable work(String name, long nanos) {
    return exchange(name, nanos, nanos, true);
  }

  /**
   * One exchange of a health poll whose model says {@code modelNanos}, that ends after
   * {@code nanos} answered or failed.
   */
  private BusScheduler.Schedulable exchange(String name, long modelNanos, long nanos, boolean answered) {
    return () -> {
      started.add(name);
      startTimes.add(timers.nanoTime());
      CompletableFuture<Boolean> done = new CompletableFuture<>();
      timers.schedule(nanos, () -> done.complete(answered));
      return new BusScheduler.Started(Command.SUBSYSTEM_HEALTH, modelNanos, done);
    };
  }

  /** An endpoint with {@code n} pending exchanges of {@code nanos} each. */
  private BusScheduler.Schedulable endpoint(String name, int n, long nanos) {
    int[] left = {n};
    return () -> {
      if (left[0] == 0) {
        return null;
      }
      left[0]--;
      started.add(name);
      startTimes.add(timers.nanoTime());
      CompletableFuture<Boolean> done = new CompletableFuture<>();
      timers.schedule(nanos, () -> done.complete(true));
      return new BusScheduler.Started(Command.SUBSYSTEM_HEALTH, nanos, done);
    };
  }

  @Test
  void theMostUrgentWaitingCommandGoesFirst() {
    BusScheduler.Lane lane = scheduler(1.0).lane(BUS0);
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
    BusScheduler.Lane lane = scheduler(1.0).lane(BUS0);
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
    BusScheduler.Lane lane = s.lane(BUS0);
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
    BusScheduler.Lane lane = scheduler(1.0).lane(BUS0);
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
    s.lane(BUS0).enqueue(work("bus0", 10 * MS), 0);
    s.lane(BUS1).enqueue(work("bus1", 10 * MS), 0);
    timers.runPending();
    assertThat(started).containsExactly("bus0", "bus1");
    assertThat(startTimes).containsExactly(0L, 0L);
  }

  @Test
  void concurrencyTwoPutsTwoExchangesOfDifferentEndpointsInFlightOnOneBus() {
    BusScheduler.Lane lane = scheduler(1.0, 2).lane(BUS0);
    lane.enqueue(work("a", 10 * MS), 0);
    lane.enqueue(work("b", 10 * MS), 0);
    lane.enqueue(work("c", 10 * MS), 0);
    timers.advance(5, TimeUnit.MILLISECONDS);
    assertThat(started).containsExactly("a", "b");
    assertThat(lane.inFlight()).isEqualTo(2);
    timers.advance(10, TimeUnit.MILLISECONDS);
    assertThat(started).containsExactly("a", "b", "c");
    assertThat(startTimes).containsExactly(0L, 0L, 10 * MS);
  }

  @Test
  void oneEndpointNeverHasTwoExchangesInFlightWhateverTheBusConcurrency() {
    BusScheduler.Lane lane = scheduler(1.0, 4).lane(BUS0);
    BusScheduler.Schedulable drive = endpoint("drive", 3, 10 * MS);
    lane.enqueue(drive, 0);
    lane.enqueue(drive, 0);
    lane.enqueue(drive, 0);
    timers.advance(5, TimeUnit.MILLISECONDS);
    assertThat(started).containsExactly("drive");
    timers.advance(30, TimeUnit.MILLISECONDS);
    assertThat(startTimes).containsExactly(0L, 10 * MS, 20 * MS);
    assertThat(lane.inFlight()).isZero();
    assertThat(lane.queued()).isZero();
  }

  @Test
  void aTimeoutChargesTheBusWithTheTimeItReallyHeldIt() {
    BusScheduler s = scheduler(1.0);
    BusScheduler.Lane lane = s.lane(BUS0);
    // a 5 ms health poll that the drive never answers: the lane held the bus for the 3 s timeout
    lane.enqueue(exchange("dead", 5 * MS, 3_000 * MS, false), 0);
    timers.advance(4, TimeUnit.SECONDS);
    assertThat(lane.busyNanos()).isEqualTo(3_000 * MS);
    assertThat(lane.failures()).isEqualTo(1);
    assertThat(lane.model().factor(Command.SUBSYSTEM_HEALTH)).isEqualTo(1.0); // a failure teaches nothing
  }

  @Test
  void theEstimateLearnsTheMeasuredDurationOfAnsweredExchanges() {
    BusScheduler s = scheduler(1.0);
    BusScheduler.Lane lane = s.lane(BUS0);
    // the model says 5 ms; the drive really takes 20 ms every time
    for (int i = 0; i < 40; i++) {
      lane.enqueue(exchange("slow-" + i, 5 * MS, 20 * MS, true), 0);
    }
    timers.advance(2, TimeUnit.SECONDS);
    assertThat(lane.exchanges()).isEqualTo(40);
    assertThat(lane.model().factor(Command.SUBSYSTEM_HEALTH)).isBetween(3.9, 4.0);
    assertThat(lane.model().estimateNanos(Command.SUBSYSTEM_HEALTH, 5 * MS)).isBetween(19 * MS, 20 * MS);
    // charged: the estimate after each answer, converging on the 800 ms really spent
    assertThat(lane.busyNanos()).isBetween(600 * MS, 800 * MS);
  }

  @Test
  void oneOutlierMovesTheEstimateByAnEighthAtMost() {
    BusTimeModel model = new BusTimeModel(new AgentConfig.BusParameters(100_000, 0.5, 1, 64));
    model.observe(Command.SMART_LOG, 10 * MS, 10_000 * MS); // a 1000x outlier, clamped to 64x
    assertThat(model.factor(Command.SMART_LOG)).isEqualTo(1.0 + (BusTimeModel.MAX_FACTOR - 1.0) / 8);
    assertThat(model.factor(Command.SUBSYSTEM_HEALTH)).isEqualTo(1.0);
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
