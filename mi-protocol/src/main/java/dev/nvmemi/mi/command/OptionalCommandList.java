package dev.nvmemi.mi.command;

import java.util.List;

/**
 * Optionally Supported Command List (DTYP 04h), spec sheet §3.5: NUMCMD then NUMCMD two-byte entries (CTYP, OPC), 2 + 2·N bytes.
 * Immutable.
 *
 * @param numcmd number of entries (bytes 0–1)
 * @param cmds the entries
 */
public record OptionalCommandList(int numcmd, List<CommandEntry> cmds) implements DataStructure {
  public OptionalCommandList {
    cmds = CommandEntries.checked(numcmd, cmds);
  }

  public static OptionalCommandList of(List<CommandEntry> cmds) {
    return new OptionalCommandList(cmds.size(), cmds);
  }

  public static OptionalCommandList decode(byte[] d) {
    List<CommandEntry> l = CommandEntries.decode("optionally supported command list", d);
    return new OptionalCommandList(l.size(), l);
  }

  @Override
  public byte[] encode() {
    return CommandEntries.encode(cmds);
  }

  @Override
  public DataStructureType type() {
    return DataStructureType.OPTIONALLY_SUPPORTED_COMMAND_LIST;
  }
}
