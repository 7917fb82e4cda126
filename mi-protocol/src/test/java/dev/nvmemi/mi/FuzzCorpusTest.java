package dev.nvmemi.mi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fuzz targets' regression runs mean something: every {@code @FuzzTest} of this module has a
 * committed seed corpus, the corpus holds every message of the shared vectors, and no build under
 * {@code CI=true} runs in Jazzer's fuzzing mode (which fuzzes one target and skips all others).
 */
class FuzzCorpusTest {

  @Test
  void everyFuzzTestHasASeedCorpus() throws Exception {
    List<Method> targets = fuzzTests();
    assertThat(targets).as("@FuzzTest methods of mi-protocol").hasSizeGreaterThanOrEqualTo(9);
    for (Method m : targets) {
      String dir = m.getDeclaringClass().getSimpleName() + "Inputs/" + m.getName();
      URL url = m.getDeclaringClass().getResource(dir);
      assertThat(url).as("seed corpus %s of %s", dir, m.getDeclaringClass().getName()).isNotNull();
      try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
        assertThat(files.filter(Files::isRegularFile).count()).as("seeds in %s", dir).isPositive();
      }
    }
  }

  @Test
  void everyVectorMessageIsASeed() throws Exception {
    Path requests = corpus("decodeRequest");
    Path responses = corpus("decodeResponse");
    Path unsolicited = corpus("decodeUnsolicited");
    for (Map.Entry<String, Vectors.Vector> e : Vectors.all().entrySet()) {
      Vectors.Vector v = e.getValue();
      String seed = "vector-" + e.getKey();
      if (v.request() != null) {
        assertThat(requests.resolve(seed)).as(seed).hasBinaryContent(v.request());
      }
      if (v.request() != null && v.response() != null) {
        assertThat(responses.resolve(seed)).as(seed).hasBinaryContent(FuzzTargets.join(v.request(), v.response()));
      }
      if (v.request() == null && v.response() != null) {
        assertThat(unsolicited.resolve(seed)).as(seed).hasBinaryContent(v.response());
      }
    }
  }

  @Test
  void ciBuildsRunTheFuzzTestsInRegressionMode() {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    String fuzz = System.getenv("JAZZER_FUZZ");
    assertThat(ci && fuzz != null && !fuzz.isEmpty())
        .as("JAZZER_FUZZ=%s under CI=true: Jazzer would fuzz one @FuzzTest and skip every other one", fuzz)
        .isFalse();
  }

  private static Path corpus(String method) throws URISyntaxException {
    return Path.of(MiCodecFuzzTest.class.getResource("MiCodecFuzzTestInputs/" + method).toURI());
  }

  /** Every {@code @FuzzTest} method of the classes named {@code *FuzzTest} in this module's test classes. */
  static List<Method> fuzzTests() throws IOException, URISyntaxException, ClassNotFoundException {
    Path root = Path.of(FuzzCorpusTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Method> out = new ArrayList<>();
    List<Path> classFiles;
    try (Stream<Path> s = Files.walk(root)) {
      classFiles = s.filter(p -> p.getFileName().toString().endsWith("FuzzTest.class")).sorted().toList();
    }
    for (Path p : classFiles) {
      String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
      for (Method m : Class.forName(name).getDeclaredMethods()) {
        if (m.isAnnotationPresent(FuzzTest.class)) {
          out.add(m);
        }
      }
    }
    return out;
  }
}
