package dev.nvmemi.agent.poll;

import dev.nvmemi.agent.drive.ErrorLogRead;
import dev.nvmemi.agent.drive.DriveIdentity;
import dev.nvmemi.agent.drive.HealthDerivation;
import dev.nvmemi.agent.drive.OcpHealth;
import dev.nvmemi.agent.drive.OcpSnapshot;
import dev.nvmemi.mi.admin.OcpLatencyMonitorLog;
import dev.nvmemi.mi.admin.OcpSmartExtendedLog;
import dev.nvmemi.agent.drive.SmartSnapshot;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drive model: folds one endpoint's {@link PollOutcome}s into its {@link DriveSnapshot},
 * including every state transition of {@link EndpointState}. A pure function of the snapshot and
 * the outcome, so every view that derives from the outcome stream agrees.
 *
 * <ul>
 *   <li>An answer resets the failure count; after {@code backoff}/{@code lost} the endpoint is
 *       {@code active} again (or {@code identifying} without an identity).</li>
 *   <li>An unsupported status is an answer of an endpoint that works; the command joins the
 *       unsupported cache.</li>
 *   <li>An error status and a transport failure are failures. A failed health poll (or any failure
 *       of a drive that is not active) is the endpoint's: {@code backoff}, and {@code lost} at
 *       {@code lostAfter} consecutive failures. Any other failed command of an active drive is that
 *       command's alone (listed in {@code failures}, its value ages out; the drive stays active).</li>
 *   <li>Entering {@code lost} or {@code degraded_connectivity} forgets the health values: nothing
 *       older than the loss can come back as current.</li>
 *   <li>A different drive identified at the same address forgets the previous drive's values.</li>
 *   <li>The same drive with another firmware forgets its OCP values and unsupported OCP commands
 *       (they are probed again).</li>
 *   <li>The OCP C0h page joins {@code hwState} ({@link OcpHealth}): the worse state wins.</li>
 * </ul>
 *
 * <p>Stateless; thread-safe.
 */
public final class DriveModel {
  /** The unsupported-cache entries that a firmware change clears (re-probed with the new firmware). */
  static final List<String> OCP_ATTRIBUTES = List.of(Command.UUID_LIST.attribute(),
      Command.OCP_SMART_EXTENDED.attribute(), Command.OCP_LATENCY_MONITOR.attribute());

  private final int lostAfter;
  private final OcpHealth.Thresholds ocpThresholds;

  /** @param lostAfter consecutive failures that make an endpoint {@code lost} ({@code poll.lost_after}) */
  public DriveModel(int lostAfter) {
    this(lostAfter, OcpHealth.Thresholds.DEFAULTS);
  }

  /**
   * @param lostAfter consecutive failures that make an endpoint {@code lost} ({@code poll.lost_after})
   * @param ocpThresholds when the OCP log's capacitor and spare-block values make a drive predicted_failure
   */
  public DriveModel(int lostAfter, OcpHealth.Thresholds ocpThresholds) {
    if (lostAfter < 1) {
      throw new IllegalArgumentException("lostAfter: " + lostAfter + " (expected: >= 1)");
    }
    this.lostAfter = lostAfter;
    this.ocpThresholds = java.util.Objects.requireNonNull(ocpThresholds, "ocpThresholds");
  }

  /** Whether {@code now} is the same drive as {@code before} with another firmware revision. */
  static boolean firmwareChanged(DriveIdentity before, DriveIdentity now) {
    return before != null && before.sameDriveAs(now) && !before.firmware().equals(now.firmware());
  }

