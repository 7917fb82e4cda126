package dev.nvmemi.mi.admin;

/**
 * NVMe admin opcodes that may travel through the NVMe-MI tunnel (spec sheet §6.3), and their names.
 * The opcode space is open (C0h–FFh are vendor specific), so opcodes are plain ints and this class
 * only names them. Bits 1:0 of an opcode give its data direction (01b host to controller, 10b
 * controller to host, 11b bidirectional, 00b none).
 *
 * <p>Constants only; stateless and usable from any thread.
 */
public final class AdminOpcode {
  public static final int GET_LOG_PAGE = 0x02;
  public static final int IDENTIFY = 0x06;
  public static final int SET_FEATURES = 0x09;
  public static final int GET_FEATURES = 0x0A;
  public static final int NAMESPACE_MANAGEMENT = 0x0D;
  public static final int FIRMWARE_COMMIT = 0x10;
  public static final int FIRMWARE_IMAGE_DOWNLOAD = 0x11;
  public static final int DEVICE_SELF_TEST = 0x14;
  public static final int NAMESPACE_ATTACHMENT = 0x15;
  public static final int VIRTUALIZATION_MANAGEMENT = 0x1C;
  public static final int CAPACITY_MANAGEMENT = 0x20;
  public static final int LOCKDOWN = 0x24;
  public static final int FORMAT_NVM = 0x80;
  public static final int SECURITY_SEND = 0x81;
  public static final int SECURITY_RECEIVE = 0x82;
  public static final int SANITIZE = 0x84;
  public static final int GET_LBA_STATUS = 0x86;

  private AdminOpcode() {}

  /** The NVMe name of an opcode, {@code vendor(0xNN)} for C0h–FFh, else {@code admin(0xNN)}. */
  public static String name(int opcode) {
    switch (opcode) {
      case 0x00: return "Delete I/O Submission Queue";
      case 0x01: return "Create I/O Submission Queue";
      case GET_LOG_PAGE: return "Get Log Page";
      case 0x04: return "Delete I/O Completion Queue";
      case 0x05: return "Create I/O Completion Queue";
      case IDENTIFY: return "Identify";
      case 0x08: return "Abort";
      case SET_FEATURES: return "Set Features";
      case GET_FEATURES: return "Get Features";
      case 0x0C: return "Asynchronous Event Request";
      case NAMESPACE_MANAGEMENT: return "Namespace Management";
      case FIRMWARE_COMMIT: return "Firmware Commit";
      case FIRMWARE_IMAGE_DOWNLOAD: return "Firmware Image Download";
      case DEVICE_SELF_TEST: return "Device Self-test";
      case NAMESPACE_ATTACHMENT: return "Namespace Attachment";
      case 0x18: return "Keep Alive";
      case 0x19: return "Directive Send";
      case 0x1A: return "Directive Receive";
      case VIRTUALIZATION_MANAGEMENT: return "Virtualization Management";
      case 0x1D: return "NVMe-MI Send";
      case 0x1E: return "NVMe-MI Receive";
      case CAPACITY_MANAGEMENT: return "Capacity Management";
      case LOCKDOWN: return "Lockdown";
      case 0x7C: return "Doorbell Buffer Config";
      case 0x7F: return "Fabrics Commands";
      case FORMAT_NVM: return "Format NVM";
      case SECURITY_SEND: return "Security Send";
      case SECURITY_RECEIVE: return "Security Receive";
      case SANITIZE: return "Sanitize";
      case GET_LBA_STATUS: return "Get LBA Status";
      default:
        return String.format(opcode >= 0xC0 ? "vendor(0x%02x)" : "admin(0x%02x)", opcode);
    }
  }

  /** True when the opcode transfers data from host to controller (bits 1:0 = 01b or 11b). */
  public static boolean hostToController(int opcode) {
    return (opcode & 0x1) != 0;
  }

  /** True when the opcode transfers data from controller to host (bits 1:0 = 10b or 11b). */
  public static boolean controllerToHost(int opcode) {
    return (opcode & 0x2) != 0;
  }
}
