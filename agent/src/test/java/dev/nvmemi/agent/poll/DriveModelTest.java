package dev.nvmemi.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.drive.ControllerIdentity;
import dev.nvmemi.agent.drive.DriveIdentity;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import dev.nvmemi.transport.discovery.BusEndpoint;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drive model as a pure fold: outcomes in, snapshots (with the state machine) out. */
class DriveModelTest {
  private static final long S = 1_000_000_000L;
  private static final SubsystemHealthStatus HEALTHY = new SubsystemHealthStatus(0x38, 0x3F, 35, 3, 0);
  private final DriveModel model = new DriveModel(3);
  private long now = 10 * S;

  private static DriveIdentity drive(String serial, String firmware) {
    return new DriveIdentity(1, 2, 2, List.of(new ControllerIdentity(0, 0x144d, serial, "M", firmware, 343, 353,
        BigInteger.TEN, 4, 0)));
  }

  private DriveSnapshot apply(DriveSnapshot s, PollOutcome o) {
    now += S;
    return model.apply(s, o);
  }

  private PollOutcome.Lifecycle signal(PollOutcome.Signal sig) {
    return new PollOutcome.Lifecycle(sig, now);
  }

  private PollOutcome.Answer health() {
    return new PollOutcome.Answer(Command.SUBSYSTEM_HEALTH, HEALTHY, now, 1000);
  }

  private PollOutcome.ErrorStatus internalError(Command c) {
    return new PollOutcome.ErrorStatus(c, "mi_status", "Internal Error (MI status 0x02)", now, 1000);
  }

  /** An identified, active drive with a health reading. */
  private DriveSnapshot active() {
    DriveSnapshot s = DriveSnapshot.initial(BusEndpoint.of(1, 9, "mctpi2c0"), now);
    s = apply(s, signal(PollOutcome.Signal.IDENTIFY));
    s = apply(s, new PollOutcome.Identified(drive("S1", "F1"), null, now));
    return apply(s, health());
  }

  @Test
  void identifyingThenIdentifiedIsActiveWithTheStateSinceTheIdentification() {
    DriveSnapshot s = active();
    assertThat(s.state()).isEqualTo(EndpointState.ACTIVE);
    assertThat(s.hwState()).isEqualTo("ok");
    assertThat(s.stateSinceNanos()).isLessThan(now);
  }

  @Test
  void errorStatusAnswersAreFailuresThatBackOffAndThenLoseTheDrive() {
    DriveSnapshot s = active();
    s = apply(s, internalError(Command.SUBSYSTEM_HEALTH));
    assertThat(s.state()).isEqualTo(EndpointState.BACKOFF);
    assertThat(s.lastError()).isEqualTo("mi_status");
    assertThat(s.failures()).extracting(CommandFailure::command).containsExactly("subsystem_health_poll");
    s = apply(s, internalError(Command.SUBSYSTEM_HEALTH));
    s = apply(s, internalError(Command.CONTROLLER_HEALTH));
    assertThat(s.state()).isEqualTo(EndpointState.LOST);
    assertThat(s.hasHealth()).as("nothing older than the loss stays").isFalse();
    assertThat(s.failures()).extracting(CommandFailure::command)
        .containsExactly("subsystem_health_poll", "controller_health_poll");
  }

  @Test
  void anUnsupportedStatusIsAnAnswerNotAFailure() {
    DriveSnapshot s = active();
    s = apply(s, new PollOutcome.Unsupported(Command.READ_PORT_INFO, "Invalid Command Opcode", now, 1000));
    assertThat(s.state()).isEqualTo(EndpointState.ACTIVE);
    assertThat(s.consecutiveFailures()).isZero();
    assertThat(s.unsupported()).containsExactly("read_port_info");
  }

  @Test
  void anAnswerAfterTheLossRecoversAndClearsThatCommandsFailure() {
    DriveSnapshot s = active();
    for (int i = 0; i < 3; i++) {
      s = apply(s, new PollOutcome.TransportFailure(Command.SUBSYSTEM_HEALTH, "timeout", "no answer", now, S));
    }
    assertThat(s.state()).isEqualTo(EndpointState.LOST);
    s = apply(s, health());
    assertThat(s.state()).isEqualTo(EndpointState.ACTIVE);
    assertThat(s.failures()).isEmpty();
    assertThat(s.lastError()).isEmpty();
  }

