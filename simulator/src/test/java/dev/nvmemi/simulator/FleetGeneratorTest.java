package dev.nvmemi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.simulator.model.DriveHealth;
import dev.nvmemi.simulator.model.DriveIdentity;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetGeneratorTest {

  @Test
  void sameSeedAndIndexGiveTheSameDrive() {
    assertThat(new FleetGenerator(9).identity(4)).isEqualTo(new FleetGenerator(9).identity(4));
    assertThat(new FleetGenerator(9).health(4)).isEqualTo(new FleetGenerator(9).health(4));
  }

  @Test
  void aHundredDrivesAreVariedAndPlausible() {
    FleetGenerator g = new FleetGenerator(2026);
    Set<String> serials = new HashSet<>();
    Set<Integer> vendors = new HashSet<>();
    Set<String> models = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      DriveIdentity id = g.identity(i);
      DriveHealth h = g.health(i);
      serials.add(id.serial());
      vendors.add(id.pciVendorId());
      models.add(id.model());
      assertThat(id.wctempKelvin()).isBetween(273 + 60, 273 + 85);
      assertThat(id.cctempKelvin()).isGreaterThanOrEqualTo(id.wctempKelvin()).isLessThanOrEqualTo(273 + 90);
      assertThat(h.temperatureCelsius()).isBetween(25.0, 50.0);
      assertThat(h.availableSpare()).isGreaterThan(h.spareThreshold());
      assertThat(h.percentageUsed()).isBetween(0, 60);
    }
    assertThat(serials).hasSize(100);
    assertThat(vendors.size()).isGreaterThanOrEqualTo(4);
    assertThat(models.size()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void anotherSeedGivesAnotherFleet() {
    assertThat(new FleetGenerator(1).identity(0).serial()).isNotEqualTo(new FleetGenerator(2).identity(0).serial());
  }
}
