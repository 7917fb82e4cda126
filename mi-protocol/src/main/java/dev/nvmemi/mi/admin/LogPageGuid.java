package dev.nvmemi.mi.admin;

import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The 128-bit GUID that tags an OCP datacenter log page ({@code ocp-logs.md} §2 step 4, §5). The OCP
 * specification writes it as one 128-bit number (e.g. {@code AFD514C97C6F4F9CA4F2BFEA2810AFC5h});
 * the page stores it little-endian, least-significant byte first ({@code C5 AF 10 28 …}). Equality
 * is equality of the 16 stored bytes; {@link #toString()} gives the number as nvme-cli displays it
 * ({@code 0xafd514c97c6f4f9ca4f2bfea2810afc5}).
 *
 * <p>Immutable; thread-safe.
 *
 * @param high the upper 64 bits of the number (stored bytes 15..8)
 * @param low the lower 64 bits of the number (stored bytes 7..0)
 */
public record LogPageGuid(long high, long low) {

  /** C0h, SMART / Health Information Extended (OCP DSSD). */
  public static final LogPageGuid OCP_SMART_EXTENDED = of("AFD514C97C6F4F9CA4F2BFEA2810AFC5");
  /** C3h, Latency Monitor (OCP DSSD). */
  public static final LogPageGuid OCP_LATENCY_MONITOR = of("85D45E58D4E643709C6C84D08CC07A92");
  /** C0h with another layout: the Hyperscale Boot SSD extended SMART log (LPV 1). */
  public static final LogPageGuid HYPERSCALE_BOOT_SSD_SMART = of("C46DD7920F1E4266A178D8AC78884365");
  /** C1h, Error Recovery (OCP DSSD). */
  public static final LogPageGuid OCP_ERROR_RECOVERY = of("5A1983BA3DFD4DABAE3430FE2131D944");
  /** C2h, Firmware Activation History (OCP DSSD, obsolete since 2.5). */
  public static final LogPageGuid OCP_FIRMWARE_ACTIVATION_HISTORY = of("D11CF3AC8AB24DE2A3F6DAB4769A796D");
  /** C4h, Device Capabilities (OCP DSSD). */
  public static final LogPageGuid OCP_DEVICE_CAPABILITIES = of("B7053C914B58495D98C9E1D10D054297");
  /** C5h, Unsupported Requirements (OCP DSSD). */
  public static final LogPageGuid OCP_UNSUPPORTED_REQUIREMENTS = of("C7BB98B7D0324863BB2C23990E9C722F");
  /** C7h, TCG Configuration (OCP DSSD). */
  public static final LogPageGuid OCP_TCG_CONFIGURATION = of("54E02A9DFA5447C083E6E07EBD244006");

  private static final Map<LogPageGuid, String> NAMES = Map.of(
      OCP_SMART_EXTENDED, "OCP SMART / Health Information Extended log",
      OCP_LATENCY_MONITOR, "OCP Latency Monitor log",
      HYPERSCALE_BOOT_SSD_SMART, "Hyperscale Boot SSD extended SMART log",
      OCP_ERROR_RECOVERY, "OCP Error Recovery log",
      OCP_FIRMWARE_ACTIVATION_HISTORY, "OCP Firmware Activation History log",
      OCP_DEVICE_CAPABILITIES, "OCP Device Capabilities log",
      OCP_UNSUPPORTED_REQUIREMENTS, "OCP Unsupported Requirements log",
      OCP_TCG_CONFIGURATION, "OCP TCG Configuration log");

  /**
   * The GUID in the specification's notation: 32 hex digits, most significant first.
   *
   * @throws IllegalArgumentException unless {@code hex} is 32 hex digits
   */
  public static LogPageGuid of(String hex) {
    if (hex.length() != 32) {
      throw new IllegalArgumentException("GUID: " + hex.length() + " hex digits (expected: 32)");
    }
    return new LogPageGuid(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
  }

  /** The GUID stored least-significant byte first in {@code page} at {@code offset} (16 bytes). */
  public static LogPageGuid read(byte[] page, int offset) {
    return new LogPageGuid(LittleEndian.u64(page, offset + 8), LittleEndian.u64(page, offset));
  }

  /** Stores the GUID least-significant byte first into {@code page} at {@code offset}. */
  public void write(byte[] page, int offset) {
    LittleEndian.put64(page, offset, low);
    LittleEndian.put64(page, offset + 8, high);
  }

  /** The 16 bytes as stored in a page, lower-case hex (nvme-cli's order in its mismatch message). */
  public String storedHex() {
    byte[] b = new byte[16];
    write(b, 0);
    return HexFormat.of().formatHex(b);
  }

  /** The name of the log this GUID tags, when it is one of the constants. */
  public Optional<String> knownName() {
    return Optional.ofNullable(NAMES.get(this));
  }

  /** {@code 0x} and the 32 hex digits of the number, most significant first (nvme-cli's display). */
  @Override
  public String toString() {
    return "0x" + HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
  }
}
