package dev.nvmemi.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the image's entrypoint the way a container runtime would, without one: in a private mount
 * namespace, the unpacked root bind-mounted read-only (the chart's readOnlyRootFilesystem), a tmpfs
 * on /tmp (the chart's emptyDir), /proc and /dev, then chroot as the image's user with exactly the
 * image's environment (plus what a test adds). Shares the host's network, as the chart's hostNetwork
 * does. Used from the JUnit thread; the agent is a child process.
 */
final class ImageRun {
  private static final String SCRIPT = String.join("; ",
      "set -e",
      "R=\"$1\"; U=\"$2\"; C=\"$3\"; P=\"$4\"; shift 4",
      "mount --make-rprivate /",
      "mount --bind \"$R\" \"$R\"",
      "mount -o remount,bind,ro \"$R\"",
      "mount -t tmpfs -o mode=1777 tmpfs \"$R/tmp\"",
      "mount -t proc proc \"$R/proc\"",
      "mount --rbind /dev \"$R/dev\"",
      // chroot keeps the environment: the agent gets the image's PATH back.
      "exec env PATH=\"$P\" \"$C\" --userspec=\"$U\" \"$R\" \"$@\"");
  private static final String HOST_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private ImageRun() {
  }

  static List<String> command(OciImage image, List<String> args) throws IOException {
    Command.requireRoot();
    Command.requireTool("unshare", "util-linux");
    Command.requireTool("chroot", "coreutils");
    // Mount points a container runtime creates.
    for (String d : List.of("proc", "dev", "tmp")) {
      Files.createDirectories(image.root.resolve(d));
    }
    List<String> cmd = new ArrayList<>(List.of(resolve("unshare"), "--mount", "/bin/sh", "-c", SCRIPT, "sh",
        image.root.toString(), (String) image.runConfig().get("User"), resolve("chroot"),
        environment(image, Map.of()).getOrDefault("PATH", "")));
    cmd.addAll(OciImage.list(image.runConfig().get("Entrypoint")));
    cmd.addAll(args);
    return cmd;
  }

  /** The image's Env, then the additions (the image's PATH is what the agent sees inside the chroot). */
  static Map<String, String> environment(OciImage image, Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String kv : OciImage.<String>list(image.runConfig().get("Env"))) {
      int eq = kv.indexOf('=');
      env.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    env.putAll(extra);
    return env;
  }

  static Command.Result run(OciImage image, Duration timeout, Map<String, String> extraEnv, String... args)
      throws IOException, InterruptedException {
    ProcessBuilder pb = builder(image, extraEnv, List.of(args));
    Path out = Files.createTempFile("image-run", ".out");
    try {
      Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError("the image did not finish " + List.of(args) + " within " + timeout + ": "
            + Files.readString(out));
      }
      return new Command.Result(p.exitValue(), Files.readString(out));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** Starts the entrypoint with the arguments; stdout and stderr go to separate files. */
  static Process start(OciImage image, Map<String, String> extraEnv, Path stdout, Path stderr, String... args)
      throws IOException {
    return builder(image, extraEnv, List.of(args)).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
  }

  private static ProcessBuilder builder(OciImage image, Map<String, String> extraEnv, List<String> args) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(image, args));
    pb.environment().clear();
    pb.environment().putAll(environment(image, extraEnv));
    // The host side (unshare, mount, env, chroot) needs the host's PATH; the script restores the image's.
    pb.environment().put("PATH", HOST_PATH);
    return pb;
  }

  private static String resolve(String tool) {
    for (String d : HOST_PATH.split(":")) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return Path.of(d, tool).toString();
      }
    }
    return tool;
  }
}
