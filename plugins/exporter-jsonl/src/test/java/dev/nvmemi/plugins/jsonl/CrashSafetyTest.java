package dev.nvmemi.plugins.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nvmemi.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM killed with SIGKILL while exporting leaves every completed line intact. */
class CrashSafetyTest {
  @TempDir Path dir;

  @Test
  void killDuringExportLeavesEveryCompletedLineIntact() throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(javaBin.toString(), "-Xmx128m", "-cp", classPath,
        JsonlWriterChild.class.getName(), dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolveSibling(dir.getFileName() + "-child.log").toFile())
        .start();
    Path events = dir.resolve("events.jsonl");
    try {
      Await.until("the child writing 4 MiB of events", Duration.ofSeconds(30), () -> {
        assertThat(child.isAlive()).as("child still writing").isTrue();
        return Files.exists(events) && Files.size(events) > 4L * 1024 * 1024;
      });
    } finally {
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flush
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(child.exitValue()).isEqualTo(137);

    List<String> lines = JsonlFiles.lines(events);
    List<JsonNode> parsed = new ArrayList<>();
    for (int i = 0; i < lines.size() - 1; i++) {
      parsed.add(JsonlFiles.parse(lines.get(i)));
    }
    assertThat(parsed.size()).isGreaterThan(1000);
    // The sequence numbers run without gaps: no completed line was lost or damaged.
    for (int i = 0; i < parsed.size(); i++) {
      assertThat(parsed.get(i).get("attributes").get("seq").asLong()).isEqualTo(i);
    }
  }
}
