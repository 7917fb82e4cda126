package dev.nvmemi.simulator.responder;

import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.ControllerInfo;
import dev.nvmemi.mi.command.NvmSubsystemInfo;
import dev.nvmemi.mi.command.PciePortData;
import dev.nvmemi.mi.command.PortInfo;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import dev.nvmemi.mi.command.TwoWirePortData;
import dev.nvmemi.mi.internal.Mic;
import dev.nvmemi.simulator.model.Le;
import dev.nvmemi.simulator.model.SimulatedDrive;
import java.util.Arrays;

/**
 * The NVMe-MI responder of one management endpoint: takes a complete request message (type byte
 * 0x84 … MIC) and returns the complete response, or null when the spec says to stay silent
 * (spec sheet §11.2). Implements the three request families: control primitives (NMIMT 0), the MI
 * command set (NMIMT 1) and the NVMe admin tunnel (NMIMT 2); NMIMT 4 (PCIe) answers Invalid
 * Command Opcode.
 *
 * <p>Silent drops: fewer than 4 bytes (or fewer than 8 with the MIC), IC=0, a wrong MCTP type, a
 * bad MIC, ROR=1, and a reserved or endpoint-originated NMIMT (3, 5–F). Every response echoes CSI
 * and NMIMT, has ROR=1 and a MIC over the whole message.
 *
 * <p>Not thread-safe: the owning endpoint calls it under its lock, after moving the drive model to
 * the current time.
 */
public final class MiResponder {
  /** Status 03h/04h/05h/06h codes. */
  private static final int ST_OPCODE = 0x03;
  private static final int ST_PARAM = 0x04;
  private static final int ST_SIZE = 0x05;
  private static final int ST_DATA_SIZE = 0x06;
  private static final int ST_VPD_EXCEEDED = 0x20;

  /** NVMe status fields (15-bit, phase tag removed) used by the admin tunnel. */
  private static final int NVME_INVALID_OPCODE = 0x4001;
  private static final int NVME_INVALID_FIELD = 0x4002;
  private static final int NVME_INVALID_NAMESPACE = 0x400B;
  private static final int NVME_INVALID_LOG_PAGE = 0x4109;

  /** Port 1 is the 2-wire (SMBus) port; port 0 is PCIe. */
  static final int PORT_PCIE = 0;
  static final int PORT_TWO_WIRE = 1;
  static final int MAX_MTU = 250;
  /** Baseline MCTP transmission unit, the reset default of every port (spec sheet §5, CID 03h). */
  static final int BASELINE_MTU = 64;
  /** MMTUS of each port, as its Port Information reports it: PCIe 64 (baseline), 2-Wire 250. */
  private static final int[] PORT_MMTUS = {BASELINE_MTU, MAX_MTU};
  static final int VPD_SIZE = 256;

  private final SimulatedDrive drive;
  private final AemEngine aem = new AemEngine();
  private final byte[] vpd = new byte[VPD_SIZE];
  private int vpdWritesLeft;
  private int smbusFrequency = 1;
  private final int initialMtu;
  /** Current MCTP transmission unit per port (index = port ID). */
  private final int[] portMtu = new int[PORT_MMTUS.length];
  private boolean paused;
  private boolean badMicSeen;
  private boolean commandToBusySlot;
  private final long[] slotBusyUntil = {Long.MIN_VALUE, Long.MIN_VALUE};
  private final byte[][] lastResponse = new byte[2][];
  private PendingReplay pendingReplay;
  private long now;
  private long droppedRequests;

  /**
   * @param drive the drive model this endpoint reports (the caller syncs its time)
   * @param vpdWriteBudget how many VPD Write commands succeed before status 20h
   * @param transmissionUnit the 2-wire port's MCTP transmission unit after reset (64 ~ 250); the
   *     PCIe port starts at the baseline 64
   */
  public MiResponder(SimulatedDrive drive, int vpdWriteBudget, int transmissionUnit) {
    if (transmissionUnit < 64 || transmissionUnit > MAX_MTU) {
      throw new IllegalArgumentException("transmissionUnit: " + transmissionUnit + " (expected: 64 ~ " + MAX_MTU + ")");
    }
    this.drive = drive;
    this.initialMtu = transmissionUnit;
    resetPortMtus();
    this.vpdWritesLeft = vpdWriteBudget;
    drive.setAsyncEventSink(aem);
    String product = "FRU " + drive.identity().model();
    byte[] p = product.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    vpd[0] = 0x01;
    System.arraycopy(p, 0, vpd, 8, Math.min(p.length, VPD_SIZE - 8));
  }

  /** The drive model behind this endpoint. */
  public SimulatedDrive drive() {
    return drive;
  }

  /** The endpoint's AEM engine (the serial front end sends what it says is due). */
  public AemEngine aem() {
    return aem;
  }

