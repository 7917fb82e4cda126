package dev.nvmemi.mi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.internal.Mic;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * What every fuzz target of the codec checks, and the input layouts they share. The invariant:
 * nothing but {@link MiProtocolException} (with a kind and a message) ever leaves a decoder; a hang
 * is caught by the {@code @Timeout} of each fuzz test class ({@link #TIMEOUT_SECONDS}), which
 * Jazzer also passes to libFuzzer as {@code -timeout} when fuzzing.
 *
 * <p>Thread: the JUnit test thread (or libFuzzer's, when fuzzing); stateless.
 */
public final class FuzzTargets {
  /** Longest one execution may take before it counts as a hang: decoding takes microseconds. */
  public static final int TIMEOUT_SECONDS = 10;

  private FuzzTargets() {}

  /** Runs {@code decode}; a {@link MiProtocolException} is the expected outcome of bad bytes, anything else is a finding. */
  public static void onlyProtocolErrors(Runnable decode) {
    try {
      decode.run();
    } catch (MiProtocolException expected) {
      assertThat(expected.kind()).isNotNull();
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  /**
   * Feeds {@code msg} as it is and, when it is long enough to carry one, with its MIC recomputed:
   * a fuzzer cannot forge a CRC-32C, and without the second call every mutation would stop at the
   * integrity check (§11.1 step 2).
   */
  public static void asIsAndResealed(byte[] msg, Consumer<byte[]> decode) {
    decode.accept(msg);
    if (msg.length >= Mic.LENGTH) {
      byte[] sealed = msg.clone();
      Mic.seal(sealed);
      if (!Arrays.equals(sealed, msg)) {
        decode.accept(sealed);
      }
    }
  }

  /**
   * Splits a length-prefixed input: a 2-byte big-endian length {@code n}, then {@code n} bytes (or
   * what is left), then the rest. Used for a request followed by its response.
   *
   * @return {first, rest}
   */
  public static byte[][] split(byte[] input) {
    if (input.length < 2) {
      return new byte[][] {new byte[0], input.clone()};
    }
    int n = Math.min((input[0] & 0xFF) << 8 | input[1] & 0xFF, input.length - 2);
    return new byte[][] {Arrays.copyOfRange(input, 2, 2 + n), Arrays.copyOfRange(input, 2 + n, input.length)};
  }

  /** The inverse of {@link #split}: a seed made of {@code first} and {@code rest}. */
  public static byte[] join(byte[] first, byte[] rest) {
    byte[] out = new byte[2 + first.length + rest.length];
    out[0] = (byte) (first.length >>> 8);
    out[1] = (byte) first.length;
    System.arraycopy(first, 0, out, 2, first.length);
    System.arraycopy(rest, 0, out, 2 + first.length, rest.length);
    return out;
  }
}
