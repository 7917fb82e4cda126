package dev.nvmemi.plugins.alertmanager;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * Turns drive-health events into Prometheus Alertmanager alerts ({@code POST /api/v2/alerts}),
 * following the pairing table in {@link AlertRules}. Selected by {@code otel.logs.exporter=alertmanager}.
 *
 * <p>Threads: {@link #export} runs on the log record processor's thread; it only maps events to
 * {@link AlertChange}s and offers them to a bounded inbox, so it never blocks on the network. One
 * daemon thread, {@code alertmanager-exporter}, owns all alert state: it applies the changes, posts
 * to every configured Alertmanager (all at once, then waits for every answer, each bounded by the timeout), re-posts
 * firing alerts every resend interval, and retries failed posts with exponential backoff. While an
 * Alertmanager is unreachable its resolutions wait in a bounded queue and the firing set is simply
 * re-posted when it answers again, so an outage loses nothing unless more resolutions pile up than
 * the queue holds.
 */
public final class AlertmanagerLogRecordExporter implements LogRecordExporter {
  private static final Logger LOG = Logger.getLogger(AlertmanagerLogRecordExporter.class.getName());
  /** Wakes the sender without carrying a change. */
  private static final Object WAKE = new Object();

  private final AlertmanagerConfig config;
  private final Clock clock;
  private final HttpClient http;
  private final List<String> headers;
  private final BlockingQueue<Object> inbox;
  private final ConcurrentLinkedQueue<CompletableResultCode> flushes = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean shutdown = new AtomicBoolean();
  private final CompletableResultCode terminated = new CompletableResultCode();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong droppedChanges = new AtomicLong();
  /** For the inbox-full warning; each Alertmanager has its own, so one being down is not hidden by another. */
  private final RateLimitedLog errorLog;
  private final Map<AlertmanagerTarget, RateLimitedLog> targetLogs = new IdentityHashMap<>();
  private final Thread sender;

  // Sender-thread state.
  private final AlertBook book = new AlertBook();
  private final List<AlertmanagerTarget> targets = new ArrayList<>();
  private volatile int firingCount;
  private volatile int pendingCount;
  private volatile long droppedResolutions;

  private AlertmanagerLogRecordExporter(AlertmanagerConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.timeout());
    SSLContext ssl = TlsContexts.create(config);
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    this.http = builder.build();
    this.headers = headers(config);
    try {
      // HttpClient refuses some names (Host, Connection, …) only when a request is built: find out now.
      HttpRequest.Builder probe = HttpRequest.newBuilder(config.alertsUris().get(0));
      for (int i = 0; i < headers.size(); i += 2) {
        probe.header(headers.get(i), headers.get(i + 1));
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(AlertmanagerConfig.HEADERS + ": " + config.headers().keySet() + " ("
          + e.getMessage() + "; expected: headers HttpClient may set)", e);
    }
    this.inbox = new ArrayBlockingQueue<>(config.queueSize());
    for (var uri : config.alertsUris()) {
      targets.add(new AlertmanagerTarget(uri, config.queueSize(), config.initialBackoff(), config.maxBackoff()));
    }
    this.errorLog = new RateLimitedLog(LOG, clock, config.errorLogInterval());
    this.sender = new Thread(this::run, "alertmanager-exporter");
    sender.setDaemon(true);
    sender.start();
  }

  /** An exporter posting to the configured Alertmanagers; starts its sender thread. */
  public static AlertmanagerLogRecordExporter create(AlertmanagerConfig config) {
    return new AlertmanagerLogRecordExporter(config, Clock.systemUTC());
  }

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    if (shutdown.get()) {
      return CompletableResultCode.ofFailure();
    }
    boolean complete = true;
    for (LogRecordData log : logs) {
      for (AlertChange change : AlertRules.changes(DriveEvent.of(log))) {
        if (!inbox.offer(change)) {
          droppedChanges.incrementAndGet();
          complete = false;
        }
      }
    }
    if (!complete) {
      errorLog.failure("Alertmanager exporter inbox full (" + config.queueSize() + " changes); dropped "
          + droppedChanges.get() + " alert changes so far", null);
    }
    return complete ? CompletableResultCode.ofSuccess() : CompletableResultCode.ofFailure();
  }

  /**
   * Processes every change exported so far and tries to deliver it to every Alertmanager now,
   * ignoring backoff; succeeds when all of them are up to date.
   */
  @Override
  public CompletableResultCode flush() {
    if (shutdown.get()) {
      return CompletableResultCode.ofSuccess();
    }
    CompletableResultCode result = new CompletableResultCode();
    flushes.add(result);
    inbox.offer(WAKE);
    return result;
  }

  /**
   * Makes a last delivery attempt and stops the sender thread. Firing alerts are not resolved: the
   * drives are no healthier because the agent stops; Alertmanager lets them expire after
   * {@code alert.ttl} unless a new agent re-reports them. Idempotent.
   */
  @Override
  public CompletableResultCode shutdown() {
    if (!shutdown.compareAndSet(false, true)) {
      LOG.log(Level.INFO, "Calling shutdown() multiple times.");
      return terminated;
    }
    inbox.offer(WAKE);
    sender.interrupt();
    return terminated;
  }

  /** Counters since creation. */
  public AlertmanagerExporterStats stats() {
    return new AlertmanagerExporterStats(delivered.get(), failed.get(), rejected.get(), droppedChanges.get(),
        droppedResolutions, firingCount, pendingCount);
  }

  @Override
  public String toString() {
    return "AlertmanagerLogRecordExporter{" + config + "}";
  }

  // ---------------------------------------------------------------------------- sender thread

  private void run() {
    try {
      while (!shutdown.get()) {
        Object item;
        try {
          item = inbox.poll(waitNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          if (shutdown.get()) {
            break;
          }
          continue;
        }
        if (item != null) {
          take(item);
        }
        drainInbox();
        Instant now = clock.instant();
        boolean anyFiring = book.size() > 0;
        List<AlertmanagerTarget> due = new ArrayList<>(targets.size());
        for (AlertmanagerTarget target : targets) {
          if (target.due(now, anyFiring, config.resendInterval()) && !shutdown.get()) {
            due.add(target);
          }
        }
        postAll(due);
        completeFlushes();
        publishCounts();
      }
      // Shutdown: deliver what is known once more, without waiting for backoff.
      Thread.interrupted();
      drainInbox();
      boolean ok = deliverNow();
      completeFlushes();
      publishCounts();
      // The counts are published before shutdown's result completes, for the same reason.
      if (ok) {
        terminated.succeed();
      } else {
        terminated.fail();
      }
    } catch (RuntimeException | Error e) {
      LOG.log(Level.SEVERE, "Alertmanager exporter stopped by an unexpected error", e);
      terminated.fail();
      throw e;
    } finally {
      CompletableResultCode pendingFlush;
      while ((pendingFlush = flushes.poll()) != null) {
        pendingFlush.fail();
      }
    }
  }

  private void drainInbox() {
    Object item;
    while ((item = inbox.poll()) != null) {
      take(item);
    }
  }

  private void take(Object item) {
    if (item == WAKE) {
      return;
    }
    for (AlertBook.Resolved r : book.apply((AlertChange) item)) {
      for (AlertmanagerTarget target : targets) {
        target.enqueue(r);
      }
    }
    for (AlertmanagerTarget target : targets) {
      target.markDirty();
    }
  }

  private void completeFlushes() {
    if (flushes.isEmpty()) {
      return;
    }
    // Changes exported before flush() was called are in the inbox by now: take them first.
    drainInbox();
    boolean ok = deliverNow();
    publishCounts(); // before completing, so a caller reading stats() after the flush sees them
    CompletableResultCode result;
    while ((result = flushes.poll()) != null) {
      if (ok) {
        result.succeed();
      } else {
        result.fail();
      }
    }
  }

  /** One immediate attempt for every target with work; true if all are up to date afterwards. */
  private boolean deliverNow() {
    boolean ok = true;
    Instant now = clock.instant();
    boolean anyFiring = book.size() > 0;
    List<AlertmanagerTarget> withWork = new ArrayList<>(targets.size());
    for (AlertmanagerTarget target : targets) {
      if (target.hasWork(now, anyFiring, config.resendInterval())) {
        withWork.add(target);
      }
    }
    postAll(withWork);
    for (AlertmanagerTarget target : targets) {
      ok &= target.upToDate();
    }
    return ok;
  }

  private long waitNanos() {
    Instant now = clock.instant();
    Instant next = null;
    boolean anyFiring = book.size() > 0;
    for (AlertmanagerTarget target : targets) {
      Instant wake = target.nextWake(now, anyFiring, config.resendInterval());
      if (wake != null && (next == null || wake.isBefore(next))) {
        next = wake;
      }
    }
    if (next == null) {
      return TimeUnit.HOURS.toNanos(1);
    }
    long nanos = Duration.between(now, next).toNanos();
    return Math.max(nanos, 0);
  }

  private void publishCounts() {
    firingCount = book.size();
    int pending = 0;
    long dropped = 0;
    for (AlertmanagerTarget target : targets) {
      pending += target.pendingCount();
      dropped += target.droppedResolutions();
    }
    pendingCount = pending;
    droppedResolutions = dropped;
  }

  /** One post in flight. */
  private record Attempt(AlertmanagerTarget target, Instant at, int resolvedCount,
      CompletableFuture<HttpResponse<String>> response) {}

  /**
   * Posts to all {@code due} Alertmanagers at once (so a hanging one delays the others by nothing)
   * and waits for every answer, each bounded by the timeout; the outcomes are applied here, on the
   * sender thread, which owns the delivery state.
   */
  private void postAll(List<AlertmanagerTarget> due) {
    if (due.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    List<Attempt> attempts = new ArrayList<>(due.size());
    for (AlertmanagerTarget target : due) {
      List<AlertBook.Resolved> resolved = target.pendingSnapshot();
      String body = AlertPayload.json(book.firing(), resolved, now, config.alertTtl());
      HttpRequest.Builder request = HttpRequest.newBuilder(target.uri)
          .timeout(config.timeout())
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      for (int i = 0; i < headers.size(); i += 2) {
        request.header(headers.get(i), headers.get(i + 1));
      }
      attempts.add(new Attempt(target, now, resolved.size(),
          http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())));
    }
    boolean interrupted = false;
    for (Attempt attempt : attempts) {
      if (interrupted) {
        // Shutdown: do not wait for the rest; the final delivery attempt follows.
        attempt.response().cancel(true);
        attempt.target().failed(attempt.at());
        failed.incrementAndGet();
        continue;
      }
      try {
        outcome(attempt, attempt.response().get());
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        retry(attempt.target(), attempt.at(), cause.toString(), cause);
      } catch (InterruptedException e) {
        interrupted = true;
        attempt.response().cancel(true);
        attempt.target().failed(attempt.at());
        failed.incrementAndGet();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void outcome(Attempt attempt, HttpResponse<String> response) {
    AlertmanagerTarget target = attempt.target();
    int status = response.statusCode();
    if (status / 100 == 2) {
      target.delivered(attempt.at(), attempt.resolvedCount());
      delivered.incrementAndGet();
      log(target).success("Alertmanager " + target.uri + " accepts alerts again");
    } else if (status / 100 == 4 && status != 408 && status != 429) {
      // The payload itself is refused: sending it again would be refused again.
      target.delivered(attempt.at(), attempt.resolvedCount());
      rejected.incrementAndGet();
      LOG.log(Level.SEVERE, "Alertmanager " + target.uri + " rejected " + (book.size() + attempt.resolvedCount())
          + " alerts: HTTP " + status + " " + abbreviate(response.body()) + " (expected: 2xx); not retried");
    } else {
      retry(target, attempt.at(), "HTTP " + status + " " + abbreviate(response.body()), null);
    }
  }

  private RateLimitedLog log(AlertmanagerTarget target) {
    return targetLogs.computeIfAbsent(target, t -> new RateLimitedLog(LOG, clock, config.errorLogInterval()));
  }

  private void retry(AlertmanagerTarget target, Instant now, String reason, Throwable cause) {
    target.failed(now);
    failed.incrementAndGet();
    log(target).failure("Alertmanager " + target.uri + " unreachable (" + reason + "); " + book.size()
        + " firing alerts and " + target.pendingCount() + " resolutions kept, retry at " + target.nextAttempt(),
        cause);
  }

  private static String abbreviate(String s) {
    String t = s == null ? "" : s.trim();
    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
  }

  private static List<String> headers(AlertmanagerConfig config) {
    List<String> h = new ArrayList<>();
    for (Map.Entry<String, String> e : config.headers().entrySet()) {
      h.add(e.getKey());
      h.add(e.getValue());
    }
    if (config.basicUsername() != null) {
      h.add("Authorization");
      h.add("Basic " + Base64.getEncoder().encodeToString(
          (config.basicUsername() + ":" + config.basicPassword()).getBytes(StandardCharsets.UTF_8)));
    } else if (config.bearerToken() != null) {
      h.add("Authorization");
      h.add("Bearer " + config.bearerToken());
    }
    return List.copyOf(h);
  }
}
