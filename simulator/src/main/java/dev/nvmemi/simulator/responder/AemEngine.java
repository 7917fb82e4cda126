package dev.nvmemi.simulator.responder;

import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.Nmimt;
import dev.nvmemi.mi.internal.Mic;
import dev.nvmemi.simulator.model.SimulatedDrive;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Asynchronous Event Message state of one management endpoint (spec sheet §8): the supported and
 * enabled AE IDs, AEMD/AERD, the generation number, occurrences waiting to be reported and the
 * AEM that waits for its acknowledgement, with retries every AERD × 100 ms (at most 7; then NSS ATF
 * is set).
 *
 * <p>Confined to the owning endpoint's lock.
 */
public final class AemEngine implements SimulatedDrive.AsyncEventSink {
  /** AE IDs this endpoint supports. */
  static final int[] SUPPORTED = {
      SimulatedDrive.AE_READY, SimulatedDrive.AE_FATAL, SimulatedDrive.AE_SHUTDOWN, SimulatedDrive.AE_ENABLE,
      SimulatedDrive.AE_FIRMWARE, SimulatedDrive.AE_TEMPERATURE, SimulatedDrive.AE_PDLU, SimulatedDrive.AE_SPARE,
      SimulatedDrive.AE_SMART_WARNINGS};
  private static final int MAX_RETRIES = 7;
  private static final long NANOS_PER_100MS = 100_000_000L;

  private final boolean[] enabled = new boolean[256];
  private int aemd;
  private int aerd;
  private int generation;
  private final Map<Long, Integer> pending = new LinkedHashMap<>();
  private long dueAt = -1;
  private byte[] outstanding;
  private int retries;
  private long retryAt = -1;
  private boolean transmissionFailure;
  private long now;

  /** Sets the time used for the AEMD delay of occurrences reported from now on. */
  public void setNow(long nanos) {
    this.now = nanos;
  }

