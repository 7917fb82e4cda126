package dev.nvmemi.agent.telemetry;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The telemetry contract (design §6): every metric and event the agent emits, with its name, unit,
 * instrument type and attributes. Names are API: dashboards, alert rules (helm/), the exporters
 * and the README are checked against this one source of truth.
 *
 * <p>Constants only; thread-safe.
 */
public final class TelemetryContract {
  private TelemetryContract() {}

  /** OpenTelemetry instrument kinds used by the contract. */
  public enum Instrument { GAUGE, COUNTER, UP_DOWN_COUNTER, HISTOGRAM }

  /** Severity of an event (OpenTelemetry severity text). */
  public enum Severity { INFO, WARN, ERROR }

  /**
   * One metric of the contract.
   *
   * @param name the OpenTelemetry metric name
   * @param instrument instrument kind
   * @param unit UCUM unit
   * @param description one line for the README and exporters
   * @param attributes attribute keys beyond the drive attributes (where the metric is per drive)
   * @param perDrive whether the series carry the drive attributes ({@link #DRIVE_ATTRIBUTES})
   */
  public record Metric(String name, Instrument instrument, String unit, String description,
      List<String> attributes, boolean perDrive) {

    /**
     * The name as the Prometheus exporter exposes it: dots to underscores, the unit suffix
     * ({@code _celsius}, {@code _bytes}, {@code _seconds}, {@code _ratio}) and {@code _total} for
     * counters, following the OpenTelemetry → Prometheus compatibility rules.
     */
    public String prometheusName() {
      String base = name.replace('.', '_');
      String suffix;
      switch (unit) {
        case "Cel": suffix = "_celsius"; break;
        case "By": suffix = "_bytes"; break;
        case "s": suffix = "_seconds"; break;
        case "1": suffix = instrument == Instrument.GAUGE ? "_ratio" : ""; break;
        default: suffix = ""; break;
      }
      String n = base.endsWith(suffix) ? base : base + suffix;
      if (instrument == Instrument.COUNTER) {
        n = n + "_total";
      }
      return n;
    }
  }

  /**
   * One event of the contract: a log record with {@code event.name}.
   *
   * @param name the {@code event.name}
   * @param severities the severities it may carry
   * @param description one line for the README
   * @param attributes attributes beyond the drive attributes
   */
  public record Event(String name, List<Severity> severities, String description, List<String> attributes) {}

  // Attribute keys -------------------------------------------------------------------------------
  public static final String HW_ID = "hw.id";
  public static final String HW_TYPE = "hw.type";
  public static final String HW_VENDOR = "hw.vendor";
  public static final String HW_MODEL = "hw.model";
  public static final String HW_SERIAL_NUMBER = "hw.serial_number";
  public static final String HW_FIRMWARE_VERSION = "hw.firmware_version";
  public static final String NVME_MCTP_NETWORK_ID = "nvme.mctp.network_id";
  public static final String NVME_MCTP_EID = "nvme.mctp.eid";
  public static final String NVME_BUS = "nvme.bus";
  public static final String HW_STATE = "hw.state";
  public static final String HW_PREVIOUS_STATE = "hw.previous_state";
  public static final String HW_SENSOR_LOCATION = "hw.sensor_location";
  public static final String HW_LIMIT_TYPE = "hw.limit_type";
  public static final String HW_PHYSICAL_DISK_STATE = "hw.physical_disk.state";
  public static final String ERROR_TYPE = "error.type";
  public static final String NVME_CRITICAL_WARNING = "nvme.critical_warning";
  public static final String NVME_CONTROLLER_ID = "nvme.controller.id";
  public static final String NVME_MI_COMMAND = "nvme.mi.command";
  public static final String STATE = "state";
  public static final String EVENT_NAME = "event.name";
  public static final String HW_TEMPERATURE_ATTR = "hw.temperature";
  public static final String NVME_THRESHOLD_STATE = "nvme.threshold.state";
  public static final String HW_PREVIOUS_SERIAL_NUMBER = "hw.previous_serial_number";
  public static final String HW_PREVIOUS_FIRMWARE_VERSION = "hw.previous_firmware_version";
  public static final String NVME_PREVIOUS_ENDPOINT_STATE = "nvme.previous_endpoint_state";

