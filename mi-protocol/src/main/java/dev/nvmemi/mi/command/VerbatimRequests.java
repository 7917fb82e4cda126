package dev.nvmemi.mi.command;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * {@code equals}, {@code hashCode} and {@code toString} of the command records that carry request
 * data (a record compares an array by identity): by content, that is the record type, header,
 * opcode, NMD0, NMD1 and request data; the data shown in hex. Stateless; any thread.
 */
final class VerbatimRequests {
  private VerbatimRequests() {}

  /** Equal: the same record type with the same header, opcode, dwords and request data. */
  static boolean same(MiCommandRequest a, Object o) {
    return o != null && o.getClass() == a.getClass() && o instanceof MiCommandRequest b
        && a.header().equals(b.header()) && a.opcode() == b.opcode() && a.nmd0() == b.nmd0() && a.nmd1() == b.nmd1()
        && Arrays.equals(a.requestData(), b.requestData());
  }

  static int hash(MiCommandRequest a) {
    return ((a.header().hashCode() * 31 + a.opcode()) * 31 + a.nmd0()) * 31 + a.nmd1() * 17
        + Arrays.hashCode(a.requestData());
  }

  /**
   * {@code MebWrite[dofst=0, dlen=2, data=0102]}: NMD0 and NMD1 (unsigned) under the names the
   * record gives them.
   */
  static String show(MiCommandRequest a, String nmd0Name, String nmd1Name) {
    return a.getClass().getSimpleName() + "[" + nmd0Name + "=" + Integer.toUnsignedString(a.nmd0()) + ", "
        + nmd1Name + "=" + Integer.toUnsignedString(a.nmd1()) + ", data=" + HexFormat.of().formatHex(a.requestData())
        + "]";
  }
}
