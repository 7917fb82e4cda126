package dev.nvmemi.simulator;

import dev.nvmemi.mi.client.UnsolicitedListener;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the Asynchronous Event Messages of in-process simulated endpoints to an
 * {@link UnsolicitedListener} (the serial front end has its own sender), at the times the AEM
 * engine says: a new AEM AEMD seconds after its first occurrence, a re-send every AERD × 100 ms
 * while unacknowledged (spec sheet §8.1). It wakes exactly at the next scenario event and the next
 * AEM delay / retry time of any endpoint with events enabled, and at least every 100 ms to catch a
 * gradual change (a temperature ramp) crossing its threshold, so an instantaneous fault with AEMD 0
 * is reported at the very clock reading it happens.
 *
 * <p>Runs on the clock's thread (a {@link SystemClock}'s {@code sim-clock} thread, or whoever
 * advances a {@link VirtualClock}); the listener is called there and must not block. Start/stop are
 * thread-safe.
 */
final class AemPump implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AemPump.class.getName());
  static final long MAX_SLEEP_NANOS = 100_000_000L;

  private final SimClock clock;
  private final List<SimulatedEndpoint> endpoints;
  private final UnsolicitedListener listener;
  private final Object lock = new Object();
  private SimClock.Cancellable next = SimClock.Cancellable.NONE;
  private boolean closed;

  AemPump(SimClock clock, List<SimulatedEndpoint> endpoints, UnsolicitedListener listener) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.endpoints = List.copyOf(endpoints);
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  void start() {
    schedule(MAX_SLEEP_NANOS);
  }

  private void schedule(long delay) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      next = clock.schedule(delay, this::run);
    }
  }

  private void run() {
    long now = clock.nanos();
    long wake = now + MAX_SLEEP_NANOS;
    for (SimulatedEndpoint ep : endpoints) {
      if (!ep.asyncEventsEnabled()) {
        continue;
      }
      byte[] aem = ep.dueAem();
      if (aem != null) {
        try {
          listener.onUnsolicited(ep.info().network(), ep.currentEid(), aem);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, ep.info().describe() + ": AEM listener failed; continuing", e);
        }
      }
      wake = Math.min(wake, ep.nextAemWakeNanos(now));
    }
    schedule(Math.max(1, wake - now));
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      next.cancel();
    }
  }
}
