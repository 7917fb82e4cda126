package dev.nvmemi.mi;

import java.util.Locale;

/**
 * The NVMe-MI specification revision a message is read under. It changes no byte the codec
 * accepts or produces: it decides which <em>names</em> the rendered form of a structure uses
 * (NVMe-MI 2.1 / TP6039 renamed the Composite Controller Status field to CCSF, its bit 13 to
 * TCIDAF and the Controller Health Status Changed field to CHSCF) and which fields exist to be named
 * (the admin Ignore Shutdown flag, CFLGS bit 2). See {@link Since} and {@link RenamedIn}.
 *
 * <p>An endpoint reports its revision in the NVM Subsystem Information data structure (MJR, MNR):
 * {@link #of(int, int)}. Enum; thread-safe.
 */
public enum MiRevision {
  V1_0(1, 0), V1_1(1, 1), V1_2(1, 2), V2_0(2, 0), V2_1(2, 1);

  /** What the codec names fields after when nothing says otherwise: today's (2.0) names. */
  public static final MiRevision DEFAULT = V2_0;

  private final int major;
  private final int minor;

  MiRevision(int major, int minor) {
    this.major = major;
    this.minor = minor;
  }

  public int major() {
    return major;
  }

  public int minor() {
    return minor;
  }

  /** True when this revision is {@code other} or later. */
  public boolean atLeast(MiRevision other) {
    return compareTo(other) >= 0;
  }

  /**
   * The revision an endpoint reporting MJR.MNR follows: the latest known revision not newer than
   * it (a 2.2 endpoint is read with 2.1 names), {@link #V1_0} for anything older than 1.0.
   */
  public static MiRevision of(int mjr, int mnr) {
    MiRevision best = V1_0;
    for (MiRevision r : values()) {
      if (r.major < mjr || r.major == mjr && r.minor <= mnr) {
        best = r;
      }
    }
    return best;
  }

  /**
   * Parses {@code "2.1"} (also {@code "v2.1"}, {@code "V2_1"}).
   *
   * @throws IllegalArgumentException naming the value and the known revisions
   */
  public static MiRevision parse(String s) {
    String t = s.strip().toUpperCase(Locale.ROOT).replace('.', '_');
    if (!t.startsWith("V")) {
      t = "V" + t;
    }
    for (MiRevision r : values()) {
      if (r.name().equals(t)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown NVMe-MI revision \"" + s + "\" (expected: one of 1.0, 1.1, 1.2, 2.0, 2.1)");
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
