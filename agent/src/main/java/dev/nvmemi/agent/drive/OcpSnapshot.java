package dev.nvmemi.agent.drive;

import dev.nvmemi.mi.admin.OcpLatencyMonitorLog;
import dev.nvmemi.mi.admin.OcpSmartExtendedLog;

/**
 * What the agent knows of a drive's OCP datacenter logs ({@code ocp-logs.md}): the UUID index it
 * reads them with, the latest C0h and C3h pages, the write amplification and the health assessment
 * of the latest C0h. Immutable; thread-safe.
 *
 * @param uuidIndex the OCP UUID index (0: none listed), or null before the UUID list was read
 * @param smartExtended the latest C0h page, or null before the first
 * @param smartExtendedNanos when it arrived (timer clock), 0 = never
 * @param latencyMonitor the latest C3h page (only read while the drive's latency monitor is
 *     enabled), or null
 * @param latencyMonitorNanos when it arrived (timer clock), 0 = never
 * @param writeAmplification write amplification from C0h and the SMART log read just before it, or null
 * @param assessment the health assessment of {@code smartExtended}, or null
 */
public record OcpSnapshot(Integer uuidIndex, OcpSmartExtendedLog smartExtended, long smartExtendedNanos,
    OcpLatencyMonitorLog latencyMonitor, long latencyMonitorNanos, WriteAmplification writeAmplification, OcpHealth.Assessment assessment) {

  /** Nothing read yet. */
  public static final OcpSnapshot EMPTY = new OcpSnapshot(null, null, 0, null, 0, null, null);

  public OcpSnapshot withUuidIndex(int index) {
    return new OcpSnapshot(index, smartExtended, smartExtendedNanos, latencyMonitor, latencyMonitorNanos,
        writeAmplification, assessment);
  }

  /** After a C3h page at {@code atNanos}. */
  public OcpSnapshot withLatencyMonitor(OcpLatencyMonitorLog l, long atNanos) {
    return new OcpSnapshot(uuidIndex, smartExtended, smartExtendedNanos, l, atNanos, writeAmplification, assessment);
  }

  /**
   * After a C0h page at {@code atNanos}; {@code smart} is the SMART log of the same poll cycle (for
   * the write amplification), or null.
   */
  public OcpSnapshot withSmartExtended(OcpSmartExtendedLog log, long atNanos, SmartSnapshot smart,
      OcpHealth.Thresholds thresholds) {
    WriteAmplification waf = smart == null ? writeAmplification
        : WriteAmplification.next(writeAmplification, log.physicalMediaUnitsWritten(), smart.dataUnitsWritten());
    return new OcpSnapshot(uuidIndex, log, atNanos, latencyMonitor, latencyMonitorNanos, waf,
        OcpHealth.assess(log, thresholds));
  }

  /**
   * This snapshot without the pages older than {@code maxAgeNanos} at {@code nowNanos} (a stale C0h page
   * takes its write amplification and assessment with it); {@code this} when none is.
   */
  public OcpSnapshot current(long nowNanos, long maxAgeNanos) {
    boolean c0Stale = smartExtended != null && nowNanos - smartExtendedNanos > maxAgeNanos;
    boolean c3Stale = latencyMonitor != null && nowNanos - latencyMonitorNanos > maxAgeNanos;
    if (!c0Stale && !c3Stale) {
      return this;
    }
    return new OcpSnapshot(uuidIndex, c0Stale ? null : smartExtended, c0Stale ? 0 : smartExtendedNanos,
        c3Stale ? null : latencyMonitor, c3Stale ? 0 : latencyMonitorNanos, c0Stale ? null : writeAmplification,
        c0Stale ? null : assessment);
  }

  /** The OCP part of {@code hw.state}, or null without a C0h page. */
  public String hwState() {
    return assessment == null ? null : assessment.state();
  }
}
