package dev.nvmemi.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** What the packaging module's build produced, as failsafe passes it in system properties. */
final class Built {
  private Built() {
  }

  static Path repoRoot() {
    return Path.of(System.getProperty("nvmemi.repo.root", "..")).toAbsolutePath().normalize();
  }

  static String version() {
    return property("nvmemi.version");
  }

  static Path imageTar() {
    Path p = Path.of(property("nvmemi.image.tar"));
    assertThat(p).as("the image tarball that mvn package builds").isRegularFile();
    return p;
  }

  /** The one nvme-mi-agent_<version>_all.deb in the build directory (jdeb writes 0.1.0~SNAPSHOT for 0.1.0-SNAPSHOT). */
  static Path deb() throws java.io.IOException {
    try (var files = java.nio.file.Files.list(buildDir())) {
      var debs = files.filter(f -> f.getFileName().toString().matches("nvme-mi-agent_[^_]+_all\\.deb")).toList();
      assertThat(debs).as("the Debian package that mvn package builds, in %s", buildDir()).hasSize(1);
      return debs.get(0);
    }
  }

  static Path buildDir() {
    return Path.of(property("nvmemi.build.dir"));
  }

  private static String property(String name) {
    String v = System.getProperty(name);
    assertThat(v).as("system property %s (set by the packaging module's failsafe configuration)", name).isNotBlank();
    return v;
  }
}