  public static final String NVME_OCP_NAND_AREA = "nvme.ocp.nand.area";
  public static final String NVME_OCP_LATENCY_OPERATION = "nvme.ocp.latency.operation";
  public static final String NVME_OCP_LATENCY_THRESHOLD = "nvme.ocp.latency.threshold";
  public static final String NVME_OCP_LATENCY_BUCKET = "nvme.ocp.latency.bucket";
  public static final String WINDOW = "window";

  /** Attributes on every drive series and drive event. */
  public static final List<String> DRIVE_ATTRIBUTES = List.of(HW_ID, HW_TYPE, HW_VENDOR, HW_MODEL,
      HW_SERIAL_NUMBER, HW_FIRMWARE_VERSION, NVME_MCTP_NETWORK_ID, NVME_MCTP_EID, NVME_BUS);

  /** Value of {@code hw.type} on drive series. */
  public static final String HW_TYPE_PHYSICAL_DISK = "physical_disk";

  /** Values of {@code hw.state}. */
  public static final List<String> HW_STATES = List.of("ok", "degraded", "predicted_failure", "failed");

  /** Values of {@code nvme_mi.endpoint.state}'s {@code state} attribute (design §4). */
  public static final List<String> ENDPOINT_STATES =
      List.of("discovered", "identifying", "active", "backoff", "lost", "degraded_connectivity", "removed");

