/**
 * Control primitives (NMIMT 0h, spec sheet §1.8): Pause, Resume, Abort, Get State, Replay and
 * reserved/vendor opcodes, their responses, and the tag echo check. Control primitives are never
 * answered with More Processing Required.
 *
 * <p>Immutable records and a stateless codec: safe on any thread.
 */
package dev.nvmemi.mi.control;
