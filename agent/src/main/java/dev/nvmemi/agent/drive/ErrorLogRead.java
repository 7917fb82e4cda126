package dev.nvmemi.agent.drive;

import java.util.List;

/**
 * One chunk of the Error Information log (LID 01h) as read, and, on the last chunk, every entry
 * read in this pass ({@code complete}).
 *
 * <p>Immutable; created on the event loop when the chunk's answer arrives, read from any thread.
 *
 * @param entries the entries of this chunk (errorCount 0 = empty slot)
 * @param newestFirst on the last chunk: the non-empty entries of the whole pass, newest first, at
 *     most 16; empty otherwise
 * @param complete whether this was the last chunk of the pass
 */
public record ErrorLogRead(List<ErrorEntry> entries, List<ErrorEntry> newestFirst, boolean complete) {
  public ErrorLogRead {
    entries = List.copyOf(entries);
    newestFirst = List.copyOf(newestFirst);
  }
}
