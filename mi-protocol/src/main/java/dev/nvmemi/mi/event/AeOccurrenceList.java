package dev.nvmemi.mi.event;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.internal.LittleEndian;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * AE Occurrence List (spec sheet §8.3): the body of an AEM and the response data of Configuration
 * Set CID 04h. A 7-byte header, then NUMAEO occurrences. Immutable.
 *
 * @param numaeo number of occurrences (byte 0)
 * @param aelver version (byte 1), 0
 * @param aeolli bytes 2–4 (LE24): bits 22:0 AEOLTL (total length incl. header), bit 23 AEOLO
 *     (overflow; single source, preserved)
 * @param aeolhl header length (byte 5), 7
 * @param aemti byte 6: bits 7:3 AEMGN (generation number), bits 2:0 retry count
 * @param occurrences the occurrences
 */
public record AeOccurrenceList(int numaeo, int aelver, int aeolli, int aeolhl, int aemti,
    List<AeOccurrence> occurrences) {
  /** Header length. */
  public static final int HEADER_LENGTH = 7;

  public AeOccurrenceList {
    checkRange("numaeo", numaeo, 0xFF);
    checkRange("aelver", aelver, 0xFF);
    checkRange("aeolli", aeolli, 0xFFFFFF);
    checkRange("aemti", aemti, 0xFF);
    occurrences = List.copyOf(occurrences);
    if (occurrences.size() != numaeo) {
      throw new IllegalArgumentException("numaeo " + numaeo + " but " + occurrences.size() + " occurrences");
    }
    if (aeolhl != HEADER_LENGTH) {
      throw new IllegalArgumentException("aeolhl: " + aeolhl + " (expected: 7)");
    }
    int needed = HEADER_LENGTH;
    for (AeOccurrence o : occurrences) {
      needed += o.length();
    }
    if ((aeolli & 0x7FFFFF) < needed) {
      throw new IllegalArgumentException("aeoltl: " + (aeolli & 0x7FFFFF) + " (expected: >= " + needed + ")");
    }
  }

  /** A version-0 list with generation number {@code aemgn}, retry count 0, no overflow. */
  public static AeOccurrenceList of(int aemgn, List<AeOccurrence> occurrences) {
    checkRange("aemgn", aemgn, 0x1F);
    int tl = HEADER_LENGTH;
    for (AeOccurrence o : occurrences) {
      tl += o.length();
    }
    return new AeOccurrenceList(occurrences.size(), 0, tl, HEADER_LENGTH, aemgn << 3, occurrences);
  }

  /** Decodes without the enabled-map check. */
  public static AeOccurrenceList decode(byte[] d) {
    return decode(d, null);
  }

  /**
   * Decodes with libnvme's validation (spec sheet §8.4 step 3): length ≥ 7, AELVER 0, AEOLHL 7,
   * AEOLTL ≤ received, every AELHLEN 9, every AEOI in {@code enabled} (when not null), and the
   * occurrences (9 + AEOSIL + AEOVSIL each) within AEOLTL. Bytes after AEOLTL are ignored.
   *
   * @param enabled the AE IDs the caller enabled, or null to skip that check
   */
  public static AeOccurrenceList decode(byte[] d, Set<Integer> enabled) {
    if (d.length < HEADER_LENGTH) {
      throw AeLists.length("AE occurrence list too short: " + d.length + " bytes (expected: 7+ bytes)");
    }
    int n = d[0] & 0xFF;
    int ver = d[1] & 0xFF;
    int li = LittleEndian.u24(d, 2);
    int hl = d[5] & 0xFF;
    int mti = d[6] & 0xFF;
    int tl = li & 0x7FFFFF;
    if (ver != 0) {
      throw AeLists.invalid("AE occurrence list version AELVER " + ver + " (expected: 0)");
    }
    if (hl != HEADER_LENGTH) {
      throw AeLists.invalid("AE occurrence list header length AEOLHL " + hl + " (expected: 7)");
    }
    if (tl > d.length) {
      throw AeLists.length("AE occurrence list total length AEOLTL " + tl + " exceeds the "
          + d.length + " bytes received (expected: AEOLTL <= received)");
    }
    if (tl < HEADER_LENGTH) {
      throw AeLists.length("AE occurrence list total length AEOLTL " + tl + " (expected: >= 7)");
    }
    List<AeOccurrence> occ = new ArrayList<>(n);
    int off = HEADER_LENGTH;
    for (int i = 0; i < n; i++) {
      if (off + AeOccurrence.HEADER_LENGTH > tl) {
        throw AeLists.length("AE occurrence " + i + " header at offset " + off
            + " exceeds AEOLTL " + tl + " (expected: " + n + " occurrences within AEOLTL)");
      }
      int hlen = d[off] & 0xFF;
      if (hlen != AeOccurrence.HEADER_LENGTH) {
        throw AeLists.invalid("AE occurrence " + i + " header length AELHLEN " + hlen + " (expected: 9)");
      }
      int sil = d[off + 1] & 0xFF;
      int vsil = d[off + 2] & 0xFF;
      int end = off + AeOccurrence.HEADER_LENGTH + sil + vsil;
      if (end > tl) {
        throw AeLists.length("AE occurrence " + i + " ends at " + end + " beyond AEOLTL " + tl
            + " (expected: 9 + AEOSIL + AEOVSIL within the list)");
      }
      int aeoi = d[off + 3] & 0xFF;
      if (enabled != null && !enabled.contains(aeoi)) {
        throw AeLists.invalid(String.format(
            "AE occurrence %d reports AE ID 0x%02x, which is not enabled (expected: one of %s)", i, aeoi, enabled));
      }
      int s = off + AeOccurrence.HEADER_LENGTH;
      occ.add(new AeOccurrence(hlen, sil, vsil, aeoi, LittleEndian.u32(d, off + 4), d[off + 8] & 0xFF,
          java.util.Arrays.copyOfRange(d, s, s + sil), java.util.Arrays.copyOfRange(d, s + sil, end)));
      off = end;
    }
    return new AeOccurrenceList(n, ver, li, hl, mti, occ);
  }

  /** AEOLTL bytes (header, occurrences, zero fill up to AEOLTL). */
  public byte[] encode() {
    byte[] b = new byte[aeoltl()];
    b[0] = (byte) numaeo;
    b[1] = (byte) aelver;
    LittleEndian.put24(b, 2, aeolli);
    b[5] = (byte) aeolhl;
    b[6] = (byte) aemti;
    int off = HEADER_LENGTH;
    for (AeOccurrence o : occurrences) {
      o.encodeInto(b, off);
      off += o.length();
    }
    return b;
  }

  /** AEOLTL: total list length including the header (AEOLLI bits 22:0). */
  @Derived
  public int aeoltl() {
    return aeolli & 0x7FFFFF;
  }

  /** AEOLO: the endpoint had more occurrences than fit (AEOLLI bit 23). */
  @Derived
  public boolean aeolo() {
    return (aeolli & 0x800000) != 0;
  }

  /** AEMGN: generation number (AEMTI bits 7:3). */
  @Derived
  public int aemgn() {
    return aemti >>> 3;
  }

  /** AEM retry count (AEMTI bits 2:0; single source). */
  @Derived
  public int retryCount() {
    return aemti & 0x7;
  }
}
