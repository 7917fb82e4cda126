package dev.nvmemi.mi.command;

/**
 * Configuration Set (opcode 03h, spec sheet §5): one record per configuration identifier.
 * Immutable.
 */
public sealed interface ConfigurationSet extends MiCommandRequest
    permits ConfigSetSmbusFrequency, ConfigSetHealthStatusChange, ConfigSetMctpTransmissionUnit,
        ConfigSetAsyncEvent, ConfigSetVendor, ConfigSetReserved {
  int OPCODE = 0x03;

  /** The configuration identifier, NMD0 bits 7:0. */
  int cid();

  @Override
  default int opcode() {
    return OPCODE;
  }

  @Override
  default String commandName() {
    return "Configuration Set";
  }
}