  // Metrics -------------------------------------------------------------------------------------
  public static final Metric HW_STATUS = new Metric("hw.status", Instrument.UP_DOWN_COUNTER, "1",
      "Drive health state: 1 for the current hw.state (ok, degraded, predicted_failure, failed), 0 for the others;"
          + " 0 for every state while the drive's health is not known (not reachable: backoff, lost, degraded connectivity).",
      List.of(HW_STATE), true);
  public static final Metric HW_TEMPERATURE = new Metric("hw.temperature", Instrument.GAUGE, "Cel",
      "Composite temperature (no hw.sensor_location) and per-sensor temperatures.",
      List.of(HW_SENSOR_LOCATION), true);
  public static final Metric HW_TEMPERATURE_LIMIT = new Metric("hw.temperature.limit", Instrument.GAUGE, "Cel",
      "Warning (high.degraded, WCTEMP) and critical (high.critical, CCTEMP) composite temperature thresholds.",
      List.of(HW_LIMIT_TYPE), true);
  public static final Metric HW_ENDURANCE = new Metric("hw.physical_disk.endurance_utilization",
      Instrument.GAUGE, "1", "Remaining endurance: 1 - percentage used / 100, floor 0.",
      List.of(HW_PHYSICAL_DISK_STATE), true);
  public static final Metric HW_DISK_SIZE = new Metric("hw.physical_disk.size", Instrument.UP_DOWN_COUNTER, "By",
      "Total NVM capacity (TNVMCAP).", List.of(), true);
  public static final Metric HW_ERRORS = new Metric("hw.errors", Instrument.COUNTER, "{error}",
      "Media and data integrity errors and error-log entries from the SMART / Health log.",
      List.of(ERROR_TYPE), true);
  public static final Metric NVME_SPARE_AVAILABLE = new Metric("nvme.spare.available", Instrument.GAUGE, "1",
      "Available spare as a fraction (0..1).", List.of(), true);
  public static final Metric NVME_SPARE_THRESHOLD = new Metric("nvme.spare.threshold", Instrument.GAUGE, "1",
      "Available spare threshold as a fraction (0..1).", List.of(), true);
  public static final Metric NVME_CRITICAL_WARNING_METRIC = new Metric("nvme.critical_warning", Instrument.GAUGE, "1",
      "Critical warning bits: 1 while a bit is set, per bit name.", List.of(NVME_CRITICAL_WARNING), true);
  public static final Metric NVME_DATA_READ = new Metric("nvme.data.read", Instrument.COUNTER, "By",
      "Data read by hosts (data units read x 512000).", List.of(), true);
  public static final Metric NVME_DATA_WRITTEN = new Metric("nvme.data.written", Instrument.COUNTER, "By",
      "Data written by hosts (data units written x 512000).", List.of(), true);
  public static final Metric NVME_POWER_ON_TIME = new Metric("nvme.power_on.time", Instrument.COUNTER, "s",
      "Power-on time (power-on hours x 3600).", List.of(), true);
  public static final Metric NVME_POWER_CYCLES = new Metric("nvme.power_cycles", Instrument.COUNTER, "{cycle}",
      "Power cycles.", List.of(), true);
  public static final Metric NVME_UNSAFE_SHUTDOWNS = new Metric("nvme.unsafe_shutdowns", Instrument.COUNTER,
      "{shutdown}", "Unsafe shutdowns.", List.of(), true);
  public static final Metric NVME_CONTROLLER_STATUS = new Metric("nvme.controller.status", Instrument.UP_DOWN_COUNTER,
      "1", "Controller health state from the Controller Health Status Poll: 1 for the current hw.state.",
      List.of(NVME_CONTROLLER_ID, HW_STATE), true);
  public static final Metric NVME_CONTROLLER_READY = new Metric("nvme.controller.ready", Instrument.GAUGE, "1",
      "CSTS.RDY of the controller (1 ready, 0 not). Not ready without CFS or a shutdown means its host has not"
          + " enabled it (host off, PCIe link down): a readiness condition, no health problem (hw.status stays ok).",
      List.of(NVME_CONTROLLER_ID), true);
  public static final Metric MI_COMMAND_DURATION = new Metric("nvme_mi.command.duration", Instrument.HISTOGRAM, "s",
      "Duration of every NVMe-MI exchange per bus and command, with error.type on failures (an error status"
          + " answer is a failure: mi_status, nvme_status).",
      List.of(NVME_BUS, NVME_MI_COMMAND, ERROR_TYPE), false);
  public static final Metric MI_ENDPOINT_STATE = new Metric("nvme_mi.endpoint.state", Instrument.UP_DOWN_COUNTER, "1",
      "Endpoints per lifecycle state.", List.of(STATE), false);
  public static final Metric MI_ENDPOINT_REACHABLE = new Metric("nvme_mi.endpoint.reachable", Instrument.GAUGE, "1",
      "Per drive: 1 while the agent gets answers (state active), 0 while it retries (backoff), has lost it, or"
          + " mctpd reports its connectivity degraded; then no value of it is exported as current.",
      List.of(), true);
  public static final Metric MI_DRIVE_STALENESS = new Metric("nvme_mi.drive.staleness", Instrument.GAUGE, "s",
      "Per drive: age of its latest subsystem health reading.", List.of(), true);
  public static final Metric MI_BUS_UTILIZATION = new Metric("nvme_mi.bus.utilization", Instrument.GAUGE, "1",
      "Share of bus time charged to the agent's exchanges: an upper bound of their wire time (an answered exchange is charged its learned duration, which includes the drive's processing time).", List.of(NVME_BUS), false);
  public static final Metric MI_POLL_STALENESS = new Metric("nvme_mi.poll.staleness", Instrument.GAUGE, "s",
      "Age of the oldest health reading of a reachable (active) drive on a bus.", List.of(NVME_BUS), false);
  public static final Metric MI_EVENT_LATENCY = new Metric("nvme_mi.event.latency", Instrument.HISTOGRAM, "s",
      "Time from a change being observed to its event being emitted.", List.of(EVENT_NAME), false);

