package dev.nvmemi.mi.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The MI data structures against hand-annotated hex fixtures: every field decodes to the value
 * its comment states, and the decoded record encodes back to exactly the fixture bytes.
 */
class StructureFixturesTest {

  @Test
  void subsystemHealthWithTemperatureWarning() {
    byte[] b = Fixtures.load("nshds/temperature-warning.hex");
    SubsystemHealthStatus h = SubsystemHealthStatus.decode(b);
    assertThat(h.nssFlags()).containsExactlyInAnyOrder(NssFlag.DF, NssFlag.RNR, NssFlag.P0LA);
    assertThat(h.warningsActive()).containsExactly(SmartWarning.TAUT);
    assertThat(h.ctempCelsius()).isEqualTo(-10);
    assertThat(h.ctempKind()).isEqualTo(CompositeTemperature.Kind.EXACT);
    assertThat(h.pdlu()).isEqualTo(38);
    assertThat(h.ccsFlags()).containsExactlyInAnyOrder(CcsFlag.RDY, CcsFlag.CECO);
    assertThat(h.encode()).isEqualTo(b);
  }

  @Test
  void subsystemHealthWithSensorFailureHasNoTemperature() {
    byte[] b = Fixtures.load("nshds/sensor-failure.hex");
    SubsystemHealthStatus h = SubsystemHealthStatus.decode(b);
    assertThat(h.nssFlags()).containsExactly(NssFlag.DF);
    assertThat(h.warningsActive()).containsExactlyInAnyOrder(SmartWarning.ST, SmartWarning.RD, SmartWarning.RO);
    assertThat(h.ctempCelsius()).isNull();
    assertThat(h.ctempKind()).isEqualTo(CompositeTemperature.Kind.SENSOR_FAILURE);
    assertThat(h.pdlu()).isEqualTo(255);
    assertThat(h.ccsFlags()).containsExactlyInAnyOrder(CcsFlag.CWARN, CcsFlag.TCIDA);
    assertThat(h.encode()).isEqualTo(b);
  }

  @Test
  void subsystemHealthOfA21EndpointDecodesCcsfBit13AsTcida() {
    byte[] b = Fixtures.load("nshds/ccsf-tcidaf.hex");
    SubsystemHealthStatus h = SubsystemHealthStatus.decode(b);
    assertThat(h.ccs()).isEqualTo(0x2000);
    assertThat(h.ccsFlags()).containsExactly(CcsFlag.TCIDA);
    assertThat(h.ctempCelsius()).isEqualTo(30);
    assertThat(h.encode()).isEqualTo(b);
  }

  @Test
  void controllerHealthReadsChscfAtOffset9() {
    byte[] b = Fixtures.load("chds/chscf-temperature.hex");
    ControllerHealthStatus c = ControllerHealthStatus.decode(b);
    assertThat(c.chsc()).isEqualTo(0x2200);
    assertThat(c.chscFlags()).containsExactlyInAnyOrder(CcsFlag.CTEMP, CcsFlag.TCIDA);
    assertThat(c.ctempCelsius()).isEqualTo(90);
    assertThat(c.cwarnFlags()).containsExactly(SmartWarning.TAUT);
    assertThat(c.encode()).isEqualTo(b);
  }

  @Test
  void controllerHealthOfAHealthyController() {
    byte[] b = Fixtures.load("chds/controller-0.hex");
    ControllerHealthStatus c = ControllerHealthStatus.decode(b);
    assertThat(c).isEqualTo(new ControllerHealthStatus(0, 0, 293, 38, 100, 0, 0));
    assertThat(c.ctempCelsius()).isEqualTo(20);
    assertThat(c.shutdownStatus()).isEqualTo(ControllerHealthStatus.ShutdownStatus.NORMAL);
    assertThat(c.encode()).isEqualTo(b);
  }

  @Test
  void controllerHealthWithShutdownCompleteAndChangeFlags() {
    byte[] b = Fixtures.load("chds/shutdown-complete.hex");
    ControllerHealthStatus c = ControllerHealthStatus.decode(b);
    assertThat(c.ctlid()).isEqualTo(3);
    assertThat(c.cstsFlags()).containsExactlyInAnyOrder(CstsFlag.RDY, CstsFlag.CECO);
    assertThat(c.shutdownStatus()).isEqualTo(ControllerHealthStatus.ShutdownStatus.COMPLETE);
    assertThat(c.ctempCelsius()).isEqualTo(93);
    assertThat(c.pdlu()).isEqualTo(100);
    assertThat(c.spare()).isEqualTo(5);
    assertThat(c.cwarnFlags()).containsExactlyInAnyOrder(SmartWarning.ST, SmartWarning.TAUT);
    assertThat(c.chscFlags()).containsExactlyInAnyOrder(CcsFlag.CTEMP, CcsFlag.SPARE, CcsFlag.CWARN);
    assertThat(c.encode()).isEqualTo(b);
  }

