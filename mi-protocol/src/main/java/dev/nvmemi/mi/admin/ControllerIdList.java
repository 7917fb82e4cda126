package dev.nvmemi.mi.admin;

import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Controller List, the 4096-byte result of Identify CNS 12h (controllers attached to a namespace)
 * and 13h (controllers in the NVM subsystem): NUMIDS (LE16) then NUMIDS controller IDs (LE16).
 *
 *
 * <p>Immutable (arrays are copied in and out); usable from any thread.
 *
 * @param ids the controller IDs
 */
public record ControllerIdList(List<Integer> ids) implements AdminPayload {

  /** Size of the list. */
  public static final int LENGTH = 4096;
  /** Most identifiers. */
  public static final int MAX_IDS = 2047;

  public ControllerIdList {
    Objects.requireNonNull(ids, "ids");
    if (ids.size() > MAX_IDS) {
      throw new IllegalArgumentException("ids: " + ids.size() + " (expected: at most " + MAX_IDS + ")");
    }
    for (Integer id : ids) {
      LittleEndian.checkBits(Objects.requireNonNull(id, "id"), 16, "id");
    }
    ids = List.copyOf(ids);
  }

  /**
   * Decodes the 4096-byte list.
   *
   * @throws MiProtocolException {@code LENGTH_MISMATCH} unless {@code data} is 4096 bytes;
   *     {@code INVALID_FIELD} when NUMIDS exceeds 2047
   */
  public static ControllerIdList decode(byte[] data) {
    if (data.length != LENGTH) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH,
          "controller list length: " + data.length + " bytes (expected: " + LENGTH + ")");
    }
    int n = LittleEndian.u16(data, 0);
    if (n > MAX_IDS) {
      throw new MiProtocolException(MiErrorKind.INVALID_FIELD,
          "controller list NUMIDS: " + n + " (expected: 0 ~ " + MAX_IDS + ")");
    }
    List<Integer> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(LittleEndian.u16(data, 2 + 2 * i));
    }
    return new ControllerIdList(list);
  }

  /** The 4096 bytes. */
  public byte[] encode() {
    byte[] b = new byte[LENGTH];
    LittleEndian.put16(b, 0, ids.size());
    for (int i = 0; i < ids.size(); i++) {
      LittleEndian.put16(b, 2 + 2 * i, ids.get(i));
    }
    return b;
  }
}