  static boolean isSupported(int id) {
    for (int s : SUPPORTED) {
      if (s == id) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void occurred(int aeId, int scope, int scopeId, int specificInfo) {
    if (!enabled[aeId & 0xFF]) {
      return;
    }
    pending.put(key(aeId, scope, scopeId), specificInfo & 0xFF);
    if (dueAt < 0) {
      dueAt = now + aemd * 1_000_000_000L;
    }
  }

  private static long key(int aeId, int scope, int scopeId) {
    return (long) (aeId & 0xFF) << 40 | (long) (scope & 0xF) << 32 | (scopeId & 0xFFFFFFFFL);
  }

  /** True when any AE is enabled. */
  public boolean anyEnabled() {
    for (boolean e : enabled) {
      if (e) {
        return true;
      }
    }
    return false;
  }

  /** NSS bit 7 (ATF): an AEM was retried to the limit without an acknowledgement. */
  public boolean transmissionFailure() {
    return transmissionFailure;
  }

  /** The AE Supported List (Configuration Get CID 04h response data). */
  byte[] supportedList() {
    int n = SUPPORTED.length;
    byte[] b = new byte[5 + 3 * n];
    b[0] = (byte) n;
    b[2] = (byte) b.length;
    b[3] = (byte) (b.length >>> 8);
    b[4] = 5;
    for (int i = 0; i < n; i++) {
      int id = SUPPORTED[i];
      int aesi = id | (enabled[id] ? 0x8000 : 0);
      b[5 + 3 * i] = 3;
      b[6 + 3 * i] = (byte) aesi;
      b[7 + 3 * i] = (byte) (aesi >>> 8);
    }
    return b;
  }

  /**
   * Configuration Set CID 04h: applies the AE Enable List (already validated), acknowledges an
   * outstanding AEM, and returns the AE Occurrence List for the response. An empty enable list is
   * an acknowledgement; a non-empty one is a sync, answered with the current state of each
   * enabled AE named in it ({@code currentState} supplies the occurrences).
   */
  byte[] configure(int newAemd, int newAerd, int[] ids, boolean[] enable, SimulatedDrive drive) {
    outstanding = null;
    retryAt = -1;
    retries = 0;
    if (ids.length == 0) {
      byte[] list = occurrenceList(pending);
      pending.clear();
      dueAt = -1;
      return list;
    }
    aemd = newAemd;
    aerd = newAerd;
    for (int i = 0; i < ids.length; i++) {
      enabled[ids[i]] = enable[i];
    }
    pending.keySet().removeIf(k -> !enabled[(int) (k >>> 40) & 0xFF]);
    Map<Long, Integer> state = new LinkedHashMap<>();
    for (int i = 0; i < ids.length; i++) {
      if (enable[i]) {
        currentState(ids[i], drive, state);
      }
    }
    return occurrenceList(state);
  }

  private static void currentState(int id, SimulatedDrive d, Map<Long, Integer> out) {
    for (int c = 0; c < d.controllerCount(); c++) {
      int csts = d.csts(c);
      switch (id) {
        case SimulatedDrive.AE_READY -> out.put(key(id, SimulatedDrive.SCOPE_CONTROLLER, c), csts & 1);
        case SimulatedDrive.AE_FATAL -> out.put(key(id, SimulatedDrive.SCOPE_CONTROLLER, c), csts >>> 1 & 1);
        case SimulatedDrive.AE_SHUTDOWN -> out.put(key(id, SimulatedDrive.SCOPE_CONTROLLER, c), csts >>> 2 & 3);
        case SimulatedDrive.AE_ENABLE -> out.put(key(id, SimulatedDrive.SCOPE_CONTROLLER, c), csts >>> 5 & 1);
        case SimulatedDrive.AE_FIRMWARE -> out.put(key(id, SimulatedDrive.SCOPE_CONTROLLER, c), d.firmwareSlot());
        case SimulatedDrive.AE_TEMPERATURE -> out.put(key(id, SimulatedDrive.SCOPE_CONTROLLER, c), d.ctempByte());
        case SimulatedDrive.AE_PDLU -> out.put(key(id, SimulatedDrive.SCOPE_CONTROLLER, c), d.pdlu());
        case SimulatedDrive.AE_SPARE -> out.put(key(id, SimulatedDrive.SCOPE_CONTROLLER, c), d.availableSpare());
        default -> { }
      }
    }
    if (id == SimulatedDrive.AE_SMART_WARNINGS) {
      out.put(key(id, SimulatedDrive.SCOPE_SUBSYSTEM, 0), d.criticalWarning());
    }
  }

  /** Builds an AE Occurrence List; a non-empty list takes the next generation number. */
  private byte[] occurrenceList(Map<Long, Integer> occ) {
    if (!occ.isEmpty()) {
      generation = (generation + 1) & 0x1F;
    }
    int total = 7 + occ.size() * 10;
    byte[] b = new byte[total];
    b[0] = (byte) occ.size();
    b[2] = (byte) total;
    b[3] = (byte) (total >>> 8);
    b[4] = (byte) (total >>> 16);
    b[5] = 7;
    b[6] = (byte) (generation << 3);
    int p = 7;
    for (Map.Entry<Long, Integer> e : occ.entrySet()) {
      long k = e.getKey();
      b[p] = 9;
      b[p + 1] = 1;
      b[p + 2] = 0;
      b[p + 3] = (byte) (k >>> 40);
      int scopeId = (int) k;
      b[p + 4] = (byte) scopeId;
      b[p + 5] = (byte) (scopeId >>> 8);
      b[p + 6] = (byte) (scopeId >>> 16);
      b[p + 7] = (byte) (scopeId >>> 24);
      b[p + 8] = (byte) ((k >>> 32) & 0xF);
      b[p + 9] = (byte) (int) e.getValue();
      p += 10;
    }
    return b;
  }

  /**
   * The AEM to send at {@code nanos}, if one is due: a new one after the AEMD delay, or a retry of
   * the unacknowledged one every AERD × 100 ms. Null when nothing is due.
   */
  public byte[] due(long nanos) {
    if (outstanding != null) {
      if (retryAt >= 0 && nanos >= retryAt) {
        if (retries >= MAX_RETRIES) {
          transmissionFailure = true;
          retryAt = -1;
          return null;
        }
        retries++;
        outstanding[MiHeader.LENGTH + 6] = (byte) (generation << 3 | retries);
        Mic.seal(outstanding);
        retryAt = aerd == 0 ? -1 : nanos + aerd * NANOS_PER_100MS;
        return outstanding.clone();
      }
      return null;
    }
    if (dueAt >= 0 && nanos >= dueAt && !pending.isEmpty()) {
      byte[] list = occurrenceList(pending);
      pending.clear();
      dueAt = -1;
      byte[] msg = new byte[MiHeader.LENGTH + list.length + Mic.LENGTH];
      new MiHeader(true, Nmimt.ASYNC_EVENT, false, 0, false, false).encode(msg, 0);
      System.arraycopy(list, 0, msg, MiHeader.LENGTH, list.length);
      Mic.seal(msg);
      outstanding = msg;
      retries = 0;
      retryAt = aerd == 0 ? -1 : nanos + aerd * NANOS_PER_100MS;
      return msg.clone();
    }
    return null;
  }

  /** The earliest time something may become due (AEM or retry), or -1. */
  public long nextDue() {
    if (outstanding != null) {
      return retryAt;
    }
    return pending.isEmpty() ? -1 : dueAt;
  }

  /** Forgets all configuration (drive replaced). */
  void reset() {
    Arrays.fill(enabled, false);
    aemd = 0;
    aerd = 0;
    pending.clear();
    dueAt = -1;
    outstanding = null;
    retryAt = -1;
    retries = 0;
    transmissionFailure = false;
  }
}
