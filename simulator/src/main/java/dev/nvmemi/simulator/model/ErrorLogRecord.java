package dev.nvmemi.simulator.model;

import dev.nvmemi.mi.admin.ErrorLogEntry;

/**
 * One Error Information log entry (LID 01h, 64 bytes; spec sheet §7.3) as the drive model keeps it.
 *
 * @param errorCount unique, increasing error count (never 0 for a used entry)
 * @param sqid submission queue ID (FFFFh when not command specific)
 * @param cid command ID (FFFFh when not command specific)
 * @param statusField the 15-bit NVMe status (SC 7:0, SCT 10:8, CRD, M, DNR)
 * @param parameterErrorLocation byte (7:0) and bit (10:8) in the command, FFFFh when none
 * @param lba first failing LBA
 * @param nsid namespace
 * @param opcode opcode of the failed command
 */
public record ErrorLogRecord(long errorCount, int sqid, int cid, int statusField, int parameterErrorLocation,
    long lba, int nsid, int opcode) {

  /** Length of one entry on the wire. */
  public static final int LENGTH = 64;

  /** The 64-byte entry, built with mi-protocol's encoder (the status field goes above the phase tag). */
  public byte[] encode() {
    return new ErrorLogEntry(errorCount, sqid, cid, (statusField << 1) & 0xFFFF, parameterErrorLocation, lba,
        nsid & 0xFFFFFFFFL, 0, 0, 0, opcode, 0, 0, 0).encode();
  }
}
