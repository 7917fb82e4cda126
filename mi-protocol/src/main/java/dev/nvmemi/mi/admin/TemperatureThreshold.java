package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.checkBits;

import dev.nvmemi.mi.Derived;

/**
 * The Temperature Threshold feature (FID 04h): Get Features returns it in CQE DW0, Set Features
 * takes it in DW11 (vector {@code admin_get_features_temp_threshold}: DW0 = 0000015Fh = 351 K).
 * Immutable; thread-safe.
 *
 * @param tmpth TMPTH, the threshold in Kelvin (bits 15:0)
 * @param tmpsel TMPSEL, threshold temperature select: 0 composite, 1–8 sensor N, Fh all (bits 19:16)
 * @param thsel THSEL, threshold type select: 0 over-temperature, 1 under-temperature (bits 21:20)
 */
public record TemperatureThreshold(int tmpth, int tmpsel, int thsel) implements AdminPayload {

  public static final int THSEL_OVER = 0;
  public static final int THSEL_UNDER = 1;

  public TemperatureThreshold {
    checkBits(tmpth, 16, "tmpth");
    checkBits(tmpsel, 4, "tmpsel");
    checkBits(thsel, 2, "thsel");
  }

  /** Decodes CQE DW0 (or DW11); reserved bits are ignored. */
  public static TemperatureThreshold fromDword(long dw) {
    return new TemperatureThreshold((int) (dw & 0xFFFF), (int) (dw >>> 16 & 0xF), (int) (dw >>> 20 & 0x3));
  }

  /** The dword (DW11 for Set Features, CQE DW0 for Get Features). */
  public long toDword() {
    return (long) thsel << 20 | (long) tmpsel << 16 | tmpth;
  }

  /** The DW11 selecting a threshold for Get Features. */
  public static long selectorDword(int tmpsel, int thsel) {
    checkBits(tmpsel, 4, "tmpsel");
    checkBits(thsel, 2, "thsel");
    return (long) thsel << 20 | (long) tmpsel << 16;
  }

  /** The threshold in °C (Kelvin − 273). */
  @Derived
  public int tmpthCelsius() {
    return tmpth - 273;
  }

  /** "over" or "under" (or reserved). */
  @Derived
  public String thselName() {
    switch (thsel) {
      case THSEL_OVER: return "over";
      case THSEL_UNDER: return "under";
      default: return "reserved(" + thsel + ")";
    }
  }

  /** "composite", "sensor N" or "all". */
  @Derived
  public String tmpselName() {
    if (tmpsel == 0) {
      return "composite";
    }
    if (tmpsel <= 8) {
      return "sensor " + tmpsel;
    }
    return tmpsel == 0xF ? "all" : "reserved(" + tmpsel + ")";
  }
}