  /** Current SMBus frequency code (1 = 100 kHz, 2 = 400 kHz, 3 = 1 MHz) of the 2-wire port. */
  public int smbusFrequency() {
    return smbusFrequency;
  }

  /** Current MCTP transmission unit of the 2-wire port (the link the simulated bus times). */
  public int mtu() {
    return portMtu[PORT_TWO_WIRE];
  }

  private void resetPortMtus() {
    portMtu[PORT_PCIE] = BASELINE_MTU;
    portMtu[PORT_TWO_WIRE] = initialMtu;
  }

  /** Requests dropped silently so far (bad MIC, IC=0, ROR=1, reserved NMIMT, too short). */
  public long droppedRequests() {
    return droppedRequests;
  }

  /**
   * Marks command slot {@code csi} as processing until {@code until} (clock nanoseconds): the
   * endpoint still owes the final response (More Processing Required, slow answer).
   */
  public void occupySlot(int csi, long until) {
    slotBusyUntil[csi & 1] = Math.max(slotBusyUntil[csi & 1], until);
  }

  /** Called when the drive was replaced: the endpoint forgets its configuration. */
  public void resetEndpointState() {
    aem.reset();
    smbusFrequency = 1;
    resetPortMtus();
    paused = false;
    badMicSeen = false;
    commandToBusySlot = false;
    slotBusyUntil[0] = Long.MIN_VALUE;
    slotBusyUntil[1] = Long.MIN_VALUE;
    lastResponse[0] = null;
    lastResponse[1] = null;
    pendingReplay = null;
  }

  /** True when {@code msg} would be dropped silently (§11.2), before any processing. */
  public static boolean isDropped(byte[] msg) {
    if (msg.length < MiHeader.LENGTH + Mic.LENGTH) {
      return true;
    }
    if ((msg[0] & 0xFF) != MiHeader.TYPE_BYTE || (msg[1] & 0x80) != 0) {
      return true;
    }
    int nmimt = (msg[1] >>> 3) & 0xF;
    if (nmimt != 0 && nmimt != 1 && nmimt != 2 && nmimt != 4) {
      return true;
    }
    return !Mic.verify(msg);
  }

  /** True for a request that may get a More Processing Required answer (not a control primitive). */
  public static boolean mprAllowed(byte[] msg) {
    return msg.length > 1 && ((msg[1] >>> 3) & 0xF) != 0;
  }

  /**
   * True for a well-framed Configuration Set CID 04h request (NMIMT 1, ROR 0, opcode 03h) whose AE
   * Enable List is empty: an AEM acknowledgement (spec sheet §8.1). Only the framing is looked at.
   */
  public static boolean isAemAcknowledgement(byte[] msg) {
    return isConfigSetAsyncEvent(msg) && (msg[16] & 0xFF) == 0;
  }

  /**
   * True for a Configuration Set CID 04h request with a non-empty AE Enable List: an enable or
   * disable that, on a real endpoint, also makes its sender the AEM destination.
   */
  public static boolean isAemEnable(byte[] msg) {
    return isConfigSetAsyncEvent(msg) && (msg[16] & 0xFF) != 0;
  }

  private static boolean isConfigSetAsyncEvent(byte[] msg) {
    // 84 | 08/09 | .. .. | 03 | .. .. .. | NMD0 byte 0 = CID 04h | NMD1 | AE enable list (5+) | MIC
    return msg.length >= 16 + 5 + 4 && (msg[1] & 0xF8) == 0x08 && msg[4] == 0x03 && msg[8] == 0x04;
  }

  /**
   * Answers one request.
   *
   * @param msg the complete request (0x84 … MIC)
   * @param now the current time in clock nanoseconds (AEM delays are measured from it)
   * @return the complete response, or null for no answer
   */
  public byte[] respond(byte[] msg, long now) {
    return respond(msg, now, 0);
  }

  /**
   * Answers one request, or, when {@code errorStatus} is not 0, answers an NVMe-MI or admin command
   * with that status instead of carrying it out (a scenario's error-status fault). The request is
   * still checked as always first: a request that would be dropped gets no answer.
   *
   * @param errorStatus 0 for a normal answer, else the MI status (02h–FFh) to answer with
   */
  public byte[] respond(byte[] msg, long now, int errorStatus) {
    aem.setNow(now);
    if (isDropped(msg)) {
      if (msg.length >= 8 && (msg[0] & 0xFF) == MiHeader.TYPE_BYTE && !Mic.verify(msg)) {
        badMicSeen = true;
      }
      droppedRequests++;
      return null;
    }
    int nmimt = (msg[1] >>> 3) & 0xF;
    int csi = msg[1] & 1;
    int bodyLen = msg.length - MiHeader.LENGTH - Mic.LENGTH;
    this.now = now;
    if (nmimt != 0 && now < slotBusyUntil[csi]) {
      // A command to a slot still processing the previous one (MPR or a slow answer pending):
      // dropped, reported by Get State CMNICS.
      commandToBusySlot = true;
      droppedRequests++;
      return null;
    }
    byte[] r;
    if (errorStatus != 0 && (nmimt == 1 || nmimt == 2)) {
      r = status(nmimt, csi, errorStatus);
      lastResponse[csi] = r;
      return r;
    }
    switch (nmimt) {
      case 0:
        return control(msg, csi, bodyLen);
      case 1:
        r = miCommand(msg, csi, bodyLen, now);
        break;
      case 2:
        r = admin(msg, csi, bodyLen);
        break;
      default:
        r = status(nmimt, csi, ST_OPCODE);
        break;
    }
    if (r != null) {
      lastResponse[csi] = r;
    }
    return r;
  }

