package dev.nvmemi.simulator;

import dev.nvmemi.simulator.model.DriveHealth;
import dev.nvmemi.simulator.model.DriveIdentity;
import dev.nvmemi.simulator.model.OcpProfile;
import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * Generates varied, realistic drive identities and starting health from a seed: a mix of
 * data-centre NVMe models from several vendors with their PCI IDs, serial-number styles,
 * capacities and thermal thresholds; temperature, wear, hours and workload spread around typical
 * values. Same seed and index → same drive.
 *
 * <p>Stateless; thread-safe.
 */
public final class FleetGenerator {

  private record Model(int vid, int did, int svid, int sdid, int oui, String serialPrefix, int serialDigits,
      String model, String firmware, long capacityGb, int wctemp, int cctemp, int controllers, int ocpLpv,
      int ocpUuidIndex) {}

  private static final Model[] MODELS = {
      new Model(0x144D, 0xA80A, 0x144D, 0xA812, 0x002538, "S64HNE0R", 6, "SAMSUNG MZQL23T8HCLS-00A07", "GDC5602Q",
          3840, 353, 356, 1, 0, 0),
      new Model(0x144D, 0xA824, 0x144D, 0xA801, 0x002538, "S6CSNG0T", 6, "SAMSUNG MZWLO3T8HCLS-00A07", "MPPA5B5Q",
          3840, 348, 358, 2, 6, 1),
      new Model(0x1344, 0x51C3, 0x1344, 0x2100, 0x00A075, "2233", 8, "Micron_7450_MTFDKCC3T8TFR", "E2MU200",
          3840, 343, 358, 1, 4, 0),
      new Model(0x8086, 0x0B60, 0x8086, 0x8008, 0x5CD2E4, "PHAX", 12, "INTEL SSDPF2KX038TZ", "JCV10100",
          3840, 343, 353, 1, 0, 0),
      new Model(0x025E, 0x0B60, 0x025E, 0x8008, 0x5CD2E4, "BTAX", 12, "SOLIDIGM SSDPF2KX076T1", "9CV10410",
          7680, 343, 353, 1, 3, 1),
      new Model(0x1E0F, 0x0011, 0x1E0F, 0x0001, 0x8CE38E, "X2K0A0", 8, "KIOXIA KCD8XRUG3T84", "0104",
          3840, 351, 358, 1, 5, 2),
      new Model(0x1B96, 0x2500, 0x1B96, 0x0001, 0x0014EE, "A08", 7, "WUS4BB038D7P3E3", "R2210000",
          3840, 348, 356, 2, 0, 0),
  };

  private final long seed;

  public FleetGenerator(long seed) {
    this.seed = seed;
  }

  private SplittableRandom random(int index, long salt) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 1_000_003L + salt);
  }

  private Model model(int index) {
    return MODELS[random(index, 1).nextInt(MODELS.length)];
  }

  /**
   * Whether drive {@code index} serves the OCP datacenter logs: by model (four of the seven do, with
   * log page versions 3 to 6 and the OCP UUID at index 0, 1 or 2), with a write amplification of
   * 1.1 to 3.0, capacitors at 105 to 140 % and the latency monitor on for most.
   */
  public OcpProfile ocp(int index) {
    Model m = model(index);
    if (m.ocpLpv == 0) {
      return OcpProfile.NONE;
    }
    SplittableRandom r = random(index, 3);
    double waf = 1.1 + r.nextInt(191) / 100.0;
    return new OcpProfile(true, m.ocpLpv, waf, m.ocpUuidIndex, false, 105 + r.nextInt(36), r.nextInt(4) != 0);
  }

  /** The identity of drive {@code index}. */
  public DriveIdentity identity(int index) {
    SplittableRandom r = random(index, 1);
    Model m = MODELS[r.nextInt(MODELS.length)];
    StringBuilder sn = new StringBuilder(m.serialPrefix);
    for (int i = 0; i < m.serialDigits; i++) {
      int v = r.nextInt(m.serialPrefix.startsWith("2233") ? 10 : 36);
      sn.append((char) (v < 10 ? '0' + v : 'A' + v - 10));
    }
    String serial = sn.length() > 20 ? sn.substring(0, 20) : sn.toString();
    BigInteger capacity = BigInteger.valueOf(m.capacityGb).multiply(BigInteger.valueOf(1_000_000_000L));
    return new DriveIdentity(m.vid, m.did, m.svid, m.sdid, m.oui, serial, m.model, m.firmware, capacity, m.wctemp,
        m.cctemp, m.controllers, 0x10 + index % 0xE0);
  }

  /** The starting health and workload of drive {@code index}. */
  public DriveHealth health(int index) {
    SplittableRandom r = random(index, 2);
    long hours = 500 + r.nextInt(40_000);
    int used = (int) Math.min(60, hours / 2000 + r.nextInt(4));
    double temp = 30 + r.nextInt(15) + r.nextInt(10) / 10.0;
    long read = hours * (200 + r.nextInt(2000));
    long written = hours * (100 + r.nextInt(1500));
    int errors = r.nextInt(10) == 0 ? 1 + r.nextInt(3) : 0;
    return new DriveHealth(temp, used, 100 - Math.min(5, used / 12), 10, hours, 20 + hours / 700,
        r.nextInt(12), read, written, 5 + r.nextInt(200), 5 + r.nextInt(150), 0, errors);
  }
}
