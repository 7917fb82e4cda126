package dev.nvmemi.mi.admin;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The UUID List, the 4096-byte result of Identify CNS 17h ({@code ocp-logs.md} §2 step 2): entry i
 * (0-based) at 32 + 32·i, byte 0 bits 1:0 the association, bytes 16..31 the UUID in written order;
 * the list ends at the first all-zero UUID (at most 127 entries). A vendor-specific log page or
 * feature is reached with UUID index i + 1 in CDW14; index 0 means "no UUID selection".
 *
 * <p>Immutable; usable from any thread.
 *
 * @param entries the entries before the first zero UUID
 */
public record UuidList(List<Entry> entries) implements AdminPayload {

  /** Size of the list. */
  public static final int LENGTH = 4096;
  /** Most entries (indexes 1..127). */
  public static final int MAX_ENTRIES = 127;
  /** The OCP datacenter UUID, C194D55B-E094-4794-A21D-29998F56BE6F (OCP DSSD UUID-1). */
  public static final UUID OCP = UUID.fromString("c194d55b-e094-4794-a21d-29998f56be6f");

  /**
   * One UUID list entry.
   *
   * @param association byte 0 bits 1:0: 0 no association, 1 vendor ID, 2 subsystem vendor ID
   * @param uuid the UUID (bytes 16..31, written order)
   */
  public record Entry(int association, UUID uuid) {
    public Entry {
      LittleEndian.checkBits(association, 2, "association");
      Objects.requireNonNull(uuid, "uuid");
      if (uuid.getMostSignificantBits() == 0 && uuid.getLeastSignificantBits() == 0) {
        throw new IllegalArgumentException("uuid: all zero (expected: a UUID; zero ends the list)");
      }
    }
  }

  public UuidList {
    Objects.requireNonNull(entries, "entries");
    if (entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("entries: " + entries.size() + " (expected: at most " + MAX_ENTRIES + ")");
    }
    entries = List.copyOf(entries);
  }

  /**
   * Decodes the 4096-byte list.
   *
   * @throws MiProtocolException {@code LENGTH_MISMATCH} unless {@code data} is 4096 bytes
   */
  public static UuidList decode(byte[] data) {
    if (data.length != LENGTH) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH,
          "UUID list length: " + data.length + " bytes (expected: " + LENGTH + ")");
    }
    List<Entry> list = new ArrayList<>();
    for (int i = 0; i < MAX_ENTRIES; i++) {
      int off = 32 + 32 * i;
      long msb = be64(data, off + 16);
      long lsb = be64(data, off + 24);
      if (msb == 0 && lsb == 0) {
        break;
      }
      list.add(new Entry(data[off] & 0x03, new UUID(msb, lsb)));
    }
    return new UuidList(list);
  }

  /** The 4096 bytes. */
  public byte[] encode() {
    byte[] b = new byte[LENGTH];
    for (int i = 0; i < entries.size(); i++) {
      int off = 32 + 32 * i;
      b[off] = (byte) entries.get(i).association();
      putBe64(b, off + 16, entries.get(i).uuid().getMostSignificantBits());
      putBe64(b, off + 24, entries.get(i).uuid().getLeastSignificantBits());
    }
    return b;
  }

  /**
   * The UUID index (1-based) of the first entry with {@code uuid} and association 00b, or 0 when there
   * is none (the index that then reaches a vendor page without UUID selection).
   */
  public int indexOf(UUID uuid) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).association() == 0 && entries.get(i).uuid().equals(uuid)) {
        return i + 1;
      }
    }
    return 0;
  }

  /** The UUID index of the OCP datacenter logs: {@link #indexOf}({@link #OCP}), 0 when not listed. */
  @Derived
  public int ocpUuidIndex() {
    return indexOf(OCP);
  }

  private static long be64(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = v << 8 | (b[off + i] & 0xFF);
    }
    return v;
  }

  private static void putBe64(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }
}
