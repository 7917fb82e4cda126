package dev.nvmemi.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The OCI image tarball that Jib writes (an OCI image layout in a tar: index.json → manifest → config
 * and layers), unpacked once per test JVM with GNU tar into the build directory, and its layers
 * applied in order into a root directory, keeping the file capability of the java binary as a
 * container runtime does. Used from the JUnit thread.
 */
final class OciImage {
  private static OciImage unpacked;

  final Path layout;
  final Map<String, Object> manifest;
  final Map<String, Object> config;
  final Path root;

  private OciImage(Path layout, Map<String, Object> manifest, Map<String, Object> config, Path root) {
    this.layout = layout;
    this.manifest = manifest;
    this.config = config;
    this.root = root;
  }

  /** The built image, unpacked (layout and root file system) on first use. */
  static synchronized OciImage get() throws IOException, InterruptedException {
    if (unpacked == null) {
      Command.requireTool("tar", "tar");
      Path dir = Built.buildDir().resolve("image-it");
      Command.run(Duration.ofSeconds(30), "rm", "-rf", dir.toString());
      Path layout = Files.createDirectories(dir.resolve("layout"));
      untar(Built.imageTar(), layout, false);
      Map<String, Object> index = json(layout.resolve("index.json"));
      List<Map<String, Object>> manifests = OciImage.<Map<String, Object>>list(index.get("manifests"));
      assertThat(manifests).as("index.json manifests").hasSize(1);
      Map<String, Object> manifest = json(blob(layout, manifests.get(0)));
      Map<String, Object> config = json(blob(layout, map(manifest.get("config"))));
      Path root = Files.createDirectories(dir.resolve("root"));
      for (Map<String, Object> layer : OciImage.<Map<String, Object>>list(manifest.get("layers"))) {
        assertThat((String) layer.get("mediaType")).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
        untar(blob(layout, layer), root, true);
      }
      unpacked = new OciImage(layout, manifest, config, root);
    }
    return unpacked;
  }

  /** The image config's "config" object (User, Entrypoint, Cmd, Env, Labels, ...). */
  Map<String, Object> runConfig() {
    return map(config.get("config"));
  }

  private static void untar(Path tar, Path into, boolean layer) throws IOException, InterruptedException {
    List<String> cmd = layer
        ? List.of("tar", "--xattrs", "--xattrs-include=security.capability", "--numeric-owner", "-xzf", tar.toString(), "-C", into.toString())
        : List.of("tar", "-xf", tar.toString(), "-C", into.toString());
    Command.Result r = Command.run(Duration.ofMinutes(2), Map.of(), cmd);
    assertThat(r.exit()).as("%s: %s", cmd, r.output()).isZero();
    if (layer) {
      // A layer of this image never deletes files of a lower one.
      Command.Result whiteouts = Command.run(Duration.ofMinutes(1), "find", into.toString(), "-name", ".wh.*");
      assertThat(whiteouts.output()).as("whiteout files").isBlank();
    }
  }

  private static Path blob(Path layout, Map<String, Object> descriptor) {
    String digest = (String) descriptor.get("digest");
    return layout.resolve("blobs").resolve(digest.replace(':', '/'));
  }

  static Map<String, Object> json(Path file) throws IOException {
    return map(new Yaml().load(Files.readString(file)));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static <T> List<T> list(Object o) {
    return (List<T>) o;
  }
}
