package dev.nvmemi.mi.event;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

/**
 * The NMD0 settings of an enabling Configuration Set CID 04h (spec sheet §5, §8.1) besides the
 * enable list. Immutable.
 *
 * <p>ENCFA / ENPFA / ENVFA select the controllers whose controller-scope events are reported
 * (PCI functions, SR-IOV physical functions, SR-IOV virtual functions), like INCF / INCPF / INCVF
 * select controllers in a Controller Health Status Poll. With all three clear an endpoint need not
 * report any controller-scope occurrence (ready, fatal status, temperature, spare …), so the
 * {@link #DEFAULTS} set ENCFA.
 *
 * @param encfa report events of controllers on PCI functions (NMD0 bit 24)
 * @param enpfa report events of SR-IOV physical-function controllers (bit 25)
 * @param envfa report events of SR-IOV virtual-function controllers (bit 26)
 * @param aemd AEM delay (bits 23:16), seconds: how long the endpoint gathers occurrences before it
 *     sends an AEM; 0 sends at once
 * @param aerd AEM retry delay (bits 15:8), 100 ms units: how long the endpoint waits for the AEM Ack
 *     before it re-sends; 0 means no retry
 */
public record AsyncEventSettings(boolean encfa, boolean enpfa, boolean envfa, int aemd, int aerd) {
  /** ENCFA, AEMD 1 s, AERD 1 s (10 × 100 ms): libnvme's example values with PCI-function events on. */
  public static final AsyncEventSettings DEFAULTS = new AsyncEventSettings(true, false, false, 1, 10);

  public AsyncEventSettings {
    checkRange("aemd", aemd, 0xFF);
    checkRange("aerd", aerd, 0xFF);
  }

  public AsyncEventSettings withAemd(int v) {
    return new AsyncEventSettings(encfa, enpfa, envfa, v, aerd);
  }

  public AsyncEventSettings withAerd(int v) {
    return new AsyncEventSettings(encfa, enpfa, envfa, aemd, v);
  }
}
