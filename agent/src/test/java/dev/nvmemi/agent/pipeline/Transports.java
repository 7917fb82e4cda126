package dev.nvmemi.agent.pipeline;

import dev.nvmemi.mi.client.ExchangeOptions;
import dev.nvmemi.mi.client.MiTransport;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * Decorators of a drive's {@link MiTransport} for pipeline tests ({@link PipelineHarness}'s
 * transport wrapper): each sees every exchange and decides what reaches the drive; {@code describe}
 * and {@code close} go to the drive's transport. Runs on whichever thread the agent exchanges on.
 */
final class Transports {
  private Transports() {}

  /** One exchange, given the drive's own transport to pass it on to (or not). */
  @FunctionalInterface
  interface Around {
    CompletionStage<byte[]> exchange(MiTransport drive, byte[] request, ExchangeOptions options,
        MiTransport.InterimListener interim);
  }

  /** Every exchange goes through {@code around}. */
  static UnaryOperator<MiTransport> around(Around around) {
    return t -> new MiTransport() {
      @Override
      public CompletionStage<byte[]> exchange(byte[] request, ExchangeOptions options, InterimListener interim) {
        return around.exchange(t, request, options, interim);
      }

      @Override
      public String describe() {
        return t.describe();
      }

      @Override
      public void close() {
        t.close();
      }
    };
  }

  /** Adds every request, as sent (type byte … MIC), to {@code sent}, then passes it on. */
  static UnaryOperator<MiTransport> recording(List<byte[]> sent) {
    return around((drive, request, options, interim) -> {
      sent.add(request.clone());
      return drive.exchange(request, options, interim);
    });
  }
}
