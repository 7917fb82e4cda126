package dev.nvmemi.mi.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nvmemi.mi.internal.Mic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Test data of the admin tunnel: commented hex fixtures under {@code fixtures/admin/} ("#" starts a
 * comment, whitespace is ignored, {@code XX*N} repeats byte XX N times), this module's copy of the
 * shared {@code admin_*} vectors, and hand-built response messages (built byte by byte, never with
 * the encoder under test).
 */
final class AdminFixtures {
  private static final HexFormat HEX = HexFormat.of();

  private AdminFixtures() {}

  /** The bytes of {@code fixtures/admin/<name>}. */
  static byte[] load(String name) {
    try (InputStream in = AdminFixtures.class.getResourceAsStream("/fixtures/admin/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture admin/" + name);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses commented hex text with {@code XX*N} repetition. */
  static byte[] parse(String text) {
    StringBuilder hex = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      int hash = line.indexOf('#');
      String data = hash >= 0 ? line.substring(0, hash) : line;
      for (String token : data.trim().split("\\s+")) {
        if (token.isEmpty()) {
          continue;
        }
        int star = token.indexOf('*');
        if (star >= 0) {
          String b = token.substring(0, star);
          int n = Integer.parseInt(token.substring(star + 1));
          hex.append(b.repeat(n));
        } else {
          hex.append(token);
        }
      }
    }
    return HEX.parseHex(hex.toString());
  }

  static byte[] hex(String s) {
    return HEX.parseHex(s.replaceAll("\\s+", ""));
  }

  static String hex(byte[] b) {
    return HEX.formatHex(b);
  }

  /** One shared vector (this module's copy in {@code fixtures/admin/admin-vectors.json}). */
  static JsonNode vector(String name) {
    try (InputStream in = AdminFixtures.class.getResourceAsStream("/fixtures/admin/admin-vectors.json")) {
      for (JsonNode v : new ObjectMapper().readTree(in)) {
        if (v.get("name").asText().equals(name)) {
          return v;
        }
      }
      throw new IllegalArgumentException("no vector " + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] vectorRequest(String name) {
    return hex(vector(name).get("request_hex").asText());
  }

  static byte[] vectorResponse(String name) {
    return hex(vector(name).get("response_hex").asText());
  }

  /**
   * A complete admin response message built by hand: 84h, byte 1 = 90h | CSI, status, three
   * reserved bytes, DW0, DW1, DW3 (LE), data, MIC.
   */
  static byte[] adminResponse(int csi, int status, long dw0, long dw1, long dw3, byte[] data) {
    byte[] m = new byte[20 + data.length + 4];
    m[0] = (byte) 0x84;
    m[1] = (byte) (0x90 | csi);
    m[4] = (byte) status;
    putLe32(m, 8, dw0);
    putLe32(m, 12, dw1);
    putLe32(m, 16, dw3);
    System.arraycopy(data, 0, m, 20, data.length);
    Mic.seal(m);
    return m;
  }

  /** A successful admin response with data. */
  static byte[] adminSuccess(byte[] data) {
    return adminResponse(0, 0, 0, 0, 0, data);
  }

  /** A bare 8-byte (+ MIC) error response with status and NMRESP bytes 5–7. */
  static byte[] shortResponse(int byte1, int status, int b5, int b6, int b7) {
    byte[] m = {(byte) 0x84, (byte) byte1, 0, 0, (byte) status, (byte) b5, (byte) b6, (byte) b7, 0, 0, 0, 0};
    Mic.seal(m);
    return m;
  }

  /** Recomputes the MIC of a (mutated) message in place and returns it. */
  static byte[] resealed(byte[] m) {
    if (m.length >= 4) {
      Mic.seal(m);
    }
    return m;
  }

  static int le32(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
  }

  static void putLe32(byte[] b, int off, long v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }
}
