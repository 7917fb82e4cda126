package dev.nvmemi.agent.cli;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigException;
import dev.nvmemi.agent.discovery.EndpointSource;
import dev.nvmemi.agent.discovery.MctpDiscoverySource;
import dev.nvmemi.agent.http.SnapshotJson;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.transport.discovery.BusEndpoint;
import dev.nvmemi.agent.poll.EndpointSession;
import dev.nvmemi.agent.poll.EndpointState;
import dev.nvmemi.agent.pipeline.AgentPipeline;
import dev.nvmemi.agent.poll.Fleet;
import dev.nvmemi.agent.time.Timers;
import dev.nvmemi.agent.time.VertxTimers;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code once}: discovers the endpoints, identifies and polls each one once (subsystem health,
 * controller health, SMART, the error log when it has entries; every command whatever the others
 * answered) and prints one JSON document {@code {"endpoints": [...]}} in which each endpoint lists
 * every command that failed ({@code failures}: timeouts, transport errors, error status answers);
 * with {@code --format table} it prints the drives as {@code status} does ({@link DriveTable}).
 * Exit status 0 only if every endpoint answered every command and every drive is ok
 * ({@link DriveRow#ok}); 1 if a command failed, an endpoint did not answer, a drive is not ok or
 * none was found; 2 for a configuration error.
 *
 * <p>The main thread waits; polling runs on a Vert.x event loop through the same pipeline
 * ({@link AgentPipeline}: sessions, bus scheduler, clients) as {@code run}.
 */
@Command(name = "once", mixinStandardHelpOptions = true,
    description = "Poll every endpoint once and print one JSON document (or a table with --format table).")
public final class OnceCommand implements java.util.concurrent.Callable<Integer> {
  @Mixin
  AgentOptions options;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
      description = "Give up on endpoints that have not answered after this long (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "1s",
      description = "How long discovery must report no new endpoint before polling is awaited (default: ${DEFAULT-VALUE}).")
  String settle;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
      description = "json (default: one JSON document) or table (the drives as `status` shows them).")
  Format format;

  /** What {@code once} prints. */
  enum Format { json, table }

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    AgentConfig config;
    EndpointSource source;
    Duration limit;
    Duration quiet;
    try {
      limit = dev.nvmemi.agent.config.ConfigKeys.parseDuration(timeout);
      quiet = dev.nvmemi.agent.config.ConfigKeys.parseDuration(settle);
      config = options.load(System.getenv());
      source = MctpDiscoverySource.forConfig(config);
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("nvme-mi-agent once: " + e.getMessage());
      return AgentMain.EXIT_USAGE;
    }
    Vertx vertx = Vertx.vertx();
    try {
      List<Result> results = poll(vertx, config, source, limit, quiet);
      JsonArray endpoints = new JsonArray();
      long now = System.nanoTime();
      long epoch = System.currentTimeMillis() * 1_000_000L;
      results.stream().sorted(Comparator.comparingLong((Result r) -> r.snapshot().key().network())
          .thenComparingInt(r -> r.snapshot().key().eid())).forEach(r -> {
            JsonObject o = SnapshotJson.endpoint(r.snapshot(), now, epoch, DriveSnapshot.Freshness.ALWAYS);
            if (!r.complete()) {
              o.put("error", "timeout");
            }
            endpoints.add(o);
          });
      List<DriveRow> drives = new ArrayList<>();
      for (int i = 0; i < endpoints.size(); i++) {
        drives.add(DriveRow.fromStatus(endpoints.getJsonObject(i)));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (format == Format.table) {
        out.print(DriveTable.render(drives, DriveTable.colour(System.getenv(), System.console() != null)));
      } else {
        out.println(new JsonObject().put("endpoints", endpoints).encodePrettily());
      }
      out.flush();
      if (results.isEmpty()) {
        err.println("nvme-mi-agent once: no endpoints found by " + source.name());
        return 1;
      }
      boolean allAnswered = results.stream().allMatch(r -> r.complete() && r.snapshot().identity() != null
          && r.snapshot().failures().isEmpty() && r.snapshot().state() == EndpointState.ACTIVE);
      return allAnswered && drives.stream().allMatch(DriveRow::ok) ? 0 : 1;
    } finally {
      source.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  /** One endpoint's outcome: its final snapshot, and whether its run ended before the time limit. */
  record Result(DriveSnapshot snapshot, boolean complete) {}

  static List<Result> poll(Vertx vertx, AgentConfig config, EndpointSource source, Duration limit,
      Duration quiet) throws Exception {
    Context context = vertx.getOrCreateContext();
    CompletableFuture<List<Result>> done = new CompletableFuture<>();
    CompletableFuture<AgentPipeline> pipelineOut = new CompletableFuture<>();
    context.runOnContext(v -> {
      Timers timers = new VertxTimers(vertx, context);
      AgentPipeline pipeline = AgentPipeline.builder(config).timers(timers).source(source).oneShot(true).build();
      pipelineOut.complete(pipeline);
      Fleet fleet = pipeline.fleet();
      pipeline.start().whenComplete((ok, failure) -> timers.execute(() -> {
        if (failure != null) {
          done.completeExceptionally(failure);
          return;
        }
        awaitSettled(timers, fleet, -1, quiet.toNanos(), done);
      }));
      timers.schedule(limit.toNanos(), () -> {
        // time is up: report what is known, unfinished endpoints with error "timeout"
        List<Result> out = new ArrayList<>();
        for (EndpointSession s : fleet.sessions()) {
          boolean finished = s.onceResult().toCompletableFuture().isDone();
          out.add(new Result(finished ? s.onceResult().toCompletableFuture().join() : s.snapshot(), finished));
        }
        fleet.stop();
        done.complete(out);
      });
    });
    try {
      return done.get(limit.toMillis() + 10_000, TimeUnit.MILLISECONDS);
    } finally {
      // release sockets and I/O threads on the agent context; exchanges in flight fail with CLOSED
      AgentPipeline pipeline = pipelineOut.getNow(null);
      if (pipeline != null) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        context.runOnContext(v -> {
          try {
            pipeline.close();
          } finally {
            closed.complete(null);
          }
        });
        closed.get(5, TimeUnit.SECONDS);
      }
    }
  }

  /** Waits until discovery has been quiet for {@code quietNanos}, then for every session's result. */
  private static void awaitSettled(Timers timers, Fleet fleet, int lastCount, long quietNanos,
      CompletableFuture<List<Result>> done) {
    int count = fleet.sessions().size();
    if (count != lastCount) {
      timers.schedule(quietNanos, () -> awaitSettled(timers, fleet, count, quietNanos, done));
      return;
    }
    fleet.onceResults().whenComplete((r, e) -> {
      fleet.stop();
      if (e != null) {
        done.completeExceptionally(e);
      } else {
        done.complete(r.stream().map(x -> new Result(x, true)).toList());
      }
    });
  }
}