  public static final Metric MI_EVENTS_SUPPRESSED = new Metric("nvme_mi.events.suppressed", Instrument.COUNTER,
      "{event}", "State-change events not emitted because the state was flapping (poll.flap_window).",
      List.of(EVENT_NAME), false);
  /** Attribute of {@link #MI_AEM_DROPPED}: why an unsolicited message was dropped. */
  public static final String REASON = "reason";
  /** Attribute of {@link #MI_AEM_RECEIVED}: {@code true} for a re-sent AEM (same generation number). */
  public static final String DUPLICATE = "duplicate";
  public static final Metric MI_AEM_RECEIVED = new Metric("nvme_mi.aem.received", Instrument.COUNTER, "{message}",
      "Asynchronous Event Messages received and accepted (events.aem); duplicate=true for a re-sent one"
          + " (acknowledged again, not handled again).", List.of(DUPLICATE), false);
  public static final Metric MI_AEM_DROPPED = new Metric("nvme_mi.aem.dropped", Instrument.COUNTER, "{message}",
      "Unsolicited messages dropped: malformed (MIC, AEM rules, an event not enabled), unexpected (AEMs not"
          + " enabled), unknown_source, and the transport's not_tag_owner, wrong_type, too_short, too_long.",
      List.of(REASON), false);
  public static final Metric MI_AEM_FALLBACKS = new Metric("nvme_mi.aem.fallbacks", Instrument.COUNTER, "{fallback}",
      "Drives that fell back to polling alone: AEM acknowledgements unanswered (events.aem_ack_failures in a row),"
          + " AEM transmission failure reported (NSS ATF), enabling failed, or AEMs cannot be received (the network's"
          + " AEM socket could not be bound: nothing is enabled on the drive); /status shows the reason.",
      List.of(), false);

  /** Attribute of {@link #MI_EXPORT_DROPPED}: {@code metrics} or {@code logs}. */
  public static final String SIGNAL = "signal";
  public static final Metric MI_EXPORT_DROPPED = new Metric("nvme_mi.export.dropped", Instrument.COUNTER,
      "{item}", "Metric points and events an exporter failed to deliver (dropped, never retried).",
      List.of(SIGNAL), false);

