package dev.nvmemi.mi.admin;

/**
 * NVMe Feature Identifiers (FID) used with Get/Set Features, their names and the size of the data
 * buffer the feature transfers (0 for features whose value travels only in DW11 / CQE DW0). The
 * FID space is open (C0h–FFh vendor specific), so FIDs are plain ints.
 *
 * <p>Constants only; stateless and usable from any thread.
 */
public final class FeatureId {
  public static final int ARBITRATION = 0x01;
  public static final int POWER_MANAGEMENT = 0x02;
  public static final int LBA_RANGE_TYPE = 0x03;
  public static final int TEMPERATURE_THRESHOLD = 0x04;
  public static final int ERROR_RECOVERY = 0x05;
  public static final int VOLATILE_WRITE_CACHE = 0x06;
  public static final int NUMBER_OF_QUEUES = 0x07;
  public static final int INTERRUPT_COALESCING = 0x08;
  public static final int INTERRUPT_VECTOR_CONFIGURATION = 0x09;
  public static final int WRITE_ATOMICITY_NORMAL = 0x0A;
  public static final int ASYNCHRONOUS_EVENT_CONFIGURATION = 0x0B;
  public static final int AUTONOMOUS_POWER_STATE_TRANSITION = 0x0C;
  public static final int HOST_MEMORY_BUFFER = 0x0D;
  public static final int TIMESTAMP = 0x0E;
  public static final int KEEP_ALIVE_TIMER = 0x0F;
  public static final int HOST_CONTROLLED_THERMAL_MANAGEMENT = 0x10;
  public static final int NON_OPERATIONAL_POWER_STATE_CONFIG = 0x11;
  public static final int HOST_BEHAVIOR_SUPPORT = 0x16;
  public static final int SANITIZE_CONFIG = 0x17;

  private FeatureId() {}

  /** Bytes of data the feature transfers (Get: returned; Set: sent), 0 when none. */
  public static int dataLength(int fid) {
    switch (fid) {
      case LBA_RANGE_TYPE: return 4096;
      case AUTONOMOUS_POWER_STATE_TRANSITION: return 256;
      case HOST_MEMORY_BUFFER: return 4096;
      case TIMESTAMP: return 8;
      case HOST_BEHAVIOR_SUPPORT: return 512;
      default: return 0;
    }
  }

  /** The feature's NVMe name, {@code vendor(0xNN)} for C0h–FFh, else {@code feature(0xNN)}. */
  public static String name(int fid) {
    switch (fid) {
      case ARBITRATION: return "Arbitration";
      case POWER_MANAGEMENT: return "Power Management";
      case LBA_RANGE_TYPE: return "LBA Range Type";
      case TEMPERATURE_THRESHOLD: return "Temperature Threshold";
      case ERROR_RECOVERY: return "Error Recovery";
      case VOLATILE_WRITE_CACHE: return "Volatile Write Cache";
      case NUMBER_OF_QUEUES: return "Number of Queues";
      case INTERRUPT_COALESCING: return "Interrupt Coalescing";
      case INTERRUPT_VECTOR_CONFIGURATION: return "Interrupt Vector Configuration";
      case WRITE_ATOMICITY_NORMAL: return "Write Atomicity Normal";
      case ASYNCHRONOUS_EVENT_CONFIGURATION: return "Asynchronous Event Configuration";
      case AUTONOMOUS_POWER_STATE_TRANSITION: return "Autonomous Power State Transition";
      case HOST_MEMORY_BUFFER: return "Host Memory Buffer";
      case TIMESTAMP: return "Timestamp";
      case KEEP_ALIVE_TIMER: return "Keep Alive Timer";
      case HOST_CONTROLLED_THERMAL_MANAGEMENT: return "Host Controlled Thermal Management";
      case NON_OPERATIONAL_POWER_STATE_CONFIG: return "Non-Operational Power State Config";
      case HOST_BEHAVIOR_SUPPORT: return "Host Behavior Support";
      case SANITIZE_CONFIG: return "Sanitize Config";
      default: return String.format(fid >= 0xC0 ? "vendor(0x%02x)" : "feature(0x%02x)", fid);
    }
  }
}
