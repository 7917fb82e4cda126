package dev.nvmemi.plugins.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertBookTest {
  private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");
  private static final Duration RESEND = Duration.ofMinutes(1);

  private static Alert alert(String severity, Instant startsAt) {
    return new Alert(Map.of("alertname", "nvme.drive.health.change", "hw_id", "nvme-1-9", "severity", severity),
        Map.of("summary", "s"), startsAt);
  }

  @Test
  void aResolutionEndsTheFiringAlertWithTheSameLabels() {
    AlertBook book = new AlertBook();
    book.apply(new AlertChange.Fire("k", alert("warning", T0)));

    List<AlertBook.Resolved> resolved = book.apply(new AlertChange.Resolve("k", T0.plusSeconds(30)));

    assertThat(resolved).containsExactly(new AlertBook.Resolved(alert("warning", T0), T0.plusSeconds(30)));
    assertThat(book.size()).isZero();
  }

  @Test
  void aResolutionOfAnAlertNotFiringChangesNothing() {
    assertThat(new AlertBook().apply(new AlertChange.Resolve("k", T0))).isEmpty();
  }

  @Test
  void aNewSeverityResolvesTheOldAlertAndFiresTheNewOne() {
    AlertBook book = new AlertBook();
    book.apply(new AlertChange.Fire("k", alert("warning", T0)));

    List<AlertBook.Resolved> resolved = book.apply(new AlertChange.Fire("k", alert("critical", T0.plusSeconds(5))));

    assertThat(resolved).containsExactly(new AlertBook.Resolved(alert("warning", T0), T0.plusSeconds(5)));
    assertThat(book.firing()).containsExactly(alert("critical", T0.plusSeconds(5)));
  }

  @Test
  void aRepeatedFiringKeepsTheOriginalStartTime() {
    AlertBook book = new AlertBook();
    book.apply(new AlertChange.Fire("k", alert("warning", T0)));

    assertThat(book.apply(new AlertChange.Fire("k", alert("warning", T0.plusSeconds(60))))).isEmpty();
    assertThat(book.firing()).containsExactly(alert("warning", T0));
  }

  @Test
  void firingAlertsArePostedWithEndsAtOneTtlAheadAndResolvedOnesWithTheirEnd() throws Exception {
    String json = AlertPayload.json(List.of(alert("warning", T0)),
        List.of(new AlertBook.Resolved(alert("critical", T0), T0.plusSeconds(1))), T0.plusSeconds(10),
        Duration.ofMinutes(4));

    JsonNode array = new ObjectMapper().readTree(json);
    assertThat(array).hasSize(2);
    assertThat(array.get(0).get("labels").get("severity").asText()).isEqualTo("warning");
    assertThat(array.get(0).get("startsAt").asText()).isEqualTo("2026-11-26T00:00:00Z");
    assertThat(array.get(0).get("endsAt").asText()).isEqualTo("2026-11-26T00:04:10Z");
    assertThat(array.get(1).get("endsAt").asText()).isEqualTo("2026-11-26T00:00:01Z");
    assertThat(array.get(1).get("annotations").get("summary").asText()).isEqualTo("s");
  }

  @Test
  void aTargetIsDueAgainOneResendIntervalAfterItsLastDelivery() {
    AlertmanagerTarget target = new AlertmanagerTarget(URI.create("http://am/api/v2/alerts"), 10,
        Duration.ofSeconds(1), Duration.ofSeconds(30));
    target.markDirty();
    assertThat(target.due(T0, true, RESEND)).isTrue();

    target.delivered(T0, 0);

    assertThat(target.due(T0.plusSeconds(59), true, RESEND)).isFalse();
    assertThat(target.nextWake(T0.plusSeconds(59), true, RESEND)).isEqualTo(T0.plusSeconds(60));
    assertThat(target.due(T0.plusSeconds(60), true, RESEND)).isTrue();
    assertThat(target.due(T0.plusSeconds(60), false, RESEND)).as("nothing firing: nothing to re-post").isFalse();
  }

  @Test
  void failedPostsBackOffExponentiallyUpToTheMaximum() {
    AlertmanagerTarget target = new AlertmanagerTarget(URI.create("http://am/api/v2/alerts"), 10,
        Duration.ofSeconds(1), Duration.ofSeconds(3));
    target.markDirty();
    Instant now = T0;
    long[] expectedWaits = {1, 2, 3, 3};
    for (long wait : expectedWaits) {
      target.failed(now);
      assertThat(target.nextAttempt()).isEqualTo(now.plusSeconds(wait));
      assertThat(target.due(now.plusSeconds(wait).minusMillis(1), true, RESEND)).isFalse();
      now = now.plusSeconds(wait);
      assertThat(target.due(now, true, RESEND)).isTrue();
    }
    target.delivered(now, 0);
    target.markDirty();
    target.failed(now);
    assertThat(target.nextAttempt()).as("backoff reset by a delivery").isEqualTo(now.plusSeconds(1));
  }

  @Test
  void aFullResolutionQueueDropsTheOldestAndCountsIt() {
    AlertmanagerTarget target = new AlertmanagerTarget(URI.create("http://am/api/v2/alerts"), 2,
        Duration.ofSeconds(1), Duration.ofSeconds(3));
    for (int i = 0; i < 3; i++) {
      target.enqueue(new AlertBook.Resolved(alert("warning", T0), T0.plusSeconds(i)));
    }

    assertThat(target.droppedResolutions()).isEqualTo(1);
    assertThat(target.pendingSnapshot()).extracting(AlertBook.Resolved::endsAt)
        .containsExactly(T0.plusSeconds(1), T0.plusSeconds(2));
  }

  @Test
  void aDeliveryRemovesOnlyTheResolutionsItCarried() {
    AlertmanagerTarget target = new AlertmanagerTarget(URI.create("http://am/api/v2/alerts"), 10,
        Duration.ofSeconds(1), Duration.ofSeconds(3));
    target.enqueue(new AlertBook.Resolved(alert("warning", T0), T0));
    int carried = target.pendingSnapshot().size();
    target.enqueue(new AlertBook.Resolved(alert("critical", T0), T0.plusSeconds(1))); // arrived during the post

    target.delivered(T0, carried);

    assertThat(target.pendingSnapshot()).extracting(AlertBook.Resolved::endsAt).containsExactly(T0.plusSeconds(1));
    assertThat(target.upToDate()).isFalse();
  }
}
