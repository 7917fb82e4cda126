package dev.nvmemi.mi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The spec's known-answer vectors, a copy of {@code shared/spec/vectors.json} kept in the test
 * resources so that the tests run on a clean clone without the shared folder.
 */
public final class Vectors {
  private static final Map<String, Vector> ALL = load();

  /** One vector: hex decoded, expectations as JSON. */
  public record Vector(String name, byte[] request, byte[] response, JsonNode expected) {}

  private Vectors() {}

  public static Vector get(String name) {
    Vector v = ALL.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no vector " + name);
    }
    return v;
  }

  public static Map<String, Vector> all() {
    return ALL;
  }

  private static Map<String, Vector> load() {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      Map<String, Vector> m = new LinkedHashMap<>();
      for (JsonNode v : root) {
        m.put(v.get("name").asText(), new Vector(v.get("name").asText(), hex(v.get("request_hex")),
            hex(v.get("response_hex")), v.get("expected")));
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] hex(JsonNode n) {
    return n == null || n.isNull() ? null : HexFormat.of().parseHex(n.asText());
  }
}
