package dev.nvmemi.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.simulator.scenario.CommandSelector;
import org.junit.jupiter.api.Test;

/**
 * The simulator's {@code error_status} fault can select every command the agent issues by its
 * {@code nvme.mi.command} name, so tests of the agent's error-answer handling can cover them all.
 */
final class ErrorStatusSelectorTest {

  @Test
  void everyAgentCommandIsASimulatorCommandName() {
    for (Command c : Command.values()) {
      assertThat(CommandSelector.names()).as(c.name()).contains(c.attribute());
      assertThat(CommandSelector.named(c.attribute()).name()).isEqualTo(c.attribute());
    }
  }
}
