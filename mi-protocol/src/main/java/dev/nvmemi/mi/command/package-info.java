/**
 * The NVMe-MI command set (NMIMT = 1h, spec sheet §2–§5): one request record per command under the
 * sealed {@link dev.nvmemi.mi.command.MiCommandRequest}, the typed responses under
 * {@link dev.nvmemi.mi.command.MiCommandResponse}, and the MI data structures (NVM Subsystem
 * Information, Port Information, Controller List, Controller Information, command support lists,
 * NSHDS, CHDS) with exact-size encoders and validating decoders.
 *
 * <p>Every type here is an immutable record, an enum or a stateless codec: safe on any thread,
 * including a Vert.x event loop.
 */
package dev.nvmemi.mi.command;
