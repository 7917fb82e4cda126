package dev.nvmemi.mi.client;

/**
 * Receives the messages an endpoint sends unasked (Asynchronous Event Messages, spec sheet §8),
 * with their source. Transport-agnostic like {@link MiTransport}: the MCTP transport's AEM socket
 * reader and the simulator's in-process fleet both call it; the agent implements it.
 *
 * <p>Called on the producer's thread (the AEM socket reader thread, the simulator clock's thread);
 * an implementation hands the message on without blocking and never throws.
 */
@FunctionalInterface
public interface UnsolicitedListener {
  /**
   * One message as received.
   *
   * @param network the MCTP network the message arrived on
   * @param eid the source EID
   * @param message the complete NVMe-MI message, from the 0x84 type byte to the MIC
   */
  void onUnsolicited(int network, int eid, byte[] message);
}
