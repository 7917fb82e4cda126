package dev.nvmemi.agent.http;

import dev.nvmemi.agent.poll.AemStatus;
import java.util.List;

import dev.nvmemi.agent.drive.ControllerIdentity;
import dev.nvmemi.agent.drive.DriveIdentity;
import dev.nvmemi.agent.drive.ErrorEntry;
import dev.nvmemi.agent.drive.SmartSnapshot;
import dev.nvmemi.agent.drive.HealthDerivation;
import dev.nvmemi.agent.drive.OcpSnapshot;
import dev.nvmemi.agent.drive.WriteAmplification;
import dev.nvmemi.mi.admin.OcpLatencyMonitorLog;
import dev.nvmemi.mi.admin.OcpSmartExtendedLog;
import dev.nvmemi.agent.poll.CommandFailure;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;

/**
 * Renders a {@link DriveSnapshot} as JSON: the document of {@code once} and the entries of
 * {@code /status}: state and since when, whether the endpoint is reachable, every command that
 * failed and has not answered since, and the current values only ({@link DriveSnapshot#exported}:
 * none for a lost or degraded endpoint). Temperatures in °C, capacities in bytes, 128-bit counters
 * as JSON numbers.
 *
 * <p>Stateless; thread-safe.
 */
public final class SnapshotJson {
  private SnapshotJson() {}

  /**
   * One endpoint with everything known about it.
   *
   * @param nowNanos the timer clock now
   * @param epochNanos the wall clock now (nanoseconds since the epoch), for "since" timestamps
   * @param freshness how old values may be while the endpoint is retried
   */
  public static JsonObject endpoint(DriveSnapshot raw, long nowNanos, long epochNanos,
      DriveSnapshot.Freshness freshness) {
    DriveSnapshot s = raw.exported(nowNanos, freshness);
    JsonObject o = new JsonObject()
        .put("network", s.key().network())
        .put("eid", s.key().eid())
        .put("bus", s.key().bus().name())
        .put("state", s.state().attribute())
        .put("since", instant(s.stateSinceNanos(), nowNanos, epochNanos))
        .put("reachable", s.state().reachable());
    if (!s.lastError().isEmpty()) {
      o.put("error", s.lastError());
    }
    if (raw.lastAnswerNanos() != 0) {
      o.put("lastAnswer", instant(raw.lastAnswerNanos(), nowNanos, epochNanos));
    }
    JsonArray failures = new JsonArray();
    for (CommandFailure f : s.failures()) {
      failures.add(new JsonObject().put("command", f.command()).put("errorType", f.errorType())
          .put("detail", f.detail()).put("at", instant(f.observedNanos(), nowNanos, epochNanos)));
    }
    o.put("failures", failures);
    if (s.identity() != null) {
      o.put("identity", identity(s.identity()));
    }
    JsonObject health = health(s);
    if (raw.lastHealthNanos() != 0) {
      health.put("ageSeconds", (nowNanos - raw.lastHealthNanos()) / 1e9);
    }
    o.put("health", health);
    if (s.smart() != null) {
      o.put("smart", smart(s.smart()));
    }
    JsonArray ctrls = new JsonArray();
    for (ControllerHealthStatus c : s.controllers()) {
      ctrls.add(new JsonObject()
          .put("id", c.ctlid())
          .put("state", s.controllerStates().getOrDefault(c.ctlid(), HealthDerivation.OK))
          .put("readiness", HealthDerivation.readiness(c).attribute())
          .put("csts", c.csts())
          .put("ready", (c.csts() & 1) != 0)
          .put("fatal", (c.csts() & 2) != 0)
          .put("temperatureCelsius", c.ctemp() == 0 ? null : c.ctemp() - 273)
          .put("percentageUsed", c.pdlu())
          .put("availableSpare", c.spare())
          .put("criticalWarnings", new JsonArray(HealthDerivation.bitNames(c.cwarn())))
          .put("changed", c.chsc()));
    }
    o.put("controllers", ctrls);
    JsonArray errors = new JsonArray();
    for (ErrorEntry e : s.errors()) {
      errors.add(new JsonObject()
          .put("errorCount", e.errorCount())
          .put("sqid", e.sqid())
          .put("cid", e.cid())
          .put("status", String.format(Locale.ROOT, "0x%04x", e.statusField()))
          .put("lba", e.lba())
          .put("nsid", e.namespaceId())
          .put("opcode", e.opcode()));
    }
    o.put("errors", errors);
    if (s.ocp() != null && s.ocp().smartExtended() != null) {
      o.put("ocp", ocp(s.ocp()));
    }
    if (!s.unsupported().isEmpty()) {
      o.put("unsupported", new JsonArray(s.unsupported()));
    }
    AemStatus aem = raw.aem();
    JsonObject a = new JsonObject().put("state", aem.mode().attribute())
        .put("events", new JsonArray(List.copyOf(aem.enabled())))
        .put("received", aem.received());
    if (aem.lastNanos() != 0) {
      a.put("last", instant(aem.lastNanos(), nowNanos, epochNanos));
    }
    if (!aem.reason().isEmpty()) {
      a.put("reason", aem.reason());
    }
    o.put("aem", a);
    return o;
  }