  // OCP datacenter logs (ocp-logs.md §4, §6): at most 25 series per OCP drive by default (OCP_SERIES_MAX),
  // OCP_DETAILED_SERIES_MAX more with ocp.detailed_metrics ------------------------------------------
  public static final Metric OCP_MEDIA_WRITTEN = new Metric("nvme.ocp.media.written", Instrument.COUNTER, "By",
      "OCP C0h bytes 0..15 (Physical Media Units Written, already bytes): bytes written to NAND, user + system.",
      List.of(), true);
  public static final Metric OCP_MEDIA_READ = new Metric("nvme.ocp.media.read", Instrument.COUNTER, "By",
      "OCP C0h bytes 16..31 (Physical Media Units Read): bytes read from NAND.", List.of(), true);
  public static final Metric OCP_BAD_BLOCKS = new Metric("nvme.ocp.nand.bad_blocks", Instrument.UP_DOWN_COUNTER,
      "{block}", "OCP C0h retired NAND blocks: user (raw, bytes 32..37), system (40..45; no point when 40..47 are all"
          + " FFh) and die_in_use (358..363, LPV >= 6).", List.of(NVME_OCP_NAND_AREA), true);
  public static final Metric OCP_SPARE_REMAINING = new Metric("nvme.ocp.nand.spare.remaining", Instrument.GAUGE, "1",
      "OCP C0h spare blocks left, normalized / 100: user (byte 38), system (46), die_in_use (364).",
      List.of(NVME_OCP_NAND_AREA), true);
  public static final Metric OCP_XOR_RECOVERIES = new Metric("nvme.ocp.xor.recoveries", Instrument.COUNTER,
      "{recovery}", "OCP C0h bytes 48..55: XOR recoveries invoked.", List.of(), true);
  public static final Metric OCP_ERRORS = new Metric("nvme.ocp.errors", Instrument.COUNTER, "{error}",
      "OCP C0h error counters by error.type: uncorrectable_read (bytes 56..63), soft_ecc (64..71), e2e_detected"
          + " (72..75), e2e_corrected (76..79), pcie_correctable (104..111).", List.of(ERROR_TYPE), true);
  public static final Metric OCP_THROTTLING_LEVEL = new Metric("nvme.ocp.thermal.throttling.level", Instrument.GAUGE,
      "1", "OCP C0h byte 97: current thermal throttling level, 0 none, 1..3; above 0 the drive is degraded.",
      List.of(), true);
  public static final Metric OCP_THROTTLING_EVENTS = new Metric("nvme.ocp.thermal.throttling.events",
      Instrument.COUNTER, "{event}", "OCP C0h byte 96: thermal throttling entries (stops at 255).", List.of(), true);
  public static final Metric OCP_INCOMPLETE_SHUTDOWNS = new Metric("nvme.ocp.shutdowns.incomplete",
      Instrument.COUNTER, "{shutdown}", "OCP C0h bytes 112..115: shutdowns without a full flush.", List.of(), true);
  public static final Metric OCP_FREE_BLOCKS = new Metric("nvme.ocp.free_blocks", Instrument.GAUGE, "1",
      "OCP C0h byte 120 / 100: erased spare blocks among erased + awaiting erase.", List.of(), true);
  public static final Metric OCP_CAPACITOR_HEALTH = new Metric("nvme.ocp.capacitor.health", Instrument.GAUGE, "1",
      "OCP C0h bytes 128..129 / 100: power-loss-protection hold-up margin (> 1 when new; no point without PLP,"
          + " FFFFh); below ocp.capacitor_health_min the drive is predicted_failure.", List.of(), true);
  public static final Metric OCP_PLP_STARTS = new Metric("nvme.ocp.plp.starts", Instrument.COUNTER, "{event}",
      "OCP C0h bytes 160..175: power-loss-protection activations on power loss.", List.of(), true);
  public static final Metric OCP_ENDURANCE_ESTIMATE = new Metric("nvme.ocp.endurance.estimate",
      Instrument.UP_DOWN_COUNTER, "By", "Opt-in (ocp.detailed_metrics). OCP C0h bytes 176..191: lifetime writable"
          + " bytes at write amplification 1.", List.of(), true);
  public static final Metric OCP_WRITE_AMPLIFICATION = new Metric("nvme.ocp.write_amplification", Instrument.GAUGE,
      "1", "NAND bytes written (C0h bytes 0..15) / host bytes written (SMART Data Units Written x 512000, read in"
          + " the same poll cycle); window: since_first_reading (of this drive and firmware), poll (the last polling"
          + " window of at least 2000 data units written); lifetime only with ocp.detailed_metrics (by default it is"
          + " nvme.ocp.media.written / nvme.data.written).", List.of(WINDOW), true);
  public static final Metric OCP_LATENCY_OUTLIERS = new Metric("nvme.ocp.latency.outliers", Instrument.COUNTER, "{io}",
      "OCP C3h latency monitor, active window: I/Os of nvme.ocp.latency.operation (read, write, deallocate) that"
          + " took at least threshold A (nvme.ocp.latency.threshold, ms = (byte 6 + 1) x 5), the sum of the operation's"
          + " four bucket counters (0x20..0x5F). Only while the drive's monitor is enabled (byte 0 bit 0; the agent"
          + " never configures it); restarts from 0 when the window rolls over (bytes 4..5, 7 days by default) or"
          + " the firmware is activated.", List.of(NVME_OCP_LATENCY_OPERATION, NVME_OCP_LATENCY_THRESHOLD), true);
  public static final Metric OCP_LATENCY_IOS = new Metric("nvme.ocp.latency.ios", Instrument.COUNTER, "{io}",
      "Opt-in (ocp.detailed_metrics). OCP C3h active-window bucket counter (LE32 at 0x20 + 16 x bucket: +12 read,"
          + " +8 write, +4 deallocate): I/Os whose latency fell in nvme.ocp.latency.bucket 0..3, whose lower edge is"
          + " nvme.ocp.latency.threshold (ms; thresholds A..D, bytes 6..9).",
      List.of(NVME_OCP_LATENCY_OPERATION, NVME_OCP_LATENCY_BUCKET, NVME_OCP_LATENCY_THRESHOLD), true);
  public static final Metric OCP_LATENCY_MAX = new Metric("nvme.ocp.latency.max", Instrument.GAUGE, "s",
      "Opt-in (ocp.detailed_metrics). OCP C3h: the largest latency of the operation measured in the active window"
          + " (LE16 ms at 0xC0 + 2 x (11 - k), k = 3 x bucket + op, of its highest non-empty bucket); no point unless"
          + " the drive measures latency (byte 0 bit 2) and keeps the largest event of that bucket (0x0A bit k).",
      List.of(NVME_OCP_LATENCY_OPERATION), true);

