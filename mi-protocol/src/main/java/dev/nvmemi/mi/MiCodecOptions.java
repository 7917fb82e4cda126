package dev.nvmemi.mi;

/**
 * The codec's choices where the spec sheet is uncertain ([U], §12). Every default is the behaviour
 * the spec sheet recommends; each option is documented in the module README.
 *
 * @param strictNmimt check that a response's NMIMT equals the request's (§11.1 step 4; libnvme
 *     does not check it). Default true.
 * @param pelLittleEndian read the Invalid Parameter error location byte offset little-endian (WS,
 *     SC, QE) rather than big-endian (AM). Default true (§12 item 8).
 */
public record MiCodecOptions(boolean strictNmimt, boolean pelLittleEndian) {
  /** The recommended behaviour. */
  public static final MiCodecOptions DEFAULTS = new MiCodecOptions(true, true);

  public MiCodecOptions withStrictNmimt(boolean v) {
    return new MiCodecOptions(v, pelLittleEndian);
  }

  public MiCodecOptions withPelLittleEndian(boolean v) {
    return new MiCodecOptions(strictNmimt, v);
  }
}
