package dev.nvmemi.mi.command;

/**
 * The SMBus/I2C frequency code used by SFREQ (Configuration CID 01h), MSMBFREQ and MVPDFREQ
 * (spec sheet §3.2, §5): 1 = 100 kHz, 2 = 400 kHz, 3 = 1 MHz; 0 and others are reserved / none.
 *
 * <p>Stateless; used from any thread.
 */
public final class SmbusFrequency {
  private SmbusFrequency() {}

  /** Frequency in Hz, or null for 0 and reserved codes. */
  public static Integer hz(int code) {
    switch (code) {
      case 1: return 100_000;
      case 2: return 400_000;
      case 3: return 1_000_000;
      default: return null;
    }
  }

  /** "100kHz", "400kHz", "1MHz", or "reserved(n)". */
  public static String text(int code) {
    switch (code) {
      case 1: return "100kHz";
      case 2: return "400kHz";
      case 3: return "1MHz";
      default: return "reserved(" + code + ")";
    }
  }
}
