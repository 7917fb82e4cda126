package dev.nvmemi.mi.admin;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Error Information log (LID 01h): ELPE + 1 entries of 64 bytes (spec sheet §7.3), newest
 * first as the controller returns them. Immutable; thread-safe.
 *
 * @param entries the entries, unused ones (Error Count 0) included
 */
public record ErrorLog(List<ErrorLogEntry> entries) implements AdminPayload {

  public ErrorLog {
    Objects.requireNonNull(entries, "entries");
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("entries: none (expected: at least one entry)");
    }
    entries = List.copyOf(entries);
  }

  /**
   * Decodes a log read of one or more whole entries.
   *
   * @throws MiProtocolException {@code LENGTH_MISMATCH} unless the data is a non-zero multiple of 64 bytes
   */
  public static ErrorLog decode(byte[] data) {
    if (data.length == 0 || data.length % ErrorLogEntry.LENGTH != 0) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH, "Error Information log length: " + data.length
          + " bytes (expected: a non-zero multiple of " + ErrorLogEntry.LENGTH + ")");
    }
    List<ErrorLogEntry> list = new ArrayList<>(data.length / ErrorLogEntry.LENGTH);
    for (int off = 0; off < data.length; off += ErrorLogEntry.LENGTH) {
      list.add(ErrorLogEntry.decode(data, off));
    }
    return new ErrorLog(list);
  }

  /** The log bytes: 64 per entry. */
  public byte[] encode() {
    byte[] b = new byte[entries.size() * ErrorLogEntry.LENGTH];
    for (int i = 0; i < entries.size(); i++) {
      entries.get(i).encode(b, i * ErrorLogEntry.LENGTH);
    }
    return b;
  }

  /** The entries in use (Error Count ≠ 0). */
  @Derived
  public List<ErrorLogEntry> usedEntries() {
    return entries.stream().filter(ErrorLogEntry::used).toList();
  }
}
