package dev.nvmemi.mi.command;

import dev.nvmemi.mi.MiHeader;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A success response that is its header and the bytes read (NMRESP reserved): the Management
 * Endpoint Buffer Read and VPD Read responses. A record compares an array by identity, so these
 * records take {@code equals}, {@code hashCode} and {@code toString} from here: by content, the data
 * shown in hex. Stateless; any thread.
 */
interface VerbatimResponse {
  MiHeader header();

  /** The bytes read (a copy). */
  byte[] data();

  /** Equal: the same record type with the same header and data. */
  static boolean same(VerbatimResponse a, Object o) {
    return o != null && o.getClass() == a.getClass() && o instanceof VerbatimResponse b
        && a.header().equals(b.header()) && Arrays.equals(a.data(), b.data());
  }

  static int hash(VerbatimResponse a) {
    return a.header().hashCode() * 31 + Arrays.hashCode(a.data());
  }

  /** {@code VpdReadResponse[0102]}. */
  static String show(VerbatimResponse a) {
    return a.getClass().getSimpleName() + "[" + HexFormat.of().formatHex(a.data()) + "]";
  }
}
