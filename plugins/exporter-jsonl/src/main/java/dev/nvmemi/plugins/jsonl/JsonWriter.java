package dev.nvmemi.plugins.jsonl;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A small streaming JSON writer over a {@link StringBuilder}: objects, arrays, escaped strings and
 * numbers, with the commas placed for the caller. It exists so that the exporter needs no JSON
 * library at run time.
 *
 * <p>Not thread-safe: one instance per export call.
 */
final class JsonWriter {
  private final StringBuilder out;
  /** Whether the next value at the current nesting level needs a leading comma. */
  private boolean needComma;

  JsonWriter(StringBuilder out) {
    this.out = out;
  }

  JsonWriter beginObject() {
    separator();
    out.append('{');
    needComma = false;
    return this;
  }

  JsonWriter endObject() {
    out.append('}');
    needComma = true;
    return this;
  }

  JsonWriter beginArray() {
    separator();
    out.append('[');
    needComma = false;
    return this;
  }

  JsonWriter endArray() {
    out.append(']');
    needComma = true;
    return this;
  }

  /** Writes an object key; the next call writes its value. */
  JsonWriter name(String name) {
    separator();
    string(out, name);
    out.append(':');
    needComma = false;
    return this;
  }

  JsonWriter value(String value) {
    separator();
    if (value == null) {
      out.append("null");
    } else {
      string(out, value);
    }
    needComma = true;
    return this;
  }

  JsonWriter value(long value) {
    separator();
    out.append(value);
    needComma = true;
    return this;
  }

  JsonWriter value(boolean value) {
    separator();
    out.append(value);
    needComma = true;
    return this;
  }

  /**
   * Writes a double. JSON has no NaN or infinities, so those are written as the strings
   * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"} (the OTLP/JSON convention).
   */
  JsonWriter value(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return value(Double.toString(value));
    }
    separator();
    out.append(value);
    needComma = true;
    return this;
  }

  JsonWriter field(String name, String value) {
    return name(name).value(value);
  }

  JsonWriter field(String name, long value) {
    return name(name).value(value);
  }

  JsonWriter field(String name, double value) {
    return name(name).value(value);
  }

  JsonWriter field(String name, boolean value) {
    return name(name).value(value);
  }

  /** Writes attributes as one JSON object, keys in the attributes' own (sorted) order. */
  JsonWriter attributes(Attributes attributes) {
    beginObject();
    attributes.forEach((key, v) -> {
      name(key.getKey());
      attributeValue(key, v);
    });
    return endObject();
  }

  private void attributeValue(AttributeKey<?> key, Object v) {
    switch (key.getType()) {
      case STRING:
        value((String) v);
        break;
      case BOOLEAN:
        value((Boolean) v);
        break;
      case LONG:
        value((Long) v);
        break;
      case DOUBLE:
        value((Double) v);
        break;
      case STRING_ARRAY:
      case BOOLEAN_ARRAY:
      case LONG_ARRAY:
      case DOUBLE_ARRAY:
        beginArray();
        for (Object element : (List<?>) v) {
          scalar(element);
        }
        endArray();
        break;
      case VALUE:
        anyValue((Value<?>) v);
        break;
      default:
        value(String.valueOf(v));
        break;
    }
  }

  private void scalar(Object element) {
    if (element instanceof String) {
      value((String) element);
    } else if (element instanceof Boolean) {
      value((boolean) (Boolean) element);
    } else if (element instanceof Long) {
      value((long) (Long) element);
    } else if (element instanceof Double) {
      value((double) (Double) element);
    } else {
      value(String.valueOf(element));
    }
  }

  /** Writes an OpenTelemetry {@link Value} (log bodies, complex attributes); bytes as base64. */
  JsonWriter anyValue(Value<?> v) {
    if (v == null) {
      separator();
      out.append("null");
      needComma = true;
      return this;
    }
    switch (v.getType()) {
      case STRING:
        return value((String) v.getValue());
      case BOOLEAN:
        return value((boolean) (Boolean) v.getValue());
      case LONG:
        return value((long) (Long) v.getValue());
      case DOUBLE:
        return value((double) (Double) v.getValue());
      case BYTES: {
        ByteBuffer buffer = ((ByteBuffer) v.getValue()).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return value(Base64.getEncoder().encodeToString(bytes));
      }
      case ARRAY: {
        beginArray();
        for (Object element : (List<?>) v.getValue()) {
          anyValue((Value<?>) element);
        }
        return endArray();
      }
      case KEY_VALUE_LIST: {
        beginObject();
        for (Object element : (List<?>) v.getValue()) {
          KeyValue kv = (KeyValue) element;
          name(kv.getKey());
          anyValue(kv.getValue());
        }
        return endObject();
      }
      default:
        separator();
        out.append("null");
        needComma = true;
        return this;
    }
  }

  /** Writes a string-to-string map as an object. */
  JsonWriter stringMap(Map<String, String> map) {
    beginObject();
    map.forEach(this::field);
    return endObject();
  }

  private void separator() {
    if (needComma) {
      out.append(',');
    }
  }

  /** Appends {@code s} as a JSON string literal (RFC 8259 §7), escaping controls and lone surrogates. */
  static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default:
          if (c < 0x20 || c == 0x2028 || c == 0x2029 || isLoneSurrogate(s, i)) {
            // U+2028/2029 are legal JSON but break JavaScript line readers; a lone surrogate would
            // become '?' in UTF-8 and silently change the text, so keep it visible as an escape.
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  private static boolean isLoneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
