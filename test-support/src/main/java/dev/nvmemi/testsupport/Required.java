package dev.nvmemi.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real component that a test needs (a program, a device file, a packaged jar, a privilege). When
 * it is missing, the test is skipped on a developer's machine, but under {@code CI=true} (what
 * {@code scripts/test} and CI set) it <em>fails</em>, naming what is missing and where it comes from:
 * a test that silently passes by not running is worse than a red build. {@code scripts/test.d/*.sh}
 * installs every component named here ({@code want CMD PACKAGE}).
 *
 * <p>Stateless; called on the JUnit thread.
 */
public final class Required {
  private final Function<String, String> env;

  private Required(Function<String, String> env) {
    this.env = env;
  }

  /** Reads {@code CI} and {@code PATH} from this process's environment. */
  private static final Required PROCESS = new Required(System::getenv);

  /** For tests of this class: a fixed environment. */
  static Required withEnvironment(Map<String, String> env) {
    return new Required(env::get);
  }

  /** True under {@code CI=true} (case-insensitive; also {@code 1}). */
  public static boolean underCi() {
    return PROCESS.ci();
  }

  /**
   * Requires {@code present}; else skips, or fails under CI.
   *
   * @param present whether the component is there
   * @param missing what is missing and how to get it, e.g. "promtool (Debian package prometheus)"
   */
  public static void component(boolean present, String missing) {
    PROCESS.check(present, missing);
  }

  /**
   * Requires {@code command} on the {@code PATH}.
   *
   * @param debianPackage the Debian package that installs it (named in the message)
   */
  public static void command(String command, String debianPackage) {
    PROCESS.check(PROCESS.onPath(command), command + " on the PATH (Debian package " + debianPackage + ")");
  }

  /**
   * Requires the file or directory {@code path}.
   *
   * @param providedBy what puts it there, e.g. "the Debian package systemd" or "mvn package of agent"
   */
  public static void file(Path path, String providedBy) {
    PROCESS.check(Files.exists(path), path + " (from " + providedBy + ")");
  }

  boolean ci() {
    String v = env.apply("CI");
    return v != null && (v.equalsIgnoreCase("true") || v.equals("1"));
  }

  boolean onPath(String command) {
    String path = env.apply("PATH");
    return path != null && Stream.of(path.split(":")).filter(d -> !d.isEmpty())
        .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
  }

  void check(boolean present, String missing) {
    if (present) {
      return;
    }
    if (ci()) {
      Assertions.fail("missing: " + missing + " (CI=true: a test never skips for a missing component; "
          + "scripts/test installs it)");
    }
    Assumptions.abort("missing: " + missing + " (skipped; under CI=true this fails)");
  }
}
