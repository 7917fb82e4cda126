package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.internal.LittleEndian;
import java.util.ArrayList;
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
    checkRange("numcmd", numcmd, 0xFFFF);
    cmds = List.copyOf(cmds);
    if (cmds.size() != numcmd) {
      throw new IllegalArgumentException("numcmd " + numcmd + " but " + cmds.size() + " entries");
    }
  }

  public static OptionalCommandList of(List<CommandEntry> cmds) {
    return new OptionalCommandList(cmds.size(), cmds);
  }

  public static OptionalCommandList decode(byte[] d) {
    Structures.requireAtLeast("optionally supported command list", d, 2);
    int n = LittleEndian.u16(d, 0);
    Structures.requireLength("optionally supported command list with NUMCMD " + n, d, 2 + 2 * n);
    List<CommandEntry> l = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      l.add(new CommandEntry(d[2 + 2 * i] & 0xFF, d[3 + 2 * i] & 0xFF));
    }
    return new OptionalCommandList(n, l);
  }

  @Override
  public byte[] encode() {
    byte[] b = new byte[2 + 2 * numcmd];
    LittleEndian.put16(b, 0, numcmd);
    for (int i = 0; i < numcmd; i++) {
      b[2 + 2 * i] = (byte) cmds.get(i).ctyp();
      b[3 + 2 * i] = (byte) cmds.get(i).opc();
    }
    return b;
  }

  @Override
  public DataStructureType type() {
    return DataStructureType.OPTIONALLY_SUPPORTED_COMMAND_LIST;
  }
}
