package dev.nvmemi.mi;

/**
 * A decoded or to-be-encoded NVMe-MI request message. Implemented by the records of the three
 * request families: MI commands ({@code dev.nvmemi.mi.command}), NVMe admin commands through the
 * tunnel ({@code dev.nvmemi.mi.admin}) and control primitives ({@code dev.nvmemi.mi.control}).
 * Each family is a sealed interface in its own package.
 *
 * <p>Records; immutable and thread-safe.
 */
public interface MiRequest {
  /** The request header (NMIMT, CSI, ROR=0). */
  MiHeader header();

  /** The complete message: type byte, header, body and MIC. */
  byte[] encode();

  /** The command's name as the spec writes it ("NVM Subsystem Health Status Poll"). */
  String commandName();
}
