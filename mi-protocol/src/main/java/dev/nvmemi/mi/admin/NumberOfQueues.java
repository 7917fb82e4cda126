package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

import dev.nvmemi.mi.Derived;

/**
 * The Number of Queues feature (FID 07h): CQE DW0 of Get/Set Features holds the allocated counts,
 * DW11 of Set Features the requested ones. Both 0's based.
 *
 * <p>Immutable; usable from any thread.
 *
 * @param nsqa NSQA / NSQR, number of I/O submission queues, 0's based (bits 15:0)
 * @param ncqa NCQA / NCQR, number of I/O completion queues, 0's based (bits 31:16)
 */
public record NumberOfQueues(int nsqa, int ncqa) implements AdminPayload {
  public NumberOfQueues {
    checkBits(nsqa, 16, "nsqa");
    checkBits(ncqa, 16, "ncqa");
  }

  /** Decodes the dword. */
  public static NumberOfQueues fromDword(long dw) {
    return new NumberOfQueues((int) (dw & 0xFFFF), (int) (dw >>> 16 & 0xFFFF));
  }

  public long toDword() {
    return (long) ncqa << 16 | nsqa;
  }

  /** Submission queues (NSQA + 1). */
  @Derived
  public int submissionQueues() {
    return nsqa + 1;
  }

  /** Completion queues (NCQA + 1). */
  @Derived
  public int completionQueues() {
    return ncqa + 1;
  }
}
