package dev.nvmemi.simulator.serial;

import java.util.Arrays;
import java.util.Objects;

/**
 * One MCTP packet: the 4-byte transport header (DSP0236; mctp.md §2.1) and its payload. The first
 * payload byte of a start-of-message packet is the message type byte. Immutable (the payload is
 * not copied on access: do not modify it).
 *
 * @param destination destination EID
 * @param source source EID
 * @param som start of message
 * @param eom end of message
 * @param sequence packet sequence number, 0–3
 * @param tagOwner TO bit: set by the side that originated the message (a request, an AEM)
 * @param tag message tag, 0–7
 * @param payload payload bytes
 */
public record MctpPacket(int destination, int source, boolean som, boolean eom, int sequence, boolean tagOwner,
    int tag, byte[] payload) {
  /** Transport header length. */
  public static final int HEADER_LENGTH = 4;
  /** The only header version the Linux kernel sends. */
  public static final int VERSION = 0x01;

  public MctpPacket {
    Objects.requireNonNull(payload, "payload");
    if (sequence < 0 || sequence > 3 || tag < 0 || tag > 7 || destination < 0 || destination > 0xFF
        || source < 0 || source > 0xFF) {
      throw new IllegalArgumentException("dest " + destination + ", src " + source + ", seq " + sequence + ", tag "
          + tag + " (expected: EIDs 0 ~ 255, seq 0 ~ 3, tag 0 ~ 7)");
    }
  }

  /** Header byte 3: SOM, EOM, sequence, TO, tag. */
  public int flags() {
    return (som ? 0x80 : 0) | (eom ? 0x40 : 0) | sequence << 4 | (tagOwner ? 0x08 : 0) | tag;
  }

  /** Header and payload as sent inside a serial frame. */
  public byte[] encode() {
    byte[] b = new byte[HEADER_LENGTH + payload.length];
    b[0] = VERSION;
    b[1] = (byte) destination;
    b[2] = (byte) source;
    b[3] = (byte) flags();
    System.arraycopy(payload, 0, b, HEADER_LENGTH, payload.length);
    return b;
  }

  /**
   * Parses a packet. The header version is checked on its low 4 bits (newer kernels mask them).
   *
   * @throws IllegalArgumentException when shorter than the header or of another header version
   */
  public static MctpPacket decode(byte[] b) {
    if (b.length < HEADER_LENGTH) {
      throw new IllegalArgumentException("MCTP packet too short: " + b.length + " bytes (expected: 4+ bytes)");
    }
    if ((b[0] & 0x0F) != VERSION) {
      throw new IllegalArgumentException(String.format("MCTP header version 0x%02x (expected: 0x01)", b[0] & 0x0F));
    }
    int f = b[3] & 0xFF;
    return new MctpPacket(b[1] & 0xFF, b[2] & 0xFF, (f & 0x80) != 0, (f & 0x40) != 0, (f >>> 4) & 3,
        (f & 0x08) != 0, f & 7, Arrays.copyOfRange(b, HEADER_LENGTH, b.length));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MctpPacket p && p.destination == destination && p.source == source && p.som == som
        && p.eom == eom && p.sequence == sequence && p.tagOwner == tagOwner && p.tag == tag
        && Arrays.equals(p.payload, payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(destination, source, flags()) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return String.format("MctpPacket[%d->%d %s%s seq %d %s tag %d, %d bytes]", source, destination,
        som ? "SOM" : "", eom ? "EOM" : "", sequence, tagOwner ? "TO" : "", tag, payload.length);
  }
}
