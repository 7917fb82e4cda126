package dev.nvmemi.agent.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders drives as a table in the manner of {@code nvme list}, for {@code status} and
 * {@code once --format table}: one line per drive, columns {@code BUS EID SERIAL MODEL FIRMWARE
 * STATE TEMP SPARE USED POLLED SINCE}, each as wide as its widest cell, two spaces apart, no
 * trailing blanks. A value that is not known now is {@code -}. {@code POLLED} is the age of the
 * last good health reading; {@code SINCE} is, for a drive that is not reachable, when it entered
 * its state (UTC, to the second).
 *
 * <p>With colour, the state cell alone is coloured with ANSI SGR codes (green {@code ok}, red
 * {@code failed}, {@code lost} and {@code removed}, yellow every other state); the padding stays
 * outside the codes, so columns line up as without colour.
 *
 * <p>Stateless; thread-safe.
 */
public final class DriveTable {
  static final String GREEN = "\u001b[32m";
  static final String YELLOW = "\u001b[33m";
  static final String RED = "\u001b[31m";
  static final String RESET = "\u001b[0m";

  private static final String[] HEADER = {
      "BUS", "EID", "SERIAL", "MODEL", "FIRMWARE", "STATE", "TEMP", "SPARE", "USED", "POLLED", "SINCE"};
  private static final int STATE_COLUMN = 5;
  private static final String UNKNOWN = "-";

  private DriveTable() {}

  /**
   * Whether to colour: only on a terminal, and never when {@code NO_COLOR} is set to a non-empty
   * value (https://no-color.org).
   */
  public static boolean colour(Map<String, String> env, boolean terminal) {
    String noColor = env.get("NO_COLOR");
    return terminal && (noColor == null || noColor.isEmpty());
  }

  /** The table, header first, one line per drive in the given order, each line ending with '\n'. */
  public static String render(List<DriveRow> drives, boolean colour) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (DriveRow d : drives) {
      rows.add(cells(d));
    }
    int[] width = new int[HEADER.length];
    for (String[] r : rows) {
      for (int c = 0; c < r.length; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < r.length; c++) {
        if (c > 0) {
          line.append("  ");
        }
        boolean paint = colour && i > 0 && c == STATE_COLUMN;
        if (paint) {
          line.append(colourOf(r[c]));
        }
        line.append(r[c]);
        if (paint) {
          line.append(RESET);
        }
        line.append(" ".repeat(width[c] - r[c].length()));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String[] cells(DriveRow d) {
    return new String[] {
        d.bus(),
        Integer.toString(d.eid()),
        orUnknown(d.serialNumber()),
        orUnknown(d.model()),
        orUnknown(d.firmware()),
        d.state(),
        d.temperatureCelsius() == null ? UNKNOWN : d.temperatureCelsius() + "C",
        d.availableSparePercent() == null ? UNKNOWN : d.availableSparePercent() + "%",
        d.percentageUsed() == null ? UNKNOWN : d.percentageUsed() + "%",
        d.lastPollAgeSeconds() == null ? UNKNOWN : age(d.lastPollAgeSeconds()) + " ago",
        d.reachable() || d.since() == null ? UNKNOWN : instant(d.since())};
  }

  private static String colourOf(String state) {
    return switch (state) {
      case DriveRow.OK -> GREEN;
      case "failed", "lost", "removed" -> RED;
      default -> YELLOW;
    };
  }

  private static String orUnknown(String s) {
    return s == null || s.isBlank() ? UNKNOWN : s.strip();
  }

  /** A duration in its two largest units: {@code 4s}, {@code 1m05s}, {@code 2h03m}, {@code 3d07h}. */
  static String age(double seconds) {
    long s = (long) Math.floor(Math.max(0, seconds));
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
    return String.format(Locale.ROOT, "%dd%02dh", s / 86_400, s % 86_400 / 3600);
  }

  /** An ISO-8601 instant ({@link DriveRow} checked it) to the second. */
  private static String instant(String iso) {
    return Instant.parse(iso).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
