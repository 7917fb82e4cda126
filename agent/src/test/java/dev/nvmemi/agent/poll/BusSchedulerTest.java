package dev.nvmemi.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.poll.BusScheduler.Ending;
import dev.nvmemi.agent.time.ManualTimers;
import dev.nvmemi.transport.discovery.BusId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    return exchange(name, nanos, nanos, Ending.ANSWERED);
  }

  /**
   * One exchange of a health poll whose model says {@code modelNanos}, that ends after
   * {@code nanos} answered or failed.
   */
  private BusScheduler.Schedulable exchange(String name, long modelNanos, long nanos, Ending ending) {
    return () -> {
      started.add(name);
      startTimes.add(timers.nanoTime());
      CompletableFuture<Ending> done = new CompletableFuture<>();
      timers.schedule(nanos, () -> done.complete(ending));
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
      CompletableFuture<Ending> done = new CompletableFuture<>();
      timers.schedule(nanos, () -> done.complete(Ending.ANSWERED));
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

  /**
   * An endpoint whose exchanges end as scripted, one step per exchange ({@code nanos} after its
   * start, with {@code ending}); it asks for the lane again after each one while steps remain.
   */
  private final class Scripted implements BusScheduler.Schedulable {
    private final String name;
    private final Deque<Object[]> steps = new ArrayDeque<>();
    private BusScheduler.Lane lane;
    private boolean pending;

    Scripted(String name) {
      this.name = name;
    }

    Scripted then(long nanos, Ending ending) {
      steps.add(new Object[] {nanos, ending});
      return this;
    }

    /** Queues the next step on {@code lane} (the way a work queue asks for its slot). */
    void request(BusScheduler.Lane on) {
      this.lane = on;
      if (!steps.isEmpty() && !pending) {
        pending = true;
        on.enqueue(this, Command.SUBSYSTEM_HEALTH.priority());
      }
    }

    @Override
    public BusScheduler.Started startNext() {
      pending = false;
      Object[] step = steps.poll();
      if (step == null) {
        return null;
      }
      started.add(name);
      startTimes.add(timers.nanoTime());
      CompletableFuture<Ending> done = new CompletableFuture<>();
      timers.schedule((Long) step[0], () -> {
        done.complete((Ending) step[1]);
        timers.execute(() -> request(lane));
      });
      return new BusScheduler.Started(Command.SUBSYSTEM_HEALTH, (Long) step[0], done);
    }
  }

  /** Wire time of a health poll request at the default 100 kHz (20 bytes + 9 framing, 9 bits each). */
  private static final long HEALTH_REQUEST_WIRE = 2_610_000L;

  @Test
  void aSilentExchangeIsChargedTheWireTimeOfItsRequestNotTheWait() {
    BusScheduler s = scheduler(1.0);
    BusScheduler.Lane lane = s.lane(BUS0);
    // a health poll that the drive never answers: out for the 3 s timeout, 2.61 ms of it on the wire
    lane.enqueue(exchange("dead", 5 * MS, 3_000 * MS, Ending.SILENT), 0);
    timers.advance(4, TimeUnit.SECONDS);
    assertThat(lane.busyNanos()).isEqualTo(HEALTH_REQUEST_WIRE);
    assertThat(lane.failures()).isEqualTo(1);
    assertThat(lane.model().factor(Command.SUBSYSTEM_HEALTH)).isEqualTo(1.0); // a failure teaches nothing
  }

  @Test
  void theBudgetGapAfterASilentExchangeFollowsItsRequestsWireTime() {
    BusScheduler.Lane lane = scheduler(0.5).lane(BUS0);
    lane.enqueue(exchange("dead", 5 * MS, 3_000 * MS, Ending.SILENT), 0);
    lane.enqueue(work("neighbour", 5 * MS), 0);
    timers.advance(4, TimeUnit.SECONDS);
    // at u = 0.5 the lane idles as long as the wire was busy: 2.61 ms after the failure, not 3 s
    assertThat(startTimes).containsExactly(0L, 3_000 * MS + HEALTH_REQUEST_WIRE);
  }

  @Test
  void aGarbledResponseIsChargedTheTimeItTookAndKeepsTheEndpointInTheNormalSlots() {
    BusScheduler.Lane lane = scheduler(1.0).lane(BUS0);
    Scripted drive = new Scripted("garbled").then(40 * MS, Ending.GARBLED).then(5 * MS, Ending.ANSWERED);
    drive.request(lane);
    timers.advance(41, TimeUnit.MILLISECONDS);
    assertThat(lane.busyNanos()).isEqualTo(40 * MS);
    assertThat(lane.silent(drive)).isFalse();
    assertThat(lane.inFlight()).isEqualTo(1);
    assertThat(lane.probes()).isZero();
  }

  @Test
  void aSilentDriveDoesNotDelayAHealthyNeighbourBeyondItsWireTime() {
    BusScheduler.Lane lane = scheduler(0.5, 1).lane(BUS0);
    // the dead drive's first exchange reveals it (it holds the one slot for its 3 s timeout); then
    // it keeps trying, each try a 5 s timeout
    Scripted dead = new Scripted("dead").then(3_000 * MS, Ending.SILENT);
    for (int i = 0; i < 5; i++) {
      dead.then(5_000 * MS, Ending.SILENT);
    }
    Scripted healthy = new Scripted("healthy");
    for (int i = 0; i < 20; i++) {
      healthy.then(5 * MS, Ending.ANSWERED);
    }
    dead.request(lane);
    timers.advance(3_100, TimeUnit.MILLISECONDS);
    assertThat(lane.silent(dead)).isTrue();
    assertThat(lane.probesInFlight()).isEqualTo(1); // its retry waits in the probe slot
    long due = timers.nanoTime();
    healthy.request(lane);
    timers.runPending();
    // the one slot is free: the neighbour starts at once, while the dead drive's probe is out
    assertThat(startTimes.get(started.lastIndexOf("healthy")) - due).isZero();
    timers.advance(1, TimeUnit.SECONDS);
    // and keeps going, 5 ms on the wire + 5 ms budget gap each, whatever the probe does
    assertThat(started.stream().filter("healthy"::equals).count()).isEqualTo(20);
    assertThat(lane.inFlight()).isZero();
  }

  @Test
  void atMostOneProbeIsInFlightPerBus() {
    BusScheduler s = scheduler(1.0, 2);
    BusScheduler.Lane lane = s.lane(BUS0);
    Scripted a = new Scripted("a").then(1_000 * MS, Ending.SILENT).then(5_000 * MS, Ending.SILENT)
        .then(5_000 * MS, Ending.SILENT);
    Scripted b = new Scripted("b").then(1_000 * MS, Ending.SILENT).then(5_000 * MS, Ending.SILENT)
        .then(5_000 * MS, Ending.SILENT);
    Scripted other = new Scripted("other-bus").then(1_000 * MS, Ending.SILENT).then(5_000 * MS, Ending.SILENT);
    a.request(lane);
    b.request(lane);
    other.request(s.lane(BUS1));
    timers.advance(1_001, TimeUnit.MILLISECONDS);
    // both failed in the normal slots; now both are silent and want the probe slot
    assertThat(lane.inFlight()).isZero();
    assertThat(lane.probesInFlight()).isEqualTo(1);
    assertThat(s.lane(BUS1).probesInFlight()).isEqualTo(1); // each bus has its own
    for (int t = 0; t < 40; t++) {
      timers.advance(500, TimeUnit.MILLISECONDS);
      assertThat(lane.probesInFlight()).isLessThanOrEqualTo(1);
      assertThat(lane.inFlight()).isZero();
    }
    // four probes on BUS0, one after the other, each starting when the previous timed out
    assertThat(lane.probes()).isEqualTo(4);
    List<Long> bus0Starts = new ArrayList<>();
    for (int i = 0; i < started.size(); i++) {
      if (!started.get(i).equals("other-bus")) {
        bus0Starts.add(startTimes.get(i));
      }
    }
    assertThat(bus0Starts).containsExactly(0L, 0L, 1_000 * MS, 6_000 * MS, 11_000 * MS, 16_000 * MS);
  }

  @Test
  void aDriveThatAnswersItsProbeReturnsToTheNormalSlots() {
    BusScheduler.Lane lane = scheduler(1.0, 1).lane(BUS0);
    Scripted flaky = new Scripted("flaky").then(1_000 * MS, Ending.SILENT).then(5 * MS, Ending.ANSWERED)
        .then(5 * MS, Ending.ANSWERED);
    Scripted dead = new Scripted("dead").then(1_000 * MS, Ending.SILENT).then(5_000 * MS, Ending.SILENT);
    flaky.request(lane);
    timers.advance(1_001, TimeUnit.MILLISECONDS); // flaky failed; its probe answered at 1.005 s
    dead.request(lane);
    timers.advance(10, TimeUnit.MILLISECONDS);
    assertThat(lane.silent(flaky)).isFalse();
    // dead took the one normal slot (not known silent yet); flaky, answering again, waits for it
    // rather than for the probe slot
    assertThat(started).containsExactly("flaky", "flaky", "dead");
    timers.advance(1, TimeUnit.SECONDS); // dead's first failure: it moves to the probe slot
    assertThat(started).containsExactly("flaky", "flaky", "dead", "flaky", "dead");
    assertThat(lane.probes()).isEqualTo(2); // flaky's one probe, dead's first
    assertThat(startTimes.get(3)).isEqualTo(startTimes.get(4)); // flaky (normal) beside dead (probe)
  }

  @Test
  void theEstimateLearnsTheMeasuredDurationOfAnsweredExchanges() {
    BusScheduler s = scheduler(1.0);
    BusScheduler.Lane lane = s.lane(BUS0);
    // the model says 5 ms; the drive really takes 20 ms every time
    for (int i = 0; i < 40; i++) {
      lane.enqueue(exchange("slow-" + i, 5 * MS, 20 * MS, Ending.ANSWERED), 0);
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
