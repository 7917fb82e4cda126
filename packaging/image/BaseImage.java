import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the base image of the agent's container image, without a container engine: a root file
 * system assembled from Debian's own packages ({@code apt-get download} + {@code dpkg-deb -x}) plus a
 * minimal Java runtime made with {@code jlink} from the JDK that runs this program, written as a
 * {@code docker save} tarball that Jib takes as its base ({@code <from><image>tar://...}).
 *
 * <p>Run by the packaging module's build (exec-maven-plugin) as a single-file source program, on the
 * main thread of its own JVM:
 * <pre>
 *   java packaging/image/BaseImage.java cache=DIR out=FILE packages="libc6 ..." modules=java.base,...
 *        runtime=/usr/lib/nvme-mi-agent/runtime user=65532 name=nvme-mi-agent self=packaging/image/BaseImage.java
 * </pre>
 * The result is cached in {@code cache} under a key made of this file, the package names, the module
 * list and the JDK's release file, so a rebuild costs a file copy; the downloaded packages are cached
 * there too (delete the directory to take newer Debian packages).
 *
 * <p>What it checks before writing: every shared library that {@code ldd} resolves for the runtime's
 * executables and libraries and for {@code /bin/bash} exists in the assembled root, else the build
 * fails naming the library (add the Debian package that ships it to {@code packages}).
 *
 * <p>Two things a Dockerfile would do with {@code RUN} are done in the tar itself: the java binary
 * carries the file capability {@code cap_net_raw=ep} (a PAX {@code SCHILY.xattr.security.capability}
 * record; the container runs as a non-root user that needs CAP_NET_RAW for AF_MCTP, and Kubernetes
 * gives a non-root process capabilities only through file capabilities), and {@code libjli.so} /
 * {@code libjvm.so} are linked into the trusted library directory, because a binary with file
 * capabilities runs in secure-execution mode where the dynamic linker ignores java's
 * {@code $ORIGIN} RUNPATH.
 */
public final class BaseImage {
  /** Fixed modification time of every entry (2024-01-01): the tarball depends only on its inputs. */
  private static final long MTIME = 1704067200L;
  /** CAP_NET_RAW (capability 13) permitted and effective: struct vfs_cap_data, revision 2. */
  private static final byte[] CAP_NET_RAW_EP = {
      0x01, 0x00, 0x00, 0x02, // magic_etc: VFS_CAP_REVISION_2 | VFS_CAP_FLAGS_EFFECTIVE
      0x00, 0x20, 0x00, 0x00, // permitted[0]: 1 << 13
      0x00, 0x00, 0x00, 0x00, // inheritable[0]
      0x00, 0x00, 0x00, 0x00, // permitted[1]
      0x00, 0x00, 0x00, 0x00, // inheritable[1]
  };
  /** Package contents an image does not need (documentation but the copyright files, translations). */
  private static final List<String> PRUNED = List.of("usr/share/man", "usr/share/info", "usr/share/locale",
      "usr/share/lintian", "usr/share/gcc", "usr/share/gdb", "usr/share/menu", "usr/share/bash-completion",
      "usr/share/bug", "usr/lib/x86_64-linux-gnu/gconv", "usr/lib/aarch64-linux-gnu/gconv");

  private BaseImage() {
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new LinkedHashMap<>();
    for (String a : argv) {
      int eq = a.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("argument without key=value: " + a);
      }
      args.put(a.substring(0, eq), a.substring(eq + 1));
    }
    Path cache = Path.of(require(args, "cache"));
    Path out = Path.of(require(args, "out"));
    List<String> packages = List.of(require(args, "packages").trim().split("\\s+"));
    String modules = require(args, "modules").replaceAll("\\s+", "");
    String runtime = require(args, "runtime").replaceAll("^/+", "");
    int user = Integer.parseInt(require(args, "user"));
    String name = require(args, "name");

    Path jdk = Path.of(System.getProperty("java.home"));
    String arch = run(null, "dpkg", "--print-architecture").trim();
    String key = sha256(String.join("\n", Files.readString(Path.of(require(args, "self"))), String.join(" ", packages), modules, runtime,
        Integer.toString(user), name, arch, Files.readString(jdk.resolve("release")))).substring(0, 16);
    Path cached = cache.resolve("base-" + key + ".tar");
    if (Files.exists(cached)) {
      System.out.println("base image: cached " + cached);
    } else {
      build(cache, cached, packages, modules, runtime, user, name, arch, jdk, key);
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.copy(cached, out, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String require(Map<String, String> args, String key) {
    String v = args.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("missing argument " + key + "=... (got " + args.keySet() + ")");
    }
    return v;
  }

  private static void build(Path cache, Path cached, List<String> packages, String modules, String runtime,
      int user, String name, String arch, Path jdk, String key) throws Exception {
    long start = System.nanoTime();
    Path debs = Files.createDirectories(cache.resolve("debs"));
    Path staging = cache.resolve("staging-" + key);
    deleteTree(staging);
    Files.createDirectories(staging);
    for (String pkg : packages) {
      Path deb = downloaded(debs, pkg, arch);
      run(null, "dpkg-deb", "-x", deb.toString(), staging.toString());
    }
    for (String p : PRUNED) {
      deleteTree(staging.resolve(p));
    }
    pruneDocs(staging.resolve("usr/share/doc"));

    Path runtimeDir = staging.resolve(runtime);
    Files.createDirectories(runtimeDir.getParent());
    run(null, jdk.resolve("bin/jlink").toString(), "--add-modules", modules, "--strip-debug", "--no-man-pages",
        "--no-header-files", "--compress=2", "--output", runtimeDir.toString());

    String triplet = arch.equals("amd64") ? "x86_64-linux-gnu" : arch.equals("arm64") ? "aarch64-linux-gnu" : arch;
    Path trusted = Files.createDirectories(staging.resolve("usr/lib/" + triplet));
    Files.createSymbolicLink(trusted.resolve("libjli.so"), Path.of("/" + runtime + "/lib/libjli.so"));
    Files.createSymbolicLink(trusted.resolve("libjvm.so"), Path.of("/" + runtime + "/lib/server/libjvm.so"));

    checkLibraries(staging, runtimeDir);

    Path etc = Files.createDirectories(staging.resolve("etc"));
    Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/usr/sbin/nologin\n"
        + name + ":x:" + user + ":" + user + ":NVMe-MI drive health agent:/nonexistent:/usr/sbin/nologin\n");
    Files.writeString(etc.resolve("group"), "root:x:0:\n" + name + ":x:" + user + ":\n");
    Files.writeString(etc.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n");
    Path tmp = Files.createDirectories(staging.resolve("tmp"));
    Files.setPosixFilePermissions(tmp, Set.of(PosixFilePermission.values()));

    Path layer = cache.resolve("layer-" + key + ".tar");
    String diffId;
    String javaPath = runtime + "/bin/java";
    try (OutputStream file = Files.newOutputStream(layer)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (TarWriter tar = new TarWriter(new DigestOutputStream(file, sha))) {
        for (Path p : sorted(staging)) {
          String rel = staging.relativize(p).toString();
          if (rel.isEmpty()) {
            continue;
          }
          tar.add(p, rel, rel.equals(javaPath) ? CAP_NET_RAW_EP : null);
        }
      }
      diffId = "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    String config = """
        {"architecture":"%s","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["%s"]},\
        "history":[{"created":"2024-01-01T00:00:00Z","created_by":"packaging/image/BaseImage.java: Debian %s + jlink %s"}]}
        """.formatted(arch, diffId, String.join(" ", packages), modules).trim();
    String manifest = "[{\"Config\":\"config.json\",\"RepoTags\":[\"" + name + "-base:" + key
        + "\"],\"Layers\":[\"layer.tar\"]}]";
    Path partial = cache.resolve(cached.getFileName() + ".partial");
    try (TarWriter tar = new TarWriter(Files.newOutputStream(partial))) {
      tar.addBytes("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
      tar.addBytes("config.json", config.getBytes(StandardCharsets.UTF_8));
      tar.addFile("layer.tar", layer);
    }
    Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING);
    Files.delete(layer);
    deleteTree(staging);
    System.out.printf("base image: built %s (%d MB) in %.1f s%n", cached, Files.size(cached) >> 20,
        (System.nanoTime() - start) / 1e9);
  }

  /** The cached .deb of a package, downloaded with apt-get when it is not there yet. */
  private static Path downloaded(Path debs, String pkg, String arch) throws IOException, InterruptedException {
    Path deb = findDeb(debs, pkg, arch);
    if (deb == null) {
      System.out.println("base image: apt-get download " + pkg);
      try {
        run(debs, "apt-get", "download", "-q", pkg + ":" + arch);
      } catch (IllegalStateException e) {
        throw new IllegalStateException("cannot download Debian package " + pkg + " (run apt-get update first, "
            + "or put " + pkg + "_*_" + arch + ".deb into " + debs + "): " + e.getMessage(), e);
      }
      deb = findDeb(debs, pkg, arch);
      if (deb == null) {
        throw new IllegalStateException("apt-get download " + pkg + " left no " + pkg + "_*.deb in " + debs);
      }
    }
    return deb;
  }

  private static Path findDeb(Path debs, String pkg, String arch) throws IOException {
    try (Stream<Path> s = Files.list(debs)) {
      return s.filter(p -> {
        String f = p.getFileName().toString();
        return f.startsWith(pkg + "_") && (f.endsWith("_" + arch + ".deb") || f.endsWith("_all.deb"));
      }).sorted().reduce((a, b) -> b).orElse(null);
    }
  }

  private static final Pattern LDD_LINE = Pattern.compile("^\\s*(\\S+)(?: => (\\S+))?(?: \\(0x[0-9a-f]+\\))?\\s*$");

  /** Every library ldd resolves (on this host) for the runtime and bash must exist in the image root. */
  private static void checkLibraries(Path root, Path runtimeDir) throws IOException, InterruptedException {
    List<Path> elves = new ArrayList<>();
    elves.add(runtimeDir.resolve("bin/java"));
    elves.add(root.resolve("bin/bash"));
    try (Stream<Path> s = Files.walk(runtimeDir.resolve("lib"))) {
      s.filter(p -> p.getFileName().toString().endsWith(".so")).sorted().forEach(elves::add);
    }
    Set<String> missing = new TreeSet<>();
    for (Path elf : elves) {
      for (String line : run(null, "ldd", elf.toString()).split("\n")) {
        Matcher m = LDD_LINE.matcher(line);
        if (line.contains("not found")) {
          // A library of the runtime itself (libjvm.so next to libjava.so) is found through RUNPATH there.
          String lib = line.trim().split("\\s+")[0];
          if (!existsIn(runtimeDir, lib)) {
            missing.add(lib + " (needed by " + root.relativize(elf) + ", not found at all)");
          }
        } else if (m.matches()) {
          String path = m.group(2) != null ? m.group(2) : m.group(1);
          if (!path.startsWith("/") || path.startsWith(runtimeDir.toString()) || path.startsWith(root.toString())) {
            continue; // linux-vdso.so.1, or inside the image root already
          }
          String rel = path.substring(1);
          String other = rel.startsWith("usr/") ? rel.substring(4) : "usr/" + rel; // merged /usr
          if (!Files.exists(root.resolve(rel)) && !Files.exists(root.resolve(other))) {
            missing.add(path + " (needed by " + root.relativize(elf) + ")");
          }
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("the image root lacks shared libraries " + missing
          + ": add the Debian packages that ship them to the image's package list (packaging/pom.xml)");
    }
  }

  private static boolean existsIn(Path dir, String lib) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().equals(lib));
    }
  }

  /** Keeps only the copyright file of each package's documentation (the licence travels with the image). */
  private static void pruneDocs(Path doc) throws IOException {
    if (!Files.isDirectory(doc)) {
      return;
    }
    for (Path p : sorted(doc)) {
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !p.getFileName().toString().equals("copyright")
          || Files.isSymbolicLink(p)) {
        Files.delete(p);
      }
    }
  }

  private static List<Path> sorted(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.sorted().toList();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static String run(Path dir, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    Process p = pb.start();
    String output;
    try (InputStream in = p.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int status = p.waitFor();
    if (status != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + status + ": " + output.trim());
    }
    return output;
  }

  private static String sha256(String text) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A POSIX (ustar + PAX) tar writer: owner root, fixed mtime, modes from the file system, PAX
   * records for long names and for the file capability. Enough for an image layer; no hard links.
   */
  static final class TarWriter implements AutoCloseable {
    private final OutputStream out;
    private final byte[] pad = new byte[512];

    TarWriter(OutputStream out) {
      this.out = new java.io.BufferedOutputStream(out, 1 << 16);
    }

    void add(Path p, String name, byte[] capability) throws IOException {
      if (Files.isSymbolicLink(p)) {
        header(name, 0777, 0, '2', Files.readSymbolicLink(p).toString(), null);
      } else if (Files.isDirectory(p)) {
        header(name + "/", mode(p), 0, '5', "", null);
      } else {
        long size = Files.size(p);
        header(name, mode(p), size, '0', "", capability);
        try (InputStream in = Files.newInputStream(p)) {
          in.transferTo(out);
        }
        padTo(size);
      }
    }

    void addBytes(String name, byte[] data) throws IOException {
      header(name, 0644, data.length, '0', "", null);
      out.write(data);
      padTo(data.length);
    }

    void addFile(String name, Path file) throws IOException {
      long size = Files.size(file);
      header(name, 0644, size, '0', "", null);
      try (InputStream in = Files.newInputStream(file)) {
        in.transferTo(out);
      }
      padTo(size);
    }

    private static int mode(Path p) throws IOException {
      int mode = 0;
      for (PosixFilePermission perm : Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)) {
        mode |= 1 << (8 - perm.ordinal());
      }
      if (p.getFileName() != null && p.getFileName().toString().equals("tmp") && Files.isDirectory(p)) {
        mode |= 01000; // sticky /tmp
      }
      return mode;
    }

    private void header(String name, int mode, long size, char type, String link, byte[] capability)
        throws IOException {
      byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
      byte[] linkBytes = link.getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream pax = new ByteArrayOutputStream();
      if (nameBytes.length > 100) {
        record(pax, "path", nameBytes);
      }
      if (linkBytes.length > 100) {
        record(pax, "linkpath", linkBytes);
      }
      if (capability != null) {
        record(pax, "SCHILY.xattr.security.capability", capability);
      }
      if (pax.size() > 0) {
        String paxName = "PaxHeaders/" + (name.length() > 80 ? name.substring(name.length() - 80) : name);
        writeHeader(paxName.getBytes(StandardCharsets.UTF_8), 0644, pax.size(), 'x', new byte[0]);
        pax.writeTo(out);
        padTo(pax.size());
      }
      writeHeader(nameBytes, mode, size, type, linkBytes);
    }

    private static void record(ByteArrayOutputStream pax, String key, byte[] value) {
      byte[] body = (" " + key + "=").getBytes(StandardCharsets.UTF_8);
      int len = body.length + value.length + 1;
      int total = len + Integer.toString(len).length();
      if (Integer.toString(total).length() != Integer.toString(len).length()) {
        total++;
      }
      pax.writeBytes(Integer.toString(total).getBytes(StandardCharsets.US_ASCII));
      pax.writeBytes(body);
      pax.writeBytes(value);
      pax.write('\n');
    }

    private void writeHeader(byte[] name, int mode, long size, char type, byte[] link) throws IOException {
      byte[] h = new byte[512];
      System.arraycopy(name, 0, h, 0, Math.min(100, name.length));
      octal(h, 100, 8, mode);
      octal(h, 108, 8, 0);
      octal(h, 116, 8, 0);
      octal(h, 124, 12, size);
      octal(h, 136, 12, MTIME);
      h[156] = (byte) type;
      System.arraycopy(link, 0, h, 157, Math.min(100, link.length));
      System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
      System.arraycopy("root".getBytes(StandardCharsets.US_ASCII), 0, h, 265, 4);
      System.arraycopy("root".getBytes(StandardCharsets.US_ASCII), 0, h, 297, 4);
      for (int i = 148; i < 156; i++) {
        h[i] = ' ';
      }
      int sum = 0;
      for (byte b : h) {
        sum += b & 0xff;
      }
      String chk = String.format("%06o", sum);
      System.arraycopy(chk.getBytes(StandardCharsets.US_ASCII), 0, h, 148, 6);
      h[154] = 0;
      h[155] = ' ';
      out.write(h);
    }

    private static void octal(byte[] h, int off, int len, long value) {
      String s = Long.toOctalString(value);
      if (s.length() > len - 1) {
        throw new IllegalArgumentException("value " + value + " does not fit a tar header field of " + len);
      }
      s = "0".repeat(len - 1 - s.length()) + s;
      System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, off, len - 1);
    }

    private void padTo(long size) throws IOException {
      int rest = (int) (size % 512);
      if (rest != 0) {
        out.write(pad, 0, 512 - rest);
      }
    }

    @Override
    public void close() throws IOException {
      out.write(new byte[1024]);
      out.close();
    }
  }
}
