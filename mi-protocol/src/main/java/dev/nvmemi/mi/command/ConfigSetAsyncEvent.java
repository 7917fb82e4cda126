package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.event.AeEnableList;
import dev.nvmemi.mi.event.AeOccurrenceList;
import java.util.Objects;

/**
 * Configuration Set, Asynchronous Event (CID 04h, spec sheet §5, §8): NMD0 26 ENVFA, 25 ENPFA,
 * 24 ENCFA, 23:16 AEMD (seconds), 15:8 AERD (100 ms units); request data = AE Enable List;
 * response data = AE Occurrence List. With an empty enable list it is the AEM acknowledgement.
 * Immutable.
 *
 * @param header request header
 * @param envfa enable AEs for SR-IOV virtual functions
 * @param enpfa enable AEs for SR-IOV physical functions
 * @param encfa enable AEs for PCI functions
 * @param aemd AEM delay, seconds
 * @param aerd AEM retry delay, 100 ms units
 * @param aeel the AE Enable List (a delta)
 */
public record ConfigSetAsyncEvent(MiHeader header, boolean envfa, boolean enpfa, boolean encfa,
    int aemd, int aerd, AeEnableList aeel) implements ConfigurationSet {
  public ConfigSetAsyncEvent {
    Requests.requestHeader(header);
    checkRange("aemd", aemd, 0xFF);
    checkRange("aerd", aerd, 0xFF);
    Objects.requireNonNull(aeel, "aeel");
  }

  /** libnvme's acknowledgement: NMD0 = 04h and an empty enable list. */
  public static ConfigSetAsyncEvent acknowledgement(MiHeader header) {
    return new ConfigSetAsyncEvent(header, false, false, false, 0, 0, AeEnableList.empty());
  }

  static ConfigSetAsyncEvent decode(MiHeader h, int nmd0, byte[] data) {
    return new ConfigSetAsyncEvent(h, (nmd0 >>> 26 & 1) != 0, (nmd0 >>> 25 & 1) != 0,
        (nmd0 >>> 24 & 1) != 0, (nmd0 >>> 16) & 0xFF, (nmd0 >>> 8) & 0xFF, AeEnableList.decode(data));
  }

  @Derived
  @Override
  public int cid() {
    return ConfigurationId.ASYNCHRONOUS_EVENT;
  }

  @Override
  public int nmd0() {
    return (envfa ? 1 << 26 : 0) | (enpfa ? 1 << 25 : 0) | (encfa ? 1 << 24 : 0) | aemd << 16 | aerd << 8 | cid();
  }

  @Override
  public int nmd1() {
    return 0;
  }

  @Override
  public byte[] requestData() {
    return aeel.encode();
  }

  /** An empty enable list: this is an AEM acknowledgement. */
  @Derived
  public boolean acknowledgement() {
    return aeel.numaee() == 0;
  }

  /**
   * The response data is the AE Occurrence List, checked with the §8.4 rules except the
   * enabled-map and generation checks, which need the session state ({@link dev.nvmemi.mi.event.AemSession}).
   */
  @Override
  public ConfigurationSetResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    return new ConfigurationSetResponse(f.header(), f.status(), f.nmresp(),
        AeOccurrenceList.decode(f.responseData()));
  }
}
