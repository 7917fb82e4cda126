package dev.nvmemi.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CommandRetriesTest {
  private static final long S = 1_000_000_000L;
  private final CommandRetries retries = new CommandRetries(S, 8 * S, new SplittableRandom(1));

  @Test
  void aCommandThatDidNotFailHasNoRetryDelay() {
    assertThat(retries.retryDelay(Command.SMART_LOG)).isZero();
  }

  @Test
  void eachFailureInARowDoublesTheRetryDelayUpToTheCap() {
    retries.failed(Command.SMART_LOG, false);
    assertThat(retries.retryDelay(Command.SMART_LOG)).isBetween(S / 2, S);
    retries.failed(Command.SMART_LOG, false);
    assertThat(retries.retryDelay(Command.SMART_LOG)).isBetween(S, 2 * S);
    for (int i = 0; i < 10; i++) {
      retries.failed(Command.SMART_LOG, false);
    }
    assertThat(retries.retryDelay(Command.SMART_LOG)).isBetween(4 * S, 8 * S);
    assertThat(retries.retryDelay(Command.ERROR_LOG)).as("per command").isZero();
  }

  @Test
  void anAnswerEndsTheCommandsBackoff() {
    assertThat(retries.failed(Command.OCP_SMART_EXTENDED, false)).isEqualTo(1);
    assertThat(retries.failed(Command.OCP_SMART_EXTENDED, false)).isEqualTo(2);
    retries.answered(Command.OCP_SMART_EXTENDED);
    assertThat(retries.retryDelay(Command.OCP_SMART_EXTENDED)).isZero();
    assertThat(retries.failed(Command.OCP_SMART_EXTENDED, false)).isEqualTo(1);
  }

  @Test
  void theFirstAnswerAfterAnUnansweredExchangeSaysSoOnce() {
    retries.failed(Command.SMART_LOG, false);
    assertThat(retries.answered(Command.SUBSYSTEM_HEALTH)).as("an error status is an answer").isFalse();
    retries.failed(Command.SMART_LOG, true);
    assertThat(retries.answered(Command.SUBSYSTEM_HEALTH)).isTrue();
    assertThat(retries.answered(Command.SUBSYSTEM_HEALTH)).isFalse();
  }
}
