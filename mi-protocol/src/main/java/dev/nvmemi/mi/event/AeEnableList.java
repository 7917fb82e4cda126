package dev.nvmemi.mi.event;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.internal.LittleEndian;
import java.util.ArrayList;
import java.util.List;

/**
 * AE Enable List, the request data of Configuration Set CID 04h (spec sheet §8.2): a 5-byte
 * header then NUMAEE 3-byte items. A delta: AE IDs not listed keep their state. An empty list is
 * the AEM acknowledgement. Immutable.
 *
 * @param numaee number of items (byte 0)
 * @param aeelver version (byte 1), 0
 * @param aeetl total length including the header (bytes 2–3) = 5 + 3·NUMAEE
 * @param aeelhl header length (byte 4), 5
 * @param items the items
 */
public record AeEnableList(int numaee, int aeelver, int aeetl, int aeelhl, List<AeEnable> items) {
  /** Header length. */
  public static final int HEADER_LENGTH = 5;

  public AeEnableList {
    checkRange("numaee", numaee, 0xFF);
    checkRange("aeelver", aeelver, 0xFF);
    items = List.copyOf(items);
    if (items.size() != numaee) {
      throw new IllegalArgumentException("numaee " + numaee + " but " + items.size() + " items");
    }
    if (aeelhl != HEADER_LENGTH) {
      throw new IllegalArgumentException("aeelhl: " + aeelhl + " (expected: 5)");
    }
    if (aeetl != HEADER_LENGTH + AeEnable.LENGTH * numaee) {
      throw new IllegalArgumentException("aeetl: " + aeetl + " (expected: " + (5 + 3 * numaee) + ")");
    }
  }

  /** A version-0 list of these items. */
  public static AeEnableList of(List<AeEnable> items) {
    return new AeEnableList(items.size(), 0, HEADER_LENGTH + AeEnable.LENGTH * items.size(),
        HEADER_LENGTH, items);
  }

  /** The empty list: the AEM acknowledgement. */
  public static AeEnableList empty() {
    return of(List.of());
  }

  /**
   * Decodes a whole request-data area: header checks (AEELVER 0, AEELHL 5), AEETL = 5 + 3·NUMAEE =
   * data length, every AEEL = 3.
   */
  public static AeEnableList decode(byte[] d) {
    if (d.length < HEADER_LENGTH) {
      throw AeLists.length("AE enable list too short: " + d.length + " bytes (expected: 5+ bytes)");
    }
    int n = d[0] & 0xFF;
    int ver = d[1] & 0xFF;
    int tl = LittleEndian.u16(d, 2);
    int hl = d[4] & 0xFF;
    if (ver != 0) {
      throw AeLists.invalid("AE enable list version AEELVER " + ver + " (expected: 0)");
    }
    if (hl != HEADER_LENGTH) {
      throw AeLists.invalid("AE enable list header length AEELHL " + hl + " (expected: 5)");
    }
    int expected = HEADER_LENGTH + AeEnable.LENGTH * n;
    if (tl != expected) {
      throw AeLists.length("AE enable list total length AEETL " + tl + " (expected: " + expected
          + " for NUMAEE " + n + ")");
    }
    if (d.length != tl) {
      throw AeLists.length("AE enable list length mismatch: " + d.length + " bytes (expected: AEETL "
          + tl + ")");
    }
    List<AeEnable> items = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int off = HEADER_LENGTH + 3 * i;
      int len = d[off] & 0xFF;
      if (len != AeEnable.LENGTH) {
        throw AeLists.invalid("AE enable item " + i + " length AEEL " + len + " (expected: 3)");
      }
      items.add(new AeEnable(len, LittleEndian.u16(d, off + 1)));
    }
    return new AeEnableList(n, ver, tl, hl, items);
  }

  public byte[] encode() {
    byte[] b = new byte[aeetl];
    b[0] = (byte) numaee;
    b[1] = (byte) aeelver;
    LittleEndian.put16(b, 2, aeetl);
    b[4] = (byte) aeelhl;
    for (int i = 0; i < numaee; i++) {
      int off = HEADER_LENGTH + 3 * i;
      b[off] = (byte) AeEnable.LENGTH;
      LittleEndian.put16(b, off + 1, items.get(i).aeei());
    }
    return b;
  }
}
