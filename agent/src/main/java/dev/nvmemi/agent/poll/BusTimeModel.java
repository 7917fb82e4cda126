package dev.nvmemi.agent.poll;

import dev.nvmemi.agent.config.AgentConfig.BusParameters;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The bus-time estimate of design §5, learned per bus and command kind.
 *
 * <h2>The model it starts from</h2>
 * Every message is split into MCTP packets of at most {@code mtu} payload bytes; each SMBus block
 * write carries 9 bytes of framing (slave address, command code, byte count, source address,
 * 4-byte MCTP transport header, PEC); every byte takes 9 bit times (8 data bits + ACK) at the bus
 * frequency ({@link #exchangeNanos(int, int, BusParameters)}).
 *
 * <h2>The learning rule</h2>
 * For each command kind the model keeps a correction factor {@code f} (start 1.0). Every exchange
 * that ends with an answer gives a sample {@code s = measured / modelled}, clamped to
 * [{@value #MIN_FACTOR}, {@value #MAX_FACTOR}]; then {@code f ← f + (s − f) / }{@value #WEIGHT}
 * (an exponentially weighted moving average: the last ~8 answers dominate, one outlier moves the
 * estimate by at most 1/8 of its distance). The estimate of an exchange is {@code modelled × f}.
 * A failed exchange (timeout, transport error) teaches nothing: its duration is the timeout, not the
 * command's. Bounded memory (one double per kind) and bounded influence (the clamp).
 *
 * <p>Instances belong to one bus lane and run on the agent context; {@link #factor} may be read from
 * any thread. The static functions are pure and thread-safe.
 */
public final class BusTimeModel {
  /** SMBus + MCTP framing bytes per packet. */
  public static final int PACKET_OVERHEAD_BYTES = 9;
  /** Smallest correction factor: a bus four times faster than configured. */
  public static final double MIN_FACTOR = 0.25;
  /** Largest correction factor: a drive that takes 64 times the wire time to answer. */
  public static final double MAX_FACTOR = 64.0;
  /** Weight divisor of the moving average. */
  public static final int WEIGHT = 8;

  private final BusParameters bus;
  private final Map<Command, Double> factors = new EnumMap<>(Command.class);

  /** A model for one bus with the configured parameters; every factor starts at 1. */
  public BusTimeModel(BusParameters bus) {
    this.bus = Objects.requireNonNull(bus, "bus");
  }

  /** The configured frequency/MTU model of one exchange of {@code command}, nanoseconds. */
  public long modelNanos(Command command) {
    return exchangeNanos(command, bus);
  }

  /** The learned estimate of an exchange of {@code command} whose model time is {@code modelNanos}. */
  public long estimateNanos(Command command, long modelNanos) {
    return Math.round(modelNanos * factor(command));
  }

  /** The learned estimate of a typical exchange of {@code command}. */
  public long estimateNanos(Command command) {
    return estimateNanos(command, modelNanos(command));
  }

  /** The current correction factor of {@code command} (1.0 before any answer). */
  public synchronized double factor(Command command) {
    return factors.getOrDefault(command, 1.0);
  }

  /**
   * Learns from one answered exchange of {@code command}: modelled {@code modelNanos}, measured
   * {@code measuredNanos} from admission to answer.
   *
   * @return the estimate after learning (what the bus is charged for this exchange)
   */
  public synchronized long observe(Command command, long modelNanos, long measuredNanos) {
    double model = Math.max(1, modelNanos);
    double sample = Math.max(MIN_FACTOR, Math.min(MAX_FACTOR, measuredNanos / model));
    double f = factors.getOrDefault(command, 1.0);
    f += (sample - f) / WEIGHT;
    factors.put(command, f);
    return Math.round(model * f);
  }

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
