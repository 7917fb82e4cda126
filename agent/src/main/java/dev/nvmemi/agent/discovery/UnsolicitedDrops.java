package dev.nvmemi.agent.discovery;

import java.util.function.LongSupplier;

/**
 * Where a discovery source counts the unsolicited messages (AEMs) it drops before they reach a
 * session: the fleet's AEM counters ({@code poll.AemStats}) implement it, so the sources need
 * nothing of the poll package. Implementations are thread-safe (receiving threads call them).
 */
public interface UnsolicitedDrops {
  /** Counts one message dropped for {@code reason} ({@code malformed}, {@code unexpected}, {@code unknown_source}). */
  void dropped(String reason);

  /** Adds a counter kept elsewhere (a transport receiver's drops) under {@code reason}. */
  void external(String reason, LongSupplier count);
}
