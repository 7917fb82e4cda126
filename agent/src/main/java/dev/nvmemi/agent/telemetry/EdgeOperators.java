package dev.nvmemi.agent.telemetry;

import dev.nvmemi.agent.poll.DriveSnapshot;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.FlowableTransformer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The event stream operators (design §6: edge-triggered, hysteresis, flap suppression), each a
 * {@link FlowableTransformer} with its state per subscription:
 * <ul>
 *   <li>{@link #edges}: a change of a value becomes one {@link Edge}; flapping changes become
 *       suppressed edges until the value is stable for the flap window ({@link EdgeGuard});</li>
 *   <li>{@link #keyedEdges}: the same per key (controller ID);</li>
 *   <li>{@link #above}: a temperature against a limit with a hysteresis band.</li>
 * </ul>
 * A sample carries the drive it belongs to ({@code drive}, its {@code hw.id}): a different drive
 * (replacement) starts from the initial value again.
 *
 * <p>Operators run on the thread that emits (the agent context); stateless class.
 */
final class EdgeOperators {
  private EdgeOperators() {}

  /** One observation of a value of drive {@code drive} at {@code atNanos}, taken from {@code snapshot}. */
  record Sample<T>(String drive, T value, long atNanos, DriveSnapshot snapshot) {}

  /**
   * A change to report: {@code from} the last reported value {@code to} the new one, or a change
   * that was {@code suppressed} because the value is flapping; {@code snapshot} is the one observed.
   */
  record Edge<K, T>(K key, T from, T to, long atNanos, boolean suppressed, DriveSnapshot snapshot) {}

  static <T> FlowableTransformer<Sample<T>, Edge<Void, T>> edges(long windowNanos, int transitions, T initial) {
    return up -> Flowable.defer(() -> {
      EdgeGuard<T> guard = new EdgeGuard<>(windowNanos, transitions, initial);
      String[] drive = {null};
      return up.mapOptional(s -> {
        if (!Objects.equals(drive[0], s.drive())) {
          drive[0] = s.drive();
          guard.reset(initial);
        }
        return verdict(guard, null, s.value(), s.atNanos(), s.snapshot());
      });
    });
  }

  static <K, T> FlowableTransformer<Sample<Map<K, T>>, Edge<K, T>> keyedEdges(long windowNanos, int transitions,
      T initial) {
    return up -> Flowable.defer(() -> {
      Map<K, EdgeGuard<T>> guards = new HashMap<>();
      String[] drive = {null};
      return up.concatMapIterable(s -> {
        if (!Objects.equals(drive[0], s.drive())) {
          drive[0] = s.drive();
          guards.clear();
        }
        List<Edge<K, T>> out = new ArrayList<>();
        for (Map.Entry<K, T> e : s.value().entrySet()) {
          EdgeGuard<T> g = guards.computeIfAbsent(e.getKey(), k -> new EdgeGuard<>(windowNanos, transitions, initial));
          verdict(g, e.getKey(), e.getValue(), s.atNanos(), s.snapshot()).ifPresent(out::add);
        }
        return out;
      });
    });
  }

  private static <K, T> Optional<Edge<K, T>> verdict(EdgeGuard<T> guard, K key, T value, long at,
      DriveSnapshot snapshot) {
    T before = guard.emitted();
    switch (guard.offer(value, at)) {
      case EMIT:
        return Optional.of(new Edge<>(key, before, guard.emitted(), at, false, snapshot));
      case SUPPRESSED:
        return Optional.of(new Edge<>(key, before, value, at, true, snapshot));
      default:
        return Optional.empty();
    }
  }

  /** A reading and the limit it is compared with (both °C). */
  record Reading(double value, double limit) {}

  /**
   * Whether a reading is above its limit: true at or above it, false at or below
   * {@code limit − band}, unchanged inside the band (hysteresis).
   */
  static FlowableTransformer<Sample<Reading>, Sample<Boolean>> above(double band) {
    return up -> Flowable.defer(() -> {
      boolean[] above = {false};
      String[] drive = {null};
      return up.map(s -> {
        if (!Objects.equals(drive[0], s.drive())) {
          drive[0] = s.drive();
          above[0] = false;
        }
        if (s.value().value() >= s.value().limit()) {
          above[0] = true;
        } else if (s.value().value() <= s.value().limit() - band) {
          above[0] = false;
        }
        return new Sample<>(s.drive(), above[0], s.atNanos(), s.snapshot());
      });
    });
  }
}
