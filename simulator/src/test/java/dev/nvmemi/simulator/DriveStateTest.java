package dev.nvmemi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.admin.IdentifyController;
import dev.nvmemi.mi.admin.SmartLog;
import dev.nvmemi.mi.client.MiEndpoint;
import dev.nvmemi.mi.client.MiResult;
import dev.nvmemi.mi.command.CcsFlag;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import dev.nvmemi.simulator.scenario.Scenario;
import dev.nvmemi.simulator.scenario.StateChange;
import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Each drive state change shows up through the client API as a real drive reports it. */
class DriveStateTest {
  private final VirtualClock clock = new VirtualClock();

  private MiEndpoint endpoint(StateChange change) {
    SimulatedFleet fleet = Fixtures.vectorFleet(clock)
        .scenario(Scenario.builder("t").at(Duration.ofSeconds(1), 0, change).build()).build();
    return new MiEndpoint(fleet.endpoint(1, 0x10));
  }

  private static <T> T ok(CompletionStage<MiResult<T>> s) {
    return s.toCompletableFuture().join().orElseThrow();
  }

  @Test
  void firmwareActivationChangesTheRevisionAndSetsFa() {
    MiEndpoint ep = endpoint(new StateChange.FirmwareActivate("2B2QEXM7", 2));
    assertThat(ok(ep.controller(0).identifyController()).fr()).isEqualTo("1B2QEXM7");
    clock.advance(Duration.ofSeconds(1));
    IdentifyController id = ok(ep.controller(0).identifyController());
    assertThat(id.fr()).isEqualTo("2B2QEXM7");
    assertThat(ok(ep.pollSubsystemHealth(false)).ccsFlags()).contains(CcsFlag.FA);
    assertThat(ok(ep.controller(0).firmwareSlotLog())[0]).isEqualTo((byte) 2);
  }

  @Test
  void readOnlyIsACriticalWarning() {
    MiEndpoint ep = endpoint(new StateChange.ReadOnly(true));
    clock.advance(Duration.ofSeconds(1));
    SmartLog smart = ok(ep.controller(0).smartLog());
    assertThat(smart.critWarn() & 0x08).isNotZero();
    SubsystemHealthStatus s = ok(ep.pollSubsystemHealth(false));
    assertThat(s.sw() & 0x08).as("SW is inverted").isZero();
    assertThat(s.ccsFlags()).contains(CcsFlag.CWARN);
  }

  @Test
  void mediaErrorsGrowTheCountersAndTheErrorLog() {
    MiEndpoint ep = endpoint(new StateChange.MediaErrors(3));
    clock.advance(Duration.ofSeconds(1));
    SmartLog smart = ok(ep.controller(0).smartLog());
    assertThat(smart.mdie()).isEqualTo(BigInteger.valueOf(3));
    assertThat(smart.neile()).isEqualTo(BigInteger.valueOf(3));
    var log = ok(ep.controller(0).errorLog(4));
    assertThat(log.get(0).errcnt()).isEqualTo(3);
    assertThat(log.get(2).errcnt()).isEqualTo(1);
    assertThat(log.get(3).errcnt()).as("unused entry").isZero();
    assertThat(log.get(0).sf() >>> 1).as("SCT 2 SC 81h Unrecovered Read Error").isEqualTo(0x281);
  }

  @Test
  void powerCycleCountsAndUnsafeShutdowns() {
    MiEndpoint ep = endpoint(new StateChange.PowerCycle(true));
    clock.advance(Duration.ofSeconds(1));
    SmartLog smart = ok(ep.controller(0).smartLog());
    assertThat(smart.pwrc()).isEqualTo(BigInteger.valueOf(58));
    assertThat(smart.unsafeShutdowns()).isEqualTo(BigInteger.valueOf(8));
    assertThat(ok(ep.pollSubsystemHealth(false)).ccsFlags()).contains(CcsFlag.NSSRO);
  }

  @Test
  void temperatureRampsLinearly() {
    MiEndpoint ep = endpoint(new StateChange.Temperature(75, Duration.ofSeconds(40)));
    clock.advance(Duration.ofSeconds(21));
    assertThat(ok(ep.pollSubsystemHealth(false)).ctempCelsius()).isBetween(54, 56);
    clock.advance(Duration.ofSeconds(30));
    assertThat(ok(ep.controller(0).smartLog()).ctemp()).isBetween(273 + 74, 273 + 76);
  }

  @Test
  void countersGrowWithTheWorkloadAndTime() {
    SimulatedFleet fleet = SimulatedFleet.builder().clock(clock).seed(8).build();
    MiEndpoint ep = new MiEndpoint(fleet.endpoint(1, 0x10));
    SmartLog before = ok(ep.controller(0).smartLog());
    clock.advance(Duration.ofHours(2));
    SmartLog after = ok(ep.controller(0).smartLog());
    assertThat(after.poh()).isEqualTo(before.poh().add(BigInteger.TWO));
    assertThat(after.dur()).isGreaterThan(before.dur());
    assertThat(after.duw()).isGreaterThan(before.duw());
  }
}
