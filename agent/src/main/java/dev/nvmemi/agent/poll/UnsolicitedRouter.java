package dev.nvmemi.agent.poll;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.discovery.EndpointSource;
import dev.nvmemi.agent.time.Timers;
import dev.nvmemi.mi.client.UnsolicitedListener;
import java.util.Objects;

/**
 * Connects a source's unsolicited messages (AEMs) to the fleet when {@code events.aem} is on: the
 * receiving thread (the AEM socket reader, the simulator's clock) hands each message to the agent
 * context ({@link Timers#execute}), where {@link Fleet#unsolicited} gives it to its endpoint's
 * session. The one wiring used by {@code run}, the pipeline tests and the scale harness.
 *
 * <p>{@link #onUnsolicited} runs on the receiving thread and never blocks.
 */
public final class UnsolicitedRouter implements UnsolicitedListener {
  private final Timers timers;
  private final Fleet fleet;

  private UnsolicitedRouter(Timers timers, Fleet fleet) {
    this.timers = Objects.requireNonNull(timers, "timers");
    this.fleet = Objects.requireNonNull(fleet, "fleet");
  }

  /**
   * Starts routing {@code source}'s AEMs to {@code fleet} when {@code config.events().aem()}; the
   * handle stops it (a no-op handle when AEMs are off). The fleet's sessions then enable AEMs only
   * on networks whose AEMs reach the agent ({@link EndpointSource#aemReception}). Call before the
   * source starts.
   */
  public static AutoCloseable attach(AgentConfig config, EndpointSource source, Fleet fleet, Timers timers) {
    if (!config.events().aem()) {
      return () -> { };
    }
    fleet.aemReception(source::aemReception);
    return source.unsolicited(new UnsolicitedRouter(timers, fleet), fleet::manages, fleet.aemStats());
  }

  @Override
  public void onUnsolicited(int network, int eid, byte[] message) {
    timers.execute(() -> fleet.unsolicited(network, eid, message));
  }
}
