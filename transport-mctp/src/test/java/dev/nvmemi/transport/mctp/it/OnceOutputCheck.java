package dev.nvmemi.transport.mctp.it;

import dev.nvmemi.mi.admin.ErrorLogEntry;
import dev.nvmemi.mi.admin.IdentifyController;
import dev.nvmemi.mi.admin.OcpLatencyMonitorLog;
import dev.nvmemi.mi.admin.OcpLogOptions;
import dev.nvmemi.mi.admin.OcpSmartExtendedLog;
import dev.nvmemi.mi.admin.SmartLog;
import dev.nvmemi.mi.client.MiController;
import dev.nvmemi.mi.client.MiEndpoint;
import dev.nvmemi.mi.client.MiResult;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.NvmSubsystemInfo;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.simulator.VirtualClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Checks the JSON document that {@code nvme-mi-agent once --static 1:9,1:10} printed inside the
 * guest (the whole chain over a real kernel: static discovery, AF_MCTP through the kernel's
 * mctp-serial links to simulated drives, identify, health, SMART and error-log reads) against what
 * the simulator serves: a reference copy of each drive (same EID and seed, on a virtual clock) is
 * asked the same questions through the in-process transport at every second of the drive's age up
 * to {@code MAX_AGE_SECONDS}, and every value of the document must be one the drive served: exactly
 * for what does not change (serial, model, firmware, capacity, thresholds, spare, wear, power
 * cycles, error-log entries, ...), within the range seen for what moves with time (temperature noise,
 * data units, power-on hours). Leaves of the document with no expectation are listed (not failed), so
 * a new field shows up in the log. The OCP section ({@code ocp}, issue #16) is compared with a copy
 * asked for C0h/C3h ({@link #ocpReference}): the drive with seed 2 is an OCP model, seed 1 is not.
 *
 * <p>{@code OnceOutputCheck FILE MAX_AGE_SECONDS NET:EID@IFNAME/SEED...}; exit status 1 with every
 * problem listed. Runs on the main thread of a short-lived JVM inside the guest.
 */
public final class OnceOutputCheck {
  /** Leaves that are not values of the drive (where and when, not what). */
  private static final Set<String> NOT_DRIVE_VALUES = Set.of("health.ageSeconds", "state", "since", "lastAnswer");
  /** As the agent keeps them (EndpointSession.MAX_ERRORS_KEPT). */
  private static final int MAX_ERRORS_KEPT = 16;

  private OnceOutputCheck() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: OnceOutputCheck FILE MAX_AGE_SECONDS NET:EID@IFNAME/SEED...");
      System.exit(2);
    }
    JsonObject doc = new JsonObject(Files.readString(Path.of(args[0])));
    int maxAge = Integer.parseInt(args[1]);
    List<String> targets = List.of(args).subList(2, args.length);
    List<String> problems = new ArrayList<>();
    List<String> notCompared = new ArrayList<>();
    int compared = check(doc, maxAge, targets, problems, notCompared);
    notCompared.forEach(p -> System.out.println("once check: not compared: " + p));
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("once check: " + p));
      System.exit(1);
    }
    System.out.println("once check: " + targets.size() + " endpoints, " + compared
        + " values equal to what the simulated drives served");
  }

  /**
   * Compares {@code doc} with the reference drives; adds every mismatch to {@code problems} and
   * every leaf without an expectation to {@code notCompared}.
   *
   * @return the number of values compared
   */
  static int check(JsonObject doc, int maxAgeSeconds, List<String> targets, List<String> problems,
      List<String> notCompared) throws Exception {
    JsonArray endpoints = doc.getJsonArray("endpoints");
    if (endpoints == null || endpoints.size() != targets.size()) {
      problems.add("endpoints: " + (endpoints == null ? "missing" : endpoints.size())
          + " (expected: " + targets.size() + ")");
    }
    int compared = 0;
    for (String target : targets) {
      String[] at = target.split("[@/]");
      String[] netEid = at[0].split(":");
      long net = Long.parseLong(netEid[0]);
      int eid = Integer.parseInt(netEid[1]);
      String bus = at[1];
      long seed = Long.parseLong(at[2]);
      JsonObject ep = null;
      for (int j = 0; endpoints != null && j < endpoints.size(); j++) {
        JsonObject e = endpoints.getJsonObject(j);
        if (e.getLong("network") == net && e.getInteger("eid") == eid) {
          ep = e;
        }
      }
      if (ep == null) {
        problems.add(target + ": no endpoint in the output");
        continue;
      }
      if (!bus.equals(ep.getString("bus"))) {
        problems.add(target + ": bus " + ep.getString("bus") + " (expected: " + bus + ")");
      }
      if (ep.containsKey("error")) {
        problems.add(target + ": error " + ep.getValue("error"));
      }
      Map<String, List<Object>> expected = reference((int) net, eid, seed, maxAgeSeconds);
      expected.putAll(ocpReference((int) net, eid, seed, maxAgeSeconds));
      Map<String, Object> actual = new LinkedHashMap<>();
      flatten("", ep, actual);
      for (Map.Entry<String, List<Object>> e : expected.entrySet()) {
        compared++;
        String problem = compare(e.getKey(), e.getValue(), actual);
        if (problem != null) {
          problems.add(target + ": " + problem);
        }
      }
      for (String leaf : actual.keySet()) {
        String array = leaf.replaceAll("\\.\\d+$", "");
        boolean namesCounted = !array.equals(leaf) && expected.containsKey(array + "#size")
            && array.endsWith("criticalWarnings"); // bit names: their number is compared
        if (!expected.containsKey(leaf) && !namesCounted && !leaf.endsWith("#size")
            && !NOT_DRIVE_VALUES.contains(leaf) && !Set.of("network", "eid", "bus").contains(leaf)) {
          notCompared.add(target + ": " + leaf + " = " + actual.get(leaf));
        }
      }
    }
    return compared;
  }

  /** One mismatch described, or null. */
  private static String compare(String path, List<Object> samples, Map<String, Object> actual) {
    if (!actual.containsKey(path)) {
      return path + " missing (expected: " + describe(samples) + ")";
    }
    Object got = actual.get(path);
    Set<Object> distinct = new LinkedHashSet<>();
    samples.forEach(s -> distinct.add(normal(s)));
    Object g = normal(got);
    if (distinct.contains(g)) {
      return null;
    }
    if (g instanceof BigDecimal v && distinct.stream().allMatch(BigDecimal.class::isInstance) && distinct.size() > 1) {
      TreeSet<BigDecimal> sorted = new TreeSet<>();
      distinct.forEach(d -> sorted.add((BigDecimal) d));
      if (v.compareTo(sorted.first()) >= 0 && v.compareTo(sorted.last()) <= 0) {
        return null;
      }
    }
    return path + " = " + got + " (expected: " + describe(samples) + ")";
  }

  private static String describe(List<Object> samples) {
    Set<Object> distinct = new LinkedHashSet<>();
    samples.forEach(s -> distinct.add(normal(s)));
    if (distinct.size() == 1) {
      return String.valueOf(samples.get(0));
    }
    if (distinct.stream().allMatch(BigDecimal.class::isInstance)) {
      TreeSet<BigDecimal> sorted = new TreeSet<>();
      distinct.forEach(d -> sorted.add((BigDecimal) d));
      return sorted.first() + " ~ " + sorted.last() + " over the drive's age";
    }
    return "one of " + distinct;
  }

  private static Object normal(Object v) {
    if (v instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros();
    }
    if (v instanceof String s && s.matches("\\d{19,}")) {
      return new BigDecimal(s); // 128-bit counters beyond a long are strings in the document
    }
    return v;
  }

  private static void flatten(String prefix, Object v, Map<String, Object> out) {
    if (v instanceof JsonObject o) {
      for (String k : o.fieldNames()) {
        flatten(prefix.isEmpty() ? k : prefix + "." + k, o.getValue(k), out);
      }
    } else if (v instanceof JsonArray a) {
      out.put(prefix + "#size", a.size());
      for (int i = 0; i < a.size(); i++) {
        flatten(prefix + "." + i, a.getValue(i), out);
      }
    } else {
      out.put(prefix, v);
    }
  }

  /**
   * What the drive at {@code (net, eid)} with {@code seed} serves at every second of its age from 0
   * to {@code maxAgeSeconds}, in the document's terms (°C, bytes, counts): path → one sample per
   * second.
   */
  static Map<String, List<Object>> reference(int net, int eid, long seed, int maxAgeSeconds) throws Exception {
    VirtualClock clock = new VirtualClock();
    Map<String, List<Object>> samples = new LinkedHashMap<>();
    try (SimulatedFleet fleet = SimulatedFleet.builder().network(net).eids(eid).seed(seed).clock(clock).build()) {
      MiEndpoint ep = new MiEndpoint(fleet.endpoint(net, eid));
      for (int t = 0; t <= maxAgeSeconds; t++) {
        snapshot(ep).forEach((k, v) -> samples.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        clock.advance(Duration.ofSeconds(1));
      }
      ep.close();
    }
    return samples;
  }

  /** One reading of everything {@code once} reports, mapped as the agent maps it. */
  private static Map<String, Object> snapshot(MiEndpoint ep) throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    NvmSubsystemInfo info = ok(ep.readNvmSubsystemInfo());
    List<Integer> ids = ok(ep.readControllerList(0)).ids();
    MiController primary = ep.controller(ids.get(0));
    IdentifyController id = ok(primary.identifyController());
    String vendor = String.format(Locale.ROOT, "0x%04x", id.vid());
    m.put("identity.hwId", String.format(Locale.ROOT, "%04x", id.vid()) + "-" + id.sn());
    m.put("identity.vendorId", vendor);
    m.put("identity.serialNumber", id.sn());
    m.put("identity.model", id.mn());
    m.put("identity.firmware", id.fr());
    m.put("identity.miVersion", info.mjr() + "." + info.mnr());
    m.put("identity.ports", info.nump() + 1);
    m.put("identity.capacityBytes", id.tnvmcap());
    m.put("identity.warningTemperatureCelsius", id.wctemp() == 0 ? null : id.wctemp() - 273);
    m.put("identity.criticalTemperatureCelsius", id.cctemp() == 0 ? null : id.cctemp() - 273);
    m.put("identity.errorLogEntries", id.elpe() + 1);
    m.put("identity.controllers#size", ids.size());
    for (int i = 0; i < ids.size(); i++) {
      IdentifyController c = i == 0 ? id : ok(ep.controller(ids.get(i)).identifyController());
      m.put("identity.controllers." + i + ".id", c.cntlid());
      m.put("identity.controllers." + i + ".serialNumber", c.sn());
      m.put("identity.controllers." + i + ".firmware", c.fr());
    }

    SubsystemHealthStatus sh = ok(ep.pollSubsystemHealth(false));
    List<ControllerHealthStatus> ctrls = ok(ep.pollControllerHealth(0, 255));
    SmartLog smart = ok(primary.smartLog());
    int warnings = ~sh.sw() & 0x3F | smart.critWarn();
    boolean healthy = warnings == 0 && sh.driveFunctional();
    m.put("health.nss", sh.nss());
    m.put("health.driveFunctional", sh.driveFunctional());
    m.put("health.temperatureCelsius", sh.ctempCelsius());
    m.put("health.ctempCelsius", sh.ctempCelsius());
    m.put("reachable", true);
    m.put("health.percentageUsed", sh.pdlu());
    m.put("health.ccs", sh.ccs());
    m.put("controllers#size", ctrls.size());
    for (int i = 0; i < ctrls.size(); i++) {
      ControllerHealthStatus c = ctrls.get(i);
      warnings |= c.cwarn();
      healthy &= (c.csts() & 0x3) == 0x1 && c.cwarn() == 0;
      String p = "controllers." + i + ".";
      m.put(p + "id", c.ctlid());
      m.put(p + "csts", c.csts());
      m.put(p + "ready", (c.csts() & 1) != 0);
      m.put(p + "fatal", (c.csts() & 2) != 0);
      m.put(p + "temperatureCelsius", c.ctemp() == 0 ? null : c.ctemp() - 273);
      m.put(p + "percentageUsed", c.pdlu());
      m.put(p + "availableSpare", c.spare());
      m.put(p + "criticalWarnings#size", Integer.bitCount(c.cwarn()));
      m.put(p + "changed", c.chsc());
      if (c.cwarn() == 0 && (c.csts() & 0x3) == 0x1) {
        m.put(p + "state", "ok");
        m.put(p + "readiness", "ready");
      }
    }
    m.put("health.criticalWarnings#size", Integer.bitCount(warnings));
    if (healthy) {
      m.put("health.hwState", "ok");
    }

    m.put("smart.criticalWarnings#size", Integer.bitCount(smart.critWarn()));
    m.put("smart.temperatureCelsius", smart.ctemp() == 0 ? null : smart.ctemp() - 273);
    m.put("smart.availableSpare", smart.avsp());
    m.put("smart.availableSpareThreshold", smart.avspt());
    m.put("smart.percentageUsed", smart.pused());
    m.put("smart.dataUnitsRead", smart.dur());
    m.put("smart.dataUnitsWritten", smart.duw());
    m.put("smart.powerCycles", smart.pwrc());
    m.put("smart.powerOnHours", smart.poh());
    m.put("smart.unsafeShutdowns", smart.unsafeShutdowns());
    m.put("smart.mediaErrors", smart.mdie());
    m.put("smart.errorLogEntries", smart.neile());
    m.put("smart.sensorsCelsius#size", smart.tsen().size());
    for (int i = 0; i < smart.tsen().size(); i++) {
      int k = smart.tsen().get(i);
      m.put("smart.sensorsCelsius." + i, k == 0 ? null : k - 273);
    }

    List<ErrorLogEntry> errors = new ArrayList<>();
    if (smart.neile().signum() > 0) {
      for (ErrorLogEntry e : ok(primary.errorLog(id.elpe() + 1))) {
        if (e.errcnt() != 0) {
          errors.add(e);
        }
      }
      errors.sort(Comparator.comparingLong(ErrorLogEntry::errcnt).reversed());
    }
    m.put("errors#size", Math.min(MAX_ERRORS_KEPT, errors.size()));
    for (int i = 0; i < Math.min(MAX_ERRORS_KEPT, errors.size()); i++) {
      ErrorLogEntry e = errors.get(i);
      String p = "errors." + i + ".";
      m.put(p + "errorCount", e.errcnt());
      m.put(p + "sqid", e.sqid());
      m.put(p + "cid", e.cid());
      m.put(p + "status", String.format(Locale.ROOT, "0x%04x", e.sf() >> 1));
      m.put(p + "lba", e.lba());
      m.put(p + "nsid", e.nsid());
      m.put(p + "opcode", e.opc());
    }
    return m;
  }

  /** Seconds the agent's SMART read may precede its C0h read (the write amplification pairs them). */
  private static final int SMART_TO_C0_SECONDS = 5;

  /**
   * The OCP datacenter logs of the drive ({@code ocp-logs.md}, issue #16), asked of a separate copy
   * (an Invalid Log Page answer adds an error-log entry, which must not disturb the main reference):
   * for a drive that serves C0h its {@code ocp} section as {@code SnapshotJson.ocp} maps it, the write
   * amplification as the range of NAND bytes over host bytes with the SMART read up to
   * {@value #SMART_TO_C0_SECONDS} s before C0h; for one that does not, C0h in {@code unsupported}.
   */
  static Map<String, List<Object>> ocpReference(int net, int eid, long seed, int maxAgeSeconds) throws Exception {
    VirtualClock clock = new VirtualClock();
    Map<String, List<Object>> samples = new LinkedHashMap<>();
    List<BigInteger> mediaWritten = new ArrayList<>();
    List<BigInteger> hostUnits = new ArrayList<>();
    try (SimulatedFleet fleet = SimulatedFleet.builder().network(net).eids(eid).seed(seed).clock(clock).build()) {
      MiEndpoint ep = new MiEndpoint(fleet.endpoint(net, eid));
      MiController c = ep.controller(ok(ep.readControllerList(0)).ids().get(0));
      IdentifyController id = ok(c.identifyController());
      int uidx = (id.ctratt() & 0x200) != 0 ? ok(c.uuidList()).ocpUuidIndex() : 0;
      MiResult<OcpSmartExtendedLog> probe = c.ocpSmartExtendedLog(uidx, OcpLogOptions.DEFAULTS).toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      if (!(probe instanceof MiResult.Success)) {
        samples.put("unsupported.0", List.of("get_log_page.ocp_smart_extended"));
        ep.close();
        return samples;
      }
      OcpLatencyMonitorLog lm = ok(c.ocpLatencyMonitorLog(uidx));
      for (int t = 0; t <= maxAgeSeconds + SMART_TO_C0_SECONDS; t++) {
        OcpSmartExtendedLog l = ok(c.ocpSmartExtendedLog(uidx, OcpLogOptions.DEFAULTS));
        mediaWritten.add(l.physicalMediaUnitsWritten());
        hostUnits.add(ok(c.smartLog()).duw());
        if (t <= maxAgeSeconds) {
          ocpSnapshot(l, uidx, lm).forEach((k, v) -> samples.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        clock.advance(Duration.ofSeconds(1));
      }
      ep.close();
    }
    List<Object> waf = new ArrayList<>();
    for (int t = 0; t <= maxAgeSeconds; t++) {
      waf.add(ratio(mediaWritten.get(t), hostUnits.get(t)));
      waf.add(ratio(mediaWritten.get(t + SMART_TO_C0_SECONDS), hostUnits.get(t)));
    }
    samples.put("ocp.writeAmplification.lifetime", waf);
    samples.put("ocp.writeAmplification.sinceFirstReading", java.util.Collections.singletonList(null));
    samples.put("ocp.writeAmplification.poll", java.util.Collections.singletonList(null));
    return samples;
  }

  private static double ratio(BigInteger media, BigInteger units) {
    return new BigDecimal(media).divide(new BigDecimal(units.multiply(BigInteger.valueOf(512_000))),
        java.math.MathContext.DECIMAL64).doubleValue();
  }

  /** One C0h reading in the document's terms. */
  private static Map<String, Object> ocpSnapshot(OcpSmartExtendedLog l, int uidx, OcpLatencyMonitorLog lm) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ocp.uuidIndex", uidx);
    m.put("ocp.logPageVersion", l.logPageVersion());
    m.put("ocp.dssdVersion", l.dssdVersion() == null ? null : l.dssdVersion().text());
    m.put("ocp.mediaBytesWritten", l.physicalMediaUnitsWritten());
    m.put("ocp.mediaBytesRead", l.physicalMediaUnitsRead());
    m.put("ocp.badBlocks.user.raw", l.badUserNandBlocksRaw());
    m.put("ocp.badBlocks.user.normalized", l.badUserNandBlocksNormalized());
    if (l.systemNandBlocksValid()) {
      m.put("ocp.badBlocks.system.raw", l.badSystemNandBlocksRaw());
      m.put("ocp.badBlocks.system.normalized", l.badSystemNandBlocksNormalized());
    }
    if (l.dieInUseBadNandBlockRaw() != null) {
      m.put("ocp.badBlocks.dieInUse.raw", l.dieInUseBadNandBlockRaw());
      m.put("ocp.badBlocks.dieInUse.normalized", l.dieInUseBadNandBlockNormalized());
    }
    m.put("ocp.xorRecoveries", l.xorRecoveryCount());
    m.put("ocp.errors.uncorrectableRead", l.uncorrectableReadErrorCount());
    m.put("ocp.errors.softEcc", l.softEccErrorCount());
    m.put("ocp.errors.e2eDetected", l.endToEndDetectedErrors());
    m.put("ocp.errors.e2eCorrected", l.endToEndCorrectedErrors());
    m.put("ocp.errors.pcieCorrectable", l.pcieCorrectableErrorCount());
    m.put("ocp.thermalThrottling.level", l.thermalThrottlingStatus());
    m.put("ocp.thermalThrottling.events", l.thermalThrottlingEventCount());
    m.put("ocp.capacitorHealthPercent", l.plpPresent() ? l.capacitorHealth() : null);
    m.put("ocp.plpStarts", l.plpStartCount());
    m.put("ocp.incompleteShutdowns", l.incompleteShutdowns());
    m.put("ocp.freeBlocksPercent", l.percentFreeBlocks());
    m.put("ocp.enduranceEstimateBytes", l.enduranceEstimate());
    m.put("ocp.maxTemperatureCelsius", l.maxTemperatureRecorded());
    m.put("ocp.firmwareRevision", l.dssdFirmwareRevision());
    if (l.thermalThrottlingStatus() == 0 && (!l.plpPresent() || l.capacitorHealth() >= 100)
        && l.badUserNandBlocksNormalized() >= 10) {
      m.put("ocp.hwState", "ok");
      m.put("ocp.reasons#size", 0);
    }
    m.put("ocp.latencyMonitor.enabled", lm.enabled());
    return m;
  }

  private static <T> T ok(CompletionStage<MiResult<T>> stage) throws Exception {
    MiResult<T> r = stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    if (r instanceof MiResult.Success<T> s) {
      return s.value();
    }
    throw new IllegalStateException("the reference drive did not answer: " + r);
  }
}
