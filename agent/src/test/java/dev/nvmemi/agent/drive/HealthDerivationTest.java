package dev.nvmemi.agent.drive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthDerivationTest {
  /** NSS with DF (drive functional) set; SW 3Fh = no warning; 35 °C; 3 % used. */
  private static final SubsystemHealthStatus HEALTHY = new SubsystemHealthStatus(0x38, 0x3F, 35, 3, 0);

  private static ControllerHealthStatus controller(int csts) {
    return new ControllerHealthStatus(0, csts, 308, 3, 100, 0, 0);
  }

  @Test
  void aControllerItsHostHasNotEnabledIsNotEnabledAndTheDriveStaysOk() {
    ControllerHealthStatus off = controller(0x00); // RDY=0, CFS=0, SHST=00, CECO=0: host powered off
    assertThat(HealthDerivation.readiness(off)).isEqualTo(HealthDerivation.Readiness.NOT_ENABLED);
    assertThat(HealthDerivation.controllerState(off)).isEqualTo(HealthDerivation.OK);
    assertThat(HealthDerivation.driveState(HEALTHY, List.of(off), null)).isEqualTo(HealthDerivation.OK);
  }

  @Test
  void controllerFatalStatusIsFailed() {
    ControllerHealthStatus fatal = controller(0x02);
    assertThat(HealthDerivation.readiness(fatal)).isEqualTo(HealthDerivation.Readiness.FATAL);
    assertThat(HealthDerivation.controllerState(fatal)).isEqualTo(HealthDerivation.FAILED);
    assertThat(HealthDerivation.driveState(HEALTHY, List.of(fatal), null)).isEqualTo(HealthDerivation.FAILED);
  }

  @Test
  void aShutDownControllerIsDegraded() {
    ControllerHealthStatus shutdown = controller(0x08 | 0x01); // SHST = 10b complete
    assertThat(HealthDerivation.readiness(shutdown)).isEqualTo(HealthDerivation.Readiness.SHUTDOWN);
    assertThat(HealthDerivation.driveState(HEALTHY, List.of(shutdown), null)).isEqualTo(HealthDerivation.DEGRADED);
  }

  @Test
  void ctempNoDataAndSensorFailureCodesAreNoTemperature() {
    assertThat(HealthDerivation.compositeCelsius(new SubsystemHealthStatus(0x38, 0x3F, 0x80, 3, 0), null)).isNull();
    assertThat(HealthDerivation.compositeCelsius(new SubsystemHealthStatus(0x38, 0x3F, 0x81, 3, 0), null)).isNull();
    assertThat(HealthDerivation.compositeCelsius(HEALTHY, null)).isEqualTo(35.0);
  }
}
