package dev.nvmemi.mi.command;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration Set, Health Status Change (CID 02h): NMD1 is a clear mask in the spec's
 * <em>contiguous</em> layout (bit 0 RDY, 1 CFS, 2 SHST, 3 NSSRO, 4 CECO, 5 NAC, 6 FA, 7 CSCHNG,
 * 8 CTEMP, 9 PDLU, 10 SPARE, 11 CWARN, 12 TCIDA), <b>not</b> the CCS layout. libnvme passes CCS
 * constants through unchanged, which clears the wrong flags from bit 3 upwards (spec sheet §5,
 * §12 item 2); {@link #clearing} translates unless the caller asks for libnvme's reading. Immutable.
 *
 * @param header request header
 * @param nmd1 the clear mask as sent
 */
public record ConfigSetHealthStatusChange(MiHeader header, int nmd1) implements ConfigurationSet {
  public ConfigSetHealthStatusChange {
    Requests.requestHeader(header);
  }

  /** A request that clears {@code flags}, laid out as {@code layout} says. */
  public static ConfigSetHealthStatusChange clearing(MiHeader header, Set<CcsFlag> flags,
      MiCodecOptions.HscMaskLayout layout) {
    Objects.requireNonNull(layout, "layout");
    int mask = layout == MiCodecOptions.HscMaskLayout.CONTIGUOUS ? CcsFlag.toHscMask(flags) : CcsFlag.toCcs(flags);
    return new ConfigSetHealthStatusChange(header, mask);
  }

  @Derived
  @Override
  public int cid() {
    return ConfigurationId.HEALTH_STATUS_CHANGE;
  }

  @Override
  public int nmd0() {
    return cid();
  }

  /** The CCS flags this mask clears, read in the spec's contiguous layout. */
  @Derived
  public Set<CcsFlag> clearsCcs() {
    return CcsFlag.fromHscMask(nmd1);
  }

  @Override
  public ConfigurationSetResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    Requests.requireNoData(commandName(), f);
    return new ConfigurationSetResponse(f.header(), f.status(), f.nmresp(), null);
  }
}
