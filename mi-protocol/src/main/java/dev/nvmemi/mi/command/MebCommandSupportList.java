package dev.nvmemi.mi.command;

import java.util.List;

/**
 * Management Endpoint Buffer Command Support List (DTYP 05h; exists only when MEBS is non-zero), spec sheet §3.5: NUMCMD then NUMCMD two-byte entries (CTYP, OPC), 2 + 2·N bytes.
 * Immutable.
 *
 * @param numcmd number of entries (bytes 0–1)
 * @param cmds the entries
 */
public record MebCommandSupportList(int numcmd, List<CommandEntry> cmds) implements DataStructure {
  public MebCommandSupportList {
    cmds = CommandEntries.checked(numcmd, cmds);
  }

  public static MebCommandSupportList of(List<CommandEntry> cmds) {
    return new MebCommandSupportList(cmds.size(), cmds);
  }

  public static MebCommandSupportList decode(byte[] d) {
    List<CommandEntry> l = CommandEntries.decode("MEB command support list", d);
    return new MebCommandSupportList(l.size(), l);
  }

  @Override
  public byte[] encode() {
    return CommandEntries.encode(cmds);
  }

  @Override
  public DataStructureType type() {
    return DataStructureType.MEB_COMMAND_SUPPORT_LIST;
  }
}
