package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.internal.LittleEndian;
import java.util.ArrayList;
import java.util.List;

/**
 * Controller List (DTYP 02h, spec sheet §3.3): NUMIDS then NUMIDS controller IDs, 2 + 2·N bytes,
 * not padded. Immutable.
 *
 * @param numids number of identifiers (bytes 0–1), at most {@value #MAX_IDS}
 * @param ids the controller IDs in the order sent (ascending per spec)
 */
public record ControllerList(int numids, List<Integer> ids) implements DataStructure {
  /** Largest NUMIDS. */
  public static final int MAX_IDS = 2047;

  public ControllerList {
    checkRange("numids", numids, MAX_IDS);
    ids = List.copyOf(ids);
    if (ids.size() != numids) {
      throw new IllegalArgumentException("numids " + numids + " but " + ids.size() + " ids");
    }
    for (int id : ids) {
      checkRange("controller id", id, 0xFFFF);
    }
  }

  /** A list of these IDs. */
  public static ControllerList of(List<Integer> ids) {
    return new ControllerList(ids.size(), ids);
  }

  public static ControllerList decode(byte[] d) {
    Structures.requireAtLeast("controller list", d, 2);
    int n = LittleEndian.u16(d, 0);
    if (n > MAX_IDS) {
      throw new MiProtocolException(MiErrorKind.INVALID_FIELD,
          "controller list NUMIDS " + n + " (expected: 0 ~ 2047)");
    }
    Structures.requireLength("controller list with NUMIDS " + n, d, 2 + 2 * n);
    List<Integer> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(LittleEndian.u16(d, 2 + 2 * i));
    }
    return new ControllerList(n, ids);
  }

  @Override
  public byte[] encode() {
    byte[] b = new byte[2 + 2 * numids];
    LittleEndian.put16(b, 0, numids);
    for (int i = 0; i < numids; i++) {
      LittleEndian.put16(b, 2 + 2 * i, ids.get(i));
    }
    return b;
  }

  @Override
  public DataStructureType type() {
    return DataStructureType.CONTROLLER_LIST;
  }
}