  /**
   * A response to send again after a Replay control primitive: the last response of the slot, from
   * packet {@code packetOffset} on (RRO).
   */
  public record PendingReplay(byte[] message, int packetOffset) {}

  /** The replay requested by the last Replay control primitive, once; null when none. */
  public PendingReplay takeReplay() {
    PendingReplay p = pendingReplay;
    pendingReplay = null;
    return p;
  }

  // ---- response builders -------------------------------------------------------------------

  private static byte[] message(int nmimt, int csi, int bodyLen) {
    byte[] r = new byte[MiHeader.LENGTH + bodyLen + Mic.LENGTH];
    r[0] = (byte) MiHeader.TYPE_BYTE;
    r[1] = (byte) (0x80 | nmimt << 3 | csi);
    return r;
  }

  private static byte[] seal(byte[] r) {
    Mic.seal(r);
    return r;
  }

  private static byte[] status(int nmimt, int csi, int status) {
    byte[] r = message(nmimt, csi, 4);
    r[4] = (byte) status;
    return seal(r);
  }

  /** Invalid Parameter with the Parameter Error Location (byte offset from byte 0, bit). */
  private static byte[] invalidParameter(int nmimt, int csi, int byteOffset, int bit) {
    byte[] r = message(nmimt, csi, 4);
    r[4] = ST_PARAM;
    r[5] = (byte) (bit & 7);
    r[6] = (byte) byteOffset;
    r[7] = (byte) (byteOffset >>> 8);
    return seal(r);
  }

  private static byte[] success(int nmimt, int csi, int nmresp, byte[] data) {
    int n = data == null ? 0 : data.length;
    byte[] r = message(nmimt, csi, 4 + n);
    r[5] = (byte) nmresp;
    r[6] = (byte) (nmresp >>> 8);
    r[7] = (byte) (nmresp >>> 16);
    if (n > 0) {
      System.arraycopy(data, 0, r, 8, n);
    }
    return seal(r);
  }

  // ---- control primitives (NMIMT 0) --------------------------------------------------------

  private byte[] control(byte[] msg, int csi, int bodyLen) {
    int opcode = msg[4] & 0xFF;
    int tag = bodyLen >= 2 ? msg[5] & 0xFF : 0;
    if (bodyLen != 4) {
      return controlResponse(csi, ST_SIZE, tag, 0);
    }
    int cpsp = Le.getShort(msg, 6);
    switch (opcode) {
      case 0x00:
        paused = true;
        return controlResponse(csi, 0, tag, 0);
      case 0x01:
        paused = false;
        return controlResponse(csi, 0, tag, 0);
      case 0x02:
        return controlResponse(csi, 0, tag, 0);
      case 0x03: {
        int cpsr = (paused ? 0x8000 : 0) | (badMicSeen ? 0x10 : 0) | (commandToBusySlot ? 0x08 : 0)
            | (now < slotBusyUntil[csi] ? 2 : 0);
        if ((cpsp & 1) != 0) {
          badMicSeen = false;
          commandToBusySlot = false;
        }
        return controlResponse(csi, 0, tag, cpsr);
      }
      case 0x04: {
        byte[] last = lastResponse[csi];
        if (last == null || now < slotBusyUntil[csi]) {
          // nothing sent yet on this slot (or its final response is still being processed)
          return controlResponse(csi, 0, tag, 0);
        }
        pendingReplay = new PendingReplay(last, cpsp & 0xFF);
        return controlResponse(csi, 0, tag, 1);
      }
      default:
        return controlResponse(csi, ST_OPCODE, tag, 0);
    }
  }

  private static byte[] controlResponse(int csi, int status, int tag, int cpsr) {
    byte[] r = message(0, csi, 4);
    r[4] = (byte) status;
    r[5] = (byte) tag;
    r[6] = (byte) cpsr;
    r[7] = (byte) (cpsr >>> 8);
    return seal(r);
  }

