package dev.nvmemi.agent.poll;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * {@code once} for one identified endpoint: subsystem health, controller health, SMART and (when
 * the SMART log counts entries) the error log, each exactly once and each whatever the others
 * answered, so the JSON reports every command that failed. A transport failure ends the
 * endpoint's run (the session stops it: nothing more would answer).
 *
 * <p>Runs on the agent context.
 */
final class OnceMode {
  private final PollActions actions;

  OnceMode(PollActions actions) {
    this.actions = Objects.requireNonNull(actions, "actions");
  }

  /** Completes when every command has ended. */
  CompletionStage<?> run() {
    return actions.pollSubsystemHealth()
        .thenCompose(v -> actions.pollControllerHealth())
        .thenCompose(v -> actions.readSmart(true));
  }
}
