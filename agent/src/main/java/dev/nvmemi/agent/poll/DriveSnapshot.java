package dev.nvmemi.agent.poll;

import dev.nvmemi.agent.drive.DriveIdentity;
import dev.nvmemi.transport.discovery.BusEndpoint;
import dev.nvmemi.agent.drive.ErrorEntry;
import dev.nvmemi.agent.drive.OcpSnapshot;
import dev.nvmemi.agent.drive.SmartSnapshot;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the agent knows about one endpoint after the outcomes so far: the fold of its outcome
 * stream by {@link DriveModel}. Metrics, events, {@code /status} and {@code once} read it, through
 * {@link #exported(long, Freshness)} where they report current values. Immutable; safe to read from
 * any thread.
 *
 * @param key where the endpoint sits
 * @param state lifecycle state ({@link EndpointState})
 * @param stateSinceNanos when the endpoint entered {@code state} (timer clock)
 * @param identity the identified drive, or null before the first identify
 * @param subsystemHealth last NVM Subsystem Health Status, or null
 * @param controllers last Controller Health Status per controller (may be empty)
 * @param smart last SMART / Health log of the primary controller, or null
 * @param hwState derived drive state (ok, degraded, predicted_failure, failed), or null without health values
 * @param controllerStates derived state per controller ID
 * @param errors the newest Error Information log entries read (newest first)
 * @param lastHealthNanos when the last subsystem health answer arrived (timer clock), 0 = never
 * @param controllersNanos when {@code controllers} arrived, 0 = never
 * @param smartNanos when {@code smart} arrived, 0 = never
 * @param lastAnswerNanos when the endpoint last answered anything, 0 = never
 * @param consecutiveFailures failed exchanges since the last answer
 * @param lastError error.type of the last failure, or "" after an answer
 * @param failures the last failure of each command that has not answered since, in order of failure
 * @param unsupported commands the drive rejected as unsupported (never re-issued)
 * @param aem Asynchronous Event Message status ({@link AemStatus})
 * @param ocp what the OCP datacenter logs said (UUID index, C0h, C3h, write amplification), or null
 *     for a drive not (yet) read as an OCP drive
 */
public record DriveSnapshot(BusEndpoint key, EndpointState state, long stateSinceNanos, DriveIdentity identity,
    SubsystemHealthStatus subsystemHealth, List<ControllerHealthStatus> controllers, SmartSnapshot smart,
    String hwState, Map<Integer, String> controllerStates, List<ErrorEntry> errors, long lastHealthNanos,
    long controllersNanos, long smartNanos, long lastAnswerNanos, int consecutiveFailures, String lastError,
    List<CommandFailure> failures, List<String> unsupported, AemStatus aem, OcpSnapshot ocp) {

  public DriveSnapshot {
    Objects.requireNonNull(aem, "aem");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    controllers = List.copyOf(controllers);
    controllerStates = Map.copyOf(controllerStates);
    errors = List.copyOf(errors);
    Objects.requireNonNull(lastError, "lastError");
    failures = List.copyOf(failures);
    unsupported = List.copyOf(unsupported);
  }

  /**
   * How old each value may be and still be exported as current (a read that keeps failing ages it out).
   *
   * @param ocpNanos how old an OCP C0h or C3h page may be (with the C0h page go its write amplification
   *     and its part of {@code hwState})
   */
  public record Freshness(long subsystemHealthNanos, long controllersNanos, long smartNanos, long ocpNanos) {
    /** Everything is fresh (tests, {@code once}). */
    public static final Freshness ALWAYS = new Freshness(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
        Long.MAX_VALUE);

    /** OCP pages never age out. */
    public Freshness(long subsystemHealthNanos, long controllersNanos, long smartNanos) {
      this(subsystemHealthNanos, controllersNanos, smartNanos, Long.MAX_VALUE);
    }
  }

  /** A new endpoint: nothing known yet. */
  public static DriveSnapshot initial(BusEndpoint key, long nowNanos) {
    return new DriveSnapshot(key, EndpointState.DISCOVERED, nowNanos, null, null, List.of(), null, null, Map.of(),
        List.of(), 0, 0, 0, 0, 0, "", List.of(), List.of(), AemStatus.OFF, null);
  }

  /** Whether any health value (subsystem, controllers, SMART) is known. */
  public boolean hasHealth() {
    return subsystemHealth != null || !controllers.isEmpty() || smart != null;
  }

  /**
   * The values that may be reported as current at {@code nowNanos}: none unless the state exports
   * values ({@link EndpointState#exportsValues()}); otherwise only those
   * younger than {@code freshness}. The derived states follow ({@code hwState} null without a
   * subsystem health or controller value).
   */
  public DriveSnapshot exported(long nowNanos, Freshness freshness) {
    if (!state.exportsValues()) {
      return toBuilder().clearValues().build();
    }
    Builder b = toBuilder();
    boolean changed = false;
    if (subsystemHealth != null && nowNanos - lastHealthNanos > freshness.subsystemHealthNanos()) {
      b.subsystemHealth = null;
      changed = true;
    }
    if (!controllers.isEmpty() && nowNanos - controllersNanos > freshness.controllersNanos()) {
      b.controllers = List.of();
      b.controllerStates = Map.of();
      changed = true;
    }
    if (smart != null && nowNanos - smartNanos > freshness.smartNanos()) {
      b.smart = null;
      changed = true;
    }
    if (ocp != null) {
      OcpSnapshot current = ocp.current(nowNanos, freshness.ocpNanos());
      if (current != ocp) {
        b.ocp = current;
        changed = true;
      }
    }
    return changed ? DriveModel.derive(b).build() : this;
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A mutable copy for {@link DriveModel}; not thread-safe, never shared. */
  public static final class Builder {
    BusEndpoint key;
    EndpointState state;
    long stateSinceNanos;
    DriveIdentity identity;
    SubsystemHealthStatus subsystemHealth;
    List<ControllerHealthStatus> controllers;
    SmartSnapshot smart;
    String hwState;
    Map<Integer, String> controllerStates;
    List<ErrorEntry> errors;
    long lastHealthNanos;
    long controllersNanos;
    long smartNanos;
    long lastAnswerNanos;
    int consecutiveFailures;
    String lastError;
    List<CommandFailure> failures;
    List<String> unsupported;
    AemStatus aem;
    OcpSnapshot ocp;

    Builder(DriveSnapshot s) {
      key = s.key;
      state = s.state;
      stateSinceNanos = s.stateSinceNanos;
      identity = s.identity;
      subsystemHealth = s.subsystemHealth;
      controllers = s.controllers;
      smart = s.smart;
      hwState = s.hwState;
      controllerStates = s.controllerStates;
      errors = s.errors;
      lastHealthNanos = s.lastHealthNanos;
      controllersNanos = s.controllersNanos;
      smartNanos = s.smartNanos;
      lastAnswerNanos = s.lastAnswerNanos;
      consecutiveFailures = s.consecutiveFailures;
      lastError = s.lastError;
      failures = s.failures;
      unsupported = s.unsupported;
      aem = s.aem;
      ocp = s.ocp;
    }

    /** Forgets every health value, the OCP values included (kept: identity, state, failures, unsupported commands). */
    Builder clearValues() {
      subsystemHealth = null;
      controllers = List.of();
      smart = null;
      hwState = null;
      controllerStates = Map.of();
      errors = List.of();
      ocp = null;
      return this;
    }

    public DriveSnapshot build() {
      return new DriveSnapshot(key, state, stateSinceNanos, identity, subsystemHealth, controllers, smart, hwState,
          controllerStates, errors, lastHealthNanos, controllersNanos, smartNanos, lastAnswerNanos,
          consecutiveFailures, lastError, failures, unsupported, aem, ocp);
    }
  }
}
