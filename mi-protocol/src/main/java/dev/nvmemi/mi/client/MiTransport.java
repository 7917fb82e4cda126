package dev.nvmemi.mi.client;

import java.util.concurrent.CompletionStage;

/**
 * Moves one NVMe-MI request to one management endpoint and returns its final response.
 *
 * <p>The seed's principle (libnvme-mi): everything is transport-agnostic except the endpoint
 * constructors ({@code MctpTransport.open(network, eid)}, {@code SimulatedFleet.endpoint(...)}).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@code request} is a complete NVMe-MI message: byte 0 (0x84), header, body and MIC. The
 *       transport does not change it (AF_MCTP moves byte 0 into the socket address and back).</li>
 *   <li>The returned stage completes with the complete final response message, byte 0 re-inserted,
 *       MIC included and <em>not</em> verified (the codec validates in the order of §11.1).</li>
 *   <li>More Processing Required: the transport recognises interim responses with
 *       {@link dev.nvmemi.mi.MoreProcessingRequired#detect(byte[])}, keeps the tag, re-arms its
 *       timer with {@link dev.nvmemi.mi.MoreProcessingRequired#nextWait}, reports each interim to
 *       {@link InterimListener} if given, and fails with reason {@code MPR_LIMIT} after
 *       {@link ExchangeOptions#maxInterimResponses()}.</li>
 *   <li>It completes exceptionally only with {@link dev.nvmemi.mi.MiTransportException} (or its
 *       subtype {@link dev.nvmemi.mi.MiTimeoutException}).</li>
 *   <li>A response that arrives after its exchange timed out is discarded and never matched to a
 *       later request.</li>
 *   <li>Implementations never block the calling thread.</li>
 * </ul>
 */
public interface MiTransport extends AutoCloseable {

  /** Sends {@code request} and completes with the final response. */
  CompletionStage<byte[]> exchange(byte[] request, ExchangeOptions options, InterimListener interim);

  /** Same as {@link #exchange(byte[], ExchangeOptions, InterimListener)} without an interim listener. */
  default CompletionStage<byte[]> exchange(byte[] request, ExchangeOptions options) {
    return exchange(request, options, InterimListener.NONE);
  }

  /** A readable endpoint description, e.g. {@code "mctp: net 1 eid 9"}. */
  String describe();

  /** Releases sockets, tags and threads. Idempotent. Pending exchanges fail with reason CLOSED. */
  @Override
  void close();

  /** Receives interim (More Processing Required) responses; called on a transport thread. */
  @FunctionalInterface
  interface InterimListener {
    InterimListener NONE = (msg, mpr) -> { };

    void onInterim(byte[] message, dev.nvmemi.mi.MoreProcessingRequired mpr);
  }
}
