package dev.nvmemi.agent.poll;

import dev.nvmemi.transport.discovery.BusEndpoint;
import dev.nvmemi.agent.drive.DriveIdentity;
import dev.nvmemi.agent.drive.ErrorEntry;
import dev.nvmemi.agent.drive.SmartSnapshot;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The latest known values of one endpoint, published by its session after every answer and read
 * by the observable instruments, {@code /status} and {@code once}. Immutable; safe to read from any
 * thread.
 *
 * @param key where the endpoint sits
 * @param state lifecycle state
 * @param identity the identified drive, or null before the first identify
 * @param subsystemHealth last NVM Subsystem Health Status, or null
 * @param controllers last Controller Health Status per controller (may be empty)
 * @param smart last SMART / Health log of the primary controller, or null
 * @param hwState derived drive state (ok, degraded, predicted_failure, failed), or null before health
 * @param controllerStates derived state per controller ID
 * @param errors the newest Error Information log entries read (newest first)
 * @param lastHealthNanos when the last subsystem health answer arrived (timer clock), 0 = never
 * @param lastError error.type of the last failure, or "" after a success
 * @param unsupported commands the drive rejected as unsupported (never re-issued)
 */
public record DriveSnapshot(BusEndpoint key, EndpointState state, DriveIdentity identity,
    SubsystemHealthStatus subsystemHealth, List<ControllerHealthStatus> controllers, SmartSnapshot smart,
    String hwState, Map<Integer, String> controllerStates, List<ErrorEntry> errors, long lastHealthNanos,
    String lastError, List<String> unsupported) {

  public DriveSnapshot {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    controllers = List.copyOf(controllers);
    controllerStates = Map.copyOf(controllerStates);
    errors = List.copyOf(errors);
    Objects.requireNonNull(lastError, "lastError");
    unsupported = List.copyOf(unsupported);
  }

  /** A new endpoint: nothing known yet. */
  public static DriveSnapshot initial(BusEndpoint key) {
    return new DriveSnapshot(key, EndpointState.DISCOVERED, null, null, List.of(), null, null, Map.of(),
        List.of(), 0, "", List.of());
  }

  public DriveSnapshot withState(EndpointState s) {
    return new DriveSnapshot(key, s, identity, subsystemHealth, controllers, smart, hwState, controllerStates,
        errors, lastHealthNanos, lastError, unsupported);
  }

  public DriveSnapshot withIdentity(DriveIdentity i) {
    return new DriveSnapshot(key, state, i, subsystemHealth, controllers, smart, hwState, controllerStates,
        errors, lastHealthNanos, lastError, unsupported);
  }

  public DriveSnapshot withSubsystemHealth(SubsystemHealthStatus h, long atNanos) {
    return new DriveSnapshot(key, state, identity, h, controllers, smart, hwState, controllerStates,
        errors, atNanos, lastError, unsupported);
  }

  public DriveSnapshot withControllers(List<ControllerHealthStatus> c) {
    return new DriveSnapshot(key, state, identity, subsystemHealth, c, smart, hwState, controllerStates,
        errors, lastHealthNanos, lastError, unsupported);
  }

  public DriveSnapshot withSmart(SmartSnapshot s) {
    return new DriveSnapshot(key, state, identity, subsystemHealth, controllers, s, hwState, controllerStates,
        errors, lastHealthNanos, lastError, unsupported);
  }

  public DriveSnapshot withDerived(String hw, Map<Integer, String> ctrl) {
    return new DriveSnapshot(key, state, identity, subsystemHealth, controllers, smart, hw, ctrl,
        errors, lastHealthNanos, lastError, unsupported);
  }

  public DriveSnapshot withErrors(List<ErrorEntry> e) {
    return new DriveSnapshot(key, state, identity, subsystemHealth, controllers, smart, hwState, controllerStates,
        e, lastHealthNanos, lastError, unsupported);
  }

  public DriveSnapshot withLastError(String e) {
    return new DriveSnapshot(key, state, identity, subsystemHealth, controllers, smart, hwState, controllerStates,
        errors, lastHealthNanos, e, unsupported);
  }

  public DriveSnapshot withUnsupported(List<String> u) {
    return new DriveSnapshot(key, state, identity, subsystemHealth, controllers, smart, hwState, controllerStates,
        errors, lastHealthNanos, lastError, u);
  }

  /** Forget the previous drive's values (replacement): keeps key, state and identity. */
  public DriveSnapshot cleared() {
    return new DriveSnapshot(key, state, identity, null, List.of(), null, null, Map.of(), List.of(), lastHealthNanos,
        lastError, List.of());
  }
}