  // ---- MI command set (NMIMT 1) ------------------------------------------------------------

  private byte[] miCommand(byte[] msg, int csi, int bodyLen, long now) {
    if (bodyLen < 12) {
      return status(1, csi, ST_SIZE);
    }
    int opcode = msg[4] & 0xFF;
    int nmd0 = Le.getInt(msg, 8);
    int nmd1 = Le.getInt(msg, 12);
    int dataLen = bodyLen - 12;
    switch (opcode) {
      case 0x00:
        return dataLen != 0 ? status(1, csi, ST_DATA_SIZE) : readDataStructure(csi, nmd0);
      case 0x01:
        return dataLen != 0 ? status(1, csi, ST_SIZE) : subsystemHealth(csi, nmd1);
      case 0x02:
        return dataLen != 0 ? status(1, csi, ST_SIZE) : controllerHealth(csi, nmd0, nmd1);
      case 0x03:
        return configSet(msg, csi, nmd0, nmd1, dataLen);
      case 0x04:
        return dataLen != 0 ? status(1, csi, ST_SIZE) : configGet(csi, nmd0);
      case 0x05:
        return dataLen != 0 ? status(1, csi, ST_DATA_SIZE) : vpdRead(csi, nmd0 & 0xFFFF, nmd1 & 0xFFFF);
      case 0x06:
        return vpdWrite(msg, csi, nmd0 & 0xFFFF, nmd1 & 0xFFFF, dataLen);
      case 0x07:
        return dataLen != 0 ? status(1, csi, ST_SIZE) : reset(csi, nmd0 >>> 24, now);
      case 0x0C:
        return dataLen != 0 ? status(1, csi, ST_SIZE) : shutdown(csi, nmd0 >>> 24, now);
      default:
        return status(1, csi, ST_OPCODE);
    }
  }

  private byte[] readDataStructure(int csi, int nmd0) {
    int dtyp = nmd0 >>> 24;
    int portId = (nmd0 >>> 16) & 0xFF;
    int ctrlId = nmd0 & 0xFFFF;
    byte[] data;
    switch (dtyp) {
      case 0x00:
        data = SUBSYSTEM_INFO;
        break;
      case 0x01:
        if (portId > PORT_TWO_WIRE) {
          return invalidParameter(1, csi, 10, 0);
        }
        data = portInfo(portId, drive.hostPowered());
        break;
      case 0x02: {
        int n = Math.max(0, drive.controllerCount() - ctrlId);
        data = new byte[2 + 2 * n];
        Le.putShort(data, 0, n);
        for (int i = 0; i < n; i++) {
          Le.putShort(data, 2 + 2 * i, ctrlId + i);
        }
        break;
      }
      case 0x03:
        if (ctrlId >= drive.controllerCount()) {
          return invalidParameter(1, csi, 8, 0);
        }
        data = controllerInfo(ctrlId);
        break;
      case 0x04: {
        int[][] cmds = {{1, 0x06}, {1, 0x07}, {1, 0x0C}, {2, 0x09}};
        data = new byte[2 + 2 * cmds.length];
        Le.putShort(data, 0, cmds.length);
        for (int i = 0; i < cmds.length; i++) {
          data[2 + 2 * i] = (byte) (cmds[i][0] << 3);
          data[3 + 2 * i] = (byte) cmds[i][1];
        }
        break;
      }
      default:
        // 05h (MEB command list) exists only when MEBS != 0; this endpoint has no MEB.
        return invalidParameter(1, csi, 11, 0);
    }
    return success(1, csi, data.length, data);
  }

  /** NVM Subsystem Information: NUMP 1 (two ports), NVMe-MI 1.2, NNSC 0. */
  private static final byte[] SUBSYSTEM_INFO = new NvmSubsystemInfo(1, 1, 2, 0).encode();
  /** Port 0: PCIe, MPS 256 B, 2.5–16 GT/s, running at 16 GT/s x4, port number 0. */
  private static final byte[] PCIE_PORT = new PortInfo(1, 0, PORT_MMTUS[PORT_PCIE], 0,
      new PciePortData(1, 0x0F, 4, 4, 4, 0)).encode();
  /** Port 1: 2-Wire, AEMs supported, MTU up to 250; VPD at 53h (400 kHz), ME at 1Dh, up to 1 MHz, basic management. */
  private static final byte[] TWO_WIRE_PORT = new PortInfo(2, 0x02, PORT_MMTUS[PORT_TWO_WIRE], 0,
      new TwoWirePortData(0x53, 2, 0x1D, 3, 1)).encode();

  /** Port 0 with the link down (host powered off): no current link speed, no negotiated width. */
  private static final byte[] PCIE_PORT_LINK_DOWN =
      new PortInfo(1, 0, 64, 0, new PciePortData(1, 0x0F, 0, 4, 0, 0)).encode();

