package dev.nvmemi.simulator.scenario;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader (RFC 8259) for scenario files, so the simulator needs no JSON or
 * YAML library. Strict means: no comments, no trailing commas, no duplicate keys, no leading zeros,
 * no control characters in strings, nothing after the top-level value. Every value remembers the
 * line and column where it starts, so semantic errors can point at it too.
 *
 * <p>Stateless facade; each {@link #parse(String)} call uses its own parser. Thread-safe.
 */
public final class Json {
  private Json() {}

  /** A parsed value with the position (1-based line and column) where it starts. */
  public sealed interface Value permits Obj, Arr, Str, Num, Bool, Null {
    int line();

    int column();

    /** "line L, column C" for error messages. */
    default String where() {
      return "line " + line() + ", column " + column();
    }

    /** The JSON type name used in error messages. */
    String typeName();
  }

  /** A JSON object; member order is kept. */
  public record Obj(Map<String, Value> members, Map<String, int[]> keyPositions, int line, int column)
      implements Value {
    @Override
    public String typeName() {
      return "object";
    }
  }

  /** A JSON array. */
  public record Arr(List<Value> items, int line, int column) implements Value {
    @Override
    public String typeName() {
      return "array";
    }
  }

  /** A JSON string. */
  public record Str(String value, int line, int column) implements Value {
    @Override
    public String typeName() {
      return "string";
    }
  }

  /** A JSON number, kept exact. */
  public record Num(BigDecimal value, int line, int column) implements Value {
    @Override
    public String typeName() {
      return "number";
    }
  }

  /** {@code true} or {@code false}. */
  public record Bool(boolean value, int line, int column) implements Value {
    @Override
    public String typeName() {
      return "boolean";
    }
  }

  /** {@code null}. */
  public record Null(int line, int column) implements Value {
    @Override
    public String typeName() {
      return "null";
    }
  }

  /**
   * Parses one JSON document.
   *
   * @throws ScenarioException with line and column on the first syntax error
   */
  public static Value parse(String text) {
    Parser p = new Parser(text);
    p.skipWs();
    Value v = p.value(0);
    p.skipWs();
    if (p.pos < text.length()) {
      throw p.error("unexpected content after the JSON value: '" + p.describeChar() + "' (expected: end of input)");
    }
    return v;
  }

  private static final class Parser {
    private static final int MAX_DEPTH = 64;
    private final String s;
    private int pos;
    private int line = 1;
    private int lineStart;

    Parser(String s) {
      this.s = s;
    }

    ScenarioException error(String msg) {
      return new ScenarioException(msg + " at line " + line + ", column " + (pos - lineStart + 1));
    }

    String describeChar() {
      if (pos >= s.length()) {
        return "end of input";
      }
      char c = s.charAt(pos);
      return c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    void skipWs() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '\n') {
          pos++;
          line++;
          lineStart = pos;
        } else if (c == ' ' || c == '\t' || c == '\r') {
          pos++;
        } else {
          return;
        }
      }
    }

    Value value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nesting too deep: more than " + MAX_DEPTH + " levels");
      }
      if (pos >= s.length()) {
        throw error("unexpected end of input (expected: a value)");
      }
      int l = line;
      int c = pos - lineStart + 1;
      char ch = s.charAt(pos);
      switch (ch) {
        case '{': return object(depth, l, c);
        case '[': return array(depth, l, c);
        case '"': return new Str(string(), l, c);
        case 't': literal("true"); return new Bool(true, l, c);
        case 'f': literal("false"); return new Bool(false, l, c);
        case 'n': literal("null"); return new Null(l, c);
        default:
          if (ch == '-' || (ch >= '0' && ch <= '9')) {
            return new Num(number(), l, c);
          }
          throw error("unexpected character '" + describeChar() + "' (expected: a value)");
      }
    }

    void literal(String word) {
      if (!s.startsWith(word, pos)) {
        throw error("unknown literal (expected: " + word + ")");
      }
      pos += word.length();
    }

    Obj object(int depth, int l, int c) {
      pos++;
      Map<String, Value> members = new LinkedHashMap<>();
      Map<String, int[]> keyPos = new LinkedHashMap<>();
      skipWs();
      if (peek() == '}') {
        pos++;
        return new Obj(Collections.unmodifiableMap(members), keyPos, l, c);
      }
      while (true) {
        skipWs();
        if (peek() != '"') {
          throw error("unexpected '" + describeChar() + "' (expected: a member name in double quotes)");
        }
        int kl = line;
        int kc = pos - lineStart + 1;
        String key = string();
        if (members.containsKey(key)) {
          pos = pos - key.length() - 2;
          throw new ScenarioException("duplicate member \"" + key + "\" at line " + kl + ", column " + kc);
        }
        skipWs();
        if (peek() != ':') {
          throw error("unexpected '" + describeChar() + "' (expected: ':')");
        }
        pos++;
        skipWs();
        members.put(key, value(depth + 1));
        keyPos.put(key, new int[] {kl, kc});
        skipWs();
        char n = peek();
        if (n == ',') {
          pos++;
          skipWs();
          if (peek() == '}') {
            throw error("trailing comma (expected: another member)");
          }
        } else if (n == '}') {
          pos++;
          return new Obj(Collections.unmodifiableMap(members), keyPos, l, c);
        } else {
          throw error("unexpected '" + describeChar() + "' (expected: ',' or '}')");
        }
      }
    }

    Arr array(int depth, int l, int c) {
      pos++;
      List<Value> items = new ArrayList<>();
      skipWs();
      if (peek() == ']') {
        pos++;
        return new Arr(List.copyOf(items), l, c);
      }
      while (true) {
        skipWs();
        items.add(value(depth + 1));
        skipWs();
        char n = peek();
        if (n == ',') {
          pos++;
          skipWs();
          if (peek() == ']') {
            throw error("trailing comma (expected: another value)");
          }
        } else if (n == ']') {
          pos++;
          return new Arr(List.copyOf(items), l, c);
        } else {
          throw error("unexpected '" + describeChar() + "' (expected: ',' or ']')");
        }
      }
    }

    char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    String string() {
      pos++;
      StringBuilder b = new StringBuilder();
      while (true) {
        if (pos >= s.length()) {
          throw error("unterminated string (expected: '\"')");
        }
        char ch = s.charAt(pos);
        if (ch == '"') {
          pos++;
          return b.toString();
        }
        if (ch < 0x20) {
          throw error("control character " + describeChar() + " in a string (expected: an escape such as \\n)");
        }
        if (ch == '\\') {
          pos++;
          char e = peek();
          switch (e) {
            case '"': b.append('"'); break;
            case '\\': b.append('\\'); break;
            case '/': b.append('/'); break;
            case 'b': b.append('\b'); break;
            case 'f': b.append('\f'); break;
            case 'n': b.append('\n'); break;
            case 'r': b.append('\r'); break;
            case 't': b.append('\t'); break;
            case 'u':
              if (pos + 5 > s.length()) {
                throw error("truncated \\u escape (expected: 4 hex digits)");
              }
              int cp = 0;
              for (int i = 1; i <= 4; i++) {
                int d = Character.digit(s.charAt(pos + i), 16);
                if (d < 0) {
                  pos += i;
                  throw error("bad hex digit '" + describeChar() + "' in \\u escape (expected: 0-9, a-f)");
                }
                cp = cp << 4 | d;
              }
              b.append((char) cp);
              pos += 4;
              break;
            default:
              throw error("bad escape '\\" + describeChar() + "' (expected: one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)");
          }
          pos++;
        } else {
          b.append(ch);
          pos++;
        }
      }
    }

    BigDecimal number() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (peek() == '0') {
        pos++;
        if (Character.isDigit(peek())) {
          throw error("leading zero in a number (expected: 0 or a digit 1-9 first)");
        }
      } else if (Character.isDigit(peek())) {
        while (Character.isDigit(peek())) {
          pos++;
        }
      } else {
        throw error("bad number: '" + describeChar() + "' after '-' (expected: a digit)");
      }
      if (peek() == '.') {
        pos++;
        if (!Character.isDigit(peek())) {
          throw error("bad number: no digit after '.' (expected: a digit)");
        }
        while (Character.isDigit(peek())) {
          pos++;
        }
      }
      if (peek() == 'e' || peek() == 'E') {
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        if (!Character.isDigit(peek())) {
          throw error("bad number: no digit in the exponent (expected: a digit)");
        }
        while (Character.isDigit(peek())) {
          pos++;
        }
      }
      return new BigDecimal(s.substring(start, pos));
    }
  }
}
