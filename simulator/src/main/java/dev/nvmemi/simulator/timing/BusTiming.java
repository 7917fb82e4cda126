package dev.nvmemi.simulator.timing;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an NVMe-MI exchange occupies a simulated bus (design §5): every byte on the wire takes
 * 9 bit times (8 data bits and the ACK) at {@code frequencyHz}; a message of L bytes (type byte
 * through MIC) travels in ⌈L / mtu⌉ MCTP packets, each adding {@code perPacketOverhead} bytes
 * (SMBus binding, DSP0237: destination address, command code 0Fh, byte count, source address,
 * the 4-byte MCTP transport header and the PEC = 9 bytes); the device then needs
 * {@code processing} before it answers.
 *
 * <p>{@link #NONE} is the zero-latency model: nothing takes time and the in-process transport
 * completes on the caller's thread. Immutable.
 *
 * @param frequencyHz bus clock, e.g. 100 000, 400 000, 1 000 000; 0 = infinitely fast
 * @param mtu MCTP transmission unit: message bytes per packet (baseline 64)
 * @param perPacketOverhead bytes added on the wire per packet
 * @param processing device processing time between request and response
 */
public record BusTiming(long frequencyHz, int mtu, int perPacketOverhead, Duration processing) {
  /** Bytes added per packet by the MCTP SMBus/I2C binding (4 SMBus + 4 MCTP header + 1 PEC). */
  public static final int SMBUS_PACKET_OVERHEAD = 9;
  /** Baseline MCTP transmission unit (bytes of message per packet). */
  public static final int BASELINE_MTU = 64;
  /** Zero latency: no bus time, no processing time. */
  public static final BusTiming NONE = new BusTiming(0, BASELINE_MTU, 0, Duration.ZERO);

  public BusTiming {
    Objects.requireNonNull(processing, "processing");
    if (frequencyHz < 0) {
      throw new IllegalArgumentException("frequencyHz: " + frequencyHz + " (expected: >= 0)");
    }
    if (mtu < 1) {
      throw new IllegalArgumentException("mtu: " + mtu + " (expected: >= 1)");
    }
    if (perPacketOverhead < 0 || processing.isNegative()) {
      throw new IllegalArgumentException("perPacketOverhead " + perPacketOverhead + ", processing " + processing
          + " (expected: >= 0)");
    }
  }

  /** An SMBus at {@code frequencyHz} with the baseline MTU, SMBus overhead and {@code processing}. */
  public static BusTiming smbus(long frequencyHz, Duration processing) {
    return new BusTiming(frequencyHz, BASELINE_MTU, SMBUS_PACKET_OVERHEAD, processing);
  }

  /** True for {@link #NONE}-like timing where nothing takes time. */
  public boolean isZero() {
    return frequencyHz == 0 && processing.isZero();
  }

  /** Packets needed for a message of {@code messageBytes}. */
  public int packets(int messageBytes) {
    return messageBytes <= 0 ? 0 : (messageBytes + mtu - 1) / mtu;
  }

  /** Bytes on the wire for a message of {@code messageBytes}, packet overhead included. */
  public long wireBytes(int messageBytes) {
    return messageBytes + (long) packets(messageBytes) * perPacketOverhead;
  }

  /** Time on the wire for a message of {@code messageBytes} sent in packets of {@code unit} message bytes. */
  public long wireNanos(int messageBytes, int unit) {
    if (frequencyHz == 0 || messageBytes <= 0) {
      return 0;
    }
    long packets = (messageBytes + unit - 1) / unit;
    return (messageBytes + packets * perPacketOverhead) * 9L * 1_000_000_000L / frequencyHz;
  }

  /** Time on the wire for a message of {@code messageBytes} at this MTU: wire bytes × 9 / frequency. */
  public long wireNanos(int messageBytes) {
    return wireNanos(messageBytes, mtu);
  }

  /** Bus time of one request and its response plus the device's processing time. */
  public long exchangeNanos(int requestBytes, int responseBytes) {
    return wireNanos(requestBytes) + processing.toNanos() + wireNanos(responseBytes);
  }
}