  private static byte[] portInfo(int port, boolean hostPowered) {
    if (port == PORT_PCIE) {
      return (hostPowered ? PCIE_PORT : PCIE_PORT_LINK_DOWN).clone();
    }
    return TWO_WIRE_PORT.clone();
  }

  private byte[] controllerInfo(int ctrlId) {
    var id = drive.identity();
    return new ControllerInfo(PORT_PCIE, 1, (id.pciBus() << 8 | ctrlId) & 0xFFFF, id.pciVendorId(), id.pciDeviceId(),
        id.subsystemVendorId(), id.subsystemDeviceId(), 0).encode();
  }

  private byte[] subsystemHealth(int csi, int nmd1) {
    byte[] r = message(1, csi, 12);
    byte[] nshds = new SubsystemHealthStatus(drive.nss() | (aem.transmissionFailure() ? 0x80 : 0),
        drive.smartWarningsInverted(), drive.ctempByte(), Math.min(255, drive.pdlu()), drive.ccs()).encode();
    System.arraycopy(nshds, 0, r, 8, nshds.length);
    if (nmd1 < 0) {
      drive.clearCcs(0xFFFF);
    }
    return seal(r);
  }

  private byte[] controllerHealth(int csi, int nmd0, int nmd1) {
    int sctlid = nmd0 & 0xFFFF;
    int maxEntries = ((nmd0 >>> 16) & 0xFF) + 1;
    boolean incf = (nmd0 & (1 << 24)) != 0;
    boolean incpf = (nmd0 & (1 << 25)) != 0;
    boolean all = nmd0 < 0;
    boolean clear = nmd1 < 0;
    int select = 0;
    if ((nmd1 & 1) != 0) {
      select |= SimulatedDrive.CCS_RDY | SimulatedDrive.CCS_CFS | SimulatedDrive.CCS_SHST
          | SimulatedDrive.CCS_NSSRO | SimulatedDrive.CCS_CECO | SimulatedDrive.CCS_CSTS;
    }
    if ((nmd1 & 2) != 0) {
      select |= SimulatedDrive.CCS_CTEMP;
    }
    if ((nmd1 & 4) != 0) {
      select |= SimulatedDrive.CCS_PDLU;
    }
    if ((nmd1 & 8) != 0) {
      select |= SimulatedDrive.CCS_SPARE;
    }
    if ((nmd1 & 16) != 0) {
      select |= SimulatedDrive.CCS_CWARN;
    }
    int n = drive.controllerCount();
    int[] chosen = new int[Math.min(n, maxEntries)];
    int count = 0;
    for (int c = sctlid; c < n && count < maxEntries; c++) {
      boolean take = all || ((incf || incpf) && (drive.chsc(c) & select) != 0);
      if (take) {
        chosen[count++] = c;
      }
    }
    byte[] r = message(1, csi, 4 + 16 * count);
    r[7] = (byte) count;
    int ktemp = drive.compositeKelvin();
    int pdlu = Math.min(255, drive.pdlu());
    int spare = drive.availableSpare();
    int cwarn = drive.criticalWarning();
    for (int i = 0; i < count; i++) {
      int c = chosen[i];
      byte[] chds = new ControllerHealthStatus(c, drive.csts(c), ktemp, pdlu, spare, cwarn, drive.chsc(c)).encode();
      System.arraycopy(chds, 0, r, 8 + 16 * i, chds.length);
      if (clear) {
        drive.clearChsc(c);
      }
    }
    return seal(r);
  }

  /** Health Status Change (CID 02h) NMD1 bit i → CCS bit (contiguous layout, spec sheet §5). */
  private static final int[] HSC_TO_CCS = {0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};

  private byte[] configSet(byte[] msg, int csi, int nmd0, int nmd1, int dataLen) {
    int cid = nmd0 & 0xFF;
    int port = nmd0 >>> 24;
    switch (cid) {
      case 0x01: {
        if (dataLen != 0) {
          return status(1, csi, ST_SIZE);
        }
        if (port != PORT_TWO_WIRE) {
          return invalidParameter(1, csi, 11, 0);
        }
        int f = (nmd0 >>> 8) & 0xF;
        if (f < 1 || f > 3) {
          return invalidParameter(1, csi, 9, 0);
        }
        smbusFrequency = f;
        return success(1, csi, 0, null);
      }
      case 0x02: {
        if (dataLen != 0) {
          return status(1, csi, ST_SIZE);
        }
        int mask = 0;
        for (int i = 0; i < HSC_TO_CCS.length; i++) {
          if ((nmd1 & (1 << i)) != 0) {
            mask |= 1 << HSC_TO_CCS[i];
          }
        }
        drive.clearCcs(mask);
        return success(1, csi, 0, null);
      }
      case 0x03: {
        if (dataLen != 0) {
          return status(1, csi, ST_SIZE);
        }
        if (!hasMctpTransmissionUnit(port)) {
          return invalidParameter(1, csi, 11, 0);
        }
        int m = nmd1 & 0xFFFF;
        if (m < BASELINE_MTU || m > PORT_MMTUS[port]) {
          // NMD1 starts at byte 12: MTUS below the baseline or above the port's MMTUS
          return invalidParameter(1, csi, 12, 0);
        }
        portMtu[port] = m;
        return success(1, csi, 0, null);
      }
      case 0x04:
        return configSetAsyncEvent(msg, csi, nmd0, dataLen);
      default:
        return invalidParameter(1, csi, 8, 0);
    }
  }

