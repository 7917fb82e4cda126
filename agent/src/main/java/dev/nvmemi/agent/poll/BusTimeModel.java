package dev.nvmemi.agent.poll;

import dev.nvmemi.agent.config.AgentConfig.BusParameters;

/**
 * The bus-time estimate of design §5: every message is split into MCTP packets of at most
 * {@code mtu} payload bytes; each SMBus block write carries 9 bytes of framing (slave address,
 * command code, byte count, source address, 4-byte MCTP transport header, PEC); every byte takes
 * 9 bit times (8 data bits + ACK) at the bus frequency.
 *
 * <p>Pure functions; thread-safe.
 */
public final class BusTimeModel {
  private BusTimeModel() {}

  /** SMBus + MCTP framing bytes per packet. */
  public static final int PACKET_OVERHEAD_BYTES = 9;

  /** Bus time of one message of {@code bytes} bytes, in nanoseconds. */
  public static long messageNanos(int bytes, BusParameters bus) {
    int packets = Math.max(1, (bytes + bus.mtu() - 1) / bus.mtu());
    long bits = (long) (bytes + packets * PACKET_OVERHEAD_BYTES) * 9L;
    return bits * 1_000_000_000L / bus.frequencyHz();
  }

  /** Bus time of a request/response exchange, in nanoseconds. */
  public static long exchangeNanos(int requestBytes, int responseBytes, BusParameters bus) {
    return messageNanos(requestBytes, bus) + messageNanos(responseBytes, bus);
  }

  /** Bus time of a typical exchange of {@code command}. */
  public static long exchangeNanos(Command command, BusParameters bus) {
    return exchangeNanos(command.requestBytes(), command.responseBytes(), bus);
  }
}
