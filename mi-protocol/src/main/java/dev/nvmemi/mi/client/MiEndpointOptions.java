package dev.nvmemi.mi.client;

import dev.nvmemi.mi.MiCodecOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link MiEndpoint} talks to its endpoint. Immutable; thread-safe.
 *
 * @param csi the command slot (0 or 1) used for MI and admin commands and control primitives
 *     (libnvme {@code nvme_mi_set_csi}); default 0
 * @param codec the codec's choices for [U] spec points; default {@link MiCodecOptions#DEFAULTS}
 * @param timeout per-exchange response timeout; default 5000 ms (libnvme's MCTP default)
 * @param mprWaitCap cap on one More Processing Required wait (libnvme {@code mprt_max});
 *     {@link Duration#ZERO} = no cap (default)
 * @param maxInterimResponses MPR responses accepted per exchange before it fails; default
 *     {@link ExchangeOptions#DEFAULT_MAX_INTERIM}
 * @param interimListener told about every interim MPR response, on the transport's thread;
 *     default {@link MiTransport.InterimListener#NONE}
 */
public record MiEndpointOptions(int csi, MiCodecOptions codec, Duration timeout, Duration mprWaitCap,
    int maxInterimResponses, MiTransport.InterimListener interimListener) {

  /** The defaults listed above. */
  public static final MiEndpointOptions DEFAULTS = new MiEndpointOptions(0, MiCodecOptions.DEFAULTS,
      ExchangeOptions.DEFAULT_TIMEOUT, Duration.ZERO, ExchangeOptions.DEFAULT_MAX_INTERIM,
      MiTransport.InterimListener.NONE);

  public MiEndpointOptions {
    if (csi != 0 && csi != 1) {
      throw new IllegalArgumentException("csi: " + csi + " (expected: 0 or 1)");
    }
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(mprWaitCap, "mprWaitCap");
    Objects.requireNonNull(interimListener, "interimListener");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
    }
    if (mprWaitCap.isNegative()) {
      throw new IllegalArgumentException("mprWaitCap: " + mprWaitCap + " (expected: >= 0)");
    }
    if (maxInterimResponses < 0) {
      throw new IllegalArgumentException("maxInterimResponses: " + maxInterimResponses + " (expected: >= 0)");
    }
  }

  public MiEndpointOptions withCsi(int v) {
    return new MiEndpointOptions(v, codec, timeout, mprWaitCap, maxInterimResponses, interimListener);
  }

  public MiEndpointOptions withCodec(MiCodecOptions v) {
    return new MiEndpointOptions(csi, v, timeout, mprWaitCap, maxInterimResponses, interimListener);
  }

  public MiEndpointOptions withTimeout(Duration v) {
    return new MiEndpointOptions(csi, codec, v, mprWaitCap, maxInterimResponses, interimListener);
  }

  public MiEndpointOptions withMprWaitCap(Duration v) {
    return new MiEndpointOptions(csi, codec, timeout, v, maxInterimResponses, interimListener);
  }

  public MiEndpointOptions withMaxInterimResponses(int v) {
    return new MiEndpointOptions(csi, codec, timeout, mprWaitCap, v, interimListener);
  }

  public MiEndpointOptions withInterimListener(MiTransport.InterimListener v) {
    return new MiEndpointOptions(csi, codec, timeout, mprWaitCap, maxInterimResponses, v);
  }

  /** The exchange options for one command. */
  public ExchangeOptions exchange(String command, boolean mprPossible) {
    return new ExchangeOptions(command, timeout, mprWaitCap, maxInterimResponses, mprPossible);
  }
}
