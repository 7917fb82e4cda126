package dev.nvmemi.plugins.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: reads JSON-lines files with an independent parser (Jackson). */
final class JsonlFiles {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonlFiles() {}

  /** Every line of {@code file} parsed; fails the test on any line that is not one JSON object. */
  static List<JsonNode> read(Path file) {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : lines(file)) {
      nodes.add(parse(line));
    }
    return nodes;
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String line) {
    try {
      JsonNode node = MAPPER.readTree(line);
      if (node == null || !node.isObject()) {
        throw new AssertionError("not a JSON object: " + line);
      }
      return node;
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
