package dev.nvmemi.agent.discovery;

import java.util.Objects;

/**
 * Whether the agent can receive the Asynchronous Event Messages of one MCTP network's endpoints
 * (issue #15): enabling AEMs on a drive takes its single AEM destination away from any other
 * manager, so the agent enables them only where they can reach it. Immutable.
 *
 * @param receiving true when the AEMs of the network reach the agent (its receiver is bound)
 * @param reason why they cannot ("" when receiving), e.g. {@code "EACCES: CAP_NET_BIND_SERVICE missing"}
 */
public record AemReception(boolean receiving, String reason) {
  /** AEMs reach the agent. */
  public static final AemReception RECEIVING = new AemReception(true, "");

  public AemReception {
    Objects.requireNonNull(reason, "reason");
    if (receiving != reason.isEmpty()) {
      throw new IllegalArgumentException("a reason is given exactly when AEMs cannot be received: "
          + receiving + ", '" + reason + "'");
    }
  }

  /** AEMs cannot reach the agent, for {@code reason} (shown in {@code /status}). */
  public static AemReception failed(String reason) {
    return new AemReception(false, reason);
  }
}