  /** The OCP metrics, in README order. */
  public static final List<Metric> OCP_METRICS = List.of(OCP_MEDIA_WRITTEN, OCP_MEDIA_READ, OCP_BAD_BLOCKS,
      OCP_SPARE_REMAINING, OCP_XOR_RECOVERIES, OCP_ERRORS, OCP_THROTTLING_LEVEL, OCP_THROTTLING_EVENTS,
      OCP_INCOMPLETE_SHUTDOWNS, OCP_FREE_BLOCKS, OCP_CAPACITOR_HEALTH, OCP_PLP_STARTS, OCP_ENDURANCE_ESTIMATE,
      OCP_WRITE_AMPLIFICATION, OCP_LATENCY_OUTLIERS, OCP_LATENCY_IOS, OCP_LATENCY_MAX);

  /**
   * Most series the OCP metrics add for one drive by default: C0h 22 (media written/read 1+1, bad blocks 3,
   * spare remaining 3, XOR 1, errors 5, throttling level + events 1+1, incomplete shutdowns 1, free blocks 1,
   * capacitor 1, PLP starts 1, write amplification 2) and C3h 3 (latency outliers per operation).
   */
  public static final int OCP_SERIES_MAX = 25;

  /**
   * Most series {@code ocp.detailed_metrics} adds per OCP drive: C3h bucket counters 12 (4 buckets x 3
   * operations) and largest latencies 3, the endurance estimate 1, the lifetime write amplification 1.
   */
  public static final int OCP_DETAILED_SERIES_MAX = 17;

  /** Every metric, in README order. */
  public static final List<Metric> METRICS = List.of(HW_STATUS, HW_TEMPERATURE, HW_TEMPERATURE_LIMIT,
      HW_ENDURANCE, HW_DISK_SIZE, HW_ERRORS, NVME_SPARE_AVAILABLE, NVME_SPARE_THRESHOLD,
      NVME_CRITICAL_WARNING_METRIC, NVME_DATA_READ, NVME_DATA_WRITTEN, NVME_POWER_ON_TIME,
      NVME_POWER_CYCLES, NVME_UNSAFE_SHUTDOWNS, NVME_CONTROLLER_STATUS, NVME_CONTROLLER_READY, MI_COMMAND_DURATION,
      MI_ENDPOINT_STATE, MI_ENDPOINT_REACHABLE, MI_DRIVE_STALENESS, MI_BUS_UTILIZATION, MI_POLL_STALENESS, MI_EVENT_LATENCY,
      MI_EVENTS_SUPPRESSED, MI_EXPORT_DROPPED, MI_AEM_RECEIVED, MI_AEM_DROPPED, MI_AEM_FALLBACKS,
      OCP_MEDIA_WRITTEN, OCP_MEDIA_READ, OCP_BAD_BLOCKS,
      OCP_SPARE_REMAINING, OCP_XOR_RECOVERIES, OCP_ERRORS, OCP_THROTTLING_LEVEL, OCP_THROTTLING_EVENTS,
      OCP_INCOMPLETE_SHUTDOWNS, OCP_FREE_BLOCKS, OCP_CAPACITOR_HEALTH, OCP_PLP_STARTS, OCP_ENDURANCE_ESTIMATE,
      OCP_WRITE_AMPLIFICATION, OCP_LATENCY_OUTLIERS, OCP_LATENCY_IOS, OCP_LATENCY_MAX);

