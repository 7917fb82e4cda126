package dev.nvmemi.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package that {@code mvn package} writes (packaging/target/nvme-mi-agent_VERSION_all.deb):
 * lintian, a real {@code dpkg --install} into a scratch root (maintainer scripts run there through
 * DPKG_ROOT), the installed files with their modes and owners, and {@code systemd-analyze verify} on
 * the installed unit.
 */
class DebianPackageIT {
  @TempDir
  static Path scratch;
  private static Path root;
  private static Command.Result install;

  @BeforeAll
  static void installIntoAScratchRoot() throws Exception {
    Command.requireRoot();
    Command.requireTool("dpkg", "dpkg");
    root = Files.createDirectories(scratch.resolve("root"));
    Path admin = Files.createDirectories(root.resolve("var/lib/dpkg"));
    Files.createDirectories(admin.resolve("info"));
    Files.createDirectories(admin.resolve("updates"));
    Files.createFile(admin.resolve("status"));
    Files.createFile(admin.resolve("available"));
    Files.createDirectories(root.resolve("etc"));
    // Scripts run outside the root with DPKG_ROOT set (the root has no shell); the Java runtime the
    // package depends on is not in the scratch root, hence --force-depends.
    install = Command.run(Duration.ofMinutes(2), "dpkg", "--root=" + root, "--force-script-chrootless",
        "--force-depends", "--log=/dev/null", "--install", Built.deb().toString());
  }

  @Test
  void lintianReportsNoErrors() throws Exception {
    Command.requireTool("lintian", "lintian");
    Command.Result r = Command.run(Duration.ofMinutes(5), "lintian", "--allow-root", "--fail-on", "error",
        Built.deb().toString());
    assertThat(r.output().lines().filter(l -> l.startsWith("E: ")).toList()).as(r.output()).isEmpty();
    assertThat(r.exit()).as(r.output()).isZero();
  }

  @Test
  void installsWithItsMaintainerScripts() {
    assertThat(install.exit()).as(install.output()).isZero();
    assertThat(install.output()).contains("Setting up nvme-mi-agent");
  }

  @Test
  void installedFilesHaveTheirModesAndOwners() throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("usr/bin/nvme-mi-agent", "rwxr-xr-x");
    expected.put("usr/share/nvme-mi-agent/nvme-mi-agent.jar", "rw-r--r--");
    expected.put("lib/systemd/system/nvme-mi-agent.service", "rw-r--r--");
    expected.put("usr/lib/sysusers.d/nvme-mi-agent.conf", "rw-r--r--");
    expected.put("usr/share/dbus-1/system.d/nvme-mi-agent.conf", "rw-r--r--");
    expected.put("etc/nvme-mi-agent/config.yaml", "rw-r--r--");
    expected.put("etc/nvme-mi-agent/environment", "rw-------");
    expected.put("usr/share/doc/nvme-mi-agent/copyright", "rw-r--r--");
    expected.put("usr/share/doc/nvme-mi-agent/changelog.gz", "rw-r--r--");
    for (var e : expected.entrySet()) {
      Path f = root.resolve(e.getKey());
      PosixFileAttributes a = Files.readAttributes(f, PosixFileAttributes.class);
      assertThat(PosixFilePermissions.toString(a.permissions())).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(a.owner().getName()).as("owner of %s", e.getKey()).isEqualTo("root");
      assertThat(a.group().getName()).as("group of %s", e.getKey()).isEqualTo("root");
    }
    // The files the source tree has, unchanged.
    Path packaging = Built.repoRoot().resolve("packaging");
    assertThat(root.resolve("lib/systemd/system/nvme-mi-agent.service")).hasSameTextualContentAs(packaging.resolve("systemd/nvme-mi-agent.service"));
    assertThat(root.resolve("usr/bin/nvme-mi-agent")).hasSameTextualContentAs(Built.repoRoot().resolve("bin/nvme-mi-agent"));
    assertThat(root.resolve("usr/share/dbus-1/system.d/nvme-mi-agent.conf")).hasSameTextualContentAs(packaging.resolve("dbus/nvme-mi-agent.conf"));
  }

  @Test
  void configurationFilesAreConffiles() throws Exception {
    Command.Result r = Command.run(Duration.ofSeconds(30), "dpkg-query", "--admindir=" + root.resolve("var/lib/dpkg"),
        "-W", "-f=${Status}\n${Conffiles}\n", "nvme-mi-agent");
    assertThat(r.output()).startsWith("install ok installed")
        .contains(" /etc/nvme-mi-agent/config.yaml ").contains(" /etc/nvme-mi-agent/environment ");
  }

  @Test
  void postinstCreatesTheAgentsUserWithTheImagesUid() throws Exception {
    assertThat(Files.readAllLines(root.resolve("etc/passwd"))).anyMatch(l -> l.startsWith("nvme-mi-agent:x:65532:65532:"));
    assertThat(Files.readAllLines(root.resolve("etc/group"))).anyMatch(l -> l.startsWith("nvme-mi-agent:x:65532:"));
  }

  @Test
  void dependsOnAJava17RuntimeAndRunsTheLauncherFromPath() throws Exception {
    Command.Result r = Command.run(Duration.ofSeconds(30), "dpkg-deb", "--field", Built.deb().toString(), "Depends", "Architecture");
    assertThat(r.output()).contains("java17-runtime-headless").contains("Architecture: all");
    assertThat(Files.readString(root.resolve("lib/systemd/system/nvme-mi-agent.service")))
        .contains("ExecStart=/usr/bin/nvme-mi-agent run --config /etc/nvme-mi-agent/config.yaml");
  }

  @Test
  void installedUnitPassesSystemdAnalyzeVerify() throws Exception {
    Command.requireTool("systemd-analyze", "systemd");
    Path systemUnits = Path.of("/lib/systemd/system");
    Command.require(Files.isDirectory(systemUnits), "no " + systemUnits + " to resolve the unit's dependencies against");
    // The system's own units (sysinit.target, ...) next to the installed one, as on a real host.
    Path units = root.resolve("lib/systemd/system");
    List<String> copied = new ArrayList<>();
    try (Stream<Path> files = Files.list(systemUnits)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = units.resolve(f.getFileName().toString());
        if (!Files.exists(to)) {
          Files.copy(f, to);
          copied.add(to.toString());
        }
      }
    }
    try {
      Command.Result r = Command.run(Duration.ofSeconds(60), "systemd-analyze", "verify", "--root=" + root,
          "nvme-mi-agent.service");
      assertThat(r.exit()).as(r.output()).isZero();
      assertThat(r.output().lines().filter(l -> l.contains("nvme-mi-agent")).toList()).as(r.output()).isEmpty();
    } finally {
      for (String f : copied) {
        Files.deleteIfExists(Path.of(f));
      }
    }
  }
}
