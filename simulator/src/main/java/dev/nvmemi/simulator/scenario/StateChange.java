package dev.nvmemi.simulator.scenario;

import java.time.Duration;

/**
 * A change of the simulated drive's own state, seen through every command that reports it
 * (health polls, SMART log, Identify, AEMs). Immutable records; validated on construction.
 */
public sealed interface StateChange extends Action {

  /** Composite (and sensor) temperature moves linearly to {@code celsius} over {@code over}. */
  record Temperature(double celsius, Duration over) implements StateChange {
    public Temperature {
      if (celsius < -60 || celsius > 200) {
        throw new ScenarioException("temperature celsius: " + celsius + " (expected: -60 ~ 200)");
      }
      Action.nonNegative("over", over);
    }

    @Override
    public String kind() {
      return "temperature";
    }
  }

  /** Available spare moves linearly to {@code percent} over {@code over}. */
  record Spare(int percent, Duration over) implements StateChange {
    public Spare {
      Action.range("spare percent", percent, 0, 100);
      Action.nonNegative("over", over);
    }

    @Override
    public String kind() {
      return "spare";
    }
  }

  /** Percentage used moves linearly to {@code percent} (may pass 100, saturates at 255) over {@code over}. */
  record PercentageUsed(int percent, Duration over) implements StateChange {
    public PercentageUsed {
      Action.range("percentage_used percent", percent, 0, 255);
      Action.nonNegative("over", over);
    }

    @Override
    public String kind() {
      return "percentage_used";
    }
  }

  /**
   * Asserts or clears critical-warning bits that no other state drives: bit 2 RD (reliability
   * degraded), 4 VMBF (volatile memory backup failed), 5 PMRE (PMR read-only). Bits 0, 1 and 3
   * follow spare, temperature and {@link ReadOnly}.
   *
   * @param bits critical warning bits (SMART byte 0 layout); only 04h, 10h and 20h are accepted
   */
  record CriticalWarning(int bits, boolean asserted) implements StateChange {
    /** The bits this action may force. */
    public static final int FORCEABLE = 0x04 | 0x10 | 0x20;

    public CriticalWarning {
      if (bits == 0 || (bits & ~FORCEABLE) != 0) {
        throw new ScenarioException(String.format("critical_warning bits: 0x%02x (expected: a non-empty"
            + " combination of RD 0x04, VMBF 0x10, PMRE 0x20; ST, TAUT and RO follow spare, temperature"
            + " and read_only)", bits));
      }
    }

    @Override
    public String kind() {
      return "critical_warning";
    }
  }

  /** The media becomes read-only (critical warning bit 3) or writable again. */
  record ReadOnly(boolean readOnly) implements StateChange {
    @Override
    public String kind() {
      return "read_only";
    }
  }

  /** Controller Fatal Status (CSTS.CFS) of one controller is set or cleared. */
  record ControllerFatal(int controller, boolean fatal) implements StateChange {
    public ControllerFatal {
      Action.range("controller", controller, 0, 15);
    }

    @Override
    public String kind() {
      return "controller_fatal";
    }
  }

  /** A controller is enabled and becomes ready (CC.EN=1, CSTS.RDY=1) or is disabled (both 0). */
  record ControllerReady(int controller, boolean ready) implements StateChange {
    public ControllerReady {
      Action.range("controller", controller, 0, 15);
    }

    @Override
    public String kind() {
      return "controller_ready";
    }
  }

  /** A controller completes a normal shutdown (CSTS.SHST = 10b). */
  record Shutdown(int controller) implements StateChange {
    public Shutdown {
      Action.range("controller", controller, 0, 15);
    }

    @Override
    public String kind() {
      return "shutdown";
    }
  }

  /** New firmware is activated: Identify FR changes, CCS FA is set, AE 05h occurs. */
  record FirmwareActivate(String revision, int slot, Boolean ocp) implements StateChange {
    /** An activation that leaves the OCP logs as they were. */
    public FirmwareActivate(String revision, int slot) {
      this(revision, slot, null);
    }

    public FirmwareActivate {
      if (revision == null || revision.isEmpty() || revision.length() > 8
          || !revision.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
        throw new ScenarioException("firmware revision: \"" + revision + "\" (expected: 1 ~ 8 printable ASCII characters)");
      }
      Action.range("slot", slot, 1, 7);
    }

    @Override
    public String kind() {
      return "firmware_activate";
    }
  }

  /** {@code count} unrecovered read errors: media errors grow and real error-log entries appear. */
  record MediaErrors(int count) implements StateChange {
    public MediaErrors {
      Action.range("media_errors count", count, 1, 1_000_000);
    }

    @Override
    public String kind() {
      return "media_errors";
    }
  }

  /**
   * The drive is replaced by a new one of the same model at the same address: new serial number
   * (generated from the seed when {@code serial} is null), fresh counters, endpoint state reset.
   */
  record Replace(String serial) implements StateChange {
    public Replace {
      if (serial != null && (serial.isEmpty() || serial.length() > 20
          || !serial.chars().allMatch(c -> c >= 0x20 && c < 0x7F))) {
        throw new ScenarioException("replace serial: \"" + serial + "\" (expected: 1 ~ 20 printable ASCII characters)");
      }
    }

    @Override
    public String kind() {
      return "replace";
    }
  }

  /**
   * The host the drive sits in is powered off or on while the drive's management endpoint stays
   * on auxiliary power: off brings the PCIe link down (port 0 reports no current link speed or
   * width) and leaves every controller not enabled and not ready (CC.EN=0, CSTS.RDY=0, CFS and
   * SHST untouched, AE 00h/03h); on brings the link up and every controller enabled and ready.
   * Health reporting over MI (temperature, SMART) goes on in both states.
   */
  record HostPower(boolean on) implements StateChange {
    @Override
    public String kind() {
      return "host_power";
    }
  }

  /**
   * The power-loss-protection capacitors' health (OCP C0h byte 128, percent hold-up margin) moves
   * linearly to {@code percent} over {@code over}: a capacitor failure. No effect on a drive without
   * PLP or without the OCP logs' model.
   */
  record Capacitor(int percent, Duration over) implements StateChange {
    public Capacitor {
      Action.range("capacitor percent", percent, 0, 255);
      Action.nonNegative("over", over);
    }

    @Override
    public String kind() {
      return "capacitor";
    }
  }

  /** The drive loses and regains power; {@code unsafe} counts an unsafe shutdown as well. */
  record PowerCycle(boolean unsafe) implements StateChange {
    @Override
    public String kind() {
      return "power_cycle";
    }
  }
}