  // Events --------------------------------------------------------------------------------------
  public static final Event ENDPOINT_DISCOVERED = new Event("nvme.endpoint.discovered", List.of(Severity.INFO),
      "A management endpoint was discovered and identified.", List.of());
  public static final Event ENDPOINT_LOST = new Event("nvme.endpoint.lost", List.of(Severity.WARN),
      "An endpoint stopped answering (lost_after consecutive failures: timeouts, transport errors, error status"
          + " answers); its values are no longer exported as current. Flap-suppressed with recovered.",
      List.of(ERROR_TYPE));
  public static final Event ENDPOINT_RECOVERED = new Event("nvme.endpoint.recovered", List.of(Severity.INFO),
      "A lost endpoint answers again, or mctpd reports a degraded endpoint Available again.",
      List.of(NVME_PREVIOUS_ENDPOINT_STATE));
  public static final Event ENDPOINT_DEGRADED = new Event("nvme.endpoint.degraded", List.of(Severity.WARN),
      "mctpd reports the endpoint's connectivity Degraded (it is recovering it): polling paused, no current values.",
      List.of(NVME_PREVIOUS_ENDPOINT_STATE));
  public static final Event ENDPOINT_REMOVED = new Event("nvme.endpoint.removed", List.of(Severity.INFO),
      "Discovery removed the endpoint (mctpd Remove, failed recovery, interface gone); its series end.",
      List.of(NVME_PREVIOUS_ENDPOINT_STATE));
  public static final Event DRIVE_HEALTH_CHANGE = new Event("nvme.drive.health.change",
      List.of(Severity.WARN, Severity.ERROR), "The drive's hw.state changed.", List.of(HW_STATE, HW_PREVIOUS_STATE));
  public static final Event DRIVE_CRITICAL_WARNING = new Event("nvme.drive.critical_warning", List.of(Severity.ERROR),
      "A critical warning bit was raised (bit names in nvme.critical_warning).", List.of(NVME_CRITICAL_WARNING));
  public static final Event DRIVE_TEMPERATURE_THRESHOLD = new Event("nvme.drive.temperature.threshold",
      List.of(Severity.WARN, Severity.ERROR, Severity.INFO),
      "The composite temperature crossed the warning (WARN) or critical (ERROR) threshold, or fell 2 °C below it again (INFO).",
      List.of(HW_LIMIT_TYPE, HW_TEMPERATURE_ATTR, NVME_THRESHOLD_STATE));
  public static final Event CONTROLLER_HEALTH_CHANGE = new Event("nvme.controller.health.change", List.of(Severity.WARN),
      "A controller's health state changed.", List.of(NVME_CONTROLLER_ID, HW_STATE, HW_PREVIOUS_STATE));
  public static final Event DRIVE_REPLACED = new Event("nvme.drive.replaced", List.of(Severity.INFO),
      "A different serial number answers at the same network and EID.", List.of(HW_PREVIOUS_SERIAL_NUMBER));
  public static final Event DRIVE_FIRMWARE_CHANGED = new Event("nvme.drive.firmware.changed", List.of(Severity.INFO),
      "The drive's firmware revision changed.", List.of(HW_PREVIOUS_FIRMWARE_VERSION));

  /** Every event, in README order. */
  public static final List<Event> EVENTS = List.of(ENDPOINT_DISCOVERED, ENDPOINT_LOST, ENDPOINT_RECOVERED,
      ENDPOINT_DEGRADED, ENDPOINT_REMOVED,
      DRIVE_HEALTH_CHANGE, DRIVE_CRITICAL_WARNING, DRIVE_TEMPERATURE_THRESHOLD, CONTROLLER_HEALTH_CHANGE,
      DRIVE_REPLACED, DRIVE_FIRMWARE_CHANGED);

  /** Metrics by OpenTelemetry name. */
  public static final Map<String, Metric> METRICS_BY_NAME =
      METRICS.stream().collect(Collectors.toUnmodifiableMap(Metric::name, m -> m));
}