  private byte[] configSetAsyncEvent(byte[] msg, int csi, int nmd0, int dataLen) {
    int base = 16;
    if (dataLen < 5) {
      return status(1, csi, ST_DATA_SIZE);
    }
    int numaee = msg[base] & 0xFF;
    int aeetl = Le.getShort(msg, base + 2);
    int aeelhl = msg[base + 4] & 0xFF;
    if ((msg[base + 1] & 0xFF) != 0) {
      return invalidParameter(1, csi, base + 1, 0);
    }
    if (aeelhl != 5) {
      return invalidParameter(1, csi, base + 4, 0);
    }
    if (aeetl != 5 + 3 * numaee || aeetl != dataLen) {
      return status(1, csi, ST_DATA_SIZE);
    }
    int[] ids = new int[numaee];
    boolean[] en = new boolean[numaee];
    for (int i = 0; i < numaee; i++) {
      int p = base + 5 + 3 * i;
      if ((msg[p] & 0xFF) != 3) {
        return invalidParameter(1, csi, p, 0);
      }
      int aeei = Le.getShort(msg, p + 1);
      ids[i] = aeei & 0xFF;
      en[i] = (aeei & 0x8000) != 0;
      if (!AemEngine.isSupported(ids[i])) {
        return invalidParameter(1, csi, p + 1, 0);
      }
    }
    int aerd = (nmd0 >>> 8) & 0xFF;
    int aemd = (nmd0 >>> 16) & 0xFF;
    byte[] list = aem.configure(aemd, aerd, ids, en, drive);
    return success(1, csi, 0, list);
  }

  private byte[] configGet(int csi, int nmd0) {
    int cid = nmd0 & 0xFF;
    int port = nmd0 >>> 24;
    switch (cid) {
      case 0x01:
        if (port != PORT_TWO_WIRE) {
          return invalidParameter(1, csi, 11, 0);
        }
        return success(1, csi, smbusFrequency, null);
      case 0x02:
        return success(1, csi, 0, null);
      case 0x03:
        // Every port whose Port Information reports an MMTUS has a current transmission unit
        // (libnvme-mi's client asks each port in turn).
        if (!hasMctpTransmissionUnit(port)) {
          return invalidParameter(1, csi, 11, 0);
        }
        return success(1, csi, portMtu[port], null);
      case 0x04:
        return success(1, csi, 0, aem.supportedList());
      default:
        return invalidParameter(1, csi, 8, 0);
    }
  }

  /** True for a port that exists and reports an MMTUS in its Port Information (spec sheet §3.2). */
  private static boolean hasMctpTransmissionUnit(int port) {
    return port < PORT_MMTUS.length && PORT_MMTUS[port] != 0;
  }

  private byte[] vpdRead(int csi, int dofst, int dlen) {
    if (dofst > VPD_SIZE) {
      return invalidParameter(1, csi, 8, 0);
    }
    if (dofst + dlen > VPD_SIZE) {
      return invalidParameter(1, csi, 12, 0);
    }
    return success(1, csi, 0, Arrays.copyOfRange(vpd, dofst, dofst + dlen));
  }

  private byte[] vpdWrite(byte[] msg, int csi, int dofst, int dlen, int dataLen) {
    if (dataLen != dlen) {
      return status(1, csi, ST_DATA_SIZE);
    }
    if (dofst > VPD_SIZE) {
      return invalidParameter(1, csi, 8, 0);
    }
    if (dofst + dlen > VPD_SIZE) {
      return invalidParameter(1, csi, 12, 0);
    }
    if (vpdWritesLeft <= 0) {
      return status(1, csi, ST_VPD_EXCEEDED);
    }
    vpdWritesLeft--;
    System.arraycopy(msg, 16, vpd, dofst, dlen);
    return success(1, csi, 0, null);
  }

  private byte[] reset(int csi, int type, long now) {
    if (type != 0) {
      return invalidParameter(1, csi, 11, 0);
    }
    // An NVM Subsystem Reset takes the endpoint down with it: no success response.
    drive.apply(now, new dev.nvmemi.simulator.scenario.StateChange.PowerCycle(false));
    return null;
  }

