package dev.nvmemi.mi.command;

/**
 * The one-byte composite temperature of the NSHDS CTEMP field (spec sheet §4.1): 00h–7Eh are
 * 0…126 °C, 7Fh ≥ 127 °C, 80h no data (or older than 5 s), 81h sensor failure, 82h–C3h reserved,
 * C4h ≤ −60 °C, C5h–FFh −59…−1 °C as two's complement. Stateless.
 */
public final class CompositeTemperature {
  /** No temperature data, or data older than 5 s. */
  public static final int NO_DATA = 0x80;
  /** Temperature sensor failure. */
  public static final int SENSOR_FAILURE = 0x81;
  /** 127 °C or hotter. */
  public static final int AT_LEAST_127 = 0x7F;
  /** −60 °C or colder. */
  public static final int AT_MOST_MINUS_60 = 0xC4;

  /** What a CTEMP byte says. */
  public enum Kind {
    /** An exact reading (−59…126 °C). */
    EXACT,
    /** 127 °C or more (7Fh). */
    AT_LEAST,
    /** −60 °C or less (C4h). */
    AT_MOST,
    /** 80h. */
    NO_DATA,
    /** 81h. */
    SENSOR_FAILURE,
    /** 82h–C3h. */
    RESERVED
  }

  private CompositeTemperature() {}

  public static Kind kind(int ctemp) {
    int v = ctemp & 0xFF;
    if (v <= 0x7E) {
      return Kind.EXACT;
    }
    if (v == AT_LEAST_127) {
      return Kind.AT_LEAST;
    }
    if (v == NO_DATA) {
      return Kind.NO_DATA;
    }
    if (v == SENSOR_FAILURE) {
      return Kind.SENSOR_FAILURE;
    }
    if (v < AT_MOST_MINUS_60) {
      return Kind.RESERVED;
    }
    if (v == AT_MOST_MINUS_60) {
      return Kind.AT_MOST;
    }
    return Kind.EXACT;
  }

  /**
   * Degrees Celsius, or null for no data, sensor failure and reserved codes. The saturated codes
   * give their bound (127 and −60).
   */
  public static Integer celsius(int ctemp) {
    int v = ctemp & 0xFF;
    switch (kind(v)) {
      case EXACT: return v <= 0x7E ? v : v - 256;
      case AT_LEAST: return 127;
      case AT_MOST: return -60;
      default: return null;
    }
  }

  /** Encodes degrees Celsius, saturating at 7Fh (≥ 127) and C4h (≤ −60). */
  public static int fromCelsius(int celsius) {
    if (celsius >= 127) {
      return AT_LEAST_127;
    }
    if (celsius <= -60) {
      return AT_MOST_MINUS_60;
    }
    return celsius & 0xFF;
  }

  /** Encodes a Kelvin reading (°C = K − 273, as NMD does), saturating like {@link #fromCelsius}. */
  public static int fromKelvin(int kelvin) {
    return fromCelsius(kelvin - 273);
  }
}
