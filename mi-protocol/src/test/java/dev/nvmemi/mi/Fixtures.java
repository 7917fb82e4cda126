package dev.nvmemi.mi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Loads the commented hex fixtures under {@code src/test/resources/fixtures}: everything from a
 * {@code #} to the end of the line is a comment, whitespace is ignored, the rest is hex.
 */
public final class Fixtures {
  private Fixtures() {}

  /** The bytes of {@code fixtures/<path>}. */
  public static byte[] load(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses commented hex text. */
  public static byte[] parse(String text) {
    StringBuilder hex = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      int hash = line.indexOf('#');
      String data = hash >= 0 ? line.substring(0, hash) : line;
      hex.append(data.replaceAll("\\s+", ""));
    }
    return HexFormat.of().parseHex(hex.toString());
  }

  /** Lower-case hex of {@code b}. */
  public static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