  private byte[] shutdown(int csi, int type, long now) {
    if (type > 1) {
      return invalidParameter(1, csi, 11, 0);
    }
    for (int c = 0; c < drive.controllerCount(); c++) {
      drive.apply(now, new dev.nvmemi.simulator.scenario.StateChange.Shutdown(c));
    }
    return success(1, csi, 0, null);
  }

  // ---- admin tunnel (NMIMT 2) --------------------------------------------------------------

  private static final int ADMIN_HEADER = 64;

  private byte[] admin(byte[] msg, int csi, int bodyLen) {
    if (bodyLen < ADMIN_HEADER) {
      return status(2, csi, ST_SIZE);
    }
    int opc = msg[4] & 0xFF;
    int ctlid = Le.getShort(msg, 6);
    int nsid = Le.getInt(msg, 8);
    int dofst = Le.getInt(msg, 28);
    int dlen = Le.getInt(msg, 32);
    int dw10 = Le.getInt(msg, 44);
    int dw11 = Le.getInt(msg, 48);
    int dw12 = Le.getInt(msg, 52);
    int dw13 = Le.getInt(msg, 56);
    int dw14 = Le.getInt(msg, 60);
    int dataLen = bodyLen - ADMIN_HEADER;
    if (isProhibited(opc)) {
      return status(2, csi, ST_OPCODE);
    }
    if (ctlid >= drive.controllerCount()) {
      return invalidParameter(2, csi, 6, 0);
    }
    if ((dofst & 3) != 0) {
      return invalidParameter(2, csi, 28, 0);
    }
    if ((dlen & 3) != 0 || dlen < 0 || dlen > 4096) {
      return invalidParameter(2, csi, 32, 0);
    }
    switch (opc) {
      case 0x06:
        return dataReturning(csi, opc, identify(ctlid, nsid, dw10), dofst, dlen, false);
      case 0x02:
        return dataReturning(csi, opc, getLogPage(dw10, dw11, dw12, dw13, dw14), dofst, dlen, false);
      case 0x0A:
        return dataReturning(csi, opc, getFeatures(dw10, dw11), dofst, dlen, true);
      case 0x09: {
        if (dlen != 0 && dataLen != dlen) {
          return status(2, csi, ST_DATA_SIZE);
        }
        AdminResult res = setFeatures(dw10, dw11);
        if (res.nvmeStatus != 0) {
          drive.recordCommandError(opc, res.nvmeStatus, 44);
        }
        return adminResponse(csi, res.dw0, res.nvmeStatus, null);
      }
      default:
        drive.recordCommandError(opc, NVME_INVALID_OPCODE, 0);
        return adminResponse(csi, 0, NVME_INVALID_OPCODE, null);
    }
  }

  private static boolean isProhibited(int opc) {
    switch (opc) {
      case 0x00: case 0x01: case 0x04: case 0x05: case 0x08: case 0x0C: case 0x18: case 0x19: case 0x1A:
      case 0x1D: case 0x1E: case 0x21: case 0x22: case 0x25: case 0x29: case 0x39: case 0x3D: case 0x3E:
      case 0x41: case 0x42: case 0x45: case 0x7C: case 0x7F: case 0x85: case 0x88: case 0x89:
        return true;
      default:
        return false;
    }
  }

  /** Outcome of an admin command inside the controller. */
  private record AdminResult(int dw0, int nvmeStatus, byte[] data) {}

  private byte[] dataReturning(int csi, int opc, AdminResult res, int dofst, int dlen, boolean lenientDlen) {
    if (res.nvmeStatus != 0) {
      drive.recordCommandError(opc, res.nvmeStatus, 40);
      return adminResponse(csi, res.dw0, res.nvmeStatus, null);
    }
    byte[] data = res.data;
    if (data == null || data.length == 0) {
      return adminResponse(csi, res.dw0, 0, null);
    }
    if (dlen == 0) {
      if (lenientDlen) {
        // libnvme's Get Features leaves DLEN at 0 but expects the feature's data.
        return adminResponse(csi, res.dw0, 0, data);
      }
      return invalidParameter(2, csi, 32, 0);
    }
    // DOFST is unsigned 32-bit: one of 2^31 or more is past the data like any other.
    if (dofst < 0 || dofst >= data.length) {
      return invalidParameter(2, csi, 28, 0);
    }
    if (dofst + dlen > data.length) {
      return invalidParameter(2, csi, 32, 0);
    }
    return adminResponse(csi, res.dw0, 0, Arrays.copyOfRange(data, dofst, dofst + dlen));
  }

  private static byte[] adminResponse(int csi, int dw0, int nvmeStatus, byte[] data) {
    int n = data == null ? 0 : data.length;
    byte[] r = message(2, csi, 16 + n);
    Le.putInt(r, 8, dw0);
    Le.putInt(r, 16, nvmeStatus << 17);
    if (n > 0) {
      System.arraycopy(data, 0, r, 20, n);
    }
    return seal(r);
  }