  /** The snapshot after {@code o}. */
  public DriveSnapshot apply(DriveSnapshot s, PollOutcome o) {
    if (s.state() == EndpointState.REMOVED) {
      return s; // terminal: late answers of a removed endpoint change nothing
    }
    DriveSnapshot.Builder b = s.toBuilder();
    if (o instanceof PollOutcome.Exchange x && x.command().asyncEvents()
        && !(o instanceof PollOutcome.Answer || o instanceof PollOutcome.Unsupported)) {
      // an AEM acknowledgement or configuration that failed is the AEM procedure's business
      // (fallback to polling); it is no failure of the endpoint: the polls decide that
      return s;
    }
    if (o instanceof PollOutcome.AsyncEvent e) {
      if (!e.duplicate() && !e.aeIds().isEmpty()) {
        b.aem = b.aem.withOccurrence(e.observedNanos());
      }
      return b.build();
    }
    if (o instanceof PollOutcome.AemChanged c) {
      b.aem = b.aem.withMode(c.mode(), c.enabled(), c.reason());
      return b.build();
    }
    if (o instanceof PollOutcome.Answer a) {
      if (s.state() == EndpointState.DEGRADED_CONNECTIVITY) {
        return s; // an exchange that was in flight when mctpd reported Degraded
      }
      answered(b, a.command(), a.observedNanos());
      value(b, a.command(), a.value(), a.observedNanos());
      ocpValue(b, a.command(), a.value(), a.observedNanos());
    } else if (o instanceof PollOutcome.Unsupported u) {
      if (s.state() == EndpointState.DEGRADED_CONNECTIVITY) {
        return s;
      }
      answered(b, u.command(), u.observedNanos());
      if (!b.unsupported.contains(u.command().attribute())) {
        List<String> un = new ArrayList<>(b.unsupported);
        un.add(u.command().attribute());
        b.unsupported = un;
      }
    } else if (o instanceof PollOutcome.ErrorStatus e) {
      // the full Controller Health Status Poll answered with an error status is retried at once in
      // the basic form: that answer, not this one, says whether the drive answers
      failed(b, new CommandFailure(e.command().attribute(), e.errorType(), e.status(), e.observedNanos()),
          e.command().reachability() && e.command() != Command.CONTROLLER_HEALTH);
    } else if (o instanceof PollOutcome.TransportFailure f) {
      failed(b, new CommandFailure(f.command().attribute(), f.errorType(), f.message(), f.observedNanos()),
          f.command().reachability());
    } else if (o instanceof PollOutcome.Identified i) {
      if (s.state() == EndpointState.DEGRADED_CONNECTIVITY) {
        return s;
      }
      if (i.previous() != null && !i.previous().sameDriveAs(i.identity())) {
        b.clearValues(); // a different drive at this address: forget the old one's values
        b.unsupported = List.of();
      } else if (firmwareChanged(i.previous(), i.identity())) {
        // new firmware: the OCP logs are probed again and their baselines restart (ocp-logs.md §2, §6)
        b.ocp = null;
        b.unsupported = b.unsupported.stream().filter(u -> !OCP_ATTRIBUTES.contains(u)).toList();
      }
      b.identity = i.identity();
      move(b, EndpointState.ACTIVE, i.observedNanos());
    } else if (o instanceof PollOutcome.Lifecycle l) {
      lifecycle(b, l);
    }
    return derive(b).build();
  }

  private void lifecycle(DriveSnapshot.Builder b, PollOutcome.Lifecycle l) {
    switch (l.signal()) {
      case DISCOVERED:
        break;
      case IDENTIFY:
        if (b.identity == null) {
          move(b, EndpointState.IDENTIFYING, l.observedNanos());
        }
        break;
      case CONNECTIVITY_DEGRADED:
        move(b, EndpointState.DEGRADED_CONNECTIVITY, l.observedNanos());
        b.clearValues();
        break;
      case CONNECTIVITY_AVAILABLE:
        if (b.state == EndpointState.DEGRADED_CONNECTIVITY) {
          b.consecutiveFailures = 0;
          move(b, b.identity == null ? EndpointState.IDENTIFYING : EndpointState.ACTIVE, l.observedNanos());
        }
        break;
      case REMOVED:
        move(b, EndpointState.REMOVED, l.observedNanos());
        b.clearValues();
        break;
      default:
        throw new IllegalStateException("unhandled signal " + l.signal());
    }
  }

  private static void answered(DriveSnapshot.Builder b, Command command, long at) {
    b.lastAnswerNanos = at;
    b.consecutiveFailures = 0;
    b.lastError = "";
    if (!b.failures.isEmpty()) {
      b.failures = b.failures.stream().filter(f -> !f.command().equals(command.attribute())).toList();
    }
    if (b.state == EndpointState.BACKOFF || b.state == EndpointState.LOST) {
      move(b, b.identity == null ? EndpointState.IDENTIFYING : EndpointState.ACTIVE, at);
    }
  }

