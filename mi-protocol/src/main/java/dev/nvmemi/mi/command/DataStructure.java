package dev.nvmemi.mi.command;

/**
 * An NVMe-MI data structure returned by Read NVMe-MI Data Structure (spec sheet §3). Each one
 * encodes to its exact wire size and decodes with length checks. Immutable.
 */
public sealed interface DataStructure
    permits NvmSubsystemInfo, PortInfo, ControllerList, ControllerInfo, OptionalCommandList,
        MebCommandSupportList {

  /** Which DTYP this structure answers. */
  DataStructureType type();

  /** The structure's bytes as the endpoint sends them. */
  byte[] encode();

  /** Decodes the response data of a Read NVMe-MI Data Structure of type {@code type}. */
  static DataStructure decode(DataStructureType type, byte[] data) {
    switch (type) {
      case NVM_SUBSYSTEM_INFORMATION: return NvmSubsystemInfo.decode(data);
      case PORT_INFORMATION: return PortInfo.decode(data);
      case CONTROLLER_LIST: return ControllerList.decode(data);
      case CONTROLLER_INFORMATION: return ControllerInfo.decode(data);
      case OPTIONALLY_SUPPORTED_COMMAND_LIST: return OptionalCommandList.decode(data);
      case MEB_COMMAND_SUPPORT_LIST: return MebCommandSupportList.decode(data);
      default: throw new AssertionError(type);
    }
  }
}
