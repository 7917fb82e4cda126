package dev.nvmemi.transport.mctp.it;

import dev.nvmemi.mi.client.MiEndpoint;
import dev.nvmemi.mi.client.MiResult;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.simulator.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A copy of a drive that a simulator process serves in the guest (same network, EID and seed,
 * hence the same identity, health and counters), on a virtual clock and behind the in-process
 * transport: what the drive at the far end of the kernel must answer is what this copy answers.
 * For values that move with the drive's age (temperature noise, data units, power-on hours) the
 * copy is asked at every second from 0 to the far drive's maximum age ({@link #overAge}).
 *
 * <p>Not thread-safe: used by one test thread at a time.
 */
final class ReferenceDrive implements AutoCloseable {
  private final VirtualClock clock = new VirtualClock();
  private final SimulatedFleet fleet;
  private final MiEndpoint endpoint;
  private long ageSeconds;

  ReferenceDrive(int network, int eid, long seed) {
    fleet = SimulatedFleet.builder().network(network).eids(eid).seed(seed).clock(clock).build();
    endpoint = new MiEndpoint(fleet.endpoint(network, eid));
  }

  /** The copy's client endpoint, at the copy's current age (0 unless {@link #overAge} moved it). */
  MiEndpoint endpoint() {
    return endpoint;
  }

  /**
   * Asks {@code question} at every second of the drive's age from the copy's current age up to
   * {@code maxAgeSeconds}, and returns every answer; the copy stays at that age afterwards.
   */
  <T> List<T> overAge(long maxAgeSeconds, Function<MiEndpoint, CompletionStage<MiResult<T>>> question)
      throws Exception {
    List<T> answers = new ArrayList<>();
    while (true) {
      answers.add(ok(question.apply(endpoint)));
      if (ageSeconds >= maxAgeSeconds) {
        return answers;
      }
      clock.advance(Duration.ofSeconds(1));
      ageSeconds++;
    }
  }

  /** The successful value of a reference answer (the copy answers at once). */
  static <T> T ok(CompletionStage<MiResult<T>> stage) throws Exception {
    MiResult<T> r = stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    if (r instanceof MiResult.Success<T> s) {
      return s.value();
    }
    throw new AssertionError("the reference drive did not answer with success: " + r);
  }

  /**
   * The far drive's maximum age in seconds: now minus the time the test script started its
   * simulator ({@code -Dnvmemi.sim.started}, epoch seconds), plus one; an hour when not given.
   */
  static long maxAgeOfTheSimulatorProcess() {
    String started = System.getProperty("nvmemi.sim.started");
    if (started == null) {
      return 3600;
    }
    return System.currentTimeMillis() / 1000 - Long.parseLong(started) + 1;
  }

  @Override
  public void close() {
    endpoint.close();
    fleet.close();
  }
}
