package dev.nvmemi.agent.poll;

import dev.nvmemi.transport.discovery.BusEndpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigLoader;
import dev.nvmemi.agent.drive.DriveClient;
import dev.nvmemi.agent.time.ManualTimers;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final long S = 1_000_000_000L;

  private static EndpointSession session() {
    AgentConfig config = ConfigLoader.build(Map.of());
    ManualTimers timers = new ManualTimers();
    DriveClient unused = (DriveClient) Proxy.newProxyInstance(DriveClient.class.getClassLoader(),
        new Class<?>[] {DriveClient.class}, (p, m, a) -> {
          throw new UnsupportedOperationException(m.getName());
        });
    return new EndpointSession(BusEndpoint.of(1, 9, "mctpi2c0"), unused, timers,
        new BusScheduler(timers, config.bus()), config, SessionListener.NONE, 42, false);
  }

  @Test
  void backoffDoublesFromOneSecondWithEqualJitter() {
    EndpointSession s = session();
    for (int n = 1; n <= 8; n++) {
      long base = S << (n - 1);
      for (int i = 0; i < 50; i++) {
        assertThat(s.backoffNanos(n)).isBetween(base / 2, base);
      }
    }
  }

  @Test
  void backoffIsCappedAtFiveMinutes() {
    EndpointSession s = session();
    for (int i = 0; i < 100; i++) {
      assertThat(s.backoffNanos(40)).isBetween(150 * S, 300 * S);
    }
  }
}
