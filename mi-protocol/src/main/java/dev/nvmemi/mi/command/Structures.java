package dev.nvmemi.mi.command;

import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;

/** Length checks shared by the fixed-size structure decoders. */
final class Structures {
  private Structures() {}

  static void requireLength(String what, byte[] data, int expected) {
    if (data.length != expected) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH,
          what + " length mismatch: " + data.length + " bytes (expected: " + expected + ")");
    }
  }

  static void requireAtLeast(String what, byte[] data, int min) {
    if (data.length < min) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH,
          what + " too short: " + data.length + " bytes (expected: " + min + "+ bytes)");
    }
  }
}
