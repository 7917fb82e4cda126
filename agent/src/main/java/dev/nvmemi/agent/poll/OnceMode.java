package dev.nvmemi.agent.poll;

import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * {@code once} for one identified endpoint: subsystem health, controller health, SMART and (when
 * the SMART log counts entries) the error log, then the OCP logs (UUID index, SMART again, C0h, C3h), each exactly once and each whatever the others
 * answered, so the JSON reports every command that failed. A transport failure ends the
 * endpoint's run (the session stops it: nothing more would answer).
 *
 * <p>Runs on the agent context.
 */
final class OnceMode {
  private final PollActions actions;
  private final Supplier<CompletionStage<Void>> ocp;

  /** @param ocp the OCP probe and reads ({@link OcpPoll#run}), or null when {@code ocp.enabled} is off */
  OnceMode(PollActions actions, Supplier<CompletionStage<Void>> ocp) {
    this.actions = Objects.requireNonNull(actions, "actions");
    this.ocp = ocp;
  }

  /** Completes when every command has ended. */
  CompletionStage<?> run() {
    CompletionStage<?> base = actions.pollSubsystemHealth()
        .thenCompose(v -> actions.pollControllerHealth())
        .thenCompose(v -> actions.readSmart(true));
    return ocp == null ? base : base.thenCompose(v -> ocp.get());
  }
}
