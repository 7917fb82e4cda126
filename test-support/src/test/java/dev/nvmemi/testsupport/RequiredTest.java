package dev.nvmemi.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequiredTest {

  @Test
  void aMissingComponentFailsUnderCiNamingIt() {
    Required ci = Required.withEnvironment(Map.of("CI", "true"));
    assertThatThrownBy(() -> ci.check(false, "promtool (Debian package prometheus)"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("missing: promtool (Debian package prometheus) (CI=true");
  }

  @Test
  void aMissingComponentSkipsOutsideCi() {
    Required dev = Required.withEnvironment(Map.of("CI", "false"));
    assertThatThrownBy(() -> dev.check(false, "/dev/full"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("missing: /dev/full");
    assertThatThrownBy(() -> Required.withEnvironment(Map.of()).check(false, "x"))
        .isInstanceOf(TestAbortedException.class);
  }

  @Test
  void aPresentComponentPassesEverywhere() {
    assertThatCode(() -> Required.withEnvironment(Map.of("CI", "true")).check(true, "x")).doesNotThrowAnyException();
    assertThatCode(() -> Required.withEnvironment(Map.of()).check(true, "x")).doesNotThrowAnyException();
  }

  @Test
  void ciIsTrueOrOne() {
    assertThat(Required.withEnvironment(Map.of("CI", "TRUE")).ci()).isTrue();
    assertThat(Required.withEnvironment(Map.of("CI", "1")).ci()).isTrue();
    assertThat(Required.withEnvironment(Map.of("CI", "0")).ci()).isFalse();
    assertThat(Required.withEnvironment(Map.of("CI", "")).ci()).isFalse();
  }

  @Test
  void aCommandIsFoundOnlyAsAnExecutableInAPathDirectory(@TempDir Path dir) throws Exception {
    Path tool = Files.createFile(dir.resolve("tool"));
    Files.createFile(dir.resolve("plain"));
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    Required env = Required.withEnvironment(Map.of("PATH", "/nonexistent::" + dir));
    assertThat(env.onPath("tool")).isTrue();
    assertThat(env.onPath("plain")).isFalse();
    assertThat(env.onPath("absent")).isFalse();
    assertThat(Required.withEnvironment(Map.of()).onPath("tool")).isFalse();
  }
}
