package dev.nvmemi.agent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code nvme-mi-agent} as a separate JVM (this test run's class path, {@code AgentMain}) so
 * that a test sees what an operator sees: the real exit status and everything written to stdout
 * and stderr, including what libraries log. The test thread waits for the process; output goes
 * to files, so a chatty process never blocks on a full pipe.
 */
final class AgentProcess {
  private AgentProcess() {}

  /** Exit status and output of one run. */
  record Result(int exit, String out, String err) {}

  /** Runs the agent with {@code args}; fails when it has not ended within {@code timeoutSeconds}. */
  static Result run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("agent-process");
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.nvmemi.agent.cli.AgentMain"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("OTEL_") || k.startsWith("NVME_MI_AGENT_"));
    Process p = pb.start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new AssertionError("nvme-mi-agent " + String.join(" ", args) + " did not end within "
            + timeoutSeconds + " s; stderr so far:\n" + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      Files.deleteIfExists(dir);
    }
  }
}
