package dev.nvmemi.mi.event;

import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;

/** Checks shared by the AE list decoders (spec sheet §8.4 step 3). */
final class AeLists {
  private AeLists() {}

  static MiProtocolException invalid(String message) {
    return new MiProtocolException(MiErrorKind.INVALID_FIELD, message);
  }

  static MiProtocolException length(String message) {
    return new MiProtocolException(MiErrorKind.LENGTH_MISMATCH, message);
  }
}