  @Test
  void nvmSubsystemInformation() {
    byte[] b = Fixtures.load("nvm-subsystem-info/two-ports-mi-1-2.hex");
    NvmSubsystemInfo i = NvmSubsystemInfo.decode(b);
    assertThat(i.numberOfPorts()).isEqualTo(2);
    assertThat(i.version()).isEqualTo("1.2");
    assertThat(i.sre()).isFalse();
    assertThat(i.encode()).isEqualTo(b);
  }

  @Test
  void pciePortInformation() {
    byte[] b = Fixtures.load("port-info/pcie.hex");
    PortInfo p = PortInfo.decode(b);
    assertThat(p.portType()).isEqualTo(PortType.PCIE);
    assertThat(p.mmtus()).isEqualTo(64);
    PciePortData d = (PciePortData) p.portData();
    assertThat(d.supportedLinkSpeedsGts()).containsExactly(2.5, 5.0, 8.0, 16.0, 32.0, 64.0);
    assertThat(d.pciemlw()).isEqualTo(2);
    assertThat(d.pcienlw()).isEqualTo(1);
    assertThat(p.encode()).isEqualTo(b);
  }

  @Test
  void twoWirePortInformation() {
    byte[] b = Fixtures.load("port-info/two-wire.hex");
    PortInfo p = PortInfo.decode(b);
    assertThat(p.portType()).isEqualTo(PortType.TWO_WIRE);
    assertThat(p.ciaps()).isTrue();
    assertThat(p.aems()).isTrue();
    assertThat(p.mmtus()).isEqualTo(252);
    assertThat(p.mebs()).isEqualTo(4096);
    TwoWirePortData d = (TwoWirePortData) p.portData();
    assertThat(d.cvpdaddr()).isEqualTo(0xa6);
    assertThat(d.maxVpdFrequencyHz()).isEqualTo(400_000);
    assertThat(d.cmeaddr()).isEqualTo(0x3a);
    assertThat(d.i3cSupported()).isTrue();
    assertThat(d.msmbfreq()).isEqualTo(3);
    assertThat(d.maxSmbusFrequencyHz()).isEqualTo(1_000_000);
    assertThat(d.basicManagementSupported()).isTrue();
    assertThat(p.encode()).isEqualTo(b);
  }

  @Test
  void inactivePortKeepsItsBytes() {
    byte[] b = Fixtures.load("port-info/pcie.hex");
    b[0] = 0;
    PortInfo p = PortInfo.decode(b);
    assertThat(p.portType()).isEqualTo(PortType.INACTIVE);
    assertThat(p.portData()).isInstanceOf(OtherPortData.class);
    assertThat(p.encode()).isEqualTo(b);
  }

  @Test
  void controllerList() {
    byte[] b = Fixtures.load("controller-list/two-controllers.hex");
    assertThat(ControllerList.decode(b)).isEqualTo(ControllerList.of(List.of(1, 4)));
    assertThat(ControllerList.decode(b).encode()).isEqualTo(b);
  }

  @Test
  void controllerInformation() {
    byte[] b = Fixtures.load("controller-info/pcie-routing.hex");
    ControllerInfo c = ControllerInfo.decode(b);
    assertThat(c).isEqualTo(new ControllerInfo(0, 1, 0x3b00, 0x144d, 0xa80a, 0x144d, 0xa801, 0));
    assertThat(c.pciBus()).isEqualTo(0x3b);
    assertThat(c.encode()).isEqualTo(b);
  }

  @Test
  void optionallySupportedCommandList() {
    byte[] b = Fixtures.load("command-list/optional-two.hex");
    OptionalCommandList l = OptionalCommandList.decode(b);
    assertThat(l).isEqualTo(OptionalCommandList.of(List.of(CommandEntry.of(1, 0x05), CommandEntry.of(2, 0x81))));
    assertThat(l.encode()).isEqualTo(b);
    MebCommandSupportList m = MebCommandSupportList.decode(b);
    assertThat(m.cmds()).isEqualTo(l.cmds());
    assertThat(m.encode()).isEqualTo(b);
  }
}
