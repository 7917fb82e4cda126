package dev.nvmemi.agent.drive;

import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives {@code hw.state} from what the drive reports (design §6: NSS, SW, critical warning, CSTS):
 * <ul>
 *   <li>{@code failed}: NSS.DF clear (drive not functional), a controller with CSTS.CFS (fatal
 *       status), or critical warning read-only / volatile memory backup failed;</li>
 *   <li>{@code predicted_failure}: spare below threshold, reliability degraded, or ≥ 100 % life used;</li>
 *   <li>{@code degraded}: temperature warning, PMR read-only, indeterminate personality, or a
 *       controller shutting down or shut down (CSTS.SHST ≠ 00b);</li>
 *   <li>{@code ok} otherwise.</li>
 * </ul>
 * A controller that its host has not enabled (CSTS.RDY=0 with neither CFS nor SHST: the host is off,
 * its PCIe link down, or the driver has not enabled it yet) is no health problem of the drive: it is
 * the readiness condition {@link Readiness#NOT_ENABLED}, reported on its own.
 * Pure functions; thread-safe.
 */
public final class HealthDerivation {
  private HealthDerivation() {}

  public static final String OK = "ok";
  public static final String DEGRADED = "degraded";
  public static final String PREDICTED_FAILURE = "predicted_failure";
  public static final String FAILED = "failed";

  /** Critical warning bit names (bit 0..6), the values of the {@code nvme.critical_warning} attribute. */
  public static final List<String> CRITICAL_WARNING_BITS = List.of("available_spare", "temperature",
      "reliability", "read_only", "volatile_memory_backup", "persistent_memory_region",
      "indeterminate_personality");

  private static final int ST = 0x01;
  private static final int TAUT = 0x02;
  private static final int RD = 0x04;
  private static final int RO = 0x08;
  private static final int VMBF = 0x10;

  /**
   * Critical warning bits asserted: NSHDS SW (inverted, bits 5:0; the SMART log's byte 0 only before
   * the first subsystem health answer) and every controller's CWARN.
   */
  public static int criticalWarnings(SubsystemHealthStatus sh, List<ControllerHealthStatus> controllers,
      SmartSnapshot smart) {
    int bits = 0;
    if (sh != null) {
      // SW is the inverted composite of every controller's critical warning and fresher than the
      // SMART log (read once a minute); only bits 5:0 are defined (3Fh = no warning)
      bits |= ~sh.sw() & 0x3F;
    } else if (smart != null) {
      bits |= smart.criticalWarning() & 0x7F;
    }
    for (ControllerHealthStatus c : controllers) {
      bits |= c.cwarn() & 0x7F;
    }
    return bits;
  }

  /** Bit names of {@code bits}, in bit order. */
  public static List<String> bitNames(int bits) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < CRITICAL_WARNING_BITS.size(); i++) {
      if ((bits & (1 << i)) != 0) {
        out.add(CRITICAL_WARNING_BITS.get(i));
      }
    }
    return out;
  }

  /** The drive's {@code hw.state}. */
  public static String driveState(SubsystemHealthStatus sh, List<ControllerHealthStatus> controllers,
      SmartSnapshot smart) {
    int bits = criticalWarnings(sh, controllers, smart);
    boolean fatal = controllers.stream().anyMatch(c -> (c.csts() & 0x02) != 0);
    if ((sh != null && !sh.driveFunctional()) || fatal || (bits & (RO | VMBF)) != 0) {
      return FAILED;
    }
    int used = Math.max(sh == null ? 0 : sh.pdlu(), smart == null ? 0 : smart.percentageUsed());
    if ((bits & (ST | RD)) != 0 || used >= 100) {
      return PREDICTED_FAILURE;
    }
    boolean shutdown = controllers.stream().anyMatch(c -> readiness(c) == Readiness.SHUTDOWN);
    if (bits != 0 || shutdown) {
      return DEGRADED;
    }
    return OK;
  }

  /** One controller's {@code hw.state} from its CHDS. */
  public static String controllerState(ControllerHealthStatus c) {
    if ((c.csts() & 0x02) != 0) {
      return FAILED;
    }
    if ((c.cwarn() & (RO | VMBF)) != 0) {
      return FAILED;
    }
    if ((c.cwarn() & (ST | RD)) != 0) {
      return PREDICTED_FAILURE;
    }
    if (readiness(c) == Readiness.SHUTDOWN || (c.cwarn() & 0x7F) != 0) {
      return DEGRADED;
    }
    return OK;
  }

  /** A controller's readiness from CSTS (CHDS bytes 2–3). */
  public enum Readiness {
    /** CSTS.RDY=1, no shutdown. */
    READY,
    /** CSTS.RDY=0 without CFS or shutdown: the host has not enabled it (powered off, link down, not yet enabled). */
    NOT_ENABLED,
    /** CSTS.SHST ≠ 00b: a shutdown is in progress or complete. */
    SHUTDOWN,
    /** CSTS.CFS: controller fatal status. */
    FATAL;

    /** The value in {@code /status} and {@code once} ("not_enabled"). */
    public String attribute() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Readiness of one controller: CFS first, then a shutdown, then RDY. */
  public static Readiness readiness(ControllerHealthStatus c) {
    int csts = c.csts();
    if ((csts & 0x02) != 0) {
      return Readiness.FATAL;
    }
    if (((csts >> 2) & 0x3) != 0) {
      return Readiness.SHUTDOWN;
    }
    return (csts & 0x01) != 0 ? Readiness.READY : Readiness.NOT_ENABLED;
  }

  /**
   * Composite temperature in °C from CTEMP of the NVM Subsystem Health Status (the codec already
   * maps 80h "no data" / 81h "sensor failure" and the reserved codes to null), else the SMART log's
   * composite temperature (0 = not reported); null when unknown. Never a code as a temperature.
   */
  public static Double compositeCelsius(SubsystemHealthStatus sh, SmartSnapshot smart) {
    if (sh != null && sh.ctempCelsius() != null) {
      return sh.ctempCelsius().doubleValue();
    }
    if (smart != null && smart.compositeTemperatureKelvin() > 0) {
      return smart.compositeTemperatureKelvin() - 273.0;
    }
    return null;
  }

  /** Severity rank of a state (ok 0 … failed 3). */
  public static int rank(String state) {
    switch (state) {
      case FAILED: return 3;
      case PREDICTED_FAILURE: return 2;
      case DEGRADED: return 1;
      default: return 0;
    }
  }
}
