package dev.nvmemi.simulator.model;

import dev.nvmemi.mi.admin.IdentifyController;
import dev.nvmemi.mi.admin.PowerStateDescriptor;
import dev.nvmemi.mi.admin.SmartLog;
import dev.nvmemi.simulator.scenario.StateChange;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The state of one simulated NVM subsystem (a drive) with 1–N controllers, evolving on simulated
 * time: temperature, spare and wear follow linear ramps set by a scenario, counters grow with the
 * workload, and discrete changes (fatal status, firmware activation, read-only, replacement…) are
 * applied at their event time. Every state change that NVMe-MI reports sets the endpoint's
 * Composite Controller Status flags (CCS) and the affected controllers' CHSC flags, and is handed
 * to an {@link AsyncEventSink} as an Asynchronous Event occurrence.
 *
 * <p>Time only moves forward: {@link #advanceTo(long)} evaluates the ramps at a time and detects
 * threshold crossings there, so the same sequence of calls at the same times gives the same state
 * (the determinism the tests rely on). Not thread-safe by itself: the owning endpoint serialises
 * access (it holds its lock around every call).
 */
public final class SimulatedDrive {

  /** CCS / CHSC bit positions (spec sheet §4.3). */
  public static final int CCS_RDY = 1;
  public static final int CCS_CFS = 1 << 1;
  public static final int CCS_SHST = 1 << 2;
  public static final int CCS_NSSRO = 1 << 4;
  public static final int CCS_CECO = 1 << 5;
  public static final int CCS_NAC = 1 << 6;
  public static final int CCS_FA = 1 << 7;
  public static final int CCS_CSTS = 1 << 8;
  public static final int CCS_CTEMP = 1 << 9;
  public static final int CCS_PDLU = 1 << 10;
  public static final int CCS_SPARE = 1 << 11;
  public static final int CCS_CWARN = 1 << 12;

  /** Critical warning bits (SMART byte 0). */
  public static final int CW_SPARE = 0x01;
  public static final int CW_TEMPERATURE = 0x02;
  public static final int CW_RELIABILITY = 0x04;
  public static final int CW_READ_ONLY = 0x08;
  public static final int CW_VOLATILE_BACKUP = 0x10;
  public static final int CW_PMR = 0x20;

  /** Asynchronous Event IDs (spec sheet §8.3). */
  public static final int AE_READY = 0x00;
  public static final int AE_FATAL = 0x01;
  public static final int AE_SHUTDOWN = 0x02;
  public static final int AE_ENABLE = 0x03;
  public static final int AE_FIRMWARE = 0x05;
  public static final int AE_TEMPERATURE = 0x06;
  public static final int AE_PDLU = 0x07;
  public static final int AE_SPARE = 0x08;
  public static final int AE_SMART_WARNINGS = 0x09;

  /** AE scope values (AESSI bits 3:0). */
  public static final int SCOPE_CONTROLLER = 1;
  public static final int SCOPE_SUBSYSTEM = 2;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final int MAX_ERROR_LOG = 64;

  /** Receives Asynchronous Event occurrences as the state changes. */
  @FunctionalInterface
  public interface AsyncEventSink {
    /** An occurrence of AE {@code aeId} in {@code scope} for {@code scopeId}, with one byte of specific info. */
    void occurred(int aeId, int scope, int scopeId, int specificInfo);
  }

  /** One controller's status. */
  static final class Controller {
    final int id;
    boolean enabled = true;
    boolean ready = true;
    boolean fatal;
    int shst;
    int chsc;

    Controller(int id) {
      this.id = id;
    }

    int csts() {
      return (ready ? 1 : 0) | (fatal ? 2 : 0) | (shst & 3) << 2 | (enabled ? 1 << 5 : 0);
    }
  }

  private final long seed;
  private DriveIdentity identity;
  private DriveHealth health;
  private final Controller[] controllers;
  private AsyncEventSink sink = (a, s, i, x) -> { };
  private final SplittableRandom serials;
  private final OcpModel ocp;

  private long epoch;
  private long now;
  private final Ramp temperature = new Ramp();
  private final Ramp spare = new Ramp();
  private final Ramp percentageUsed = new Ramp();
  private int forcedWarnings;
  private boolean readOnly;
  private boolean hostPowered = true;
  private long mediaErrors;
  private long powerCycles;
  private long unsafeShutdowns;
  private long errorCount;
  private final ArrayDeque<ErrorLogRecord> errorLog = new ArrayDeque<>();
  private int firmwareSlot = 1;
  private int overTempThresholdKelvin;
  private int underTempThresholdKelvin = 273;
  private long warningTempNanos;
  private long criticalTempNanos;
  private int ccs;

  // last values seen by change detection
  private int lastWarnings;
  private int lastPdlu;
  private int lastSpare;
  private int lastTempLevel;

  /**
   * @param identity what the drive reports
   * @param health its state at time {@code startNanos}
   * @param seed drives the temperature noise and generated replacement serials
   * @param startNanos the clock time at which this drive starts
   */
  public SimulatedDrive(DriveIdentity identity, DriveHealth health, long seed, long startNanos) {
    this(identity, health, OcpProfile.NONE, seed, startNanos);
  }

  /**
   * @param identity what the drive reports
   * @param health its state at time {@code startNanos}
   * @param ocp whether and how it serves the OCP datacenter logs C0h/C3h
   * @param seed drives the temperature noise and generated replacement serials
   * @param startNanos the clock time at which this drive starts
   */
  public SimulatedDrive(DriveIdentity identity, DriveHealth health, OcpProfile ocp, long seed, long startNanos) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.ocp = new OcpModel(ocp, seed);
    this.seed = seed;
    this.serials = new SplittableRandom(seed ^ 0x5DEECE66DL);
    this.controllers = new Controller[identity.controllers()];
    for (int i = 0; i < controllers.length; i++) {
      controllers[i] = new Controller(i);
    }
    reset(health, startNanos);
  }

  private void reset(DriveHealth h, long at) {
    this.health = Objects.requireNonNull(h, "health");
    this.epoch = at;
    this.now = at;
    temperature.set(at, h.temperatureCelsius());
    spare.set(at, h.availableSpare());
    percentageUsed.set(at, h.percentageUsed());
    forcedWarnings = 0;
    readOnly = false;
    mediaErrors = h.mediaErrors();
    powerCycles = h.powerCycles();
    unsafeShutdowns = h.unsafeShutdowns();
    errorLog.clear();
    errorCount = 0;
    for (int i = 0; i < h.errorLogEntries(); i++) {
      addError(0x02 << 8 | 0x81, 1000L * (i + 1), 0x02);
    }
    overTempThresholdKelvin = identity.wctempKelvin();
    warningTempNanos = 0;
    criticalTempNanos = 0;
    ccs = 0;
    for (Controller c : controllers) {
      c.enabled = true;
      c.ready = true;
      c.fatal = false;
      c.shst = 0;
      c.chsc = 0;
    }
    ocp.reset(at, (int) Math.round(h.temperatureCelsius()), hostReadCommands(), hostWriteCommands());
    lastWarnings = criticalWarning();
    lastPdlu = pdlu();
    lastSpare = availableSpare();
    lastTempLevel = tempLevel();
  }

  /** Where Asynchronous Event occurrences go (the endpoint's AEM engine). */
  public void setAsyncEventSink(AsyncEventSink sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Moves the model to {@code t} (ignored if earlier than the last time) and detects changes. */
  public void advanceTo(long t) {
    if (t <= now) {
      return;
    }
    long dt = t - now;
    int level = tempLevel();
    if (level >= 1) {
      warningTempNanos += dt;
    }
    if (level >= 2) {
      criticalTempNanos += dt;
    }
    now = t;
    detectChanges();
  }

  /** Applies a state change at time {@code t} (after moving the model there). */
  public void apply(long t, StateChange change) {
    advanceTo(t);
    if (change instanceof StateChange.Temperature c) {
      temperature.rampTo(now, c.celsius(), c.over().toNanos());
    } else if (change instanceof StateChange.Spare c) {
      spare.rampTo(now, c.percent(), c.over().toNanos());
    } else if (change instanceof StateChange.PercentageUsed c) {
      percentageUsed.rampTo(now, c.percent(), c.over().toNanos());
    } else if (change instanceof StateChange.CriticalWarning c) {
      forcedWarnings = c.asserted() ? forcedWarnings | c.bits() : forcedWarnings & ~c.bits();
    } else if (change instanceof StateChange.ReadOnly c) {
      readOnly = c.readOnly();
    } else if (change instanceof StateChange.ControllerFatal c) {
      Controller k = controller(c.controller());
      if (k != null && k.fatal != c.fatal()) {
        k.fatal = c.fatal();
        flag(k, CCS_CFS | CCS_CSTS);
        sink.occurred(AE_FATAL, SCOPE_CONTROLLER, k.id, c.fatal() ? 1 : 0);
      }
    } else if (change instanceof StateChange.ControllerReady c) {
      Controller k = controller(c.controller());
      if (k != null) {
        setReady(k, c.ready());
      }
    } else if (change instanceof StateChange.HostPower c) {
      hostPowered = c.on();
      for (Controller k : controllers) {
        setReady(k, c.on());
      }
    } else if (change instanceof StateChange.Shutdown c) {
      Controller k = controller(c.controller());
      if (k != null && k.shst != 2) {
        k.shst = 2;
        flag(k, CCS_SHST | CCS_CSTS);
        sink.occurred(AE_SHUTDOWN, SCOPE_CONTROLLER, k.id, 2);
      }
    } else if (change instanceof StateChange.FirmwareActivate c) {
      identity = identity.withFirmware(c.revision());
      if (c.ocp() != null) {
        ocp.setServed(c.ocp());
      }
      // a firmware activation zeroes the latency monitor's buckets (OCP LMLOG-14)
      ocp.restartLatencyWindow(now, hostReadCommands(), hostWriteCommands());
      firmwareSlot = c.slot();
      for (Controller k : controllers) {
        flag(k, CCS_FA);
        sink.occurred(AE_FIRMWARE, SCOPE_CONTROLLER, k.id, c.slot());
      }
    } else if (change instanceof StateChange.MediaErrors c) {
      for (int i = 0; i < c.count(); i++) {
        mediaErrors++;
        addError(0x02 << 8 | 0x81, lbaFor(errorCount), 0x02);
      }
    } else if (change instanceof StateChange.Replace c) {
      String serial = c.serial() != null ? c.serial() : generatedSerial();
      identity = identity.withSerial(serial);
      firmwareSlot = 1;
      reset(new DriveHealth(health.temperatureCelsius(), 0, 100, health.spareThreshold(), 0, 1, 0, 0, 0,
          health.readUnitsPerSecond(), health.writeUnitsPerSecond(), 0, 0), now);
      return;
    } else if (change instanceof StateChange.Capacitor c) {
      ocp.capacitor(now, c.percent(), c.over().toNanos());
    } else if (change instanceof StateChange.PowerCycle c) {
      ocp.onPowerCycle();
      powerCycles++;
      if (c.unsafe()) {
        unsafeShutdowns++;
      }
      for (Controller k : controllers) {
        int bits = (k.ready ? 0 : CCS_RDY) | (k.enabled ? 0 : CCS_CECO) | (k.shst != 0 ? CCS_SHST : 0)
            | (k.fatal ? CCS_CFS : 0);
        k.ready = true;
        k.enabled = true;
        k.shst = 0;
        k.fatal = false;
        flag(k, bits | CCS_NSSRO | CCS_CSTS);
      }
    } else {
      throw new IllegalStateException("unhandled state change " + change);
    }
    detectChanges();
  }

  /** Enables and readies a controller or disables it (CC.EN and CSTS.RDY follow), flagging the change. */
  private void setReady(Controller k, boolean ready) {
    if (k.ready == ready && k.enabled == ready) {
      return;
    }
    int bits = CCS_CSTS;
    if (k.ready != ready) {
      bits |= CCS_RDY;
      sink.occurred(AE_READY, SCOPE_CONTROLLER, k.id, ready ? 1 : 0);
    }
    if (k.enabled != ready) {
      bits |= CCS_CECO;
      sink.occurred(AE_ENABLE, SCOPE_CONTROLLER, k.id, ready ? 1 : 0);
    }
    k.ready = ready;
    k.enabled = ready;
    if (ready) {
      k.shst = 0;
    }
    flag(k, bits);
  }

  /** Whether the host is powered (PCIe link up); see {@link StateChange.HostPower}. */
  public boolean hostPowered() {
    return hostPowered;
  }

  private String generatedSerial() {
    StringBuilder b = new StringBuilder("S");
    for (int i = 0; i < 13; i++) {
      int v = serials.nextInt(36);
      b.append((char) (v < 10 ? '0' + v : 'A' + v - 10));
    }
    return b.toString();
  }

  private long lbaFor(long n) {
    return (new SplittableRandom(seed + n).nextLong() & 0x7FFFFFFFL) * 8;
  }

  private Controller controller(int id) {
    return id < controllers.length ? controllers[id] : null;
  }

  private void flag(Controller k, int bits) {
    k.chsc |= bits;
    ccs |= bits;
  }

  private void flagAll(int bits) {
    for (Controller k : controllers) {
      k.chsc |= bits;
    }
    ccs |= bits;
  }

  private void detectChanges() {
    ocp.observe(OcpModel.throttleLevel(this), (int) Math.round(compositeCelsius()), hostReadCommands(),
        hostWriteCommands(), now, powerOnHours() * 3_600_000L);
    int level = tempLevel();
    if (level != lastTempLevel) {
      flagAll(CCS_CTEMP);
      for (Controller k : controllers) {
        sink.occurred(AE_TEMPERATURE, SCOPE_CONTROLLER, k.id, ctempByte());
      }
      lastTempLevel = level;
    }
    int p = pdlu();
    if (p != lastPdlu) {
      flagAll(CCS_PDLU);
      for (Controller k : controllers) {
        sink.occurred(AE_PDLU, SCOPE_CONTROLLER, k.id, Math.min(p, 255));
      }
      lastPdlu = p;
    }
    int s = availableSpare();
    if (s != lastSpare) {
      flagAll(CCS_SPARE);
      for (Controller k : controllers) {
        sink.occurred(AE_SPARE, SCOPE_CONTROLLER, k.id, s);
      }
      lastSpare = s;
    }
    int w = criticalWarning();
    if (w != lastWarnings) {
      flagAll(CCS_CWARN);
      sink.occurred(AE_SMART_WARNINGS, SCOPE_SUBSYSTEM, 0, w);
      lastWarnings = w;
    }
  }

  private void addError(int statusField, long lba, int opcode) {
    errorCount++;
    errorLog.addFirst(new ErrorLogRecord(errorCount, 1, (int) (errorCount & 0xFFFF), statusField, 0xFFFF, lba, 1,
        opcode));
    while (errorLog.size() > MAX_ERROR_LOG) {
      errorLog.removeLast();
    }
  }

  /**
   * Records a failed admin command in the error log (a real controller does this for Invalid
   * Field in Command and the like).
   */
  public void recordCommandError(int opcode, int statusField, int parameterErrorLocation) {
    errorCount++;
    errorLog.addFirst(new ErrorLogRecord(errorCount, 0, (int) (errorCount & 0xFFFF), statusField,
        parameterErrorLocation, 0, 0, opcode));
    while (errorLog.size() > MAX_ERROR_LOG) {
      errorLog.removeLast();
    }
  }

  // ---- derived values --------------------------------------------------------------------

  /** 0 below WCTEMP (the over-temperature threshold), 1 at or above it, 2 at or above CCTEMP. */
  private int tempLevel() {
    int k = compositeKelvin();
    if (k >= identity.cctempKelvin()) {
      return 2;
    }
    return k >= overTempThresholdKelvin || k < underTempThresholdKelvin ? 1 : 0;
  }

  /** Composite temperature in °C including a small deterministic sensor noise (±0.4 °C). */
  public double compositeCelsius() {
    long second = (now - epoch) / (2 * NANOS_PER_SECOND);
    long h = mix(seed * 31 + second);
    double noise = ((h >>> 11) * 0x1.0p-53 - 0.5) * 0.8;
    return temperature.valueAt(now) + noise;
  }

  /** Composite temperature in Kelvin (°C + 273, rounded), as SMART and CHDS report it. */
  public int compositeKelvin() {
    return (int) Math.round(compositeCelsius()) + 273;
  }

  /** The NSHDS CTEMP byte (spec sheet §4.1 encoding). */
  public int ctempByte() {
    int c = (int) Math.round(compositeCelsius());
    if (c >= 127) {
      return 0x7F;
    }
    if (c <= -60) {
      return 0xC4;
    }
    return c & 0xFF;
  }

  /** Percentage used (0–255, saturating). */
  public int pdlu() {
    return (int) Math.max(0, Math.min(255, Math.floor(percentageUsed.valueAt(now))));
  }

  /** Available spare in percent. */
  public int availableSpare() {
    return (int) Math.max(0, Math.min(100, Math.round(spare.valueAt(now))));
  }

  /** The SMART critical warning byte (not inverted). */
  public int criticalWarning() {
    int w = forcedWarnings;
    if (availableSpare() < health.spareThreshold()) {
      w |= CW_SPARE;
    }
    if (tempLevel() >= 1) {
      w |= CW_TEMPERATURE;
    }
    if (readOnly) {
      w |= CW_READ_ONLY;
    }
    return w;
  }

  /** NSHDS NSS byte: DF (no fatal controller), RNR, P0LA (port 0 PCIe link up). */
  public int nss() {
    boolean anyFatal = false;
    for (Controller k : controllers) {
      anyFatal |= k.fatal;
    }
    return (anyFatal ? 0 : 0x20) | 0x10 | 0x08;
  }

  /** NSHDS SW byte: the inverted critical warning bits 5:0 (bits 7:6 stay 0, as NMD emits). */
  public int smartWarningsInverted() {
    return ~criticalWarning() & 0x3F;
  }

  public int ccs() {
    return ccs;
  }

  /** Clears the CCS flags in {@code mask} (NSHSP Clear Status, Configuration Set 02h). */
  public void clearCcs(int mask) {
    ccs &= ~mask;
  }

  public int controllerCount() {
    return controllers.length;
  }

  public int csts(int ctlid) {
    return controllers[ctlid].csts();
  }

  public int chsc(int ctlid) {
    return controllers[ctlid].chsc;
  }

  public void clearChsc(int ctlid) {
    controllers[ctlid].chsc = 0;
  }

  public boolean controllerEnabled(int ctlid) {
    return controllers[ctlid].enabled;
  }

  public DriveIdentity identity() {
    return identity;
  }

  public int firmwareSlot() {
    return firmwareSlot;
  }

  public int spareThreshold() {
    return health.spareThreshold();
  }

  public int overTempThresholdKelvin() {
    return overTempThresholdKelvin;
  }

  public int underTempThresholdKelvin() {
    return underTempThresholdKelvin;
  }

  /** Set Features 04h (Temperature Threshold) for the composite sensor. */
  public void setTemperatureThreshold(boolean under, int kelvin) {
    if (under) {
      underTempThresholdKelvin = kelvin;
    } else {
      overTempThresholdKelvin = kelvin;
    }
    detectChanges();
  }

  private double seconds() {
    return (now - epoch) / (double) NANOS_PER_SECOND;
  }

  public long dataUnitsRead() {
    return health.dataUnitsRead() + (long) (health.readUnitsPerSecond() * seconds());
  }

  public long dataUnitsWritten() {
    return health.dataUnitsWritten() + (long) (health.writeUnitsPerSecond() * seconds());
  }

  public long hostReadCommands() {
    return dataUnitsRead() * 8 + 1234;
  }

  public long hostWriteCommands() {
    return dataUnitsWritten() * 8 + 4321;
  }

  public long controllerBusyMinutes() {
    return health.powerOnHours() / 3 + (long) (seconds() / 600);
  }

  public long powerOnHours() {
    return health.powerOnHours() + (long) (seconds() / 3600);
  }

  public long powerCycles() {
    return powerCycles;
  }

  public long unsafeShutdowns() {
    return unsafeShutdowns;
  }

  public long mediaErrors() {
    return mediaErrors;
  }

  public long errorLogEntriesLifetime() {
    return errorCount;
  }

  public long warningTempMinutes() {
    return warningTempNanos / (60 * NANOS_PER_SECOND);
  }

  public long criticalTempMinutes() {
    return criticalTempNanos / (60 * NANOS_PER_SECOND);
  }

  /** The error log, newest first (at most 64 entries). */
  public List<ErrorLogRecord> errorLog() {
    return Collections.unmodifiableList(new ArrayList<>(errorLog));
  }

  /** The 512-byte SMART / Health Information log (LID 02h; spec sheet §7.1), built with mi-protocol's encoder. */
  public byte[] smartLog() {
    int k = compositeKelvin();
    int cw = criticalWarning();
    return new SmartLog(cw, k, availableSpare(), health.spareThreshold(), pdlu(),
        cw & (CW_SPARE | CW_RELIABILITY | CW_READ_ONLY), big(dataUnitsRead()), big(dataUnitsWritten()),
        big(hostReadCommands()), big(hostWriteCommands()), big(controllerBusyMinutes()), big(powerCycles),
        big(powerOnHours()), big(unsafeShutdowns), big(mediaErrors), big(errorCount),
        Math.min(0xFFFFFFFFL, warningTempMinutes()), Math.min(0xFFFFFFFFL, criticalTempMinutes()),
        List.of(k + 2, k - 6, 0, 0, 0, 0, 0, 0), 0, 0, 0, 0).encode();
  }

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  /** Power states: PS0–PS2 operational, PS3–PS4 non-operational. */
  private static final List<PowerStateDescriptor> POWER_STATES = List.of(
      new PowerStateDescriptor(2500, false, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
      new PowerStateDescriptor(1800, false, false, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0),
      new PowerStateDescriptor(1200, false, false, 0, 0, 2, 2, 2, 2, 0, 0, 0, 0, 0),
      new PowerStateDescriptor(500, true, true, 2000, 2000, 3, 3, 3, 3, 0, 0, 0, 0, 0),
      new PowerStateDescriptor(50, true, true, 5000, 10000, 4, 4, 4, 4, 0, 0, 0, 0, 0));

  /**
   * The 4096-byte Identify Controller structure (CNS 01h; spec sheet §7.2) for controller
   * {@code ctlid}, built with mi-protocol's encoder.
   */
  public byte[] identifyController(int ctlid) {
    DriveIdentity id = identity;
    String fguid = String.format("%016x%016x", mix(seed), mix(seed + 1));
    return new IdentifyController(id.pciVendorId(), id.subsystemVendorId(), id.serial(), id.model(), id.firmware(),
        6, id.ieeeOui(), controllers.length > 1 ? 0x02 : 0, 5, ctlid, 0x00010400, 500_000, 2_000_000, 0x0200,
        ocp.uuidList() != null ? CTRATT_UUID_LIST : 0, 1, fguid, 1, 0x80, 0x03, 0x0017, 3, 3, 0x12, 0x02, MAX_ERROR_LOG - 1, POWER_STATES.size() - 1,
        id.wctempKelvin(), id.cctempKelvin(), 100, id.tnvmcap(), BigInteger.ZERO, 30, 1, 0, 0, 0, 0, 0x66, 0x44, 1,
        0x005F, 1, "nqn.2014-08.org.nvmexpress:uuid:" + id.serial(), POWER_STATES).encode();
  }

  /** CTRATT bit 9: the controller supports the UUID List (Identify CNS 17h). */
  public static final int CTRATT_UUID_LIST = 1 << 9;

  /** The OCP profile in force (its {@code served} flag follows firmware activations). */
  public OcpProfile ocpProfile() {
    return ocp.profile();
  }

  /**
   * The OCP C0h page for a Get Log Page with UUID index {@code uidx}, or null when this drive (its
   * current firmware) does not serve it there: the endpoint answers Invalid Log Page.
   */
  public byte[] ocpSmartExtendedLog(int uidx) {
    return ocp.served() && ocp.reachable(uidx) ? ocp.smartExtendedLog(this, now) : null;
  }

  /** The OCP C3h page (first 512 bytes) for UUID index {@code uidx}, or null (Invalid Log Page). */
  public byte[] ocpLatencyMonitorLog(int uidx) {
    return ocp.served() && ocp.reachable(uidx) ? ocp.latencyMonitorLog(this, now) : null;
  }

  /** The UUID list (Identify CNS 17h), or null when the controller has none (Invalid Field). */
  public byte[] uuidList() {
    return ocp.uuidList();
  }

  /** OCP thermal throttling level now: 0 none, 1..3 (WCTEMP, half way, CCTEMP). */
  public int ocpThrottleLevel() {
    return OcpModel.throttleLevel(this);
  }

  /** OCP capacitor health now, percent ({@link OcpProfile#NO_PLP} without PLP). */
  public int ocpCapacitorHealth() {
    return ocp.capacitorHealth(now);
  }

  /** Error Information log (LID 01h): {@code entries} × 64 bytes, newest first, unused entries zero. */
  public byte[] errorLogPage(int entries) {
    byte[] b = new byte[entries * ErrorLogRecord.LENGTH];
    int i = 0;
    for (ErrorLogRecord r : errorLog) {
      if (i >= entries) {
        break;
      }
      System.arraycopy(r.encode(), 0, b, i * ErrorLogRecord.LENGTH, ErrorLogRecord.LENGTH);
      i++;
    }
    return b;
  }

  /** Firmware Slot Information log (LID 03h), 512 bytes. */
  public byte[] firmwareSlotLog() {
    byte[] b = new byte[512];
    b[0] = (byte) firmwareSlot;
    Le.putAscii(b, 8 * firmwareSlot, 8, identity.firmware());
    return b;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A value that ramps linearly from one level to another between two times. */
  private static final class Ramp {
    private double from;
    private double to;
    private long start;
    private long end;

    void set(long t, double v) {
      from = v;
      to = v;
      start = t;
      end = t;
    }

    void rampTo(long t, double target, long over) {
      from = valueAt(t);
      to = target;
      start = t;
      end = t + Math.max(0, over);
    }

    double valueAt(long t) {
      if (t >= end) {
        return to;
      }
      if (t <= start) {
        return from;
      }
      return from + (to - from) * ((t - start) / (double) (end - start));
    }
  }
}
