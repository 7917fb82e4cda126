package dev.nvmemi.mi.command;

import dev.nvmemi.mi.MiHeader;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Configuration Set kept verbatim (vendor-specific or reserved CID): header, NMD0, NMD1 and request
 * data as they were. A record compares an array by identity, so these records take their
 * {@code equals}, {@code hashCode} and {@code toString} from here: by content, the data shown in
 * hex. Stateless; any thread.
 */
interface VerbatimSet {
  MiHeader header();

  int nmd0();

  int nmd1();

  /** The request data (a copy). */
  byte[] data();

  /** Equal: the same record type with the same header, dwords and data. */
  static boolean same(VerbatimSet a, Object o) {
    return o != null && o.getClass() == a.getClass() && o instanceof VerbatimSet b && a.header().equals(b.header())
        && a.nmd0() == b.nmd0() && a.nmd1() == b.nmd1() && Arrays.equals(a.data(), b.data());
  }

  static int hash(VerbatimSet a) {
    return (a.header().hashCode() * 31 + a.nmd0()) * 31 + a.nmd1() * 17 + Arrays.hashCode(a.data());
  }

  /** {@code ConfigSetVendor[nmd0=192, nmd1=0, data=0102]}. */
  static String show(VerbatimSet a) {
    return a.getClass().getSimpleName() + "[nmd0=" + a.nmd0() + ", nmd1=" + a.nmd1() + ", data="
        + HexFormat.of().formatHex(a.data()) + "]";
  }
}
