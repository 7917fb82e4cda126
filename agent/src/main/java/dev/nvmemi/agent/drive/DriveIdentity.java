package dev.nvmemi.agent.drive;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The identity of the drive behind one endpoint, from the identify sequence of design §4: the NVM
 * subsystem (ports, MI version), its controllers and their Identify data. The first controller's
 * serial number, model and firmware are the drive's.
 *
 * @param miMajor NVMe-MI major version (NVM Subsystem Information MJR)
 * @param miMinor NVMe-MI minor version
 * @param ports number of ports
 * @param controllers Identify data per controller, in controller-list order (at least one)
 * @param aemSupported some port reports Asynchronous Event Message support (Port Information PRTCAP
 *     bit 1, AEMS)
 */
public record DriveIdentity(int miMajor, int miMinor, int ports, List<ControllerIdentity> controllers,
    boolean aemSupported) {
  /** An identity without AEM support. */
  public DriveIdentity(int miMajor, int miMinor, int ports, List<ControllerIdentity> controllers) {
    this(miMajor, miMinor, ports, controllers, false);
  }

  public DriveIdentity {
    controllers = List.copyOf(controllers);
    if (controllers.isEmpty()) {
      throw new IllegalArgumentException("controllers: [] (expected: at least one identified controller)");
    }
  }

  public ControllerIdentity primary() {
    return controllers.get(0);
  }

  /** {@code hw.id}: {@code <pci vendor id, 4 hex digits>-<serial number>}. */
  public String hwId() {
    return String.format(Locale.ROOT, "%04x-%s", primary().vendorId(), primary().serialNumber());
  }

  public String serialNumber() {
    return primary().serialNumber();
  }

  public String model() {
    return primary().model();
  }

  public String firmware() {
    return primary().firmware();
  }

  /** {@code hw.vendor}: the PCI vendor ID as 4 hex digits (e.g. {@code 144d}). */
  public String vendor() {
    return String.format(Locale.ROOT, "%04x", primary().vendorId());
  }

  /** Same drive (serial numbers of the primary controller match). */
  public boolean sameDriveAs(DriveIdentity other) {
    return Objects.equals(serialNumber(), other.serialNumber()) && primary().vendorId() == other.primary().vendorId();
  }
}