  @Test
  void aFailedReadOfAnActiveDriveIsThatCommandsFailureAndItsValueAgesOut() {
    DriveSnapshot s = active();
    s = apply(s, new PollOutcome.Answer(Command.CONTROLLER_HEALTH,
        List.of(new ControllerHealthStatus(0, 0x01, 308, 3, 100, 0, 0)), now, 1000));
    s = apply(s, internalError(Command.SMART_LOG));
    s = apply(s, new PollOutcome.TransportFailure(Command.OCP_SMART_EXTENDED, "timeout", "no answer", now, S));
    assertThat(s.state()).isEqualTo(EndpointState.ACTIVE);
    assertThat(s.failures()).extracting(CommandFailure::command)
        .containsExactly("get_log_page.smart", "get_log_page.ocp_smart_extended");
    DriveSnapshot.Freshness tenSeconds = new DriveSnapshot.Freshness(10 * S, 10 * S, 10 * S);
    assertThat(s.exported(now, tenSeconds).subsystemHealth()).as("one failed read keeps the others").isNotNull();
    assertThat(s.exported(now, tenSeconds).controllers()).hasSize(1);
    DriveSnapshot later = s.exported(now + 30 * S, tenSeconds);
    assertThat(later.subsystemHealth()).isNull();
    assertThat(later.hwState()).isNull();
  }

  @Test
  void failedReadsOfAnActiveDriveDoNotCountTowardItsLoss() {
    DriveSnapshot s = active();
    for (int i = 0; i < 5; i++) {
      s = apply(s, internalError(Command.SMART_LOG));
      s = apply(s, internalError(Command.IDENTIFY_CONTROLLER));
    }
    assertThat(s.state()).isEqualTo(EndpointState.ACTIVE);
    assertThat(s.consecutiveFailures()).isZero();
    s = apply(s, new PollOutcome.TransportFailure(Command.SUBSYSTEM_HEALTH, "timeout", "no answer", now, S));
    assertThat(s.state()).as("the first failed health poll: backoff, not lost").isEqualTo(EndpointState.BACKOFF);
  }

  @Test
  void backoffExportsNoValueAndNeverOk() {
    DriveSnapshot s = active();
    s = apply(s, new PollOutcome.TransportFailure(Command.SUBSYSTEM_HEALTH, "timeout", "no answer", now, S));
    assertThat(s.state()).isEqualTo(EndpointState.BACKOFF);
    assertThat(s.hasHealth()).as("kept, to come back while fresh").isTrue();
    DriveSnapshot exported = s.exported(now, DriveSnapshot.Freshness.ALWAYS);
    assertThat(exported.hasHealth()).isFalse();
    assertThat(exported.hwState()).isNull();
    assertThat(apply(s, health()).exported(now, DriveSnapshot.Freshness.ALWAYS).hwState())
        .as("an answer makes it active again").isEqualTo("ok");
  }

  @Test
  void lostDegradedAndRemovedExportNoValues() {
    DriveSnapshot s = active();
    DriveSnapshot degraded = apply(s, signal(PollOutcome.Signal.CONNECTIVITY_DEGRADED));
    assertThat(degraded.state()).isEqualTo(EndpointState.DEGRADED_CONNECTIVITY);
    assertThat(degraded.exported(now, DriveSnapshot.Freshness.ALWAYS).hasHealth()).isFalse();
    assertThat(apply(degraded, health()).hasHealth()).as("a late answer while degraded changes nothing").isFalse();
    DriveSnapshot available = apply(degraded, signal(PollOutcome.Signal.CONNECTIVITY_AVAILABLE));
    assertThat(available.state()).isEqualTo(EndpointState.ACTIVE);
    DriveSnapshot removed = apply(available, signal(PollOutcome.Signal.REMOVED));
    assertThat(removed.state()).isEqualTo(EndpointState.REMOVED);
    assertThat(apply(removed, health())).as("removed is terminal").isEqualTo(removed);
  }

  @Test
  void aDifferentDriveAtTheSameAddressForgetsThePreviousDrivesValues() {
    DriveSnapshot s = active();
    s = apply(s, new PollOutcome.Identified(drive("S2", "F1"), drive("S1", "F1"), now));
    assertThat(s.identity().serialNumber()).isEqualTo("S2");
    assertThat(s.hasHealth()).isFalse();
    DriveSnapshot fw = apply(active(), new PollOutcome.Identified(drive("S1", "F2"), drive("S1", "F1"), now));
    assertThat(fw.hasHealth()).as("a firmware change is the same drive").isTrue();
  }
}
