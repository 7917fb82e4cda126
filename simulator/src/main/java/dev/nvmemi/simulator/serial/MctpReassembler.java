package dev.nvmemi.simulator.serial;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Reassembles MCTP messages from packets as the Linux kernel does (mctp.md §1.6): per (source,
 * destination, tag, TO), a message starts with SOM, continues with consecutive sequence numbers
 * and ends with EOM. A sequence gap, a packet without a started message, a message beyond the size
 * limit, or a second SOM for a message in progress drops the message (and, for the duplicate SOM,
 * the new one too). Drops are counted.
 *
 * <p>Not thread-safe: use it from the reader thread.
 */
public final class MctpReassembler {
  /** A complete message and the addressing of its packets. */
  public record Message(int source, int destination, boolean tagOwner, int tag, byte[] body) {}

  private static final class Partial {
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    int nextSeq;
  }

  private final int maxMessage;
  private final Map<Integer, Partial> partials = new HashMap<>();
  private long dropped;

  /** @param maxMessage largest message accepted (the kernel allows 64 KiB) */
  public MctpReassembler(int maxMessage) {
    this.maxMessage = maxMessage;
  }

  /** Adds a packet; returns the message it completes, or null. */
  public Message accept(MctpPacket p) {
    int key = p.source() << 16 | p.destination() << 8 | (p.tagOwner() ? 8 : 0) | p.tag();
    Partial partial = partials.get(key);
    if (p.som()) {
      if (partial != null) {
        partials.remove(key);
        dropped += 2;
        return null;
      }
      if (p.eom()) {
        return new Message(p.source(), p.destination(), p.tagOwner(), p.tag(), p.payload());
      }
      partial = new Partial();
      partial.data.writeBytes(p.payload());
      partial.nextSeq = (p.sequence() + 1) & 3;
      partials.put(key, partial);
      return null;
    }
    if (partial == null) {
      dropped++;
      return null;
    }
    if (p.sequence() != partial.nextSeq || partial.data.size() + p.payload().length > maxMessage) {
      partials.remove(key);
      dropped++;
      return null;
    }
    partial.data.writeBytes(p.payload());
    partial.nextSeq = (partial.nextSeq + 1) & 3;
    if (p.eom()) {
      partials.remove(key);
      return new Message(p.source(), p.destination(), p.tagOwner(), p.tag(), partial.data.toByteArray());
    }
    return null;
  }

  /** Messages dropped so far. */
  public long dropped() {
    return dropped;
  }
}
