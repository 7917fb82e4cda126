package dev.nvmemi.mi.event;

/**
 * Asynchronous event identifiers (AE IDs, spec sheet §8.3). An open set: 0Fh–BFh are reserved,
 * C0h–FFh vendor specific, and every byte is representable.
 */
public final class AsyncEventId {
  public static final int CONTROLLER_READY = 0x00;
  public static final int CONTROLLER_FATAL_STATUS = 0x01;
  public static final int SHUTDOWN_STATUS = 0x02;
  public static final int CONTROLLER_ENABLE = 0x03;
  public static final int NAMESPACE_ATTRIBUTE_CHANGED = 0x04;
  public static final int FIRMWARE_ACTIVATED = 0x05;
  public static final int COMPOSITE_TEMPERATURE = 0x06;
  public static final int PERCENTAGE_DRIVE_LIFE_USED = 0x07;
  public static final int AVAILABLE_SPARE = 0x08;
  public static final int SMART_WARNINGS = 0x09;
  public static final int TELEMETRY_CONTROLLER_INITIATED_DATA = 0x0A;
  public static final int PCIE_LINK_ACTIVE = 0x0B;
  public static final int SANITIZE_FAILURE_MODE = 0x0C;
  public static final int SANITIZE_NAMESPACE_FAILURE_MODE = 0x0D;
  public static final int POWER_THRESHOLD_EXCEEDED = 0x0E;

  private static final String[] NAMES = {
    "Controller Ready", "Controller Fatal Status", "Shutdown Status", "Controller Enable",
    "Namespace Attribute Changed", "Firmware Activated", "Composite Temperature",
    "Percentage Drive Life Used", "Available Spare", "SMART Warnings",
    "Telemetry Controller-Initiated Data Available", "PCIe Link Active", "Sanitize Failure Mode",
    "Sanitize Namespace Failure Mode", "Power Threshold Exceeded"
  };

  private AsyncEventId() {}

  /** The spec's name, {@code reserved(0xNN)} or {@code vendor(0xNN)}. */
  public static String name(int aeid) {
    if (aeid >= 0 && aeid < NAMES.length) {
      return NAMES[aeid];
    }
    return (aeid >= 0xC0 ? "vendor(0x" : "reserved(0x") + String.format("%02x", aeid & 0xFF) + ")";
  }
}
