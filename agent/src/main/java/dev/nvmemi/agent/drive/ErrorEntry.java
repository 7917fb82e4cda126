package dev.nvmemi.agent.drive;

/**
 * One used entry of the Error Information log (LID 01h, spec sheet §7.3).
 *
 * @param errorCount unique, increasing error count (never 0 for a used entry)
 * @param sqid submission queue ID (FFFFh if not command specific)
 * @param cid command ID
 * @param statusField the NVMe status (bits 15:1 of the status field)
 * @param lba first failing LBA
 * @param namespaceId NSID
 * @param opcode opcode of the failed command
 */
public record ErrorEntry(long errorCount, int sqid, int cid, int statusField, long lba, long namespaceId, int opcode) {}