  /**
   * A failed exchange. {@code health}: a failed health poll, the endpoint stopped answering. Any
   * other failure of an active drive is that command's alone (the drive stays active, the value
   * ages out, the endpoint's failure count is unchanged): the health polls, mandatory in NVMe-MI
   * and issued every few seconds, are what says whether the drive answers.
   */
  private void failed(DriveSnapshot.Builder b, CommandFailure f, boolean health) {
    List<CommandFailure> all = new ArrayList<>(b.failures.size() + 1);
    for (CommandFailure x : b.failures) {
      if (!x.command().equals(f.command())) {
        all.add(x);
      }
    }
    all.add(f);
    b.failures = all;
    b.lastError = f.errorType();
    if (b.state == EndpointState.DEGRADED_CONNECTIVITY || b.state == EndpointState.DISCOVERED) {
      return;
    }
    if (!health && b.state == EndpointState.ACTIVE && b.identity != null) {
      return; // that command's failure alone: the health polls say whether the drive answers
    }
    b.consecutiveFailures++;
    boolean lost = b.consecutiveFailures >= lostAfter || b.state == EndpointState.LOST;
    move(b, lost ? EndpointState.LOST : EndpointState.BACKOFF, f.observedNanos());
    if (lost) {
      b.clearValues();
    }
  }

  private static void move(DriveSnapshot.Builder b, EndpointState to, long at) {
    if (b.state == to) {
      return;
    }
    b.state = b.state.moveTo(to);
    b.stateSinceNanos = at;
  }

  @SuppressWarnings("unchecked")
  private static void value(DriveSnapshot.Builder b, Command command, Object v, long at) {
    switch (command) {
      case SUBSYSTEM_HEALTH:
        b.subsystemHealth = (SubsystemHealthStatus) v;
        b.lastHealthNanos = at;
        break;
      case CONTROLLER_HEALTH:
      case CONTROLLER_HEALTH_BASIC:
        b.controllers = (List<ControllerHealthStatus>) v;
        b.controllersNanos = at;
        break;
      case SMART_LOG:
        b.smart = (SmartSnapshot) v;
        b.smartNanos = at;
        break;
      case ERROR_LOG:
        if (((ErrorLogRead) v).complete()) {
          b.errors = ((ErrorLogRead) v).newestFirst();
        }
        break;
      default:
        // identify steps (subsystem info, ports, controller list and info, Identify) change no
        // value: their result arrives as one Identified outcome
        break;
    }
  }

  /** The OCP datacenter log answers ({@code ocp-logs.md}). */
  private void ocpValue(DriveSnapshot.Builder b, Command command, Object v, long at) {
    OcpSnapshot o = b.ocp == null ? OcpSnapshot.EMPTY : b.ocp;
    switch (command) {
      case UUID_LIST:
        b.ocp = o.withUuidIndex((Integer) v);
        break;
      case OCP_SMART_EXTENDED:
        // the SMART log read just before, in the same poll cycle, gives the host bytes of the WAF
        b.ocp = o.withSmartExtended((OcpSmartExtendedLog) v, at, b.smart, ocpThresholds);
        break;
      case OCP_LATENCY_MONITOR:
        b.ocp = o.withLatencyMonitor((OcpLatencyMonitorLog) v, at);
        break;
      default:
        break;
    }
  }

  /** Re-derives {@code hwState} and the controller states from the values in {@code b}. */
  static DriveSnapshot.Builder derive(DriveSnapshot.Builder b) {
    Map<Integer, String> ctrl = new LinkedHashMap<>();
    for (ControllerHealthStatus c : b.controllers) {
      ctrl.put(c.ctlid(), HealthDerivation.controllerState(c));
    }
    b.controllerStates = ctrl;
    boolean any = b.subsystemHealth != null || !b.controllers.isEmpty() || b.smart != null;
    String base = any ? HealthDerivation.driveState(b.subsystemHealth, b.controllers, b.smart) : null;
    // the OCP log adds throttling, capacitor and spare-block conditions: the worse state wins
    b.hwState = any ? OcpHealth.worse(base, b.ocp == null ? null : b.ocp.hwState()) : null;
    return b;
  }
}