  private AdminResult identify(int ctlid, int nsid, int dw10) {
    int cns = dw10 & 0xFF;
    switch (cns) {
      case 0x01:
        return new AdminResult(0, 0, drive.identifyController(ctlid));
      case 0x00: {
        if (nsid != 1) {
          return new AdminResult(0, NVME_INVALID_NAMESPACE, null);
        }
        byte[] ns = new byte[4096];
        long blocks = drive.identity().tnvmcap().longValue() / 512;
        Le.putLong(ns, 0, blocks);
        Le.putLong(ns, 8, blocks);
        Le.putLong(ns, 16, blocks / 4);
        ns[26] = 0;
        ns[130] = 9;
        return new AdminResult(0, 0, ns);
      }
      case 0x17: {
        byte[] uuids = drive.uuidList();
        return uuids != null ? new AdminResult(0, 0, uuids) : new AdminResult(0, NVME_INVALID_FIELD, null);
      }
      case 0x02: {
        byte[] list = new byte[4096];
        if (Integer.compareUnsigned(nsid, 1) < 0) {
          Le.putInt(list, 0, 1);
        }
        return new AdminResult(0, 0, list);
      }
      default:
        return new AdminResult(0, NVME_INVALID_FIELD, null);
    }
  }

  private AdminResult getLogPage(int dw10, int dw11, int dw12, int dw13, int dw14) {
    int lid = dw10 & 0xFF;
    long numd = (((dw11 & 0xFFFFL) << 16) | ((dw10 >>> 16) & 0xFFFF)) + 1;
    long lpo = (dw12 & 0xFFFFFFFFL) | (dw13 & 0xFFFFFFFFL) << 32;
    byte[] log;
    switch (lid) {
      case 0x01:
        log = drive.errorLogPage(64);
        break;
      case 0x02:
        log = drive.smartLog();
        break;
      case 0x03:
        log = drive.firmwareSlotLog();
        break;
      case 0xC0:
      case 0xC3:
        // OCP datacenter logs, reached with UUID index 0 or the OCP index (CDW14 6:0); a drive
        // (firmware) without them answers Invalid Log Page like any vendor LID it lacks.
        log = lid == 0xC0 ? drive.ocpSmartExtendedLog(dw14 & 0x7F) : drive.ocpLatencyMonitorLog(dw14 & 0x7F);
        if (log == null) {
          return new AdminResult(0, NVME_INVALID_LOG_PAGE, null);
        }
        break;
      default:
        return new AdminResult(0, NVME_INVALID_LOG_PAGE, null);
    }
    // LPO is an unsigned 64-bit offset: one of 2^63 or more is as far past the log as any other.
    if ((lpo & 3) != 0 || lpo < 0 || lpo >= log.length) {
      return new AdminResult(0, NVME_INVALID_FIELD, null);
    }
    long len = Math.min(numd * 4, log.length - lpo);
    return new AdminResult(0, 0, Arrays.copyOfRange(log, (int) lpo, (int) (lpo + len)));
  }

  private AdminResult getFeatures(int dw10, int dw11) {
    int fid = dw10 & 0xFF;
    switch (fid) {
      case 0x04: {
        int sel = (dw11 >>> 16) & 0xF;
        boolean under = ((dw11 >>> 20) & 3) == 1;
        if (sel != 0) {
          return new AdminResult(0, 0, null);
        }
        return new AdminResult(under ? drive.underTempThresholdKelvin() : drive.overTempThresholdKelvin(), 0, null);
      }
      case 0x02:
        return new AdminResult(0, 0, null);
      case 0x06:
        return new AdminResult(1, 0, null);
      case 0x07:
        return new AdminResult(0x003F003F, 0, null);
      case 0x0B:
        return new AdminResult(0x0200, 0, null);
      default:
        return new AdminResult(0, NVME_INVALID_FIELD, null);
    }
  }

  private AdminResult setFeatures(int dw10, int dw11) {
    int fid = dw10 & 0xFF;
    if (fid == 0x04) {
      int sel = (dw11 >>> 16) & 0xF;
      int thsel = (dw11 >>> 20) & 3;
      if (sel != 0 || thsel > 1) {
        return new AdminResult(0, NVME_INVALID_FIELD, null);
      }
      drive.setTemperatureThreshold(thsel == 1, dw11 & 0xFFFF);
      return new AdminResult(0, 0, null);
    }
    return new AdminResult(0, NVME_INVALID_FIELD, null);
  }

  /** Endpoint-level status used by the fault layer and the tests. */
  public static MiStatus statusOf(byte[] response) {
    return MiStatus.valueOf(response[4]);
  }
}
