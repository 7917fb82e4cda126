package dev.nvmemi.agent.cli;

import dev.nvmemi.agent.AgentVerticle;
import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigException;
import dev.nvmemi.agent.config.ListenException;
import dev.nvmemi.agent.discovery.EndpointSource;
import dev.nvmemi.agent.discovery.MctpDiscoverySource;
import dev.nvmemi.agent.export.OtelSetup;
import dev.nvmemi.agent.telemetry.AgentTelemetry;
import dev.nvmemi.agent.telemetry.TelemetryContract;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code run} (the default command): deploys the {@link AgentVerticle} with an OpenTelemetry SDK
 * built by autoconfigure, prints where its metrics and status are, and runs until SIGTERM/SIGINT;
 * then it stops polling, flushes the exporters within 5 s and exits 0.
 *
 * <p>The main thread waits; the agent runs on a Vert.x event loop; the shutdown hook thread stops
 * it.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Discover endpoints, poll them and export metrics and events (the default command).")
public final class RunCommand implements java.util.concurrent.Callable<Integer> {
  private static final Logger LOG = Logger.getLogger(RunCommand.class.getName());
  /** Exit status when a server cannot bind its address or the agent otherwise fails to start. */
  public static final int EXIT_STARTUP = 1;
  private static final Set<String> TOP_LEVEL = Set.of("-h", "--help", "-V", "--version");

  @Mixin
  AgentOptions options;

  @Spec
  CommandSpec spec;

  /** {@code run} when no subcommand is given: {@code nvme-mi-agent --simulate=8} = {@code run --simulate=8}. */
  public static String[] defaulted(String[] args, Set<String> subcommands) {
    if (args.length == 0) {
      return new String[] {"run"};
    }
    if (subcommands.contains(args[0]) || TOP_LEVEL.contains(args[0])) {
      return args;
    }
    String[] out = new String[args.length + 1];
    out[0] = "run";
    System.arraycopy(args, 0, out, 1, args.length);
    return out;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    AgentConfig config;
    OtelSetup.Result otel;
    EndpointSource source;
    try {
      config = options.load(System.getenv());
      otel = OtelSetup.create(config);
      source = MctpDiscoverySource.forService(config);
    } catch (ConfigException e) {
      err.println("nvme-mi-agent: " + e.getMessage());
      return AgentMain.EXIT_USAGE;
    } catch (ListenException e) {
      err.println("nvme-mi-agent: start-up failed: " + e.getMessage());
      return EXIT_STARTUP;
    }
    OpenTelemetrySdk sdk = otel.sdk();
    sdk.getMeter(AgentTelemetry.SCOPE).counterBuilder(TelemetryContract.MI_EXPORT_DROPPED.name())
        .setUnit(TelemetryContract.MI_EXPORT_DROPPED.unit())
        .setDescription(TelemetryContract.MI_EXPORT_DROPPED.description())
        .buildWithCallback(m -> {
          m.record(otel.failures().metricsDropped(), Attributes.of(AttributeKey.stringKey(TelemetryContract.SIGNAL), "metrics"));
          m.record(otel.failures().logsDropped(), Attributes.of(AttributeKey.stringKey(TelemetryContract.SIGNAL), "logs"));
        });
    Vertx vertx = Vertx.vertx();
    AgentVerticle agent = new AgentVerticle(config, sdk, source);
    String deployment;
    try {
      deployment = vertx.deployVerticle(agent).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
      err.println("nvme-mi-agent: start-up failed: " + cause.getMessage());
      sdk.shutdown().join(5, TimeUnit.SECONDS);
      vertx.close();
      return EXIT_STARTUP;
    }
    out.println("nvme-mi-agent: polling endpoints from " + source.name()
        + (config.discovery().mode() == AgentConfig.DiscoveryMode.SIMULATE
            ? " (" + config.simulate().drives() + " simulated drives)" : ""));
    if (agent.httpPort() > 0) {
      String base = "http://" + config.http().host() + ":" + agent.httpPort();
      out.println("nvme-mi-agent: status " + base + "/status, health " + base + "/healthz, readiness " + base + "/readyz");
    }
    String metricsExporters = effective("otel.metrics.exporter", config);
    if (Arrays.asList(metricsExporters.split("\\s*,\\s*")).contains("prometheus")) {
      out.println("nvme-mi-agent: metrics http://" + effective("otel.exporter.prometheus.host", config) + ":"
          + effective("otel.exporter.prometheus.port", config) + "/metrics (prometheus)");
    }
    out.println("nvme-mi-agent: metrics exporters [" + metricsExporters + "], event exporters ["
        + effective("otel.logs.exporter", config) + "]");
    out.flush();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      shutdown(vertx, deployment, sdk);
      stopped.countDown();
      // SIGTERM is a normal stop: report success (the JVM would otherwise exit 143)
      Runtime.getRuntime().halt(0);
    }, "nvme-mi-agent-shutdown"));
    stopped.await();
    return 0;
  }

  /** Stops polling, then flushes and shuts the exporters down within 5 s. */
  static void shutdown(Vertx vertx, String deployment, OpenTelemetrySdk sdk) {
    try {
      vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "stopping the agent: " + e.getMessage(), e);
    }
    var flushed = sdk.shutdown().join(5, TimeUnit.SECONDS);
    if (!flushed.isSuccess()) {
      LOG.warning("exporters did not flush within 5 s; remaining telemetry dropped");
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.log(Level.FINE, "closing Vert.x: " + e.getMessage(), e);
    }
  }

  /** The value autoconfigure sees: system property, OTEL_* environment, config, agent default. */
  static String effective(String key, AgentConfig config) {
    return OtelSetup.effective(key, config);
  }
}
