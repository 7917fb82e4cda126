package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;
import java.util.ArrayList;
import java.util.List;

/**
 * PCIe port data of Port Information (structure bytes 8–13, spec sheet §3.2). Immutable.
 *
 * @param pciemps maximum payload size: 0 = 128 B … 5 = 4 KiB (byte 8)
 * @param pcieslsv supported link speeds vector: bit 0 2.5 … bit 5 64 GT/s (byte 9)
 * @param pciecls current link speed: 0 not active, 1 = 2.5 … 6 = 64 GT/s (byte 10)
 * @param pciemlw maximum link width, lanes (byte 11)
 * @param pcienlw negotiated link width, 0 = link down (byte 12)
 * @param pciepn PCIe port number (byte 13)
 */
public record PciePortData(int pciemps, int pcieslsv, int pciecls, int pciemlw, int pcienlw, int pciepn)
    implements PortSpecificData {

  private static final double[] SPEEDS_GTS = {2.5, 5, 8, 16, 32, 64};

  public PciePortData {
    checkRange("pciemps", pciemps, 0xFF);
    checkRange("pcieslsv", pcieslsv, 0xFF);
    checkRange("pciecls", pciecls, 0xFF);
    checkRange("pciemlw", pciemlw, 0xFF);
    checkRange("pcienlw", pcienlw, 0xFF);
    checkRange("pciepn", pciepn, 0xFF);
  }

  static PciePortData decode(byte[] d, int off) {
    return new PciePortData(d[off] & 0xFF, d[off + 1] & 0xFF, d[off + 2] & 0xFF, d[off + 3] & 0xFF,
        d[off + 4] & 0xFF, d[off + 5] & 0xFF);
  }

  @Override
  public byte[] encode() {
    byte[] b = new byte[LENGTH];
    b[0] = (byte) pciemps;
    b[1] = (byte) pcieslsv;
    b[2] = (byte) pciecls;
    b[3] = (byte) pciemlw;
    b[4] = (byte) pcienlw;
    b[5] = (byte) pciepn;
    return b;
  }

  /** Maximum payload size in bytes (128 << MPS); null for a reserved code (> 5). */
  @Derived
  public Integer maxPayloadSizeBytes() {
    return pciemps <= 5 ? 128 << pciemps : null;
  }

  /** Supported link speeds in GT/s. */
  @Derived
  public List<Double> supportedLinkSpeedsGts() {
    List<Double> l = new ArrayList<>();
    for (int i = 0; i < SPEEDS_GTS.length; i++) {
      if ((pcieslsv >>> i & 1) != 0) {
        l.add(SPEEDS_GTS[i]);
      }
    }
    return l;
  }

  /** Current link speed in GT/s; null when the link is not active or the code is reserved. */
  @Derived
  public Double currentLinkSpeedGts() {
    return pciecls >= 1 && pciecls <= SPEEDS_GTS.length ? SPEEDS_GTS[pciecls - 1] : null;
  }
}
