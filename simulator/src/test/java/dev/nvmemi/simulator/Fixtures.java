package dev.nvmemi.simulator;

import dev.nvmemi.simulator.model.DriveHealth;
import dev.nvmemi.simulator.model.DriveIdentity;
import java.math.BigInteger;

/** Drives with known identities for tests. */
public final class Fixtures {
  private Fixtures() {}

  /** The drive of vectors.json #22: VID/SSVID 144Dh, the example serial, model and firmware; two controllers. */
  public static DriveIdentity vectorDrive() {
    return new DriveIdentity(0x144D, 0xA80A, 0x144D, 0xA801, 0x002538, "S4EWNX0R123456", "EXAMPLE NVME SSD 1TB",
        "1B2QEXM7", BigInteger.valueOf(1_000_204_886_016L), 343, 353, 2, 0x3B);
  }

  /** A healthy drive at 35 °C with no workload (counters do not move). */
  public static DriveHealth quietHealth() {
    return new DriveHealth(35, 3, 100, 10, 12345, 57, 7, 1234567, 2345678, 0, 0, 0, 0);
  }

  /** A one-drive fleet of {@link #vectorDrive()} on {@code clock}. */
  public static SimulatedFleet.Builder vectorFleet(SimClock clock) {
    return SimulatedFleet.builder().clock(clock).seed(3).identity(vectorDrive()).health(quietHealth());
  }
}
