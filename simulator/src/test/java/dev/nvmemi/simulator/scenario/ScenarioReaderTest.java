package dev.nvmemi.simulator.scenario;

import static dev.nvmemi.simulator.Msg.mi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.simulator.SimulatedEndpoint;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.simulator.VirtualClock;
import dev.nvmemi.simulator.model.SimulatedDrive;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {

  @Test
  void readsEveryActionKind() {
    Scenario s = ScenarioReader.parse("""
        {"name": "all", "description": "d", "events": [
          {"at": "1s", "drive": 0, "action": "temperature", "celsius": 70.5, "over": "2s"},
          {"at": 2, "action": "spare", "percent": 5},
          {"at": "250ms", "drive": "all", "action": "percentage_used", "percent": 101, "over": "1m"},
          {"at": "1h", "action": "critical_warning", "bits": ["RD", "VMBF"], "asserted": true},
          {"at": "1s", "action": "read_only"},
          {"at": "1s", "action": "controller_fatal", "controller": 1},
          {"at": "1s", "action": "controller_ready", "ready": false},
          {"at": "1s", "action": "shutdown"},
          {"at": "1s", "action": "firmware_activate", "revision": "2B2QEXM7"},
          {"at": "1s", "action": "media_errors", "count": 2},
          {"at": "1s", "action": "replace"},
          {"at": "1s", "action": "power_cycle", "unsafe": true},
          {"at": "1s", "action": "host_power", "on": false},
          {"at": "1s", "action": "capacitor", "percent": 30, "over": "1m"},
          {"at": "1s", "action": "firmware_activate", "revision": "OCP1", "ocp": true},
          {"at": "1s", "action": "unresponsive", "duration": "3s"},
          {"at": "1s", "action": "slow", "duration": "3s", "delay": "100ms"},
          {"at": "1s", "action": "mpr", "exchanges": 3},
          {"at": "1s", "action": "corrupt_mic", "rate": 0.5, "duration": "1.5s"},
          {"at": "1s", "action": "truncate", "rate": 1, "duration": "1s", "keep_bytes": 9},
          {"at": "1s", "action": "wrong_csi", "exchanges": 1},
          {"at": "1s", "action": "removed"},
          {"at": "1s", "action": "aem_ack_lost", "duration": "10s"},
          {"at": "1s", "action": "error_status", "command": "subsystem_health_poll", "status": "internal_error"}
        ]}""");
    assertThat(s.events()).hasSize(24);
    assertThat(s.events().get(0).at()).isEqualTo(Duration.ofMillis(250));
    assertThat(s.events()).extracting(e -> e.action().kind()).containsAll(ScenarioReader.actionNames());
    assertThat(s.events().get(s.events().size() - 1).action())
        .isEqualTo(new StateChange.CriticalWarning(0x14, true));
  }

  private static Fault.ErrorStatus errorStatus(String members) {
    Scenario s = ScenarioReader.parse("{\"name\": \"e\", \"events\": [{\"at\": \"2s\", \"drive\": 1, "
        + "\"action\": \"error_status\", " + members + "}]}");
    return (Fault.ErrorStatus) s.events().get(0).action();
  }

  @Test
  void errorStatusTakesACommandNameBitsAStatusNameAndADuration() {
    Fault.ErrorStatus f = errorStatus("\"command\": \"controller_health_poll\", \"nmd0_bits\": \"0x83000000\", "
        + "\"status\": \"internal_error\", \"duration\": \"30s\"");
    assertThat(f.status()).isEqualTo(0x02);
    assertThat(f.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(f.command()).isEqualTo(new CommandSelector("controller_health_poll+0x83000000", 1, 0x02, 0x83000000,
        0x83000000));
  }

  @Test
  void errorStatusAcceptsNumericStatusesAndGenericOpcodesAndLastsForeverByDefault() {
    Fault.ErrorStatus f = errorStatus("\"command\": \"admin:0x10\", \"status\": \"0x21\"");
    assertThat(f.command().nmimt()).isEqualTo(2);
    assertThat(f.command().opcode()).isEqualTo(0x10);
    assertThat(f.status()).isEqualTo(0x21);
    assertThat(f.duration()).isZero();
    assertThat(errorStatus("\"command\": \"get_log_page.smart\", \"status\": 7").status()).isEqualTo(7);
  }

  @Test
  void errorStatusRejectsAnUnknownCommandWithTheKnownOnes() {
    assertThatThrownBy(() -> errorStatus("\"command\": \"health\", \"status\": 2"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("unknown command \"health\"")
        .hasMessageContaining("controller_health_poll")
        .hasMessageContaining("line 1");
  }

  @Test
  void errorStatusRejectsSuccessAndAnUnknownStatusName() {
    assertThatThrownBy(() -> errorStatus("\"command\": \"reset\", \"status\": 0"))
        .isInstanceOf(ScenarioException.class).hasMessageContaining("(expected: 2 ~ 255)");
    assertThatThrownBy(() -> errorStatus("\"command\": \"reset\", \"status\": \"broken\""))
        .isInstanceOf(ScenarioException.class).hasMessageContaining("\"broken\"")
        .hasMessageContaining("internal_error").hasMessageContaining("invalid_parameter");
  }

  @Test
  void errorStatusRejectsBitsOfTheWrongCommandSet() {
    assertThatThrownBy(() -> errorStatus("\"command\": \"identify\", \"nmd0_bits\": 1, \"status\": 2"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("\"nmd0_bits\"")
        .hasMessageContaining("expected: cdw10_bits for admin commands");
    assertThatThrownBy(() -> errorStatus("\"command\": \"read_port_info\", \"nmd0_bits\": \"0x02000000\", "
        + "\"status\": 2"))
        .isInstanceOf(ScenarioException.class).hasMessageContaining("contradict");
  }

  @Test
  void readsTheCapacitorActionAndTheOcpFlagOfAFirmwareActivation() {
    Scenario s = ScenarioReader.parse("""
        {"name": "ocp", "events": [
          {"at": "1s", "action": "capacitor", "percent": 30, "over": "1m"},
          {"at": "2s", "action": "firmware_activate", "revision": "OCP1", "ocp": false},
          {"at": "3s", "action": "firmware_activate", "revision": "OCP2"}
        ]}""");
    assertThat(s.events()).extracting(e -> e.action()).containsExactly(
        new StateChange.Capacitor(30, Duration.ofMinutes(1)), new StateChange.FirmwareActivate("OCP1", 2, false),
        new StateChange.FirmwareActivate("OCP2", 2, null));
  }

  @Test
  void unknownActionNamesTheAlternatives() {
    assertThatThrownBy(() -> ScenarioReader.parse("{\"name\": \"x\", \"events\": [\n {\"at\": \"1s\", \"action\": \"explode\"}]}"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("unknown action \"explode\" at line 2, column 25")
        .hasMessageContaining("temperature");
  }

  @Test
  void unknownMemberIsRejectedWithItsPosition() {
    assertThatThrownBy(() -> ScenarioReader.parse(
        "{\"name\": \"x\", \"events\": [{\"at\": \"1s\", \"action\": \"spare\", \"percent\": 5, \"pct\": 4}]}"))
        .hasMessageContaining("unknown member \"pct\" in a \"spare\" event at line 1, column 72");
  }

  @Test
  void wrongTypeSaysWhatWasExpected() {
    assertThatThrownBy(() -> ScenarioReader.parse(
        "{\"name\": \"x\", \"events\": [{\"at\": \"1s\", \"action\": \"spare\", \"percent\": \"5\"}]}"))
        .hasMessageContaining("\"percent\" at line 1, column 69 is a string (expected: a number)");
  }

  @Test
  void outOfRangeValueSaysTheRange() {
    assertThatThrownBy(() -> ScenarioReader.parse(
        "{\"name\": \"x\", \"events\": [{\"at\": \"1s\", \"action\": \"corrupt_mic\", \"rate\": 1.5, \"duration\": \"1s\"}]}"))
        .hasMessageContaining("(expected: 0 < rate <= 1)");
  }

  @Test
  void badDurationSaysTheFormat() {
    assertThatThrownBy(() -> ScenarioReader.parse(
        "{\"name\": \"x\", \"events\": [{\"at\": \"5 seconds\", \"action\": \"read_only\"}]}"))
        .hasMessageContaining("\"at\" at line 1, column 33 is \"5 seconds\"").hasMessageContaining("\"250ms\"");
  }

  @Test
  void missingMemberIsNamed() {
    assertThatThrownBy(() -> ScenarioReader.parse("{\"name\": \"x\", \"events\": [{\"action\": \"read_only\"}]}"))
        .hasMessageContaining("missing member \"at\"");
  }

  @Test
  void missingFileNamesTheFile() {
    assertThatThrownBy(() -> ScenarioReader.read(Path.of("scenarios/nope.json")))
        .hasMessageContaining("cannot read scenario file scenarios/nope.json");
  }

  @Test
  void syntaxErrorInAFileNamesFileLineAndColumn() throws Exception {
    Path f = java.nio.file.Files.createTempFile("scenario", ".json");
    try {
      java.nio.file.Files.writeString(f, "{\n\"name\": \"x\",\n\"events\": [}\n");
      assertThatThrownBy(() -> ScenarioReader.read(f)).hasMessageContaining(f + ": ")
          .hasMessageContaining("line 3, column 12");
    } finally {
      java.nio.file.Files.delete(f);
    }
  }

  // ---- the shipped examples ---------------------------------------------------------------

  private static SimulatedEndpoint drive0(String file, VirtualClock clock) {
    Scenario s = ScenarioReader.read(Path.of("scenarios", file));
    return SimulatedFleet.builder().clock(clock).drives(2).seed(5).scenario(s).build().allEndpoints().get(0);
  }

  @Test
  void overheatPassesWarningThenCriticalWithinTwentySecondsAndCoolsDown() {
    for (long seed = 1; seed <= 20; seed++) {
      VirtualClock clock = new VirtualClock();
      Scenario s = ScenarioReader.read(Path.of("scenarios/overheat.json"));
      SimulatedEndpoint ep = SimulatedFleet.builder().clock(clock).seed(seed).scenario(s).build().allEndpoints().get(0);
      int wctemp = ep.inspect(d -> d.identity().wctempKelvin());
      int cctemp = ep.inspect(d -> d.identity().cctempKelvin());
      long warnAt = -1;
      long critAt = -1;
      for (long ms = 0; ms <= 20_000; ms += 250) {
        int k = ep.inspect(SimulatedDrive::compositeKelvin);
        if (warnAt < 0 && k >= wctemp) {
          warnAt = ms;
        }
        if (critAt < 0 && k >= cctemp) {
          critAt = ms;
        }
        clock.advance(Duration.ofMillis(250));
      }
      assertThat(warnAt).as("seed %d reaches WCTEMP", seed).isBetween(0L, 20_000L);
      assertThat(critAt).as("seed %d reaches CCTEMP after WCTEMP", seed).isGreaterThanOrEqualTo(warnAt)
          .isLessThanOrEqualTo(20_000L);
      clock.advance(Duration.ofSeconds(100));
      assertThat(ep.inspect(SimulatedDrive::compositeKelvin)).isLessThan(wctemp);
    }
  }

  @Test
  void errorAnswersFailTheControllerHealthPollWithAllAndIncludeBitsThenTheSmartLogForThirtySeconds() {
    VirtualClock clock = new VirtualClock();
    SimulatedEndpoint ep = drive0("error-answers.json", clock);
    byte[] chsp = mi(0, 0x02, 0x8300_0000, 0);
    byte[] smart = dev.nvmemi.simulator.Msg.admin(0x02, 0, -1, 0, 512, 0x007F_8002);
    assertThat(ep.process(chsp).response()[4]).isZero();
    clock.advance(Duration.ofSeconds(5));
    assertThat(ep.process(chsp).response()[4]).as("Internal Error").isEqualTo((byte) 0x02);
    assertThat(ep.process(mi(0, 0x02, 0x8000_0000, 0)).response()[4]).as("ALL alone").isZero();
    assertThat(ep.process(smart).response()[4]).isZero();
    clock.advance(Duration.ofSeconds(15));
    assertThat(ep.process(smart).response()[4]).as("PCIe Inaccessible").isEqualTo((byte) 0x21);
    clock.advance(Duration.ofSeconds(30));
    assertThat(ep.process(smart).response()[4]).isZero();
    assertThat(ep.process(chsp).response()[4]).as("still, for good").isEqualTo((byte) 0x02);
  }

  @Test
  void overheatShowsInTheHealthPoll() {
    VirtualClock clock = new VirtualClock();
    SimulatedEndpoint ep = drive0("overheat.json", clock);
    clock.advance(Duration.ofSeconds(20));
    byte[] r = ep.process(mi(0, 0x01, 0, 0)).response();
    assertThat(r[9] & 0x02).as("SW: temperature warning asserted (bit clear)").isZero();
    assertThat(r[10] & 0xFF).as("CTEMP").isBetween(89, 91);
    assertThat(r[12] & 0xFF | (r[13] & 0xFF) << 8).as("CCS CTEMP and CWARN")
        .isEqualTo(SimulatedDrive.CCS_CTEMP | SimulatedDrive.CCS_CWARN);
  }

  @Test
  void wearOutFallsBelowTheSpareThresholdAndPassesHundredPercentUsed() {
    VirtualClock clock = new VirtualClock();
    SimulatedEndpoint ep = drive0("wear-out.json", clock);
    clock.advance(Duration.ofSeconds(60));
    assertThat(ep.inspect(SimulatedDrive::availableSpare)).isLessThan(ep.inspect(SimulatedDrive::spareThreshold));
    assertThat(ep.inspect(SimulatedDrive::pdlu)).isGreaterThan(100);
    assertThat(ep.inspect(SimulatedDrive::criticalWarning) & SimulatedDrive.CW_SPARE).isNotZero();
    assertThat(ep.inspect(SimulatedDrive::mediaErrors)).isEqualTo(3);
    clock.advance(Duration.ofSeconds(40));
    assertThat(ep.inspect(SimulatedDrive::criticalWarning))
        .isEqualTo(SimulatedDrive.CW_SPARE | SimulatedDrive.CW_RELIABILITY | SimulatedDrive.CW_READ_ONLY);
  }

  @Test
  void driveReplacementComesBackWithANewSerialAtTheSameAddress() {
    VirtualClock clock = new VirtualClock();
    Scenario s = ScenarioReader.read(Path.of("scenarios/drive-replacement.json"));
    SimulatedFleet fleet = SimulatedFleet.builder().clock(clock).drives(2).seed(5).scenario(s).build();
    SimulatedEndpoint ep = fleet.allEndpoints().get(1);
    String before = ep.serial();
    clock.advance(Duration.ofSeconds(15));
    assertThat(ep.isPresent()).isFalse();
    clock.advance(Duration.ofSeconds(15));
    assertThat(ep.isPresent()).isTrue();
    assertThat(ep.serial()).isEqualTo("S6REPLACE0000042").isNotEqualTo(before);
    assertThat(ep.info().eid()).isEqualTo(0x11);
    assertThat(ep.inspect(SimulatedDrive::powerOnHours)).isZero();
  }
}
