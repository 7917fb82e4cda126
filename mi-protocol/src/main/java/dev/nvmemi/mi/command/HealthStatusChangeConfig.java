package dev.nvmemi.mi.command;

/** Health Status Change (CID 02h) Get: succeeds, NMRESP reserved, no data (spec sheet §5). */
public record HealthStatusChangeConfig() implements ConfigurationValue {
  @Override
  public int nmresp() {
    return 0;
  }

  @Override
  public byte[] responseData() {
    return new byte[0];
  }
}
