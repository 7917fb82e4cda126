package dev.nvmemi.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The chart README's "Values" table lists every value of values.yaml with its default, and nothing else. */
class ChartReadmeTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| `([^`]*)` \\|", Pattern.MULTILINE);

  /** Leaf paths of values.yaml (empty maps and lists are leaves) with their defaults, rendered as in the README. */
  static Map<String, String> leaves(Map<String, Object> values) {
    Map<String, String> out = new LinkedHashMap<>();
    walk("", values, out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void walk(String prefix, Object v, Map<String, String> out) {
    if (v instanceof Map<?, ?> m && !m.isEmpty()) {
      ((Map<String, Object>) m).forEach((k, child) -> walk(prefix.isEmpty() ? k : prefix + "." + k, child, out));
    } else {
      out.put(prefix, render(v));
    }
  }

  /** JSON-like: strings quoted, lists in brackets, an empty map as {}. */
  static String render(Object v) {
    if (v instanceof String s) {
      return "\"" + s + "\"";
    }
    if (v instanceof List<?> l) {
      return l.stream().map(ChartReadmeTest::render).collect(Collectors.joining(", ", "[", "]"));
    }
    if (v instanceof Map<?, ?>) {
      return "{}";
    }
    return String.valueOf(v);
  }

  private static Map<String, String> documented() throws IOException {
    String readme = Files.readString(ChartFixture.chartDir().resolve("README.md"));
    String table = readme.substring(readme.indexOf("## Values"));
    table = table.substring(0, table.indexOf("\n## ", 3) < 0 ? table.length() : table.indexOf("\n## ", 3));
    Map<String, String> rows = new LinkedHashMap<>();
    Matcher m = ROW.matcher(table);
    while (m.find()) {
      rows.put(m.group(1), m.group(2));
    }
    return rows;
  }

  @Test
  void everyValueIsDocumentedWithItsDefault() throws IOException {
    assertThat(documented()).containsAllEntriesOf(leaves(ChartFixture.defaultValues()));
  }

  @Test
  void readmeDocumentsNoValueThatDoesNotExist() throws IOException {
    assertThat(leaves(ChartFixture.defaultValues()).keySet()).containsAll(documented().keySet());
  }

  @Test
  void renderingMatchesTheReadmeNotation() {
    assertThat(leaves(Map.of("a", Map.of("b", List.of("ALL")), "c", Map.of(), "d", "", "e", 1)))
        .containsEntry("a.b", "[\"ALL\"]").containsEntry("c", "{}").containsEntry("d", "\"\"").containsEntry("e", "1");
  }
}
