package dev.nvmemi.mi.admin;

/**
 * The choices where the sources on the OCP datacenter logs disagree ({@code ocp-logs.md} §8), for
 * {@link OcpSmartExtendedLog#decode(byte[], OcpLogOptions)}. The other open points are not choices
 * but both readings at once: the lowest permitted firmware revision (§8 item 2) is kept as its raw
 * LE64 with the ASCII reading derived, the errata versions (item 3) as their byte with the letter
 * derived, the latency stamps (item 6) as raw LE64 with the 48-bit millisecond reading derived.
 *
 * <p>Immutable; thread-safe.
 *
 * @param lpv3FieldsFromLpv2 {@code false} (default): the DSSD version (98..103), NVMe base errata
 *     (130), PCIe link retrains (192) and power state changes (200) are decoded from LPV 3, as the
 *     illumos and WDC decoders and the requirement numbering have it; {@code true}: from LPV 2, as
 *     nvme-cli's OCP plugin prints them (§8 item 1)
 */
public record OcpLogOptions(boolean lpv3FieldsFromLpv2) {

  /** The note's table: the LPV 3 group from LPV 3. */
  public static final OcpLogOptions DEFAULTS = new OcpLogOptions(false);
  /** nvme-cli's reading: the LPV 3 group already from LPV 2. */
  public static final OcpLogOptions NVME_CLI = new OcpLogOptions(true);

  /** The first log page version that carries the DSSD version / base errata / retrains / PS changes group. */
  public int lpv3GroupFrom() {
    return lpv3FieldsFromLpv2 ? 2 : 3;
  }
}
