package dev.nvmemi.helm;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders the chart with helm-java and parses the manifests. Paths are resolved from the repository
 * root (system property {@code nvmemi.repo.root}, set by the module's surefire configuration).
 * Used on the JUnit thread only.
 */
final class ChartFixture {
  static final String RELEASE = "nvme";
  static final String NAMESPACE = "monitoring";
  static final String FULLNAME = "nvme-nvme-mi-agent";

  private ChartFixture() {}

  static Path repoRoot() {
    String root = System.getProperty("nvmemi.repo.root");
    return (root == null ? Path.of("..") : Path.of(root)).toAbsolutePath().normalize();
  }

  static Path chartDir() {
    return repoRoot().resolve("helm/nvme-mi-agent");
  }

  static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(10);
    return new Yaml(options);
  }

  /** The chart's values.yaml as a tree. */
  static Map<String, Object> defaultValues() {
    return loadMap(chartDir().resolve("values.yaml"));
  }

  static Map<String, Object> loadMap(Path file) {
    try {
      Map<String, Object> m = yaml().load(Files.readString(file));
      return Objects.requireNonNull(m, file + " is empty");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renders with the given values (written to a temporary values file); helm errors propagate. */
  static Manifests render(Map<String, ?> values) {
    try {
      Path file = Files.createTempFile("values-", ".yaml");
      try {
        Files.writeString(file, yaml().dump(values));
        return renderFiles(file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renders with values files (later files win, as with {@code helm template -f a -f b}). */
  static Manifests renderFiles(Path... valuesFiles) {
    var template = new Helm(chartDir()).template().withName(RELEASE).withNamespace(NAMESPACE);
    for (Path f : valuesFiles) {
      template = template.withValuesFile(f);
    }
    return Manifests.parse(template.call());
  }

  /** The rendered documents. */
  record Manifests(String text, List<Map<String, Object>> documents) {
    static Manifests parse(String text) {
      List<Map<String, Object>> docs = new ArrayList<>();
      for (Object o : yaml().loadAll(text)) {
        if (o != null) {
          @SuppressWarnings("unchecked")
          Map<String, Object> m = (Map<String, Object>) o;
          docs.add(m);
        }
      }
      return new Manifests(text, docs);
    }

    List<Map<String, Object>> ofKind(String kind) {
      return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    /** The single document of this kind; fails when there is none or several. */
    Map<String, Object> one(String kind) {
      List<Map<String, Object>> all = ofKind(kind);
      if (all.size() != 1) {
        throw new AssertionError("expected one " + kind + " but found " + all.size() + " in:\n" + text);
      }
      return all.get(0);
    }

    /** Kinds in rendering order, e.g. for "what does the default chart create". */
    List<String> kinds() {
      return documents.stream().map(d -> String.valueOf(d.get("kind"))).toList();
    }
  }

  /** Navigates maps and lists: path segments are keys, or indexes for lists. */
  @SuppressWarnings("unchecked")
  static <T> T at(Object root, Object... path) {
    Object cur = root;
    for (Object p : path) {
      if (cur instanceof Map<?, ?> m) {
        if (!m.containsKey(p)) {
          throw new AssertionError("no key '" + p + "' in " + m.keySet());
        }
        cur = m.get(p);
      } else if (cur instanceof List<?> l && p instanceof Integer i) {
        cur = l.get(i);
      } else {
        throw new AssertionError("cannot step into " + cur + " with " + p);
      }
    }
    return (T) cur;
  }

  /** A deep copy of a values tree with {@code path} (dotted) set to {@code value}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> with(Map<String, Object> values, String dottedPath, Object value) {
    Map<String, Object> copy = deepCopy(values);
    String[] parts = dottedPath.split("\\.");
    Map<String, Object> cur = copy;
    for (int i = 0; i < parts.length - 1; i++) {
      cur = (Map<String, Object>) cur.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
    }
    cur.put(parts[parts.length - 1], value);
    return copy;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> deepCopy(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> mm ? deepCopy((Map<String, Object>) mm)
        : v instanceof List<?> l ? new ArrayList<>(l) : v));
    return out;
  }
}
