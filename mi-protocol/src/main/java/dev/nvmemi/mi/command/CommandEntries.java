package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.internal.LittleEndian;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout the two command support lists share (Optionally Supported Command List, DTYP 04h;
 * MEB Command Support List, DTYP 05h; spec sheet §3.5): NUMCMD (LE16), then NUMCMD two-byte entries
 * (CTYP, OPC), 2 + 2·N bytes. Stateless; any thread.
 */
final class CommandEntries {
  private CommandEntries() {}

  /** An immutable copy of {@code cmds}, which must hold exactly {@code numcmd} entries. */
  static List<CommandEntry> checked(int numcmd, List<CommandEntry> cmds) {
    checkRange("numcmd", numcmd, 0xFFFF);
    List<CommandEntry> copy = List.copyOf(cmds);
    if (copy.size() != numcmd) {
      throw new IllegalArgumentException("numcmd " + numcmd + " but " + copy.size() + " entries");
    }
    return copy;
  }

  /**
   * The entries of {@code d}.
   *
   * @param what the list, as errors name it ("MEB command support list")
   */
  static List<CommandEntry> decode(String what, byte[] d) {
    Structures.requireAtLeast(what, d, 2);
    int n = LittleEndian.u16(d, 0);
    Structures.requireLength(what + " with NUMCMD " + n, d, 2 + 2 * n);
    List<CommandEntry> l = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      l.add(new CommandEntry(d[2 + 2 * i] & 0xFF, d[3 + 2 * i] & 0xFF));
    }
    return l;
  }

  static byte[] encode(List<CommandEntry> cmds) {
    byte[] b = new byte[2 + 2 * cmds.size()];
    LittleEndian.put16(b, 0, cmds.size());
    for (int i = 0; i < cmds.size(); i++) {
      b[2 + 2 * i] = (byte) cmds.get(i).ctyp();
      b[3 + 2 * i] = (byte) cmds.get(i).opc();
    }
    return b;
  }
}
