package dev.nvmemi.transport.discovery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One statically configured endpoint: {@code net:eid} with an optional link name, written
 * {@code 1:9} or {@code 1:9@mctpi2c3}. For hosts without mctpd. Immutable.
 *
 * @param key (network, EID)
 * @param bus the MCTP link, or {@code null} when not given
 */
public record StaticEndpoint(EndpointKey key, String bus) {
  // Linux interface names: 1-15 bytes, no '/', ':', whitespace or '@' (the separator here).
  private static final Pattern FORM = Pattern.compile("(\\d{1,10}):(\\d{1,3})(?:@([^\\s/:@]{1,15}))?");

  public StaticEndpoint {
    Objects.requireNonNull(key, "key");
  }

  /**
   * Parses one entry ({@code net:eid[@bus]}).
   *
   * @throws IllegalArgumentException naming the entry and the expected form
   */
  public static StaticEndpoint parse(String entry) {
    String s = entry == null ? "" : entry.strip();
    Matcher m = FORM.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("bad static endpoint \"" + s
          + "\" (expected: net:eid or net:eid@bus, e.g. 1:9 or 1:9@mctpi2c3)");
    }
    long net = Long.parseLong(m.group(1));
    int eid = Integer.parseInt(m.group(2));
    try {
      return new StaticEndpoint(new EndpointKey(net, eid), m.group(3));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad static endpoint \"" + s + "\": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a list: entries separated by commas or whitespace; an empty string is an empty list.
   *
   * @throws IllegalArgumentException for a bad entry or a (network, EID) listed twice
   */
  public static List<StaticEndpoint> parseList(String list) {
    List<StaticEndpoint> out = new ArrayList<>();
    if (list == null || list.isBlank()) {
      return out;
    }
    for (String part : list.strip().split("[,\\s]+")) {
      out.add(parse(part));
    }
    return checkDistinct(out);
  }

  /** Parses a list of entries (as a YAML list gives them). */
  public static List<StaticEndpoint> parseAll(List<String> entries) {
    List<StaticEndpoint> out = new ArrayList<>();
    for (String e : entries) {
      out.add(parse(e));
    }
    return checkDistinct(out);
  }

  private static List<StaticEndpoint> checkDistinct(List<StaticEndpoint> list) {
    Set<EndpointKey> seen = new HashSet<>();
    for (StaticEndpoint e : list) {
      if (!seen.add(e.key())) {
        throw new IllegalArgumentException("static endpoint " + e.key() + " listed twice (expected: each net:eid once)");
      }
    }
    return List.copyOf(list);
  }

  @Override
  public String toString() {
    return key + (bus == null ? "" : "@" + bus);
  }
}
