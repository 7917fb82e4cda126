package dev.nvmemi.mi.command;

/**
 * Configuration Get (opcode 04h, spec sheet §5): one record per configuration identifier.
 * Immutable.
 */
public sealed interface ConfigurationGet extends MiCommandRequest
    permits ConfigGetSmbusFrequency, ConfigGetHealthStatusChange, ConfigGetMctpTransmissionUnit,
        ConfigGetAsyncEvent, ConfigGetVendor, ConfigGetReserved {
  int OPCODE = 0x04;

  /** The configuration identifier, NMD0 bits 7:0. */
  int cid();

  @Override
  default int opcode() {
    return OPCODE;
  }

  @Override
  default String commandName() {
    return "Configuration Get";
  }
}
