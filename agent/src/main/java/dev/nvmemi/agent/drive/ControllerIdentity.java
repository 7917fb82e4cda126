package dev.nvmemi.agent.drive;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What Identify Controller (CNS 01h, spec sheet §7.2) tells the agent about one controller.
 *
 * @param controllerId the controller ID (CNTLID)
 * @param vendorId PCI vendor ID (VID)
 * @param serialNumber SN, trimmed
 * @param model MN, trimmed
 * @param firmware FR, trimmed
 * @param wctempKelvin warning composite temperature threshold (0 = not reported)
 * @param cctempKelvin critical composite temperature threshold (0 = not reported)
 * @param tnvmcap total NVM capacity in bytes
 * @param errorLogEntries ELPE + 1: entries of the Error Information log
 * @param ctratt CTRATT, controller attributes (bit 9: UUID List supported)
 */
public record ControllerIdentity(int controllerId, int vendorId, String serialNumber, String model,
    String firmware, int wctempKelvin, int cctempKelvin, BigInteger tnvmcap, int errorLogEntries, long ctratt) {
  public ControllerIdentity {
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(firmware, "firmware");
    Objects.requireNonNull(tnvmcap, "tnvmcap");
  }

  /** CTRATT bit 9: the controller answers Identify CNS 17h (UUID List), where the OCP UUID index is. */
  public boolean uuidListSupported() {
    return (ctratt & (1L << 9)) != 0;
  }
}
