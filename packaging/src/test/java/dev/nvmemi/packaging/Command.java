package dev.nvmemi.packaging;

import dev.nvmemi.testsupport.Required;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command to completion (output and error merged), with a deadline. Runs on the
 * calling (JUnit) thread.
 */
final class Command {
  /** Exit status and merged output of a finished command. */
  record Result(int exit, String output) {
  }

  private Command() {
  }

  static Result run(Duration timeout, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("packaging-it", ".out");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ": "
            + Files.readString(out, StandardCharsets.UTF_8));
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
    return run(timeout, Map.of(), List.of(command));
  }

  static void requireTool(String tool, String debianPackage) {
    Required.command(tool, debianPackage + "; scripts/test.d/85-packaging.sh installs it");
  }

  static void requireRoot() {
    Required.component("root".equals(System.getProperty("user.name")), "root privileges (chroot, mount namespaces, dpkg --root)");
  }

  static void require(boolean present, String what) {
    Required.component(present, what);
  }
}
