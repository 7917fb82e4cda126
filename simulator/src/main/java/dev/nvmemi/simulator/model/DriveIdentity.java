package dev.nvmemi.simulator.model;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What a drive says about itself: PCI IDs, serial, model, firmware, capacity, temperature
 * thresholds and its management topology (controllers, ports). Immutable.
 *
 * @param pciVendorId PCI vendor ID (Identify VID, Controller Information PCIVID)
 * @param pciDeviceId PCI device ID (PCIDID)
 * @param subsystemVendorId PCI subsystem vendor ID (SSVID / PCISVID)
 * @param subsystemDeviceId PCI subsystem device ID (PCISDID)
 * @param ieeeOui IEEE OUI (Identify IEEE, 24 bits)
 * @param serial serial number (SN, at most 20 ASCII characters)
 * @param model model number (MN, at most 40 ASCII characters)
 * @param firmware firmware revision (FR, at most 8 ASCII characters)
 * @param tnvmcap total NVM capacity in bytes
 * @param wctempKelvin warning composite temperature threshold (WCTEMP), Kelvin
 * @param cctempKelvin critical composite temperature threshold (CCTEMP), Kelvin
 * @param controllers number of controllers (IDs 0..n-1), 1..16
 * @param pciBus PCI bus number of controller 0 (routing ID)
 */
public record DriveIdentity(int pciVendorId, int pciDeviceId, int subsystemVendorId, int subsystemDeviceId,
    int ieeeOui, String serial, String model, String firmware, BigInteger tnvmcap, int wctempKelvin,
    int cctempKelvin, int controllers, int pciBus) {

  public DriveIdentity {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(firmware, "firmware");
    Objects.requireNonNull(tnvmcap, "tnvmcap");
    checkAscii("serial", serial, 20);
    checkAscii("model", model, 40);
    checkAscii("firmware", firmware, 8);
    if (controllers < 1 || controllers > 16) {
      throw new IllegalArgumentException("controllers: " + controllers + " (expected: 1 ~ 16)");
    }
    if (wctempKelvin <= 0 || cctempKelvin < wctempKelvin) {
      throw new IllegalArgumentException("thresholds: WCTEMP " + wctempKelvin + " K, CCTEMP " + cctempKelvin
          + " K (expected: 0 < WCTEMP <= CCTEMP)");
    }
  }

  private static void checkAscii(String what, String s, int max) {
    if (s.isEmpty() || s.length() > max || !s.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
      throw new IllegalArgumentException(what + ": \"" + s + "\" (expected: 1 ~ " + max + " printable ASCII characters)");
    }
  }

  /** A copy with another serial number (a replacement drive of the same model). */
  public DriveIdentity withSerial(String newSerial) {
    return new DriveIdentity(pciVendorId, pciDeviceId, subsystemVendorId, subsystemDeviceId, ieeeOui, newSerial,
        model, firmware, tnvmcap, wctempKelvin, cctempKelvin, controllers, pciBus);
  }

  /** A copy with another firmware revision. */
  public DriveIdentity withFirmware(String newFirmware) {
    return new DriveIdentity(pciVendorId, pciDeviceId, subsystemVendorId, subsystemDeviceId, ieeeOui, serial,
        model, newFirmware, tnvmcap, wctempKelvin, cctempKelvin, controllers, pciBus);
  }
}
