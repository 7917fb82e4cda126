package dev.nvmemi.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The shared wait: it returns as soon as the condition holds, names what it waited for when the
 * deadline passes, and tells "not yet" (an exception such as a refused connection) from "never"
 * (an assertion failure, an {@link IllegalStateException}). The conditions count their calls; the
 * short deadlines of the timeout cases bound how long those tests take, nothing asserts on time.
 */
class AwaitTest {
  private static final Duration LONG = Duration.ofSeconds(30);
  private static final Duration SHORT = Duration.ofMillis(30);

  @Test
  void returnsOnceTheConditionHoldsAskingItAgainUntilThen() {
    AtomicInteger asked = new AtomicInteger();

    Await.until("the third look", LONG, () -> asked.incrementAndGet() == 3);

    assertThat(asked).hasValue(3);
  }

  @Test
  void aConditionThatNeverHoldsFailsNamingWhatWasAwaitedAndTheDeadline() {
    assertThatThrownBy(() -> Await.until("Prometheus scraped the target", SHORT, () -> false))
        .isInstanceOf(AssertionError.class)
        .hasMessage("timed out after PT0.03S waiting for Prometheus scraped the target");
  }

  @Test
  void theTimeoutMessageAddsTheContextComputedOnlyThen() {
    AtomicInteger computed = new AtomicInteger();
    Await.until("at once", LONG, () -> true, () -> "log " + computed.incrementAndGet());
    assertThat(computed).as("not computed for a wait that succeeds").hasValue(0);

    assertThatThrownBy(() -> Await.until("the agent's /status", SHORT, () -> false, () -> "agent.log: boom"))
        .hasMessage("timed out after PT0.03S waiting for the agent's /status; agent.log: boom");
  }

  @Test
  void anExceptionMeansNotYetAndTheLastOneIsTheTimeoutsCause() {
    AtomicInteger asked = new AtomicInteger();
    Await.until("a server that starts listening", LONG, () -> {
      if (asked.incrementAndGet() < 3) {
        throw new ConnectException("refused");
      }
      return true;
    });
    assertThat(asked).hasValue(3);

    assertThatThrownBy(() -> Await.until("a server that never listens", SHORT, () -> {
      throw new IOException("refused");
    })).hasMessage("timed out after PT0.03S waiting for a server that never listens")
        .cause().isInstanceOf(IOException.class).hasMessage("refused");
  }

  @Test
  void anIllegalStateEndsTheWaitAtOnce() {
    AtomicInteger asked = new AtomicInteger();
    assertThatThrownBy(() -> Await.until("a process that exited", LONG, () -> {
      asked.incrementAndGet();
      throw new IllegalStateException("exited with 1");
    })).isInstanceOf(IllegalStateException.class).hasMessage("exited with 1");
    assertThat(asked).hasValue(1);
  }

  @Test
  void aFailedAssertionInsideTheConditionEndsTheWaitAtOnce() {
    AtomicInteger asked = new AtomicInteger();
    assertThatThrownBy(() -> Await.until("a well-formed answer", LONG, () -> {
      asked.incrementAndGet();
      assertThat("job=other").isEqualTo("job=nvme-mi-agent");
      return true;
    })).isInstanceOf(AssertionError.class).hasMessageContaining("job=nvme-mi-agent");
    assertThat(asked).hasValue(1);
  }

  @Test
  void aLookReturnsWhatSatisfiedItAndATimeoutShowsTheLastThingSeen() {
    AtomicInteger n = new AtomicInteger();
    assertThat(Await.value("a count of 4", LONG, n::incrementAndGet, v -> v == 4)).isEqualTo(4);

    assertThatThrownBy(() -> Await.value("1000 drives in a scrape", SHORT, () -> 998, v -> v == 1000))
        .hasMessage("timed out after PT0.03S waiting for 1000 drives in a scrape; last seen: 998");
  }

  @Test
  void aSignalGivesItsValueOrFailsNamingWhatWasAwaited() {
    assertThat(Await.done("the deployment", LONG, CompletableFuture.completedFuture("id-1"))).isEqualTo("id-1");

    assertThatThrownBy(() -> Await.done("the simulator's answer", SHORT, new CompletableFuture<>()))
        .isInstanceOf(AssertionError.class)
        .hasMessage("timed out after PT0.03S waiting for the simulator's answer");
    assertThatThrownBy(() -> Await.done("the deployment", LONG,
        CompletableFuture.failedFuture(new IOException("port in use"))))
        .isInstanceOf(AssertionError.class)
        .hasMessage("the deployment failed: java.io.IOException: port in use")
        .cause().hasMessage("port in use");
  }

  @Test
  void aPacedWaitLooksAsTheDefaultOneDoesAndRefusesAPauseBelowAMillisecond() {
    AtomicInteger n = new AtomicInteger();
    assertThat(Await.every(Duration.ofMillis(1)).value("a count of 2", LONG, n::incrementAndGet, v -> v == 2, () -> ""))
        .isEqualTo(2);
    assertThatThrownBy(() -> Await.every(Duration.ofMillis(5)).until("never", SHORT, () -> false, () -> "scrapes: 0"))
        .hasMessage("timed out after PT0.03S waiting for never; scrapes: 0");
    assertThatThrownBy(() -> Await.every(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pause: PT0S (expected: at least 1 ms)");
  }
}
