package dev.nvmemi.agent.drive;

import dev.nvmemi.mi.admin.OcpSmartExtendedLog;
import java.util.ArrayList;
import java.util.List;

/**
 * What the OCP extended SMART log (C0h) adds to a drive's {@code hw.state}:
 * <ul>
 *   <li>{@code predicted_failure}: the power-loss-protection capacitors' health below
 *       {@code ocp.capacitor_health_min} (a power loss may lose acknowledged writes), or the user,
 *       system or die-in-use spare blocks' normalized value below {@code ocp.spare_blocks_min}
 *       (blocks retire faster than spares remain);</li>
 *   <li>{@code degraded}: thermal throttling active (status 1..3: the drive slows itself down).</li>
 * </ul>
 * Combined with the standard derivation ({@link HealthDerivation#driveState}) as the worse of the two,
 * so the same edge/hysteresis/flap rules of {@code nvme.drive.health.change} apply.
 *
 * <p>Pure functions; thread-safe.
 */
public final class OcpHealth {
  private OcpHealth() {}

  /**
   * The thresholds.
   *
   * @param capacitorHealthMin capacitor health (fraction, 1.0 = 100 % hold-up margin) below which PLP is failing
   * @param spareBlocksMin normalized spare blocks (fraction) below which the drive is predicted to fail
   */
  public record Thresholds(double capacitorHealthMin, double spareBlocksMin) {
    /** The documented defaults: capacitors below 100 %, spare blocks below 10 %. */
    public static final Thresholds DEFAULTS = new Thresholds(1.0, 0.10);
  }

  /**
   * The state and its reasons.
   *
   * @param state ok, degraded or predicted_failure
   * @param reasons what led to it ({@code thermal_throttling}, {@code capacitor_health},
   *     {@code spare_blocks.user|system|die_in_use}); empty when ok
   */
  public record Assessment(String state, List<String> reasons) {
    public Assessment {
      reasons = List.copyOf(reasons);
    }
  }

  /** The assessment of one C0h reading. */
  public static Assessment assess(OcpSmartExtendedLog log, Thresholds t) {
    List<String> failing = new ArrayList<>();
    if (log.plpPresent() && log.capacitorHealth() / 100.0 < t.capacitorHealthMin()) {
      failing.add("capacitor_health");
    }
    if (log.badUserNandBlocksNormalized() / 100.0 < t.spareBlocksMin()) {
      failing.add("spare_blocks.user");
    }
    if (log.systemNandBlocksValid() && log.badSystemNandBlocksNormalized() / 100.0 < t.spareBlocksMin()) {
      failing.add("spare_blocks.system");
    }
    if (log.dieInUseBadNandBlockNormalized() != null && log.dieInUseBadNandBlockNormalized() / 100.0 < t.spareBlocksMin()) {
      failing.add("spare_blocks.die_in_use");
    }
    List<String> reasons = new ArrayList<>(failing);
    if (log.thermalThrottlingActive()) {
      reasons.add("thermal_throttling");
    }
    String state = !failing.isEmpty() ? HealthDerivation.PREDICTED_FAILURE
        : log.thermalThrottlingActive() ? HealthDerivation.DEGRADED : HealthDerivation.OK;
    return new Assessment(state, reasons);
  }

  /** The worse of two states (null counts as nothing known). */
  public static String worse(String a, String b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return HealthDerivation.rank(b) > HealthDerivation.rank(a) ? b : a;
  }
}
