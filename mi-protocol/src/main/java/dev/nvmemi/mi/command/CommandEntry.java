package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;

/**
 * One entry of a command support list (spec sheet §3.5). Immutable.
 *
 * @param ctyp command type (byte 0): bits 6:3 the NMIMT of the command
 * @param opc opcode (byte 1)
 */
public record CommandEntry(int ctyp, int opc) {
  public CommandEntry {
    checkRange("ctyp", ctyp, 0xFF);
    checkRange("opc", opc, 0xFF);
  }

  /** An entry for a command of message type {@code nmimt}. */
  public static CommandEntry of(int nmimt, int opc) {
    return new CommandEntry((nmimt & 0xF) << 3, opc);
  }

  /** CTYP bits 6:3. */
  @Derived
  public int nmimt() {
    return (ctyp >>> 3) & 0xF;
  }
}
