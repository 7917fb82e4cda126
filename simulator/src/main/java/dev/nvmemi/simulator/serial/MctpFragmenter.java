package dev.nvmemi.simulator.serial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an MCTP message into packets at the link MTU as the Linux kernel does (mctp.md §1.6):
 * one packet with SOM|EOM when it fits, otherwise packets of (MTU − 4) payload bytes with
 * sequence numbers 0, 1, 2, 3, 0, …, SOM on the first and EOM on the last. Stateless.
 */
public final class MctpFragmenter {
  /** The MTU of {@code mctp-serial} (and the MCTP baseline): 68-byte packets, 64 payload bytes. */
  public static final int SERIAL_MTU = 68;

  private MctpFragmenter() {}

  /**
   * @param message the MCTP message, type byte first
   * @param mtu the packet size limit including the 4-byte header (≥ 5)
   * @param firstSequence the sequence number of the first packet (0–3)
   */
  public static List<MctpPacket> fragment(byte[] message, int destination, int source, boolean tagOwner, int tag,
      int mtu, int firstSequence) {
    if (mtu <= MctpPacket.HEADER_LENGTH) {
      throw new IllegalArgumentException("mtu: " + mtu + " (expected: > 4)");
    }
    if (message.length == 0) {
      throw new IllegalArgumentException("empty MCTP message (expected: at least the type byte)");
    }
    int chunk = mtu - MctpPacket.HEADER_LENGTH;
    List<MctpPacket> out = new ArrayList<>((message.length + chunk - 1) / chunk);
    int seq = firstSequence & 3;
    for (int off = 0; off < message.length; off += chunk) {
      int end = Math.min(message.length, off + chunk);
      out.add(new MctpPacket(destination, source, off == 0, end == message.length, seq, tagOwner, tag,
          Arrays.copyOfRange(message, off, end)));
      seq = (seq + 1) & 3;
    }
    return out;
  }
}
