package dev.nvmemi.mi;

import dev.nvmemi.mi.admin.LogPageGuid;
import java.util.Objects;

/**
 * A GUID-tagged log page read at its LID carries another GUID than the layout expected (OCP
 * datacenter log C0h or C3h, {@code ocp-logs.md} §2 step 4): kind {@link MiErrorKind#GUID_MISMATCH}.
 * The GUID, not the LID, names a vendor log's layout, so nothing of the page is decoded. The message
 * names both GUIDs in the OCP specification's notation (the 128-bit number, as nvme-cli prints it),
 * and the other layout when the actual GUID is one this codec knows (e.g. the Hyperscale Boot SSD
 * extended SMART log, which also lives at C0h).
 *
 * <p>Thread-safe (immutable).
 */
public final class LogPageGuidMismatchException extends MiProtocolException {
  private static final long serialVersionUID = 1L;

  private final String page;
  private final LogPageGuid expected;
  private final LogPageGuid actual;

  /**
   * @param page the page that was being decoded, e.g. "OCP SMART / Health Information Extended log (C0h)"
   * @param expected the GUID the layout requires
   * @param actual the GUID found in the page
   */
  public LogPageGuidMismatchException(String page, LogPageGuid expected, LogPageGuid actual) {
    super(MiErrorKind.GUID_MISMATCH, page + ": log page GUID " + actual
        + actual.knownName().map(n -> " (" + n + ")").orElse("") + " (expected: " + expected + ", "
        + expected.knownName().orElse("?") + ")");
    this.page = Objects.requireNonNull(page, "page");
    this.expected = expected;
    this.actual = actual;
  }

  /** The page that was being decoded. */
  public String page() {
    return page;
  }

  /** The GUID the layout requires. */
  public LogPageGuid expected() {
    return expected;
  }

  /** The GUID the page carries. */
  public LogPageGuid actual() {
    return actual;
  }
}
