package dev.nvmemi.mi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.admin.AdminRequest;
import dev.nvmemi.mi.command.CcsFlag;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import java.lang.reflect.RecordComponent;
import org.junit.jupiter.api.Test;

/** Revision-dependent spec names (NVMe-MI 2.1 / TP6039): {@link MiRevision} and {@link SpecNames}. */
class MiRevisionTest {

  private static RecordComponent component(Class<? extends Record> type, String name) {
    for (RecordComponent c : type.getRecordComponents()) {
      if (c.getName().equals(name)) {
        return c;
      }
    }
    throw new AssertionError(type + " has no component " + name);
  }

  @Test
  void endpointVersionMapsToTheLatestKnownRevisionNotNewerThanIt() {
    assertThat(MiRevision.of(1, 2)).isEqualTo(MiRevision.V1_2);
    assertThat(MiRevision.of(2, 1)).isEqualTo(MiRevision.V2_1);
    assertThat(MiRevision.of(2, 3)).isEqualTo(MiRevision.V2_1);
    assertThat(MiRevision.of(3, 0)).isEqualTo(MiRevision.V2_1);
    assertThat(MiRevision.of(0, 9)).isEqualTo(MiRevision.V1_0);
  }

  @Test
  void parsesDottedAndEnumSpellings() {
    assertThat(MiRevision.parse("2.1")).isEqualTo(MiRevision.V2_1);
    assertThat(MiRevision.parse("v1.2")).isEqualTo(MiRevision.V1_2);
    assertThat(MiRevision.parse("V2_0")).isEqualTo(MiRevision.V2_0);
    assertThatThrownBy(() -> MiRevision.parse("2.7"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"2.7\"").hasMessageContaining("2.1");
  }

  @Test
  void compositeControllerStatusIsCcsfFrom21AndCcsBefore() {
    RecordComponent ccs = component(SubsystemHealthStatus.class, "ccs");
    assertThat(SpecNames.name(ccs, "ccs", MiRevision.V2_1)).isEqualTo("ccsf");
    assertThat(SpecNames.name(ccs, "ccs", MiRevision.V2_0)).isEqualTo("ccs");
    assertThat(SpecNames.name(ccs, "ccs", MiRevision.V1_2)).isEqualTo("ccs");
  }

  @Test
  void bit13IsTcidafFrom21AndTcidaBefore() {
    assertThat(SpecNames.name(CcsFlag.TCIDA, MiRevision.V2_1)).isEqualTo("TCIDAF");
    assertThat(SpecNames.name(CcsFlag.TCIDA, MiRevision.V2_0)).isEqualTo("TCIDA");
    assertThat(CcsFlag.TCIDA.ccsBit()).isEqualTo(13);
    assertThat(SpecNames.name(CcsFlag.CTEMP, MiRevision.V2_1)).isEqualTo("CTEMP");
  }

  @Test
  void controllerHealthStatusChangedIsChscfFrom21() {
    RecordComponent chsc = component(ControllerHealthStatus.class, "chsc");
    assertThat(SpecNames.name(chsc, "chsc", MiRevision.V2_1)).isEqualTo("chscf");
    assertThat(SpecNames.name(chsc, "chsc", MiRevision.V2_0)).isEqualTo("chsc");
  }

  @Test
  void ignoreShutdownIsDefinedOnlyFrom21() throws NoSuchMethodException {
    var ish = AdminRequest.class.getMethod("ish");
    assertThat(SpecNames.defined(ish, MiRevision.V2_1)).isTrue();
    assertThat(SpecNames.defined(ish, MiRevision.V2_0)).isFalse();
    assertThat(SpecNames.defined(ish, MiRevision.V1_2)).isFalse();
  }
}