  /**
   * The OCP datacenter logs of a drive that has them ({@code ocp-logs.md}): the C0h values the
   * metrics export (bytes, fractions as percent as on the wire), the write amplification, the
   * health assessment, and the C3h latency monitor's windows when it is enabled. Fields newer than
   * the page's log page version are null.
   */
  static JsonObject ocp(OcpSnapshot ocp) {
    OcpSmartExtendedLog l = ocp.smartExtended();
    JsonObject bad = new JsonObject()
        .put("user", new JsonObject().put("raw", l.badUserNandBlocksRaw()).put("normalized", l.badUserNandBlocksNormalized()));
    if (l.systemNandBlocksValid()) {
      bad.put("system", new JsonObject().put("raw", l.badSystemNandBlocksRaw())
          .put("normalized", l.badSystemNandBlocksNormalized()));
    }
    if (l.dieInUseBadNandBlockRaw() != null) {
      bad.put("dieInUse", new JsonObject().put("raw", l.dieInUseBadNandBlockRaw())
          .put("normalized", l.dieInUseBadNandBlockNormalized()));
    }
    JsonObject o = new JsonObject()
        .put("uuidIndex", ocp.uuidIndex())
        .put("logPageVersion", l.logPageVersion())
        .put("dssdVersion", l.dssdVersion() == null ? null : l.dssdVersion().text())
        .put("mediaBytesWritten", number(l.physicalMediaUnitsWritten()))
        .put("mediaBytesRead", number(l.physicalMediaUnitsRead()))
        .put("badBlocks", bad)
        .put("xorRecoveries", number(l.xorRecoveryCount()))
        .put("errors", new JsonObject()
            .put("uncorrectableRead", number(l.uncorrectableReadErrorCount()))
            .put("softEcc", number(l.softEccErrorCount()))
            .put("e2eDetected", l.endToEndDetectedErrors())
            .put("e2eCorrected", l.endToEndCorrectedErrors())
            .put("pcieCorrectable", number(l.pcieCorrectableErrorCount())))
        .put("thermalThrottling", new JsonObject().put("level", l.thermalThrottlingStatus())
            .put("events", l.thermalThrottlingEventCount()))
        .put("capacitorHealthPercent", l.plpPresent() ? l.capacitorHealth() : null)
        .put("plpStarts", number(l.plpStartCount()))
        .put("incompleteShutdowns", l.incompleteShutdowns())
        .put("freeBlocksPercent", l.percentFreeBlocks())
        .put("enduranceEstimateBytes", number(l.enduranceEstimate()))
        .put("maxTemperatureCelsius", l.maxTemperatureRecorded())
        .put("firmwareRevision", l.dssdFirmwareRevision());
    WriteAmplification w = ocp.writeAmplification();
    o.put("writeAmplification", w == null ? null : new JsonObject().put("lifetime", w.lifetime())
        .put("sinceFirstReading", w.sinceFirst()).put("poll", w.window()));
    if (ocp.assessment() != null) {
      o.put("hwState", ocp.assessment().state()).put("reasons", new JsonArray(ocp.assessment().reasons()));
    }
    OcpLatencyMonitorLog lm = ocp.latencyMonitor();
    if (lm != null) {
      JsonObject m = new JsonObject().put("enabled", lm.enabled());
      if (lm.enabled()) {
        m.put("thresholdsMillis", new JsonArray(lm.activeThresholdsMillis()));
        JsonArray buckets = new JsonArray();
        for (OcpLatencyMonitorLog.LatencyBucket b : lm.active().buckets()) {
          buckets.add(new JsonObject().put("read", b.readCount()).put("write", b.writeCount())
              .put("deallocate", b.deallocateCount()));
        }
        m.put("activeBuckets", buckets);
      }
      o.put("latencyMonitor", m);
    }
    return o;
  }

