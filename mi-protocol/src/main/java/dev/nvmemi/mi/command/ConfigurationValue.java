package dev.nvmemi.mi.command;

/**
 * What a Configuration Get returned, typed by configuration identifier (spec sheet §5). Immutable.
 */
public sealed interface ConfigurationValue
    permits SmbusFrequencyConfig, HealthStatusChangeConfig, MctpTransmissionUnitConfig,
        AsyncEventConfig, VendorConfig {

  /** The NMRESP an endpoint sends for this value. */
  int nmresp();

  /** The response data an endpoint sends for this value. */
  byte[] responseData();
}
