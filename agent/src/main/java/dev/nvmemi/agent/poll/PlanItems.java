package dev.nvmemi.agent.poll;

import dev.nvmemi.agent.config.AgentConfig;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The items of an endpoint's {@link PollPlan} (design §4): subsystem and controller health, SMART
 * (with the OCP follow-up), identify again, and the OCP C0h page when {@code ocp.enabled}; each
 * wanted while the drive has not rejected its command as unsupported.
 *
 * <p>Runs on the agent context (where the plan runs its items).
 */
final class PlanItems {
  private PlanItems() {}

  static void add(PollPlan plan, AgentConfig config, Set<Command> unsupported, PollActions actions, OcpPoll ocp,
      Supplier<CompletionStage<?>> identify) {
    AgentConfig.Poll poll = config.poll();
    boolean ocpEnabled = config.ocp().enabled();
    plan.add(new PollPlan.Item(Command.SUBSYSTEM_HEALTH, poll.subsystemHealthInterval().toNanos(), true,
        () -> !unsupported.contains(Command.SUBSYSTEM_HEALTH), actions::pollSubsystemHealth));
    plan.add(new PollPlan.Item(Command.CONTROLLER_HEALTH, poll.controllerHealthInterval().toNanos(), true,
        () -> !unsupported.contains(Command.CONTROLLER_HEALTH) || !unsupported.contains(Command.CONTROLLER_HEALTH_BASIC),
        actions::pollControllerHealth));
    plan.add(new PollPlan.Item(Command.SMART_LOG, poll.smartInterval().toNanos(), true,
        () -> !unsupported.contains(Command.SMART_LOG),
        () -> actions.readSmart(false).thenCompose(v -> ocpEnabled ? ocp.followUp() : CompletableFuture.completedFuture(null))));
    plan.add(new PollPlan.Item(Command.IDENTIFY_CONTROLLER, poll.identifyInterval().toNanos(), false,
        () -> true, identify));
    if (ocpEnabled) {
      // wanted until the drive's C0h turned out unsupported (re-armed after a firmware change)
      plan.add(new PollPlan.Item(Command.OCP_SMART_EXTENDED, config.ocp().interval().toNanos(), true,
          () -> !unsupported.contains(Command.OCP_SMART_EXTENDED), ocp::run));
    }
  }
}
