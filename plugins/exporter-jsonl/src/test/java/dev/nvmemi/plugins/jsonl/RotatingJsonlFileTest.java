package dev.nvmemi.plugins.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingJsonlFileTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T00:00:00Z"));

  private RotatingJsonlFile file(long maxSize, Duration maxAge, int maxFiles) {
    return new RotatingJsonlFile(dir, "events",
        new JsonlConfig(dir, maxSize, maxAge, maxFiles, true, false, Duration.ZERO), clock);
  }

  private static String line(int n) {
    return "{\"n\":" + n + "}"; // 7 bytes + newline for one digit
  }

  @Test
  void rotatesBeforeABatchThatWouldPushTheFilePastTheSizeLimit() throws Exception {
    RotatingJsonlFile file = file(20, Duration.ofDays(1), 10);

    file.append(List.of(line(1), line(2))); // 16 bytes
    clock.advance(Duration.ofSeconds(1));
    file.append(List.of(line(3))); // would be 24 > 20: rotate first

    assertThat(file.rotatedFiles()).hasSize(1);
    assertThat(file.rotatedFiles().get(0).getFileName().toString()).isEqualTo("events-20261126T000001.000Z.jsonl");
    assertThat(JsonlFiles.lines(file.rotatedFiles().get(0))).containsExactly(line(1), line(2));
    assertThat(JsonlFiles.lines(file.activeFile())).containsExactly(line(3));
  }

  @Test
  void writesABatchLargerThanTheLimitIntoAFileOfItsOwn() throws Exception {
    RotatingJsonlFile file = file(10, Duration.ofDays(1), 10);

    file.append(List.of(line(1), line(2), line(3)));

    assertThat(file.rotatedFiles()).isEmpty();
    assertThat(JsonlFiles.lines(file.activeFile())).hasSize(3);
  }

  @Test
  void rotatesWhenTheFileIsOlderThanTheAgeLimit() throws Exception {
    RotatingJsonlFile file = file(1_000_000, Duration.ofMinutes(10), 10);
    file.append(List.of(line(1)));

    clock.advance(Duration.ofMinutes(9));
    file.append(List.of(line(2)));
    assertThat(file.rotatedFiles()).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    file.append(List.of(line(3)));
    assertThat(file.rotatedFiles()).hasSize(1);
    assertThat(JsonlFiles.lines(file.rotatedFiles().get(0))).containsExactly(line(1), line(2));
    assertThat(JsonlFiles.lines(file.activeFile())).containsExactly(line(3));
  }

  @Test
  void keepsOnlyTheNewestRotatedFiles() throws Exception {
    RotatingJsonlFile file = file(8, Duration.ofDays(1), 3);

    for (int i = 0; i < 7; i++) {
      file.append(List.of(line(i))); // each batch fills a file: every append after the first rotates
      clock.advance(Duration.ofMillis(1));
    }

    List<Path> rotated = file.rotatedFiles();
    assertThat(rotated).hasSize(3);
    assertThat(rotated.stream().map(p -> JsonlFiles.lines(p).get(0)).collect(Collectors.toList()))
        .containsExactly(line(3), line(4), line(5));
    assertThat(JsonlFiles.lines(file.activeFile())).containsExactly(line(6));
  }

  @Test
  void givesRotationsWithinTheSameMillisecondDistinctNamesInOrder() throws Exception {
    RotatingJsonlFile file = file(8, Duration.ofDays(1), 10);

    for (int i = 0; i < 4; i++) {
      file.append(List.of(line(i)));
    }

    assertThat(file.rotatedFiles().stream().map(p -> JsonlFiles.lines(p).get(0)).collect(Collectors.toList()))
        .containsExactly(line(0), line(1), line(2));
  }

  @Test
  void endsAPartialLineLeftByACrashBeforeAppending() throws Exception {
    Files.writeString(dir.resolve("events.jsonl"), line(1) + "\n{\"n\":2,\"cut", StandardCharsets.UTF_8);
    RotatingJsonlFile file = file(1_000_000, Duration.ofDays(1), 10);

    file.append(List.of(line(3)));

    assertThat(JsonlFiles.lines(file.activeFile())).containsExactly(line(1), "{\"n\":2,\"cut", line(3));
  }

  @Test
  void appendsToAFileFromAnEarlierRun() throws Exception {
    file(1_000_000, Duration.ofDays(1), 10).append(List.of(line(1)));

    file(1_000_000, Duration.ofDays(1), 10).append(List.of(line(2)));

    assertThat(JsonlFiles.lines(dir.resolve("events.jsonl"))).containsExactly(line(1), line(2));
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
