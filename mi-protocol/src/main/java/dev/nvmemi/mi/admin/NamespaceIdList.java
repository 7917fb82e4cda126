package dev.nvmemi.mi.admin;

import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Namespace ID list, the 4096-byte result of Identify CNS 02h/07h (active) and 10h/1Ah
 * (allocated): up to 1024 LE32 NSIDs in increasing order, ended by the first zero.
 *
 * <p>Immutable (arrays are copied in and out); usable from any thread.
 *
 * @param nsids the listed NSIDs (without the terminating zeros)
 */
public record NamespaceIdList(List<Long> nsids) implements AdminPayload {

  /** Size of the list. */
  public static final int LENGTH = 4096;
  /** Most entries. */
  public static final int MAX_ENTRIES = 1024;

  public NamespaceIdList {
    Objects.requireNonNull(nsids, "nsids");
    if (nsids.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("nsids: " + nsids.size() + " (expected: at most " + MAX_ENTRIES + ")");
    }
    for (Long n : nsids) {
      if (n == null || n <= 0 || n > 0xFFFFFFFFL) {
        throw new IllegalArgumentException("nsid: " + n + " (expected: 1 ~ 4294967295)");
      }
    }
    nsids = List.copyOf(nsids);
  }

  /**
   * Decodes the 4096-byte list.
   *
   * @throws MiProtocolException {@code LENGTH_MISMATCH} unless {@code data} is 4096 bytes
   */
  public static NamespaceIdList decode(byte[] data) {
    if (data.length != LENGTH) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH,
          "namespace ID list length: " + data.length + " bytes (expected: " + LENGTH + ")");
    }
    List<Long> list = new ArrayList<>();
    for (int off = 0; off < LENGTH; off += 4) {
      long n = LittleEndian.u32(data, off);
      if (n == 0) {
        break;
      }
      list.add(n);
    }
    return new NamespaceIdList(list);
  }

  /** The 4096 bytes, zero padded. */
  public byte[] encode() {
    byte[] b = new byte[LENGTH];
    for (int i = 0; i < nsids.size(); i++) {
      LittleEndian.put32(b, 4 * i, nsids.get(i));
    }
    return b;
  }
}
