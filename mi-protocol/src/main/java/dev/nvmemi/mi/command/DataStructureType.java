package dev.nvmemi.mi.command;

import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;

/** Read NVMe-MI Data Structure type, DTYP (NMD0 bits 31:24, spec sheet §3); 06h–FFh are reserved. */
public enum DataStructureType {
  NVM_SUBSYSTEM_INFORMATION(0x00),
  PORT_INFORMATION(0x01),
  CONTROLLER_LIST(0x02),
  CONTROLLER_INFORMATION(0x03),
  OPTIONALLY_SUPPORTED_COMMAND_LIST(0x04),
  MEB_COMMAND_SUPPORT_LIST(0x05);

  private final int code;

  DataStructureType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** @throws MiProtocolException {@link MiErrorKind#INVALID_FIELD} for a reserved code */
  public static DataStructureType fromCode(int code) {
    if (code >= 0 && code < values().length) {
      return values()[code];
    }
    throw new MiProtocolException(MiErrorKind.INVALID_FIELD,
        String.format("reserved data structure type DTYP 0x%02x (expected: 0x00 ~ 0x05)", code));
  }
}
