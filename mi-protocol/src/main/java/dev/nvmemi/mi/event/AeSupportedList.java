package dev.nvmemi.mi.event;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.internal.LittleEndian;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AE Supported List, the response data of Configuration Get CID 04h (spec sheet §8.2). Immutable.
 *
 * @param numaes number of items (byte 0)
 * @param aeslver version (byte 1), 0
 * @param aestl total length including the header (bytes 2–3) = 5 + 3·NUMAES
 * @param aeslhl header length (byte 4), 5
 * @param items the items
 */
public record AeSupportedList(int numaes, int aeslver, int aestl, int aeslhl, List<AeSupported> items) {
  public static final int HEADER_LENGTH = 5;

  public AeSupportedList {
    checkRange("numaes", numaes, 0xFF);
    checkRange("aeslver", aeslver, 0xFF);
    items = List.copyOf(items);
    if (items.size() != numaes) {
      throw new IllegalArgumentException("numaes " + numaes + " but " + items.size() + " items");
    }
    if (aeslhl != HEADER_LENGTH) {
      throw new IllegalArgumentException("aeslhl: " + aeslhl + " (expected: 5)");
    }
    if (aestl != HEADER_LENGTH + AeSupported.LENGTH * numaes) {
      throw new IllegalArgumentException("aestl: " + aestl + " (expected: " + (5 + 3 * numaes) + ")");
    }
  }

  public static AeSupportedList of(List<AeSupported> items) {
    return new AeSupportedList(items.size(), 0, HEADER_LENGTH + 3 * items.size(), HEADER_LENGTH, items);
  }

  /**
   * Decodes with libnvme's checks (spec sheet §8.4 step 1): AESLVER 0, AESLHL 5, AESTL ≤ received
   * and AESTL = 5 + 3·NUMAES, every AESL = 3. Bytes after AESTL are ignored.
   */
  public static AeSupportedList decode(byte[] d) {
    if (d.length < HEADER_LENGTH) {
      throw AeLists.length("AE supported list too short: " + d.length + " bytes (expected: 5+ bytes)");
    }
    int n = d[0] & 0xFF;
    int ver = d[1] & 0xFF;
    int tl = LittleEndian.u16(d, 2);
    int hl = d[4] & 0xFF;
    if (ver != 0) {
      throw AeLists.invalid("AE supported list version AESLVER " + ver + " (expected: 0)");
    }
    if (hl != HEADER_LENGTH) {
      throw AeLists.invalid("AE supported list header length AESLHL " + hl + " (expected: 5)");
    }
    if (tl > d.length) {
      throw AeLists.length("AE supported list total length AESTL " + tl + " exceeds the "
          + d.length + " bytes received (expected: AESTL <= received)");
    }
    int expected = HEADER_LENGTH + AeSupported.LENGTH * n;
    if (tl != expected) {
      throw AeLists.length("AE supported list total length AESTL " + tl + " (expected: " + expected
          + " for NUMAES " + n + ")");
    }
    List<AeSupported> items = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int off = HEADER_LENGTH + 3 * i;
      int len = d[off] & 0xFF;
      if (len != AeSupported.LENGTH) {
        throw AeLists.invalid("AE supported item " + i + " length AESL " + len + " (expected: 3)");
      }
      items.add(new AeSupported(len, LittleEndian.u16(d, off + 1)));
    }
    return new AeSupportedList(n, ver, tl, hl, items);
  }

  public byte[] encode() {
    byte[] b = new byte[aestl];
    b[0] = (byte) numaes;
    b[1] = (byte) aeslver;
    LittleEndian.put16(b, 2, aestl);
    b[4] = (byte) aeslhl;
    for (int i = 0; i < numaes; i++) {
      int off = HEADER_LENGTH + 3 * i;
      b[off] = (byte) AeSupported.LENGTH;
      LittleEndian.put16(b, off + 1, items.get(i).aesi());
    }
    return b;
  }

  /** AE ID → currently enabled (AESE), in list order. */
  public Map<Integer, Boolean> enabledById() {
    Map<Integer, Boolean> m = new LinkedHashMap<>();
    for (AeSupported s : items) {
      m.put(s.aeid(), s.enabled());
    }
    return m;
  }
}
