package dev.nvmemi.simulator.model;

/**
 * Whether and how a simulated drive implements the OCP Datacenter NVMe SSD logs
 * ({@code ocp-logs.md}): a drive that does not serve them answers Get Log Page C0h/C3h with
 * Invalid Log Page, as most non-OCP models do. Immutable.
 *
 * @param served the drive serves C0h and C3h (false: Invalid Log Page, no UUID list)
 * @param logPageVersion the C0h LPV (2 = Cloud SSD 1.0 … 6 = DSSD 2.7; above 6 a newer release)
 * @param writeAmplification NAND bytes written per host byte written (≥ 1)
 * @param uuidIndex 0: no UUID list (CTRATT bit 9 clear, the page is reached with index 0);
 *     n ≥ 1: Identify CNS 17h lists n − 1 vendor UUIDs, then the OCP UUID at index n
 * @param wrongGuid C0h carries its GUID written big-endian (a firmware bug: ocp-logs.md §7 C1)
 * @param capacitorHealth power-loss-protection hold-up margin in percent at time 0 (> 100 when
 *     new); {@link #NO_PLP} for a drive without PLP
 * @param latencyMonitor the C3h latency monitor is enabled (factory default); false: feature
 *     status 0, the page means nothing
 * @param latencyMonitorServed the drive serves C3h at all (false: Invalid Log Page for C3h while
 *     C0h is served, as firmware that implements only part of the OCP logs does)
 */
public record OcpProfile(boolean served, int logPageVersion, double writeAmplification, int uuidIndex,
    boolean wrongGuid, int capacitorHealth, boolean latencyMonitor, boolean latencyMonitorServed) {

  /** Capacitor health meaning "no power-loss protection". */
  public static final int NO_PLP = 0xFFFF;

  /** A drive without the OCP logs. */
  public static final OcpProfile NONE = new OcpProfile(false, 0, 1.0, 0, false, NO_PLP, false);

  /** A profile whose drive serves C3h whenever it serves C0h. */
  public OcpProfile(boolean served, int logPageVersion, double writeAmplification, int uuidIndex, boolean wrongGuid,
      int capacitorHealth, boolean latencyMonitor) {
    this(served, logPageVersion, writeAmplification, uuidIndex, wrongGuid, capacitorHealth, latencyMonitor, true);
  }

  public OcpProfile {
    if (served && (logPageVersion < 0 || logPageVersion > 0xFFFF)) {
      throw new IllegalArgumentException("logPageVersion: " + logPageVersion + " (expected: 0 ~ 65535)");
    }
    if (!(writeAmplification >= 1.0 && writeAmplification <= 100.0)) {
      throw new IllegalArgumentException("writeAmplification: " + writeAmplification + " (expected: 1 ~ 100)");
    }
    if (uuidIndex < 0 || uuidIndex > 127) {
      throw new IllegalArgumentException("uuidIndex: " + uuidIndex + " (expected: 0 ~ 127)");
    }
    if (capacitorHealth != NO_PLP && (capacitorHealth < 0 || capacitorHealth > 255)) {
      throw new IllegalArgumentException("capacitorHealth: " + capacitorHealth + " (expected: 0 ~ 255 or 65535)");
    }
  }

  /** An OCP 2.5 drive (LPV 4), WAF 1.5, OCP UUID at index 1, capacitors at 120 %, latency monitor on. */
  public static OcpProfile typical() {
    return new OcpProfile(true, 4, 1.5, 1, false, 120, true);
  }

  /** A copy that serves the logs or not (new firmware). */
  public OcpProfile withServed(boolean v) {
    return new OcpProfile(v, logPageVersion, writeAmplification, uuidIndex, wrongGuid, capacitorHealth,
        latencyMonitor, latencyMonitorServed);
  }

  /** A copy with another log page version. */
  public OcpProfile withLogPageVersion(int v) {
    return new OcpProfile(served, v, writeAmplification, uuidIndex, wrongGuid, capacitorHealth, latencyMonitor,
        latencyMonitorServed);
  }

  /** A copy whose C0h carries the wrong GUID (or not). */
  public OcpProfile withWrongGuid(boolean v) {
    return new OcpProfile(served, logPageVersion, writeAmplification, uuidIndex, v, capacitorHealth, latencyMonitor,
        latencyMonitorServed);
  }

  /** A copy with another write amplification. */
  public OcpProfile withWriteAmplification(double v) {
    return new OcpProfile(served, logPageVersion, v, uuidIndex, wrongGuid, capacitorHealth, latencyMonitor,
        latencyMonitorServed);
  }

  /** A copy with another UUID index (0 = no UUID list). */
  public OcpProfile withUuidIndex(int v) {
    return new OcpProfile(served, logPageVersion, writeAmplification, v, wrongGuid, capacitorHealth, latencyMonitor,
        latencyMonitorServed);
  }

  /** A copy with the latency monitor enabled or not. */
  public OcpProfile withLatencyMonitor(boolean v) {
    return new OcpProfile(served, logPageVersion, writeAmplification, uuidIndex, wrongGuid, capacitorHealth, v,
        latencyMonitorServed);
  }

  /** A copy that serves C3h or answers it with Invalid Log Page (C0h unchanged). */
  public OcpProfile withLatencyMonitorServed(boolean v) {
    return new OcpProfile(served, logPageVersion, writeAmplification, uuidIndex, wrongGuid, capacitorHealth,
        latencyMonitor, v);
  }
}
