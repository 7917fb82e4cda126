package dev.nvmemi.plugins.jsonl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One signal's JSON-lines file: {@code <base>.jsonl} is appended to; when it would grow past the
 * size limit or is older than the age limit it is renamed to {@code <base>-<UTC time>.jsonl} and
 * only the newest {@code maxFiles} renamed files are kept.
 *
 * <p>Each {@link #append} writes the whole batch with one positional write loop and, when
 * configured, forces it to the device; if the write fails half-way (disk full) the file is
 * truncated back to where the batch started, so a failed batch leaves no partial line behind.
 * A file left with a partial last line by a crash is terminated with a newline before the first
 * new line is appended, so the damage stays confined to that one line.
 *
 * <p>Thread-safe: all methods synchronize on this object; called from the exporter threads.
 */
final class RotatingJsonlFile implements AutoCloseable {
  static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r-----");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Path directory;
  private final String base;
  private final long maxSize;
  private final Duration maxAge;
  private final int maxFiles;
  private final boolean fsync;
  private final Clock clock;

  private FileChannel channel;
  private long size;
  private Instant openedAt;

  RotatingJsonlFile(Path directory, String base, JsonlConfig config, Clock clock) {
    this.directory = directory;
    this.base = base;
    this.maxSize = config.maxFileSize();
    this.maxAge = config.maxFileAge();
    this.maxFiles = config.maxFiles();
    this.fsync = config.fsync();
    this.clock = clock;
  }

  /** The active file's path. */
  Path activeFile() {
    return directory.resolve(base + ".jsonl");
  }

  /**
   * Appends {@code lines}, each followed by a newline, rotating first if needed.
   *
   * @throws IOException when the directory or file cannot be created or written; nothing of this
   *     batch is left in the file then, and the next call starts by reopening the file
   */
  synchronized void append(List<String> lines) throws IOException {
    if (lines.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      sb.append(line).append('\n');
    }
    byte[] data = sb.toString().getBytes(StandardCharsets.UTF_8);
    ensureOpen();
    if (size > 0 && (size + data.length > maxSize || !clock.instant().isBefore(openedAt.plus(maxAge)))) {
      rotate();
      ensureOpen();
    }
    long start = size;
    try {
      ByteBuffer buffer = ByteBuffer.wrap(data);
      long position = start;
      while (buffer.hasRemaining()) {
        position += channel.write(buffer, position);
      }
      if (fsync) {
        channel.force(false);
      }
      size = position;
    } catch (IOException e) {
      discardPartialBatch(start);
      throw e;
    }
  }

  /** Forces written data to the device (a no-op when no file is open). */
  synchronized void force() throws IOException {
    if (channel != null) {
      channel.force(false);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    FileChannel c = channel;
    channel = null;
    if (c != null) {
      c.close();
    }
  }

  private void ensureOpen() throws IOException {
    if (channel != null) {
      return;
    }
    Files.createDirectories(directory);
    Path file = activeFile();
    boolean created = false;
    FileChannel c;
    try {
      c = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
          StandardOpenOption.WRITE), mode());
      created = true;
    } catch (FileAlreadyExistsException e) {
      c = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
    try {
      if (created) {
        // The umask may have taken bits away from the requested mode; make it exactly 0640.
        Files.setPosixFilePermissions(file, FILE_MODE);
        openedAt = clock.instant();
      } else {
        openedAt = existingFileStart(file);
      }
      long length = c.size();
      if (length > 0 && !endsWithNewline(c, length)) {
        // A crash cut the last line short: end it here so the next line starts cleanly.
        length += c.write(ByteBuffer.wrap(new byte[] {'\n'}), length);
      }
      size = length;
      channel = c;
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private Instant existingFileStart(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      Instant created = attributes.creationTime().toInstant();
      return created.isAfter(clock.instant()) ? clock.instant() : created;
    } catch (IOException e) {
      return clock.instant();
    }
  }

  private static boolean endsWithNewline(FileChannel c, long length) throws IOException {
    ByteBuffer last = ByteBuffer.allocate(1);
    return c.read(last, length - 1) == 1 && last.get(0) == '\n';
  }

  private void discardPartialBatch(long start) {
    FileChannel c = channel;
    channel = null;
    try {
      c.truncate(start);
    } catch (IOException | RuntimeException e) {
      // Best effort; the newline repair on reopen still confines a partial line to itself.
    }
    try {
      c.close();
    } catch (IOException e) {
      // Already failing; the caller reports the original error.
    }
  }

  private void rotate() throws IOException {
    close();
    Path active = activeFile();
    String stamp = STAMP.format(clock.instant());
    Path target = directory.resolve(base + "-" + stamp + ".jsonl");
    for (int n = 1; Files.exists(target); n++) {
      target = directory.resolve(String.format("%s-%s_%03d.jsonl", base, stamp, n));
    }
    Files.move(active, target, StandardCopyOption.ATOMIC_MOVE);
    prune();
  }

  /** Deletes the oldest rotated files beyond {@code maxFiles}; names sort by rotation time. */
  private void prune() throws IOException {
    List<Path> rotated = rotatedFiles();
    for (int i = 0; i < rotated.size() - maxFiles; i++) {
      Files.deleteIfExists(rotated.get(i));
    }
  }

  /** The rotated files of this signal, oldest first. */
  List<Path> rotatedFiles() throws IOException {
    List<Path> rotated = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, base + "-*.jsonl")) {
      for (Path p : stream) {
        rotated.add(p);
      }
    }
    rotated.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    return rotated;
  }

  private static FileAttribute<Set<PosixFilePermission>> mode() {
    return PosixFilePermissions.asFileAttribute(FILE_MODE);
  }
}
