package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;

/**
 * SMBus/I2C Frequency (CID 01h): NMRESP bits 3:0 SFREQ, 1 = 100 kHz, 2 = 400 kHz, 3 = 1 MHz.
 *
 * @param sfreq the frequency code
 */
public record SmbusFrequencyConfig(int sfreq) implements ConfigurationValue {
  public SmbusFrequencyConfig {
    checkRange("sfreq", sfreq, 0xF);
  }

  @Override
  public int nmresp() {
    return sfreq;
  }

  @Override
  public byte[] responseData() {
    return new byte[0];
  }

  /** Hz, or null for a reserved code. */
  @Derived
  public Integer frequencyHz() {
    return SmbusFrequency.hz(sfreq);
  }

  /** "100kHz", "400kHz", "1MHz" or "reserved(n)". */
  @Derived
  public String frequencyText() {
    return SmbusFrequency.text(sfreq);
  }
}
