package dev.nvmemi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The simulator's fuzz targets' regression runs mean something: every {@code @FuzzTest} has a
 * committed seed corpus that holds every vector request, and no build under {@code CI=true} runs in
 * Jazzer's fuzzing mode (which fuzzes one target and skips all others).
 */
class FuzzCorpusTest {

  @Test
  void everyFuzzTestHasASeedCorpus() throws Exception {
    Path root = Path.of(FuzzCorpusTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Method> targets = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(f -> f.getFileName().toString().endsWith("FuzzTest.class")).sorted().toList()) {
        String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
        for (Method m : Class.forName(name).getDeclaredMethods()) {
          if (m.isAnnotationPresent(FuzzTest.class)) {
            targets.add(m);
          }
        }
      }
    }
    assertThat(targets).as("@FuzzTest methods of the simulator").hasSizeGreaterThanOrEqualTo(3);
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
  void everyVectorRequestIsASeed() throws Exception {
    Path requests = Path.of(FuzzCorpusTest.class.getResource(
        "responder/MiResponderFuzzTestInputs/requests").toURI());
    Map<String, byte[]> vectors = FuzzSeeds.vectorRequests();
    assertThat(vectors).hasSizeGreaterThan(20);
    for (Map.Entry<String, byte[]> e : vectors.entrySet()) {
      assertThat(requests.resolve("vector-" + e.getKey())).as(e.getKey())
          .hasBinaryContent(FuzzInputs.join(2, List.of(e.getValue())));
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
}