  private static String instant(long atNanos, long nowNanos, long epochNanos) {
    long epoch = epochNanos - (nowNanos - atNanos);
    return Instant.ofEpochSecond(Math.floorDiv(epoch, 1_000_000_000L), Math.floorMod(epoch, 1_000_000_000L)).toString();
  }

  static JsonObject identity(DriveIdentity id) {
    ControllerIdentity p = id.primary();
    JsonArray ctrls = new JsonArray();
    for (ControllerIdentity c : id.controllers()) {
      ctrls.add(new JsonObject().put("id", c.controllerId()).put("serialNumber", c.serialNumber())
          .put("firmware", c.firmware()));
    }
    return new JsonObject()
        .put("hwId", id.hwId())
        .put("vendorId", String.format(Locale.ROOT, "0x%04x", p.vendorId()))
        .put("serialNumber", p.serialNumber())
        .put("model", p.model())
        .put("firmware", p.firmware())
        .put("miVersion", id.miMajor() + "." + id.miMinor())
        .put("ports", id.ports())
        .put("capacityBytes", number(p.tnvmcap()))
        .put("warningTemperatureCelsius", p.wctempKelvin() == 0 ? null : p.wctempKelvin() - 273)
        .put("criticalTemperatureCelsius", p.cctempKelvin() == 0 ? null : p.cctempKelvin() - 273)
        .put("errorLogEntries", p.errorLogEntries())
        .put("controllers", ctrls);
  }

  static JsonObject health(DriveSnapshot s) {
    JsonObject h = new JsonObject().put("hwState", s.hwState())
        .put("temperatureCelsius", HealthDerivation.compositeCelsius(s.subsystemHealth(), s.smart()));
    SubsystemHealthStatus sh = s.subsystemHealth();
    if (sh != null) {
      h.put("nss", sh.nss())
          .put("driveFunctional", sh.driveFunctional())
          .put("ctempCelsius", sh.ctempCelsius())
          .put("percentageUsed", sh.pdlu())
          .put("ccs", sh.ccs());
    }
    int bits = HealthDerivation.criticalWarnings(sh, s.controllers(), s.smart());
    h.put("criticalWarnings", new JsonArray(HealthDerivation.bitNames(bits)));
    return h;
  }

  static JsonObject smart(SmartSnapshot m) {
    JsonArray sensors = new JsonArray();
    for (int k : m.sensorsKelvin()) {
      sensors.add(k == 0 ? null : k - 273);
    }
    return new JsonObject()
        .put("criticalWarnings", new JsonArray(HealthDerivation.bitNames(m.criticalWarning())))
        .put("temperatureCelsius", m.compositeTemperatureKelvin() == 0 ? null : m.compositeTemperatureKelvin() - 273)
        .put("availableSpare", m.availableSpare())
        .put("availableSpareThreshold", m.availableSpareThreshold())
        .put("percentageUsed", m.percentageUsed())
        .put("dataUnitsRead", number(m.dataUnitsRead()))
        .put("dataUnitsWritten", number(m.dataUnitsWritten()))
        .put("powerCycles", number(m.powerCycles()))
        .put("powerOnHours", number(m.powerOnHours()))
        .put("unsafeShutdowns", number(m.unsafeShutdowns()))
        .put("mediaErrors", number(m.mediaErrors()))
        .put("errorLogEntries", number(m.errorLogEntries()))
        .put("sensorsCelsius", sensors);
  }

  private static Object number(BigInteger v) {
    return v.bitLength() < 63 ? (Object) v.longValue() : v.toString();
  }
}
